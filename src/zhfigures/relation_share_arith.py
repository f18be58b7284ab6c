"""A share's whole or part chosen by its arithmetic, where the wording leaves it open.

Bulletins write a share's whole sections before it (城镇常住人口为4585335人，占64.98% after
常住人口共计7056699人), name a list's items in sections of their own (同城、异地…快递业务量分别
占…的3.6%、95.8%和0.6%), or say only 我市占43.9%. Of the figures the wording allows, the one
whose share holds, every figure exact, is taken; a rate must be precise (three significant
digits) where only its arithmetic names the figure.
"""
from __future__ import annotations

import regex

from .record import Figure
from .relation_check import holds
from .relation_found import NOT_AMOUNTS, Found, same_count, same_unit, significant_digits
from .relation_sums import exact
from .relation_text import Page, Spot


def named_before(p: Page, rate: Spot, whole: Figure) -> list[Spot] | None:
    """分别占全部快递业务收入的2.6%、75.1%和12.8%，其他快递业务收入占9.5%: a share whose clause
    names its part (其他快递业务收入), the part written before the sentence, of which the
    whole of the share before it holds."""
    name = regex.sub(r"[^\p{Han}]", "", p.cues.share_bare.sub("", p.clause_before(rate)))
    named = (s for s in reversed(p.spots[:rate.index]) if len(name) >= 2 and s.sentence != rate.sentence
             and s.figure.kind == whole.kind and s.figure.unit == whole.unit
             and name in p.clause_before(s))
    part = next(named, None)
    found = part and Found("share", rate.figure, (part.figure, whole))
    return [part] if found and exact(found) and holds(found) else None


def listed_parts(p: Page, run: list[Spot], whole: Spot, names: str) -> list[Spot]:
    """同城、异地、国际/港澳台快递业务量分别占全部快递业务量的3.6%、95.8%和0.6%: each item's
    figure, written before and named with the item (同城快递业务量4.21亿件), the nearest of which
    it is the share its rate says."""
    items = [i for i in regex.split(r"[、和及与]", p.cues.respectively.sub("", names)) if i]
    if len(items) != len(run):
        return []
    parts = []
    for item, rate in zip(items, run):
        item = regex.sub(r"^\P{Han}+", "", item)[:2]      # its own first word, not the shared noun
        # 同城快递业务量完成4.21亿件…；实现业务收入7.93亿元: the item named in its sentence
        named = [s for s in reversed(p.spots[:rate.index]) if same_unit(s, whole)
                 and len(item) >= 2 and item in p.text[s.sentence[0]:s.start] and s is not whole]
        part = holding(rate, whole, named, part_of=True)
        if part is None:
            return []
        parts.append(part)
    return parts


def held_elsewhere(p: Page, rate: Spot, part: Spot, name: str = "") -> Found | None:
    """城镇常住人口为4585335人，占64.98%: the whole written sections before (常住人口共计7056699人),
    the nearest figure of which `part` is that share — for a rate precise enough, or one whose
    whole is named alike (占个人住房贷款余额的4.7%: a figure named …余额)."""
    tail = regex.sub(r"[^\p{Han}]", "", name)[-2:]
    if not precise(rate) and len(tail) < 2:
        return None
    whole = holding(rate, part, (s for s in reversed(p.spots[:part.index])
                                  if same_count(p, s, part) and s.figure.value > part.figure.value
                                  and not p.is_base(s) and not p.is_target(s)
                                  and (precise(rate) or s.figure.indicator.endswith(tail))))
    return Found("share", rate.figure, (part.figure, whole.figure)) if whole is not None else None


def whole_here(p: Page, rate: Spot, whole: Spot) -> Found | None:
    """全省快递业务量完成266.27亿件，我市占43.9%: the figure before a share whose subject is
    the place itself is the whole; the part is the place's own figure written before (for a
    rate precise enough)."""
    if not precise(rate) or not p.cues.subjects.match(p.clause_before(rate)):
        return None
    part = holding(rate, whole, (s for s in reversed(p.spots[:whole.index]) if same_count(p, s, whole)
                                  and s.figure.value < whole.figure.value and not p.is_base(s)
                                  and not p.is_target(s)), part_of=True)
    return Found("share", rate.figure, (part.figure, whole.figure)) if part is not None else None


def precise(rate: Spot) -> bool:
    """A rate of three significant digits or more (64.98%, 82.8%): precise enough that a whole
    found by its arithmetic alone is not a coincidence (83% would match one figure in fifty)."""
    return significant_digits(rate.figure) >= 3


def holding(rate: Spot, known: Spot, candidates, part_of: bool = False) -> Spot | None:
    """The first of `candidates` that makes the share `rate` says hold: as the whole of the
    part `known`, or (`part_of`) as the part of the whole `known`."""
    def share(s: Spot) -> Found:
        pair = (s.figure, known.figure) if part_of else (known.figure, s.figure)
        return Found("share", rate.figure, pair)
    return next((s for s in candidates if exact(found := share(s)) and holds(found)), None)


def by_name_and_arithmetic(p: Page, rate: Spot, whole_name: str, part_name: str) -> Found | None:
    """钦州港货物吞吐量占北部湾港全港的46.5%: a whole named by its first words (北部湾港…) and a
    part whose name ends the share's subject (…货物吞吐量), both written before, the pair of
    which the share holds (a rate precise enough)."""
    head, part_name = regex.sub(r"[^\p{Han}]", "", whole_name)[:4], regex.sub(r"[^\p{Han}]", "", part_name)
    if len(head) < 3 or not precise(rate):
        return None
    earlier = [s for s in reversed(p.spots[:rate.index]) if s.figure.bound == "=" and not p.is_base(s)
               and s.figure.kind not in NOT_AMOUNTS]
    for whole in (s for s in earlier if head in s.figure.indicator):
        parts = [s for s in earlier if same_unit(s, whole) and s is not whole
                 and len(s.figure.indicator) >= 2 and part_name.endswith(s.figure.indicator[-4:])]
        part = holding(rate, whole, parts, part_of=True)
        if part is not None:
            return Found("share", rate.figure, (part.figure, whole.figure))
    return None


def listed_by_arithmetic(p: Page, run: list[Spot]) -> list[Found]:
    """婚姻家庭纠纷9236件、邻里纠纷8471件、损害赔偿纠纷5318件、其他纠纷15590件，前三类分别占23.9%、
    21.9%和13.8% (受理38615件 before): a list of bare shares, the run of amounts in its sentence
    and the whole written before of which every share holds (rates precise enough)."""
    if len(run) < 2 or not all(precise(r) for r in run):
        return []
    amounts = [s for s in p.spots[:run[0].index] if s.sentence == run[0].sentence
               and s.figure.bound == "=" and s.figure.kind not in NOT_AMOUNTS]
    for at in range(len(amounts) - len(run) + 1):
        parts = amounts[at:at + len(run)]
        if not all(same_unit(x, parts[0]) for x in parts):
            continue
        for whole in reversed(p.spots[:parts[0].index]):
            if not same_count(p, whole, parts[0]) or whole.figure.bound != "=" or p.is_base(whole) \
                    or whole.figure.value <= max(x.figure.value for x in parts):
                continue
            found = [Found("share", r.figure, (x.figure, whole.figure)) for r, x in zip(run, parts)]
            if all(exact(f) and holds(f) for f in found):
                return found
    return []
