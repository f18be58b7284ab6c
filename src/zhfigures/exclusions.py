"""Stage 5c, exclusions: numbers that are names, codes, labels or ages.

Each rule of `rules/exclusions.yaml` is a pattern on the working copy; a
candidate whose number overlaps one of its matches is no figure (SPEC §3).
The matches of a text are found once, then looked up per candidate.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .rules import Rules


@dataclass(frozen=True)
class Blocked:
    """Sorted, merged spans that no figure's number may touch, with the rule's name."""
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    names: tuple[str, ...]
    reach: tuple[int, ...]      # reach[i] = max(ends[:i + 1]): stop walking back early

    def rule_at(self, start: int, end: int) -> str | None:
        """Name of a rule whose match overlaps [start, end), else None."""
        i = bisect_right(self.starts, end - 1) - 1
        while i >= 0 and self.reach[i] > start:
            if self.ends[i] > start:
                return self.names[i]
            i -= 1
        return None


def blocked_spans(text: str, rules: Rules) -> Blocked:
    spans = sorted(
        (m.start(), m.end(), rule["name"])
        for rule in rules.exclusions["exclusions"]
        for m in rule["pattern"].finditer(text)
        if m.end() > m.start()
    )
    reach, furthest = [], 0
    for _, end, _ in spans:
        furthest = max(furthest, end)
        reach.append(furthest)
    return Blocked(tuple(s for s, _, _ in spans), tuple(e for _, e, _ in spans),
                   tuple(n for _, _, n in spans), tuple(reach))


def cuts_a_word(text: str, start: int, end: int, cut) -> bool:
    """True when [start, end) begins or ends inside a word of the segmenter.

    JioNLP's lesson: a Chinese numeral whose edge cuts through a word
    (零部 of 零部件, 一度 of 一度被称为) is part of that word, not a number.
    `cut` segments a short window around the match (jieba on a clause, never
    the document).
    """
    left, right = max(0, start - 4), min(len(text), end + 4)
    edges, at = set(), left
    for token in cut(text[left:right]):
        edges.add(at)
        at += len(token)
    edges.add(at)
    return start not in edges or end not in edges
