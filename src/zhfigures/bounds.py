"""Stage 5b, bounds: 约 / 近 / 余 / 以上 … → the record's bound (SPEC §2).

Words come from `rules/bounds.yaml`: `before` the number (outside the
mention: 近3万人 → `3万人`, `<`), `inside` between number and unit (part of the
mention: 1500余人次, `>`), `after` the mention (60亿元以上, `>=`).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .rules import Rules, alternation


@dataclass(frozen=True)
class BoundLexicon:
    before: dict[str, str]
    inside: dict[str, str]
    after: dict[str, str]
    before_re: regex.Pattern
    after_re: regex.Pattern
    joiners: tuple[str, ...]
    # Last characters of the words before a number (and of their bridges): most
    # numbers have none of them before, and one set lookup spares the search.
    before_ends: frozenset[str]

    def before_word(self, text: str, at: int) -> tuple[str, str] | None:
        """(word, bound) of a bound word ending at `at`, maybe across a bridge verb."""
        if text[at - 1:at] not in self.before_ends:
            return None
        match = self.before_re.search(text, max(0, at - 8), at)
        return (match.group(), self.before[match.group("word")]) if match else None

    def after_word(self, text: str, at: int) -> tuple[str, str] | None:
        match = self.after_re.match(text, at)
        return (match.group(), self.after[match.group()]) if match else None


def lexicon(rules: Rules) -> BoundLexicon:
    data = rules.bounds
    return BoundLexicon(
        data["before"], data["inside"], data["after"],
        regex.compile(rf"(?P<word>{alternation(data['before'])})"
                      rf"(?:{alternation(data['bridges'])})?$"),
        regex.compile(alternation(data["after"])),
        tuple(data["ranges"]),
        frozenset(w[-1] for w in (*data["before"], *data["bridges"])),
    )


def inside_pattern(lex: BoundLexicon) -> str:
    return alternation(lex.inside)
