"""Find completion rates and points over a target.

Actual ÷ target = rate (新增停车泊位4734个，完成率157.8%, the target 年内新增3000个
earlier in the paragraph) and rate − target rate = points (完成率70.48%，超出省定目标
5.48个百分点); where one side is not written, the rate implies it.
"""
from __future__ import annotations

from typing import Iterator

import regex

from .relation_check import holds
from .relation_found import (NOT_AMOUNTS, RATES, Found, is_completion_rate, nearest_amounts,
                             rate_lists, same_unit, significant_digits)
from .relation_text import Page, Spot


def completions(p: Page) -> Iterator[Found]:
    """Actual ÷ target = rate; where one of them is not written, the rate implies it.

    新增停车泊位4734个，完成率157.8% with 年内新增3000个…的任务目标 before it;
    宫颈癌筛查48686人、乳腺癌筛查48764人，完成目标率为101.18%、101.34% (each
    rate with its actual, in order). The actuals are the nearest amounts before
    the rates in their sentence, skipping targets and restatements; a target
    is a figure named so (任务, 目标, a quoted 要求) earlier in the paragraph.
    """
    for rates in rate_lists(p):
        rate = rates[0]
        if not is_completion_rate(p, rate) or p.cues.overall.search(p.clause_before(rate)):
            continue            # 8个小项…整体完成率为140.5%: no one figure to check
        actuals = _named_like(p, rate) if len(rates) == 1 else None
        actuals = actuals or nearest_amounts(p, rate, len(rates))
        # 改造40163户，新增护理员4660人，分别完成年度目标任务的100.4%和155%: one actual a rate
        if actuals is None and len(rates) > 1 and p.cues.respectively.search(p.clause_before(rate)):
            actuals = nearest_amounts(p, rate, len(rates), mixed=True)
        target = None
        if len(rates) == 1:
            targets = [s for s in reversed(p.spots[:rate.index])
                       if s.paragraph == rate.paragraph and s.figure.kind not in NOT_AMOUNTS
                       and p.is_target(s) and _shares_target(p, s, rate)]
            target = next((s for s in _by_verb(p, targets, actuals) if not actuals
                           or same_unit(s, actuals[0])), None) or _target_after(p, rate, actuals)
            # 改造老旧小区1046个，惠及居民29.3万户，年度计划改造1000个，完成率104.6%: a target
            # in the rate's sentence sets the unit of the actual
            if target is None and targets and targets[0].sentence == rate.sentence:
                target = targets[0]
                actuals = nearest_amounts(p, rate, 1, unit_of=target)
            named = p.clause_before(rate)
            if target is None and actuals and p.cues.of_target.search(named) \
                    and p.cues.targets.search(named):
                target = _planned_earlier(p, actuals[0])
            if target is None and actuals:
                target = _named_earlier(p, rate, actuals[0])
        if target is not None and actuals:
            yield _holding_actual(p, rate, actuals[0], target)
        elif target is not None and rate.figure.bound == "=":
            yield Found("completion", rate.figure, (target.figure,), unstated="actual")
        elif target is None and actuals:
            for r, actual in zip(rates, actuals):
                if r.figure.bound == "=":
                    yield _written_before(p, r, actual) or Found(
                        "completion", r.figure, (actual.figure,), unstated="target")


def _planned_earlier(p: Page, actual: Spot) -> Spot | None:
    """全市计划改造城镇老旧小区440个。(…) 完工318个，占任务数的72.27%: a rate that names its
    target (占任务数的) where no figure is called one takes the nearest earlier figure of the
    actual's unit written as planned (计划改造…440个), not one that is itself a rate's base."""
    for s in reversed(p.spots[:actual.index]):
        before = p.clause_before(s)
        if same_unit(s, actual) and s.figure.bound == "=" and p.cues.targets.search(before) \
                and not p.cues.change.search(before) and not p.text.startswith("的", s.end):
            return s
    return None


def _written_before(p: Page, rate: Spot, actual: Spot) -> Found | None:
    """筹措补助资金48.36亿元 (a paragraph before) … 已支出44.93亿元，支出进度为92.9%: a target the
    rate leaves unnamed but that is written before — the nearest larger exact figure of the
    actual's unit, outside its sentence, of which a precise rate (three significant digits) holds."""
    if significant_digits(rate.figure) < 3:
        return None
    for s in reversed(p.spots[:actual.index]):
        if s.sentence != actual.sentence and same_unit(s, actual) and s.figure.bound == "=" \
                and s.figure.value > actual.figure.value and not p.is_base(s):
            found = Found("completion", rate.figure, (actual.figure, s.figure))
            if holds(found):
                return found
    return None


def _holding_actual(p: Page, rate: Spot, actual: Spot, target: Spot) -> Found:
    """新增学位3.62万个，其中中小学学位2.45万个、幼儿园学位1.17万个，完成年度计划3.2万个的113.1%:
    where the nearest amount fails, another amount of the target's unit in the sentence whose
    completion holds is the actual (the total, not its last part)."""
    found = Found("completion", rate.figure, (actual.figure, target.figure))
    if holds(found):
        return found
    for s in p.before(rate):
        if s is not target and s is not actual and same_unit(s, target) and s.figure.bound == "=" \
                and not p.is_base(s):
            other = Found("completion", rate.figure, (s.figure, target.figure))
            if holds(other):
                return other
    return found


def _named_earlier(p: Page, rate: Spot, actual: Spot) -> Spot | None:
    """完成投资6.83亿元，为预计总投资的89.68% (项目预计总投资76158.36万元 paragraphs before): the
    figure of the actual's unit named as the rate's base (预计总投资) anywhere before, of which
    the actual is that rate."""
    m = p.cues.plans.search(p.clause_before(rate))
    if m is None:
        return None
    for s in reversed(p.spots[:actual.index]):
        if same_unit(s, actual) and s.figure.bound == "=" and m.group() in p.clause_before(s):
            found = Found("completion", rate.figure, (actual.figure, s.figure))
            if holds(found):
                return s
    return None


def _by_verb(p: Page, targets: list[Spot], actuals: list[Spot] | None) -> list[Spot]:
    """开工任务1250套，基本建成任务1100套。…已开工1005套，占目标任务的80.40%: of several
    targets, those named with the actual's verb (开工) first, nearest first."""
    m = regex.search(r"\p{Han}{2}$", p.cues.link_end.sub("", p.clause_before(actuals[0]))) \
        if actuals else None
    if m is None:
        return targets
    return sorted(targets, key=lambda s: m.group() not in p.clause_before(s))


def _shares_target(p: Page, target: Spot, rate: Spot) -> bool:
    """A target written inside another rate's phrase serves `rate` only if `rate` names the
    same target and is no rate of a part: 仅为预算数240500万元的89.5% … 完成预算数的97% (yes);
    为年度目标7.5万人的107.5% … 完成年度计划的103.0% (no: a plan of another indicator);
    为年度计划100亿元的120%；其中民间投资60亿元，完成年度计划的110% (no: a part's plan)."""
    owner = p.rate_of(target)
    if owner is None or owner is rate:
        return True
    mine, theirs = (_target_noun(p, r) for r in (rate, owner))
    part = p.cues.parts_after.search(p.text, owner.end, rate.start)
    return bool(mine and theirs and (mine in theirs or theirs in mine)) and part is None


def _target_noun(p: Page, rate: Spot) -> str:
    """The target word of a rate's phrase: 完成预算数144500万元的94.4% → 预算数."""
    m = p.cues.of_target.search(p.clause_before(rate))
    noun = p.cues.plans.search(m.group()) if m else None
    return noun.group() if noun else ""


def _target_after(p: Page, rate: Spot, actuals: list[Spot] | None) -> Spot | None:
    """改造老旧小区827个，目标任务完成率达103.4%（年度目标800个）: the target in brackets
    right after the rate."""
    nxt = _bracketed_target(p, rate)
    if nxt is None or nxt.figure.kind in NOT_AMOUNTS:
        return None
    return nxt if not actuals or same_unit(nxt, actuals[0]) else None


def _bracketed_target(p: Page, spot: Spot) -> Spot | None:
    """…4.33个百分点（年度目标为85%）: a target in brackets right after `spot`."""
    nxt = p.spots[spot.index + 1] if spot.index + 1 < len(p.spots) else None
    if nxt is None or nxt.sentence != spot.sentence or not p.gap(spot, nxt).startswith("(") \
            or not p.is_target(nxt):
        return None
    return nxt


def _named_like(p: Page, rate: Spot) -> list[Spot] | None:
    """投资12.5亿元，建成项目35个，投资完成率104%: the amount the rate is named after."""
    before = p.clause_before(rate)
    m = p.cues.rate_named.search(before)
    name = regex.search(r"\p{Han}{2}$", before[:m.start()]) if m else None
    if name is None or p.cues.targets.search(name.group()):
        return None
    return next(([s] for s in p.before(rate) if s.figure.kind not in NOT_AMOUNTS
                 and not p.is_target(s) and name.group() in p.clause_before(s)), None)


def points(p: Page) -> Iterator[Found]:
    """完成率70.48%，超出省定目标5.48个百分点: rate − target rate = points.

    The rate is the nearest rate before the points in their sentence; the
    target rate is a rate named as a target there (目标为65%; a completion rate,
    完成年度目标的130%, is none) or in brackets
    right after the points (高出年度目标4.33个百分点（年度目标为85%）), else implied.
    """
    for pts in p.spots:
        if pts.figure.kind != "percentage_point":
            continue
        m = p.cues.points.search(p.clause_before(pts))
        if not m:
            continue
        rates = [s for s in p.before(pts) if s.figure.kind in RATES]
        after = _bracketed_target(p, pts)
        target = next((s for s in rates if p.is_target(s)      # not 完成年度目标的130%
                       and not is_completion_rate(p, s)), None) \
            or (after if after is not None and after.figure.kind in RATES else None)
        rate = next((s for s in rates if s is not target), None)
        if rate is None:
            continue
        sign = -1 if m.group("below") or m.group("below2") else 1
        if target is not None:
            yield Found("points", pts.figure, (rate.figure, target.figure), sign)
        else:
            yield Found("points", pts.figure, (rate.figure,), sign, unstated="target rate")
