"""What the relation finders share: the `Found` record they yield, and the
questions several of them ask of the figures.

Is a figure of another's unit (`same_unit`), or are both counts of people
(`same_count`)? Which figure can be the total of some parts (`can_hold`,
`total_before`: 共完成改造6052户。其中，“瓶改管”完成1267户，“瓶改电”完成4785户 →
6052户)? Which rates are listed together (`rate_lists`), is a rate a completion
rate (`is_completion_rate`), and which amounts before a rate are its parts or
actuals (`nearest_amounts`)?
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from .lists import GLUE
from .record import Figure
from .relation_text import Page, Spot

LIST_GLUE = GLUE            # 101.18%、101.34%: one list of rates
RATES = ("percent",)
NOT_AMOUNTS = ("percent", "percentage_point", "rank", "ratio")
REST = ("其他", "其余", "剩余")    # 其余10个区县合计153个: the rest of a whole, itself a part


@dataclass(frozen=True)
class Found:
    """A relation stated by the text, before its arithmetic is checked.

    `operands` are in the order the arithmetic needs (actual, target; part,
    whole; this, earlier); `sign` is −1 where the words say below or down;
    `unstated` names the side the text leaves out (target, actual, target
    rate), whose value the relation implies; `whole` is a whole the text
    implies without writing it as a figure (the days of the year).
    """
    relation: str
    result: Figure
    operands: tuple[Figure, ...]
    sign: int = 1
    unstated: str = ""
    whole: float = 0.0


def significant_digits(figure: Figure) -> int:
    """Digits written, leading zeros aside (64.98% → 4, 0.60% → 2): how precise a figure is,
    so how likely its arithmetic is to agree with another figure by chance."""
    return len(regex.sub(r"\D", "", figure.mention).lstrip("0"))


def total_before(p: Page, at: int, first: Spot, parts: list[Spot]) -> Spot | None:
    return next(totals_before(p, at, first, parts), None)


def totals_before(p: Page, at: int, first: Spot, parts: list[Spot]) -> Iterator[Spot]:
    """The figures before `at` that can hold `parts`, nearest first: in the sentence of
    `first` or, where `at` opens that sentence, the one before."""
    sentence = first.sentence
    opens = not regex.search(r"\w", p.text[sentence[0]:at])
    for s in reversed(p.spots[:first.index]):
        if s.start >= at:
            continue
        if s.sentence != sentence and not (opens and s.sentence[1] == sentence[0]):
            return
        # 补助资金4.86亿元，其中中央3.95亿元…。按用途划分，…: the total broken down again,
        # not one of its 其中 parts
        if s.sentence != sentence and p.cues.parts_after.search(p.text, s.sentence[0], s.start):
            continue
        if can_hold(p, s, parts):
            yield s


def can_hold(p: Page, s: Spot, parts: list[Spot]) -> bool:
    """Whether `s` can be the total of `parts`: of their unit, at least the largest, and
    not a change (增加49.3万亩), an earlier value compared with (比上年的907.6亿元) or a
    threshold restating an exact figure (收入1003.2亿元，…突破千亿元), nor a target where the
    parts are done (完成年度目标1650亿元的108.5%。其中，出口…) — a planned total broken down in
    its own sentence is one (计划规模18.5万吨，其中市级储备11万吨、县级储备7.5万吨)."""
    before = p.clause_before(s)
    return (same_count(p, s, parts[0]) and s.figure.value >= max(x.figure.value for x in parts)
            and not p.cues.change.search(before) and not p.is_base(s) and not p.is_threshold(s)
            and (not p.is_target(s) or p.is_target(parts[0]) or s.sentence == parts[0].sentence))


def same_unit(a: Spot, b: Spot) -> bool:
    return a.figure.unit == b.figure.unit and a.figure.kind == b.figure.kind


def same_count(p: Page, a: Spot, b: Spot) -> bool:
    """Of one unit, or people counted in 名 and 人 alike (28.3万名…，其中城市5.1万人)."""
    return same_unit(a, b) or (a.figure.kind == b.figure.kind == "count"
                               and {a.figure.unit, b.figure.unit} <= p.cues.people)


def rate_lists(p: Page) -> Iterator[list[Spot]]:
    """Runs of rates joined by 、/和 (完成目标率为101.18%、101.34%), first one first."""
    run: list[Spot] = []
    for s in p.spots:
        if s.figure.kind in RATES and run and s.sentence == run[-1].sentence \
                and p.gap(run[-1], s) in LIST_GLUE:
            run.append(s)
            continue
        if run:
            yield run
        run = [s] if s.figure.kind in RATES else []
    if run:
        yield run


def rate_list_at(p: Page, rate: Spot) -> list[Spot] | None:
    """The run of rates `rate` opens (see `rate_lists`); None where it is not the first."""
    return next((r for r in rate_lists(p) if r[0] is rate), None)


def is_completion_rate(p: Page, rate: Spot) -> bool:
    before = p.clause_before(rate)
    return bool(p.cues.rate_named.search(before) or p.cues.of_target.search(before))


def nearest_amounts(p: Page, rate: Spot, n: int, unit_of: Spot | None = None,
                    mixed: bool = False) -> list[Spot] | None:
    """The n amounts of one unit (`unit_of`'s, if given; any, if `mixed`) nearest before
    `rate` in its sentence, in text order; never a figure compared with (比上年的1428.9亿元)
    nor a quotient (平均每天新登记996户)."""
    found: list[Spot] = []
    for s in p.before(rate):
        if s.figure.kind in NOT_AMOUNTS or p.is_target(s) or p.is_restated(s) or p.is_base(s) \
                or p.cues.per_unit.search(p.clause_before(s)) \
                or p.cues.change.search(p.clause_before(s)) or p.cues.over.search(p.clause_before(s)) \
                or (unit_of is not None and not same_unit(s, unit_of)):
            continue
        if found and not mixed and not same_unit(s, found[0]):
            break
        found.append(s)
        if len(found) == n:
            return found[::-1]
    return None
