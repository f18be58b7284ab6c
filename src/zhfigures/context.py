"""Stage 7, context: the entity and the period of a figure (SPEC §2, §5).

Both come from the sentence first, else from its paragraph, as written.
Matches are found once per document; each figure looks them up by offset.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .rules import Rules


@dataclass(frozen=True)
class Mentions:
    """Sorted (start, end, text) matches of one kind in the working copy."""
    starts: tuple[int, ...]
    items: tuple[tuple[int, int, str], ...]

    def within(self, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end)
        return self.items[i:j]


def _mentions(found) -> Mentions:
    # Where matches overlap, the longest at the earliest start wins.
    items: list[tuple[int, int, str]] = []
    reach = -1
    for start, end, text in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= reach:
            items.append((start, end, text))
            reach = end
    return Mentions(tuple(s for s, _, _ in items), tuple(items))


def entities(text: str, rules: Rules) -> Mentions:
    reject = rules.context["entity_reject"]
    return _mentions(
        (m.start(), m.end(), m.group())
        for p in rules.context["entity_patterns"] for m in p.finditer(text)
        if not any(r.search(m.group()) for r in reject)
    )


def periods(text: str, rules: Rules) -> Mentions:
    return _mentions((m.start(), m.end(), m.group())
                     for p in rules.context["period_patterns"] for m in p.finditer(text))


def first_in(found: Mentions, sentence: tuple[int, int], paragraph: tuple[int, int]) -> str:
    """The first mention in the sentence, else the first in its paragraph (an entity, or
    the period of a figure whose clause names none)."""
    for span in (sentence, paragraph):
        hits = found.within(*span)
        if hits:
            return hits[0][2]
    return ""


def period_in_clause(found: Mentions, clause: tuple[int, int], at: int) -> str:
    """The last time named in the figure's clause before it (at), else ""."""
    before = found.within(clause[0], at)
    return before[-1][2] if before else ""
