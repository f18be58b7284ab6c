"""Find relations that hold by definition, every term written.

The identities `rules/relations.yaml` names (人口出生率5.07‰，人口死亡率7.45‰，
人口自然增长率-2.38‰: birth − death = natural growth), balances (收入合计835万元 …
支出合计833万元，收支相抵结转下年2万元) and reductions with their rate (送审金额900万元，
审定金额810万元，审减90万元，审减率10%).
"""
from __future__ import annotations

from typing import Iterator

import regex

from .relation_check import holds
from .relation_found import NOT_AMOUNTS, RATES, Found, same_unit
from .relation_sums import exact
from .relation_text import Page, Spot


def identities(p: Page) -> Iterator[Found]:
    """人口出生率5.07‰，人口死亡率7.45‰，人口自然增长率-2.38‰: a definition, every term written.

    The terms are in the result's sentence or, where it opens with 其中, the one
    before (常住人口728万人。其中，城镇常住人口483万人…，城镇化率为66.34%); a share's
    terms are amounts of one unit, the others of the result's unit.
    """
    for relation, result_cue, operand_cues in p.cues.identities:
        used = set()            # 当年结余74.3亿元，年末滚存结余…: the terms give one result
        for result in p.spots:
            if not result_cue.search(p.clause_before(result)):
                continue
            near = [s for s in _sentence_and_lead(p, result) if s is not result
                    and (same_unit(s, result) if relation != "share"
                         else s.figure.kind not in NOT_AMOUNTS and not p.is_base(s))]
            operands: list[Spot | None] = []
            for cue in operand_cues:        # 城镇常住人口…, 常住人口…: each term its own figure
                operands.append(next((s for s in near if s not in operands
                                      and cue.search(p.clause_before(s))), None))
            if relation == "share" and all(operands) and not same_unit(*operands):
                continue
            if all(operands) and (key := tuple(s.index for s in operands)) not in used:
                used.add(key)
                yield Found(relation, result.figure, tuple(s.figure for s in operands))


def _sentence_and_lead(p: Page, spot: Spot) -> list[Spot]:
    """The spots of `spot`'s sentence, and of the sentence before where 其中 opens it."""
    opens = p.cues.parts_after.match(p.text, spot.sentence[0])
    lead = [s for s in p.spots[:spot.index] if s.paragraph == spot.paragraph
            and s.sentence[1] <= spot.sentence[0]]
    lead = [s for s in lead if s.sentence == lead[-1].sentence] if opens and lead else []
    return [*lead, *(s for s in p.spots if s.sentence == spot.sentence)]


def balances(p: Page) -> Iterator[Found]:
    """收入合计835万元。…支出合计833万元，收支相抵结转下年2万元: income − spending = balance.

    The balance word is before the result in its sentence with no figure between
    (收支相抵，结转下年4.3亿元); income and spending are the nearest figures of
    its unit named so before it, in its paragraph or the one before, a total
    (收入合计) first.
    """
    for result in p.spots:
        word = p.cues.balances.search(p.text, result.sentence[0], result.start)
        if result.figure.kind in NOT_AMOUNTS or word is None \
                or (result.index and p.spots[result.index - 1].end > word.start()):
            continue
        earlier = [s for s in reversed(p.spots[:result.index]) if same_unit(s, result)
                   and not p.is_base(s) and not p.cues.change.search(p.clause_before(s))]
        paragraphs = list(dict.fromkeys(s.paragraph for s in earlier))
        earlier = [s for s in earlier if s.paragraph in paragraphs[:2]]
        income, spending = (_named_total(p, earlier, cue) for cue in (p.cues.income, p.cues.spending))
        if income is not None and spending is not None:
            yield _holding_pair(p, result, earlier) or Found(
                "difference", result.figure, (income.figure, spending.figure))


def _holding_pair(p: Page, result: Spot, earlier: list[Spot]) -> Found | None:
    """业务收入23.84亿元，其中…其他收入0.07亿元；业务支出12.53亿元。收支相抵，实现增值收益
    11.31亿元: of the figures named income and spending, the pair whose difference holds
    (the totals, not the last item named 收入)."""
    incomes = [s for s in earlier if p.cues.income.search(p.clause_before(s))]
    spendings = [s for s in earlier if p.cues.spending.search(p.clause_before(s))]
    return next((found for i in incomes for o in spendings
                 if exact(found := Found("difference", result.figure, (i.figure, o.figure)))
                 and holds(found)), None)


def _named_total(p: Page, earlier: list[Spot], cue: regex.Pattern) -> Spot | None:
    """The first of `earlier` named by `cue` with a total word (收入合计835万元), else the first
    named by it alone (社会保险基金支出预计24187万元)."""
    named = [(s, m) for s in earlier if (m := cue.search(p.clause_before(s)))]
    return next((s for s, m in named if m.group("total")), next((s for s, _ in named), None))


def reductions(p: Page) -> Iterator[Found]:
    """送审金额900万元，审定金额810万元，审减90万元，审减率10%: the first amount less the
    second is the reduction (a difference); the reduction over the first is its rate (a share).

    The two amounts are the two figures just before it in its sentence, of its
    unit, the first the larger, neither a change; the rate the figure right after it.
    """
    for cut in p.spots:
        if cut.figure.kind in NOT_AMOUNTS or not p.cues.reduction.search(p.clause_before(cut)):
            continue
        two = list(p.before(cut))[:2]
        if len(two) < 2 or not all(same_unit(s, cut) and not p.is_base(s)
                                   and not p.cues.change.search(p.clause_before(s)) for s in two) \
                or two[1].figure.value <= two[0].figure.value:
            continue
        yield Found("difference", cut.figure, (two[1].figure, two[0].figure))
        rate = p.spots[cut.index + 1] if cut.index + 1 < len(p.spots) else None
        if rate is not None and rate.sentence == cut.sentence and rate.figure.kind in RATES \
                and p.cues.reduction_rate.search(p.clause_before(rate)):
            yield Found("share", rate.figure, (cut.figure, two[1].figure))
