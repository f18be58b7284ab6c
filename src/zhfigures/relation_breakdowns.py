"""Find breakdowns: a whole split by group, its total written before the parts.

A breakdown by group (分险种看，…, 按经营地分，…) and a breakdown opening with the
whole's name and 中 (医院中，综合医院152个，…); what both share with a 其中 list
(the parts, how far they run) is in `relation_sums`.
"""
from __future__ import annotations

from typing import Iterator

import regex

from .relation_found import NOT_AMOUNTS, Found, can_hold, same_count
from .relation_sums import (bare, group_named, holding_sum, part_name, partial,
                            parts_after, sums_in_each_unit, summed_after)
from .relation_text import Page, Spot


def sums_by_group(p: Page) -> Iterator[Found]:
    """总收入786.4亿元…。分险种看，职工医保基金收入512.7亿元，城乡居民医保基金收入273.7亿元。

    A breakdown by group (分…看): its parts named alike, or by a group of the
    breakdown's kind (分地市看，吴忠市…；固原市、中卫市分别为…), or each its own way if
    there are three or more (从资金来源看，争取补助资金…，市级财政安排…，区县财政投入…;
    two named apart may be two measures, 收入…、支出…) or each a bare name
    (医院9066.58万人次，占62.9%；基层医疗卫生机构4484.83万人次，…); its total the nearest
    figure of their unit and name before it (see `earlier_totals`); parts that add up
    to a figure before them are its breakdown however they are named.
    """
    for pattern in p.cues.breakdowns:
        for m in pattern.finditer(p.text):
            group = regex.sub(r"^[分按从]|[看分]$", "", m.group())      # 分县区看 → 县区
            parts = parts_after(p, m.start(), m.end(), group)
            readings = [parts, parts_after(p, m.start(), m.end(), group, lenient=True)]
            totals = lambda ps: earlier_totals(p, m.start(), ps, True)    # noqa: E731
            # 按消费类型分，商品零售…；餐饮收入…: named apart, and adding up; 道路运输事故58起、
            # 死亡54人；…: each measure listed in turn its own sum
            held = sums_in_each_unit(p, m.start(), m.end(), readings, totals, group)
            if held:
                yield from held
                continue
            if len(parts) < 2 or summed_after(p, parts):   # 三项合计N
                continue
            names = {part_name(p, s) for s in parts}
            earlier = earlier_totals(p, m.start(), parts)
            parallel = len(names) == 1 or len(names) == len(parts) > 2 \
                or all(group_named(p, s, group) for s in parts) \
                or (len(parts) > 2 and all(bare(p, s) for s in parts))
            if not parallel:
                continue
            total = next((s for s in earlier if part_name(p, s) in names), None) \
                or next(iter(earlier), None)
            if total is not None and not partial(total, parts):
                yield Found("sum", total.figure, tuple(s.figure for s in parts))


def earlier_totals(p: Page, at: int, parts: list[Spot], holding: bool = False) -> list[Spot]:
    """The figures that may total a breakdown by group (`at`), nearest first: named like
    the parts (基金总收入 … 职工医保基金收入) or the nearest that can hold them (零售总额 …
    城镇消费品零售额), in the paragraph (or, where the breakdown opens it, the paragraph
    before) — never a part listed after 其中 (其中，医院291个，基层…5332个。按经济类型分，…:
    the whole is split again by another kind, not its part). A total the parts add up to
    (`holding`) may be anywhere before (…进出口总值1789.5亿元…。⏎从贸易主体看，…。从贸易方式看，
    一般贸易…; a bulletin's 分县（市、区）看 section, sections after its total's)."""
    opens = not regex.search(r"\w", p.text[parts[0].paragraph[0]:at])
    return [s for s in reversed(p.spots[:parts[0].index])
            if (holding or _in_reach(p, s, parts[0], opens)) and can_hold(p, s, parts)
            and (holding or not p.cues.parts_after.search(p.text, s.sentence[0], s.start))]


def _in_reach(p: Page, s: Spot, first: Spot, opens: bool) -> bool:
    """In the paragraph of `first`, or, if `opens`, in the paragraph just before it."""
    if s.paragraph == first.paragraph:
        return True
    before = [x for x in p.spots[:first.index] if x.paragraph != first.paragraph]
    return opens and bool(before) and s.paragraph == before[-1].paragraph


def sums_among(p: Page) -> Iterator[Found]:
    """其中，门诊部420个，诊所980个。门诊部中，口腔门诊部150个，中医门诊部270个 (150 + 270).

    A sentence opens with a whole's name and 中: the parts follow it (as after
    其中), the total is the nearest figure before of their unit whose indicator
    is that name (门诊部), or begins it (门诊部床位中 … 门诊部26张) or ends with it
    (全市共有医疗卫生机构 … 医疗卫生机构中), here or in the paragraph before.
    """
    for m in p.cues.whole_among.finditer(p.text):
        whole = m.group("whole")

        def named(parts: list[Spot], anywhere: bool = False) -> list[Spot]:
            return [s for s in reversed(p.spots[:parts[0].index])
                    if (anywhere or _in_reach(p, s, parts[0], True)) and can_hold(p, s, parts)
                    and _names(s.figure.indicator, whole)
                    and all(same_count(p, s, x) for x in parts)]
        parts = parts_after(p, m.start(), m.end())
        # 社会保险费收入中，基本养老保险费862.40亿元，占65.0%；…: the whole so named sections before,
        # the parts read past the `;`s, where they add up
        held = holding_sum(p, [parts, parts_after(p, m.start(), m.end(), lenient=True)],
                           lambda ps: named(ps, anywhere=True))
        if held is not None:
            yield held
            continue
        if len(parts) < 2 or summed_after(p, parts):
            continue
        total = next(iter(named(parts)), None)
        if total is not None:
            yield Found("sum", total.figure, tuple(s.figure for s in parts))


def sums_within(p: Page) -> Iterator[Found]:
    """全区64个村（社区）中，社区47个、村17个: a figure, the name of what it counts and 中;
    its parts follow (as after 其中)."""
    for total in p.spots:
        after = p.clause_after(total)
        if total.figure.kind in NOT_AMOUNTS or not p.cues.figure_among.fullmatch(after):
            continue
        at = total.end + len(after)
        parts = parts_after(p, at, at + 1)
        if len(parts) >= 2 and not summed_after(p, parts) and can_hold(p, total, parts) \
                and not partial(total, parts):
            yield Found("sum", total.figure, tuple(s.figure for s in parts))


def _names(indicator: str, whole: str) -> bool:
    """门诊部 for 门诊部中, 门诊部床位中 (the whole with its measure), 全市医疗卫生机构 for
    医疗卫生机构中."""
    return len(indicator) >= 2 and (indicator == whole or whole.startswith(indicator)
                                    or indicator.endswith(whole))
