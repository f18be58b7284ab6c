"""Stage 3, sentences: sentence and paragraph spans of the working copy.

SPEC §5: a sentence runs to and including the next 。！？ (`,` `;` do not end
it); a paragraph ends at 。 followed by a line break.

A sentence or paragraph is cut to REACH characters either side of the offset
asked about. None in the corpus comes near (the longest sentence is 263
characters, the longest paragraph 341), but a table flattened by layout
removal or a file with no punctuation is one endless sentence: uncut, every
figure in it would read all of it, and the document would take quadratic time.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from .normalize import HEADING

# A table row (cells joined by tabs) ends its sentence and paragraph too.
# The row is looked back on from its \n only: a look back from every
# position would read each line once per character, quadratic in its length.
# So does a numbered heading's line (三、快递业务), kept by `normalize`.
_SENTENCE_END = regex.compile(r"[。!?]+|\n(?<=\t[^\n]*\n)|\n(?<=" + HEADING + ")")
_PARAGRAPH_END = regex.compile(r"[。!?]\n|\n(?<=\t[^\n]*\n)|\n(?<=" + HEADING + ")")
SENTENCE_REACH = 400
PARAGRAPH_REACH = 2000


@dataclass(frozen=True)
class Layout:
    sentence_starts: tuple[int, ...]
    paragraph_starts: tuple[int, ...]
    length: int

    def sentence(self, offset: int) -> tuple[int, int]:
        return _enclosing(self.sentence_starts, offset, self.length, SENTENCE_REACH)

    def paragraph(self, offset: int) -> tuple[int, int]:
        return _enclosing(self.paragraph_starts, offset, self.length, PARAGRAPH_REACH)


def _enclosing(starts: tuple[int, ...], offset: int, length: int, reach: int) -> tuple[int, int]:
    i = bisect_right(starts, offset) - 1
    end = starts[i + 1] if i + 1 < len(starts) else length
    return max(starts[i], offset - reach), min(end, offset + reach)


def layout(text: str) -> Layout:
    sentences = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)]
    paragraphs = [0] + [m.end() for m in _PARAGRAPH_END.finditer(text) if m.end() < len(text)]
    return Layout(tuple(sentences), tuple(paragraphs), len(text))
