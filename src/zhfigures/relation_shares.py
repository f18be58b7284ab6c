"""Find shares: part ÷ whole = share.

制造业增加值4.66万亿元，占地区生产总值比重达36.3%: the whole written in the 占…的
phrase, named there and written earlier, or left out after a share whose whole it
shares; and a rate of days as a share of the year (优良天数比率为80.5%，平均优良天数294天).
"""
from __future__ import annotations

from typing import Iterator

import regex

from .record import Figure
from .relation_breakdowns import earlier_totals
from .relation_check import holds
from .relation_found import (NOT_AMOUNTS, RATES, Found, is_completion_rate, nearest_amounts,
                             rate_list_at, same_count, same_unit, total_before)
from .relation_share_arith import (by_name_and_arithmetic, held_elsewhere, holding,
                                   listed_by_arithmetic, listed_parts, named_before, whole_here)
from .relation_text import CLAUSE_MARKS, Page, Spot


def shares(p: Page) -> Iterator[Found]:
    """制造业增加值4.66万亿元，占地区生产总值比重达36.3%: part ÷ whole = share.

    Both sides must be written: the whole inside the 占…的 phrase, or named
    there and stated earlier in the document (a figure whose indicator is that
    name), or, left out (占18.2%, 分别占全区的22.2%和18.3%), the whole of the share
    before it in the sentence. A target as the whole (占年度目标的) is a completion.
    """
    wholes: dict[tuple[int, int], Figure] = {}      # sentence → the whole of its last share
    for rate in p.spots:
        if rate.figure.kind not in RATES or is_completion_rate(p, rate):
            continue
        found = list(_shares_at(p, rate)) or list(_shares_of_last(p, rate, wholes.get(rate.sentence)))
        for share in found:
            wholes[rate.sentence] = share.operands[1]
            yield share


def _shares_at(p: Page, rate: Spot) -> Iterator[Found]:
    """The share(s) at `rate`, its whole written or named (see `shares`)."""
    before = p.clause_before(rate)
    if p.cues.share_bare.search(before):
        run = rate_list_at(p, rate) or [rate]
        if listed := listed_by_arithmetic(p, run):      # 前三类分别占23.9%、21.9%和13.8%
            yield from listed
            return
        found = _share_of_total(p, rate, p.cues.breakdowns)
        if found is not None:
            yield found
        return
    m = p.cues.share.search(before)
    if not m or p.cues.targets.search(m.group("whole")):
        return
    of_at = rate.start - len(before) + m.start()
    part = _part(p, rate, of_at, before[:m.start()])
    if part is None:
        yield from _shares_of_named(p, rate, m.group("whole"))
        return
    whole = _whole(p, part, rate, of_at, m.group("whole"))
    run = rate_list_at(p, rate) or [rate]
    if whole is not None and len(run) > 1:
        # 南山区、福田区税收收入分别为1876.42亿元和1528.36亿元，分别占全市税收收入的26.0%和21.2%:
        # the rates of a list pair with its amounts, in order
        parts = nearest_amounts(p, rate, len(run), unit_of=whole)
        if parts is not None:
            yield from (Found("share", r.figure, (x.figure, whole.figure)) for r, x in zip(run, parts))
            return
    if whole is not None:
        found = Found("share", rate.figure, (part.figure, whole.figure))
        # 在校生74.7万人，其中小学50.8万人，初中23.9万人，小学生占义务教育在校生的68.0%: of the
        # amounts before 占, the part whose share holds
        held = None if holds(found) else holding(rate, whole, (
            s for s in p.before(rate) if s.end <= of_at and _may_be_part(p, s, whole)), part_of=True)
        yield Found("share", rate.figure, (held.figure, whole.figure)) if held else found
    elif (found := _share_of_total(p, rate) or held_elsewhere(p, rate, part, m.group("whole"))
          or by_name_and_arithmetic(p, rate, m.group("whole"), before[:m.start()])):
        yield found             # 其中…，占总数的40%; 提取额占当年缴存额的70.4% (written before)


def _shares_of_last(p: Page, rate: Spot, whole: Figure | None) -> Iterator[Found]:
    """吴忠市103.9万吨，占全区粮食总产量的27.6%；…83.4万吨和68.8万吨，分别占全区的22.2%和
    18.3%；银川市68.2万吨，占18.2%: a share whose whole is left out (bare 占, or a whole
    named by a place only) has the whole of the share before it; a list of rates, the
    amounts listed before it."""
    before = p.clause_before(rate)
    m = p.cues.share.search(before)
    elided = p.cues.share_bare.search(before) or (
        m and not regex.sub(r"[^\p{Han}]", "", p.cues.subjects.sub("", m.group("whole"))))
    run = rate_list_at(p, rate) or [rate]
    parts = nearest_amounts(p, rate, len(run)) if whole is not None and elided else None
    if whole is not None and elided and parts is None and len(run) == 1:
        parts = named_before(p, rate, whole)     # …和12.8%，其他快递业务收入占9.5%
    if not parts or any(s.figure.unit != whole.unit or s.figure.kind != whole.kind
                        or s.figure.value > whole.value for s in parts):
        return
    for r, part in zip(run, parts):
        yield Found("share", r.figure, (part.figure, whole))


def _part(p: Page, rate: Spot, of_at: int, name: str) -> Spot | None:
    """The part of a share: the nearest amount before 占 in the sentence, past a clause
    that only compares it (新能源装机合计8,298万千瓦，是2020年末…的2.0倍，占…42.6%), or,
    where the rate's clause names it (税收收入98516万元，非税收入37854万元，税收收入占…), a
    figure so named there."""
    name = regex.sub(r"[^\p{Han}]", "", p.cues.subjects.sub("", name))
    named = next((s for s in p.before(rate) if name and s.end <= of_at
                  and s.figure.kind not in NOT_AMOUNTS
                  and p.cues.link_end.sub("", p.clause_before(s)).endswith(name)), None)
    if named is not None:
        return named
    for s in p.before(rate):
        if s.end > of_at or s.figure.kind in NOT_AMOUNTS or p.is_base(s):
            continue
        between = regex.sub(r"(?<=\d),(?=\d)", "", p.text[s.end:of_at])   # not 4,183
        marks = sum(between.count(c) for c in CLAUSE_MARKS)
        # clauses that only compare it: 是…的2.0倍, 同比增长15.9%, 较2019年同期增长10.5%
        compares = sum(bool(x.figure.unit == "倍" or (x.figure.kind in RATES
                                                and p.cues.change.search(p.clause_before(x))))
                       for x in p.spots[s.index + 1:rate.index])
        return s if marks <= 1 + compares else None
    return None


def _shares_of_named(p: Page, rate: Spot, whole_name: str) -> Iterator[Found]:
    """A share whose part is not in its sentence: 税收收入占一般公共预算收入的比重为64.9%
    (the part named, written before); 第一、二、三产业增加值占地区生产总值的比重分别为
    11.1%、47.5%和41.4% (a list of shares: the parts the whole was just broken into)."""
    run = rate_list_at(p, rate)
    if run is None:
        return
    name = p.cues.subjects.sub("", whole_name)
    whole = next((s for s in _by_name(p, rate, name)), None)
    before = p.clause_before(rate)
    part_name = p.cues.subjects.sub("", before[:before.rfind(p.cues.share.search(before).group())])
    if len(run) > 1:
        # 同城、异地、国际/港澳台快递业务量分别占全部快递业务量的3.6%、95.8%和0.6%: the whole of
        # which every item's figure is the share its rate says
        listed = next(((w, parts) for w in (s for s in reversed(p.spots[:rate.index])
                                            if s.figure.kind not in NOT_AMOUNTS and s.figure.bound == "=")
                       if (parts := listed_parts(p, run, w, part_name))), None)
        if listed is not None:
            for r, part in zip(run, listed[1]):
                yield Found("share", r.figure, (part.figure, listed[0].figure))
            return
    if whole is None or (len(run) == 1 and not any(
            s.figure.kind not in NOT_AMOUNTS for s in p.spots[whole.index + 1:rate.index])):
        # 钦州港集装箱吞吐量占北部湾港的77.2% (北部湾港集装箱吞吐量601万标箱 just before, the
        # port's own 463.8万标箱 sections before): whole and part found by what holds
        found = by_name_and_arithmetic(p, rate, name, part_name)
        if found is not None:
            yield found
        if whole is None or found is not None:
            return
    between = [s for s in p.spots[whole.index + 1:rate.index] if same_unit(s, whole)
               and not p.cues.change.search(p.clause_before(s)) and not p.is_base(s)
               and not p.is_threshold(s)]
    named = [s for s in between if part_name and p.clause_before(s).endswith(part_name)] or [
        s for s in between      # 年末个人住房贷款余额占缴存余额的比率: a figure named 贷款余额
        if len(s.figure.indicator) >= 2 and part_name.endswith(s.figure.indicator)]
    if len(run) == 1 and len(named) > 1:
        named = [holding(run[0], whole, named[::-1], part_of=True) or named[0]]
    parts = named[:1] if len(run) == 1 and named else between if len(between) == len(run) else []
    if len(parts) == len(run):
        for r, part in zip(run, parts):
            yield Found("share", r.figure, (part.figure, whole.figure))


def _by_name(p: Page, spot: Spot, name: str) -> Iterator[Spot]:
    """Figures before `spot` whose indicator is `name`, nearest first, exact ones before
    bounded ones (地区生产总值128,222.2亿元 before …超过万亿元的设区市)."""
    core = regex.sub(r"^(?:全部|所有|总(?=\p{Han}{2}))", "", name)   # 占全部发电装机的, 占总装机的 → 电力装机容量
    named = [s for s in reversed(p.spots[:spot.index]) if name and s.figure.kind not in NOT_AMOUNTS
             and (s.figure.indicator.endswith(name) or (core != name and core in s.figure.indicator)
                  or (len(name) >= 3 and name in s.figure.indicator)    # 总装机 → 电力总装机容量
                  or _total_of(name, s.figure.indicator))
             and not p.is_base(s)]
    yield from sorted(named, key=lambda s: (s.figure.bound != "=", not s.figure.indicator.endswith(name)))


def _total_of(name: str, indicator: str) -> bool:
    """合同总额 for 实际签订合同金额, 接待游客总量 for 接待游客: X总额 (总量, 总数, 总值) names the
    total of the X amounts."""
    m = regex.fullmatch(r"(\p{Han}{2,})总([额量数值])", name)     # 接待游客总量 for 接待游客
    return m is not None and m.group(1) in indicator and (indicator.endswith(m.group(2))
                                                          or indicator.endswith(m.group(1)))


def _share_of_total(p: Page, rate: Spot, groups=()) -> Found | None:
    """其中公办机构120家，占55.0%: the part just before, the whole the total 其中 hangs on
    (or, for a bare 占, a breakdown in `groups`: 分机构类型看，医院9066.58万人次，占62.9%);
    where the rate's clause names the part (…；一般性转移支付占比85.9%), the figure so named."""
    name = regex.sub(r"[^\p{Han}]", "", p.cues.share_bare.sub("", p.clause_before(rate)))
    part = next((s for s in p.before(rate) if name and p.clause_before(s).endswith(name)), None) \
        or next((s for s in p.before(rate)      # past its growth: 一般贸易…1126.8亿元，增长28.4%，占63.0%
                 if not (s.figure.kind in RATES and p.cues.change.search(p.clause_before(s)))), None)
    if part is None or part.figure.kind in NOT_AMOUNTS:
        return None
    cues = sorted(m.start() for c in (p.cues.parts_after, *groups)
                  for m in c.finditer(p.text, part.sentence[0], part.start))
    total = total_before(p, cues[-1], part, [part]) if cues else _among(p, part)
    if total is None and cues and groups:
        # 从贸易方式看，一般贸易进出口1126.8亿元，…，占63.0%: the total the breakdown splits
        total = holding(rate, part, earlier_totals(p, cues[-1], [part], holding=True))
    if total is None:
        return held_elsewhere(p, rate, part) or whole_here(p, rate, part)
    found = Found("share", rate.figure, (part.figure, total.figure))
    if holds(found):
        return found
    # 在校生74.7万人，其中小学50.8万人，初中23.9万人，小学生占…的68.0%: another part before the
    # rate in its sentence whose share holds
    other = holding(rate, total, (s for s in p.before(rate) if s is not part and _may_be_part(p, s, total)),
                    part_of=True)
    if other is not None:
        return Found("share", rate.figure, (other.figure, total.figure))
    return _of_a_larger_total(p, part, total, rate) or held_elsewhere(p, rate, part) or found


def _may_be_part(p: Page, s: Spot, whole: Spot) -> bool:
    """A figure another part of `whole` may be, where the part first read does not hold: of
    its unit, less than it, and no base of a comparison."""
    return s is not whole and same_unit(s, whole) and s.figure.value < whole.figure.value \
        and not p.is_base(s)


def _of_a_larger_total(p: Page, part: Spot, total: Spot, rate: Spot) -> Found | None:
    """装机4070万千瓦…清洁能源装机合计3677万千瓦…；其中新能源装机2484万千瓦，占比61.0%: a share
    that does not hold against the total its 其中 hangs on may be of the paragraph's larger
    total (2484 ÷ 4070); taken only where that one holds."""
    for s in reversed(p.spots[:total.index]):
        if s.paragraph != part.paragraph:
            return None
        if same_unit(s, part) and s.figure.value > total.figure.value and s.figure.bound == "=":
            found = Found("share", rate.figure, (part.figure, s.figure))
            if holds(found):
                return found
    return None


def _among(p: Page, part: Spot) -> Spot | None:
    """全省174家县级医院中，已有138家…: the whole in a clause ending with 中 before the part
    (全省1202.3万名中小学在校生中，已有312.6万人…: people counted in 名 or 人 alike)."""
    return next((s for s in p.before(part)
                 if same_count(p, s, part)
                 and s.figure.value >= part.figure.value
                 and p.cues.among.search(p.clause_after(s))), None)


def _whole(p: Page, part: Spot, rate: Spot, of_at: int, name: str) -> Spot | None:
    inside = [s for s in p.before(rate) if s.start >= of_at and same_unit(s, part)]
    if inside:
        return inside[0]
    scope = p.cues.subjects.match(name)
    name = p.cues.subjects.sub("", name).removesuffix(part.figure.unit)    # 占总诊疗人次的 → 总诊疗
    named = [s for s in _by_name(p, part, name) if same_unit(s, part)
             and s.figure.value >= part.figure.value]      # a whole holds its part
    # 占全市床位的: the whole of the scope named (全市…床位), not a group's (公立…床位)
    named = [s for s in named if s.figure.bound == "="] or named    # not 突破1500万人次 (a bound)
    scoped = [s for s in named if scope and scope.group() in p.clause_before(s)]
    # 占全市出口总值的64.1%: 出口 (1463.2), not 全市进出口总值 (1789.5): the one that holds
    return holding(rate, part, [*scoped, *named]) or next(iter(scoped or named), None)


def shares_from_to(p: Page) -> Iterator[Found]:
    """民营企业进出口902.6亿元，比上年的699.9亿元增长29.0%，占全市进出口总值的比重由上年的49.0%
    提高到50.4%: a share written as its change, both ends.

    The later share is of the part and whole as for any share (`_part`, `_whole`); the
    earlier one of the figures they are compared with (比上年的699.9亿元; the whole's own,
    比上年的1428.9亿元), where both are written.
    """
    for earlier, later in zip(p.spots, p.spots[1:]):
        if earlier.figure.kind not in RATES or later.figure.kind not in RATES \
                or earlier.sentence != later.sentence or not p.cues.from_to.match(p.gap(earlier, later)):
            continue
        before = p.clause_before(earlier)
        start = p.cues.from_word.search(before)
        m = p.cues.share.search(before[:start.start()]) if start else None
        if m is None or p.cues.targets.search(m.group("whole")):
            continue
        of_at = earlier.start - len(before) + m.start()
        part = _part(p, earlier, of_at, before[:m.start()])
        whole = _whole(p, part, later, of_at, m.group("whole")) if part is not None else None
        if whole is None:
            continue
        yield Found("share", later.figure, (part.figure, whole.figure))
        bases = [_base_of(p, part), _base_of(p, whole)]
        if all(bases):
            yield Found("share", earlier.figure, (bases[0].figure, bases[1].figure))


def _base_of(p: Page, spot: Spot) -> Spot | None:
    """The figure `spot` is compared with, written after it in its sentence (…1789.5亿元，
    比上年的1428.9亿元增长25.2%)."""
    return next((s for s in p.spots[spot.index + 1:] if s.sentence == spot.sentence
                 and same_unit(s, spot) and p.is_base(s)), None)


def year_shares(p: Page) -> Iterator[Found]:
    """优良天数比率为80.5%，平均优良天数294天: a rate of days is a share of the year.

    The whole is the days of the year the figures cover (the year of the
    rate's period, else the last year named before it), written in no figure.
    """
    for rate in p.spots:
        if rate.figure.kind not in RATES or not p.cues.day_rate.search(p.clause_before(rate)):
            continue
        days = next((s for s in p.spots if s.sentence == rate.sentence and s.figure.unit == "天"
                     and p.cues.day_count.search(p.clause_before(s))), None)
        year = _year(p, rate)
        if days is not None and year:
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            yield Found("share", rate.figure, (days.figure,), whole=366.0 if leap else 365.0)


def _year(p: Page, spot: Spot) -> int | None:
    named = regex.findall(r"(?<!\d)((?:19|20)\d\d)年", spot.figure.period) \
        or regex.findall(r"(?<!\d)((?:19|20)\d\d)年", p.text[:spot.start])
    return int(named[-1]) if named else None
