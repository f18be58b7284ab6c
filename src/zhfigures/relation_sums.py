"""Find sums: a total, then 其中 and its parts.

共完成改造6052户。其中，“瓶改管”完成1267户，“瓶改电”完成4785户; and what every sum
finder asks: how far the parts after a breakdown word run (`parts_after`), which reading
of them holds (`holding_sum`), whether they are only a few named out of the total
(`partial`). Sums whose total follows the parts are in `relation_totals`.
"""
from __future__ import annotations

from typing import Iterator

import regex

from .relation_check import holds
from .relation_found import LIST_GLUE, NOT_AMOUNTS, REST, Found, same_unit, total_before, totals_before
from .relation_text import Page, Spot


def sums_after_total(p: Page) -> Iterator[Found]:
    """共完成改造6052户。其中，“瓶改管”完成1267户，“瓶改电”完成4785户。

    The parts follow 其中 (see `parts_after`); the total is the nearest figure of
    their unit before 其中, in its sentence or, where 其中 opens a sentence,
    the one before — unless another reading of the parts and the total holds
    (`holding_sum`).
    """
    for m in p.cues.parts_after.finditer(p.text):
        parts = parts_after(p, m.start(), m.end())
        if not parts:
            continue
        readings = [parts, parts_after(p, m.start(), m.end(), lenient=True)]
        totals = lambda ps: totals_before(p, m.start(), ps[0], ps)    # noqa: E731
        held = sums_in_each_unit(p, m.start(), m.end(), readings, totals)
        if held:
            yield from held
            continue
        by_measure = [h for h in (holding_sum(p, [ps], totals) for ps in _measures(p, parts)) if h]
        if by_measure:
            yield from by_measure
            continue
        if len(parts) < 2 or summed_after(p, parts):
            continue
        total = total_before(p, m.start(), parts[0], parts)
        if total is not None and not partial(total, parts):
            yield Found("sum", total.figure, tuple(s.figure for s in parts))


def _measures(p: Page, parts: list[Spot]) -> list[list[Spot]]:
    """其中，养老保险基金收入169.84亿元、支出162.47亿元；失业保险基金收入4.52亿元、支出3.58亿元…:
    parts of two measures taken in turn, each measure's own (收入…, 支出…); none where the
    parts are of one measure."""
    named: dict[str, list[Spot]] = {}
    for s in parts:
        named.setdefault(part_name(p, s), []).append(s)
    return list(named.values()) if len(named) > 1 and all(len(v) > 1 for v in named.values()) else []


def other_units(p: Page, at: int, end: int, group: str = "") -> list[list[Spot]]:
    """Lenient readings of the parts after a breakdown word in each unit after the first
    (…已消除风险2.21万户8.03万人…；尚未消除风险的1.37万户4.61万人: the 人 besides the 户)."""
    after = [s for s in p.spots if s.start >= end and s.sentence[0] <= at < s.sentence[1]
             and s.figure.kind not in NOT_AMOUNTS]
    units: list[Spot] = []
    for s in after[1:]:
        if not same_unit(s, after[0]) and not any(same_unit(s, u) for u in units):
            units.append(s)
    return [parts_after(p, at, end, group, lenient=True, unit=u) for u in units]


def sums_in_each_unit(p: Page, at: int, end: int, readings: list[list[Spot]], totals,
                      group: str = "") -> list[Found]:
    """The sum that holds of the parts after a breakdown word (see `holding_sum`), and
    of those in each unit after the first (see `other_units`)."""
    held = (holding_sum(p, readings, totals),
            *(holding_sum(p, [r], totals) for r in other_units(p, at, end, group)))
    return [h for h in held if h is not None]


def holding_sum(p: Page, readings: list[list[Spot]], totals) -> Found | None:
    """The first reading of the parts (strict before lenient, each at its longest first)
    and total candidate (`totals(parts)`, nearest first) whose sum holds: where figures add
    up within rounding, every one exact, the text states their sum whatever its layout (…，占进出口总值的
    81.8%；进口326.3亿元；贸易顺差…: the parts past a `;` that names the next one its own way,
    and not the figure after them)."""
    for reading in readings:
        for end in range(len(reading), 1, -1):
            parts = reading[:end]
            if summed_after(p, parts):
                continue
            for total in totals(parts):
                found = Found("sum", total.figure, tuple(s.figure for s in parts))
                if exact(found) and holds(found):
                    return found
    return None


def exact(found: Found) -> bool:
    """Every figure written exactly: 600场 and 20余场 + 11场 'hold' only through the bound
    of 余, which is no evidence that the text sums them."""
    return all(f.bound == "=" for f in (found.result, *found.operands))


def partial(total: Spot, parts: list[Spot]) -> bool:
    """规模以上企业454家，其中国家级龙头企业9家、省级45家: parts short of half their total are
    a few named out of it, not its breakdown (RELATIONS.md, decision 5); parts over it by a
    tenth or more (对东盟…1301.6亿元；对美国…921.2亿元 after 外商投资企业…1682.1亿元) are not its
    (a breakdown that misses its total by less still `fails`: 约2000张 … 1200张 + 900张)."""
    summed = sum(s.figure.value for s in parts)
    return summed < total.figure.value / 2 or summed > total.figure.value * 1.1


def parts_after(p: Page, at: int, end: int, group: str = "", lenient: bool = False,
                unit: Spot | None = None) -> list[Spot]:
    """The parts after a breakdown word: figures of the first one's unit to the end of
    the enumeration — the sentence, a `)` closing a `(` opened before the word,
    or a `;` unless what follows it is worded like the first part
    (…职工基本医疗保险参保1,058.3万人；城乡居民基本医疗保险参保2,157.3万人) or named
    by a `group` (分地市看，…；银川市68.2万吨), and adds nothing (…；这笔补助与…相加). A
    change (比上年减少31.2万人), a total (合计…) or a quotient (每千名老年人拥有床位41.7张) is
    no part. `lenient`: past a `;` whatever names the next figure or is measured between (财政
    审计项目87个，查出问题金额…；投资审计项目96个), and past a subtotal — a reading kept only
    where its sum holds. `unit`: the parts of that figure's unit (a second measure listed in
    turn: 道路运输事故58起、死亡54人；…).
    """
    after = [s for s in p.spots if s.start >= end and s.sentence[0] <= at < s.sentence[1]]
    if after:
        close = _closing_paren(p.text, after[0].sentence[0], at, after[-1].end)
        after = [s for s in after if s.start < close]
    first = next((s for s in after if s.figure.kind not in NOT_AMOUNTS
                  and (unit is None or same_unit(s, unit))), None)
    parts: list[Spot] = []
    if first is None:
        return parts
    last, sub = at, False
    for s in after:
        before = p.clause_before(s)
        summing = p.cues.total_after.search(before)
        if same_unit(s, first) and summing and not names_group(p, p.spots[s.index - 1]) \
                and not _places_summed(before[:summing.start()]):
            if lenient:         # 区级税收…，省级下放税收…，两项税收合计59.20亿元，…；非税收入…:
                continue        # a subtotal inside the breakdown, read past where the sum holds
            break               # …，新能源装机合计8,298万千瓦: the enumeration is summed there
        if not same_unit(s, first) or p.cues.change.search(before) or p.is_base(s) \
                or p.cues.per_unit.search(before) \
                or names_group(p, s) or p.is_target(s) != p.is_target(first):   # 超过年度任务3000个
            continue
        gap = p.text[last:s.start]
        if ";" in gap and p.cues.opens_breakdown.search(gap):
            break               # …0.63亿元；非住房消费类提取中，…: another breakdown starts
        if parts and gap.count("(") > gap.count(")"):
            continue            # 扑救火灾1803起（另有43起火灾…已被群众扑灭）: an aside, no part
        if parts and (p.cues.among_or_parts.search(gap) or p.cues.parts_after.search(gap)):
            sub = True          # 第二产业2071.52亿元，其中制造业…；第三产业…: a part broken down,
        if sub and ";" not in gap:                  # its own parts no parts of this breakdown
            last = s.end
            continue
        sub = False
        if ";" in gap and (
                (not lenient and part_name(p, s) != part_name(p, first) and not group_named(p, s, group)
                 and not (bare(p, s) and bare(p, first) and _shared(p, first)))
                or p.cues.added.search(p.clause_before(s) + p.clause_after(s))
                or (not lenient and _measured_between(p, parts[-1] if parts else first, s))):
            break               # …；这笔补助与转贷收入9800万元、结转26100万元相加: another sum
        parts.append(s)
        last = s.end
    return parts


def _places_summed(names: str) -> bool:
    """洪雅、丹棱、青神三县合计175套: places named together and summed are one part (as 其余10个区县
    合计153个 is, see `names_group`); so is the rest summed (其他各税种合计1137.18亿元)."""
    return ("、" in names and bool(regex.fullmatch(r"[\p{Han}、()]+", names))) \
        or names.startswith(REST)


def bare(p: Page, s: Spot) -> bool:
    """医院97117张，占91.2%；基层医疗卫生机构4978张: a part named by a bare name (no link
    or cue word before its figure), as the items of a list split by `;` are (where the
    first reports its share: 其中体育赛事20余场；举办社区运动会11场 is no list)."""
    name = p.cues.parts_after.sub("", p.clause_before(s), count=1)
    return bool(regex.fullmatch(r"[\p{Han}()、]{2,16}", name)) and not (
        p.cues.change.search(name) or p.cues.total_after.search(name)
        or p.cues.link_end.search(name) or p.cues.targets.search(name))


def _shared(p: Page, first: Spot) -> bool:
    """医院97117张，占91.2%；…: the list's first part followed by its share of the whole."""
    nxt = p.spots[first.index + 1] if first.index + 1 < len(p.spots) else None
    return nxt is not None and nxt.sentence == first.sentence \
        and bool(p.cues.share_bare.search(p.clause_before(nxt)))


def _measured_between(p: Page, last: Spot, s: Spot) -> bool:
    """区级重点项目43个，完成投资58.6亿元，为年度计划的112.3%；新开工项目29个: a figure of
    another measure after the last part (not its rate, 增长4.2%, nor a figure it is compared
    with, 比上年的…) ends the breakdown."""
    return any(x.figure.kind not in NOT_AMOUNTS and not same_unit(x, last) and not p.is_base(x)
               and not p.cues.change.search(p.clause_before(x))
               for x in p.spots[last.index + 1:s.index])


def group_named(p: Page, s: Spot, group: str) -> bool:
    """固原市、中卫市分别为83.4万吨和68.8万吨 after 分地市看: the clause opens with a name of
    the breakdown's group (a word ending in 地 or 市; after 分县区看, in 县 or 区)."""
    return bool(group) and bool(regex.match(rf"\p{{Han}}{{1,6}}?[{regex.escape(group)}]",
                                            p.clause_before(s)))


def names_group(p: Page, s: Spot) -> bool:
    """其他9个设区市84个: a count naming the group whose figure follows it (9 cities, 84 parks);
    其余10个区、县（市）合计新增153个: … or whose total follows it."""
    nxt = p.spots[s.index + 1] if s.index + 1 < len(p.spots) else None
    gap = p.gap(s, nxt) if nxt is not None else ""
    named = regex.fullmatch(r"\p{Han}{1,6}", gap) or (
        regex.fullmatch(r"\p{Han}[\p{Han}、()]{0,11}", gap) and p.cues.total_after.search(gap))
    return (nxt is not None and nxt.sentence == s.sentence and same_unit(s, nxt)
            and bool(named) and not gap.startswith(LIST_GLUE))


def part_name(p: Page, spot: Spot) -> str:
    """The last two characters of the words before a figure, past a link (收入预计136370万元
    → 收入): what parallel items share; a figure listed after another (分别新增32个、29个和
    21个) has the first one's name."""
    prev = p.spots[spot.index - 1] if spot.index else None
    if prev is not None and prev.sentence == spot.sentence and same_unit(prev, spot) \
            and p.gap(prev, spot) in LIST_GLUE:
        return part_name(p, prev)
    return "".join(regex.findall(r"\p{Han}", p.cues.link_end.sub("", p.clause_before(spot)))[-2:])


def _closing_paren(text: str, sentence_start: int, at: int, end: int) -> int:
    """The `)` closing a `(` opened before `at` in its sentence, else `end`."""
    opened = text.count("(", sentence_start, at) > text.count(")", sentence_start, at)
    depth = 0                   # of parentheses opened after `at`: 各县(市、区)
    for i in range(at, end):
        if opened and depth == 0 and text[i] == ")":
            return i
        depth += {"(": 1, ")": -1}.get(text[i], 0)
    return end


def summed_after(p: Page, parts: list[Spot]) -> bool:
    """Parts followed by their own total (其中风电…、太阳能发电…，新能源装机合计…), in their
    sentence or, as a recap, opening the next (…。以上四项合计196152万元)."""
    last = parts[-1]
    after = next((s for s in p.spots[last.index + 1:] if s.paragraph == last.paragraph
                  and same_unit(s, last) and not p.is_base(s)
                  and not p.cues.change.search(p.clause_before(s))), None)
    if after is None or not p.cues.total_after.search(p.clause_before(after)):
        return False
    return after.sentence == last.sentence or bool(p.cues.recap.search(p.clause_before(after)))
