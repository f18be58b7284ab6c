"""Find sums that only their arithmetic states.

Parts that add up to the last digit to a figure of four or more significant digits written
before them (…家庭户人口为6533557人，集体户人口为523142人 after 常住人口共计7056699人), a
remainder named as such (结余, 净增) as a difference, a colon's breakdown that holds, and the
parts of listed shares of one whole.
"""
from __future__ import annotations

from typing import Iterator

import regex

from .relation_found import NOT_AMOUNTS, Found, can_hold, same_unit, significant_digits
from .relation_sums import holding_sum, parts_after
from .relation_text import Page, Spot


def sums_of_shares(p: Page, shares: list[Found]) -> Iterator[Found]:
    """城镇常住人口4585335人，占64.98%；乡村常住人口2471364人，占35.02%: parts listed in one
    sentence (or whose shares are listed in one), each with its share of one whole, sum to
    that whole where their sum holds
    (0—14岁…，占20.85%；15—59岁…；60岁及以上…，占18.31%，其中65岁及以上…: the longest run
    that holds, not the 其中 part)."""
    spot_of = {id(s.figure): s for s in p.spots}
    groups: dict[tuple, list[Spot]] = {}
    for share in shares:
        rate = spot_of.get(id(share.result))
        part, whole = (spot_of.get(id(f)) for f in share.operands) if len(share.operands) == 2 \
            else (None, None)
        if rate is None or part is None or whole is None or whole.index > part.index:
            continue
        # the parts' sentence, or the rates' (分别占全部快递业务量的3.6%、95.8%和0.6%)
        key = (part.sentence if part.sentence == rate.sentence else rate.sentence, whole.index)
        groups.setdefault(key, []).append(part)
    for (_, whole), parts in groups.items():
        parts = sorted(set(parts), key=lambda s: s.index)
        held = holding_sum(p, [parts], lambda ps: [p.spots[whole]])
        if held is not None:
            yield held


def sums_by_arithmetic(p: Page) -> Iterator[Found]:
    """…常住人口共计7056699人。…家庭户人口为6533557人，集体户人口为523142人: figures written
    one after another in a sentence that add up, to the last digit, to a figure written before
    them with four or more significant digits are its breakdown, though no word says so."""
    for run in _runs(p):
        for end in range(len(run), 1, -1):
            parts = run[:end]
            total = sum(x.figure.value for x in parts)
            whole = next((s for s in reversed(p.spots[:parts[0].index]) if same_unit(s, parts[0])
                          and s.figure.bound == "=" and abs(s.figure.value - total) <= total * 1e-9
                          and significant_digits(s.figure) >= 4), None)
            if whole is not None and len(parts) == 2 and p.cues.remainder.search(p.clause_before(parts[1])):
                # 支出24187万元，当年收支结余1449万元 (收入25636万元 before): the remainder is the
                # result, income − spending (as RELATIONS.md labels a balance)
                yield Found("difference", parts[1].figure, (whole.figure, parts[0].figure))
                break
            if whole is not None:
                yield Found("sum", whole.figure, tuple(x.figure for x in parts))
                break


def _runs(p: Page) -> Iterator[list[Spot]]:
    """Runs of exact amounts of one unit in a sentence, past figures of other units (收购最低收购价
    小麦72.8万吨，涉及售粮农户5.3万户；市场化收购小麦313.6万吨); a figure of the unit that is
    compared with, a change or a quotient ends a run."""
    open_runs: dict[tuple, list[Spot]] = {}
    sentence = None
    for s in p.spots:
        if s.sentence != sentence:
            yield from (run for run in open_runs.values() if len(run) > 1)
            open_runs, sentence = {}, s.sentence
        key = (s.figure.unit, s.figure.kind)
        before = p.clause_before(s)
        plain = s.figure.kind not in NOT_AMOUNTS and s.figure.bound == "=" and not p.is_base(s) \
            and not p.is_target(s) and not p.cues.per_unit.search(before) \
            and (not p.cues.change.search(before) or p.cues.remainder.search(before))   # 净增
        if plain and key in open_runs and not p.cues.among_or_parts.search(p.gap(open_runs[key][-1], s)):
            open_runs[key].append(s)
            continue
        run = open_runs.pop(key, [])
        if len(run) > 1:
            yield run
        if plain:
            open_runs[key] = [s]
    yield from (run for run in open_runs.values() if len(run) > 1)


def sums_after_colon(p: Page) -> Iterator[Found]:
    """2022年增值收益11.31亿元按规定分配：提取贷款风险准备金2.26亿元，提取管理费用1.35亿元，…
    7.70亿元: a figure, then a colon and the parts — a breakdown only where their sum holds."""
    for colon in regex.finditer(":", p.text):
        parts = parts_after(p, colon.start(), colon.end())
        before = [s for s in p.spots if s.sentence[0] <= colon.start() < s.sentence[1]
                  and s.end <= colon.start()]
        held = holding_sum(p, [parts], lambda ps: [s for s in reversed(before) if can_hold(p, s, ps)])
        if held is not None:
            yield held
