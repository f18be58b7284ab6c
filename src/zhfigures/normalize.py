"""Stage 2, normalize: a working copy of the text with a map back to it.

The working copy has full-width ASCII (`６０`, `％`, `，`) turned half-width
and page-layout breaks (`完成率\\n\\n260%`, `接受康\\n\\n复`) and stray spaces
removed, and alphanumeric runs too long to be a figure masked. Replacements are
one character for one, so only deletions move offsets; like quantulum3's
`shifts`, the map records where they happen and `to_original` turns any
working offset back into an offset of the text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import regex

from .numbers import CN_DIGITS, CN_UNITS

# Full-width forms FF01–FF5E are ASCII 21–7E shifted; the ideographic space
# becomes a plain one (then removed below).
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALF_WIDTH[0x3000] = 0x20
# str.translate looks every character up; only the runs of full-width ones need it.
_FULL_WIDTH = regex.compile(r"[\uFF01-\uFF5E\u3000]+")

# A numbered heading (三、快递业务, （二）床位) ends its line: what follows is a new sentence,
# never the heading's continuation. Full-width brackets are half-width here already.
HEADING = r"(?:^|\n)[ \t]*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))[^\n。!?]{0,24}\n"

# A line break is layout unless the line before it ends a sentence or a
# clause that introduces what follows (。！？；：), is a numbered heading, or is a table row (its
# cells joined by tabs, as read from HTML or .docx: rows never run on).
# Spaces are dropped unless they separate two Latin letters or digits
# (`PM 10` is rare; `记者 陈卓` is common and means nothing); tabs stay, as the
# borders of table cells.
_DELETABLE = regex.compile(
    r"(?<![。!?;:\s])[ \r]*\n(?<!\t[^\n]*\n)(?<!" + HEADING + r")\s*"     # looked back on at its \n only
    r"|(?<![A-Za-z0-9])[ \r]+|[ \r]+(?![A-Za-z0-9])"
)
# A run of numerals or Latin letters longer than any figure (万亿 amounts have
# under 20 digits) is a code, a hash or garbage. It is masked, one character
# for one, so that no rule written with `\d+` or `[A-Z]+` backtracks through
# it from every start: that costs the square of its length.
# (`re`: a plain class, scanned three times faster than by `regex`.)
_LONG_RUN = re.compile(rf"[\dA-Za-z{CN_DIGITS}{CN_UNITS}]{{33,}}+")
MASK = "#"


@dataclass(frozen=True)
class Working:
    original: str
    text: str
    # cut_at[i] is a working offset from which shift[i] characters of the
    # original have been deleted before it.
    cut_at: tuple[int, ...]
    shift: tuple[int, ...]

    def to_original(self, offset: int) -> int:
        i = bisect_right(self.cut_at, offset) - 1
        return offset + (self.shift[i] if i >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Working [start, end) → original [start, end), end exclusive."""
        return self.to_original(start), self.to_original(end - 1) + 1


def normalize(text: str) -> Working:
    translated = _FULL_WIDTH.sub(lambda m: m.group().translate(_HALF_WIDTH), text)
    pieces: list[str] = []
    cut_at: list[int] = []
    shift: list[int] = []
    deleted = 0
    last = 0
    for match in _DELETABLE.finditer(translated):
        pieces.append(translated[last:match.start()])
        cut_at.append(match.start() - deleted)   # where it happens in the working copy
        deleted += match.end() - match.start()
        shift.append(deleted)
        last = match.end()
    pieces.append(translated[last:])
    working = _LONG_RUN.sub(lambda m: MASK * len(m.group()), "".join(pieces))
    return Working(text, working, tuple(cut_at), tuple(shift))
