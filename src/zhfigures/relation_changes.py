"""Find changes with both values written: growth, difference and ratio.

产量759.5亿斤，比上年的753.4亿斤增长0.8% (growth); 由650元/月提高到700元/月，提高
50元/月 (difference); 装机3900万千瓦，是上年末2437万千瓦的1.6倍 (ratio); and the excess
over a target (建成150块，年度目标120块，超额完成30块).
"""
from __future__ import annotations

from typing import Iterator

import regex

from .record import Figure
from .relation_check import holds
from .relation_found import NOT_AMOUNTS, RATES, Found, same_unit
from .relation_text import Page, Spot


def changes(p: Page) -> Iterator[Found]:
    """Both values and the change between them written.

    由650元/月提高到700元/月，提高50元/月 (from … to); 产量759.5亿斤，比上年的
    753.4亿斤增长0.8% (than); 装机3900万千瓦，是上年末2437万千瓦的1.6倍 (times).
    A change in % is growth, in 倍 after 增长 growth too (增长1.5倍 = +150%), in
    the values' unit (or points between rates) a difference, 是…的N倍 a ratio.
    """
    for c in p.spots:
        earlier = list(p.before(c))
        if c.figure.unit == "倍" and (named := _times_named(p, c)) is not None:
            yield named
            continue
        before = p.clause_before(c)
        if not earlier:
            # 上年同期分别为97起、91人。与上年相比，事故起数减少11起: both values sentences before
            m = p.cues.change.search(before)
            pair = m and c.figure.kind not in NOT_AMOUNTS and _pair_with_last_year(p, c, _sign(m))
            if pair:
                yield Found("difference", c.figure, (pair[0].figure, pair[1].figure), _sign(m))
            continue
        a = earlier[0]
        if p.cues.over.search(before) and (over := _over_target(p, c, earlier)) is not None:
            yield over
            continue
        m = p.cues.change.search(before)
        if c.figure.unit == "倍" and p.gap(a, c).removeprefix(")") == "的" \
                and p.cues.times.search(p.clause_before(a).rstrip("(")):    # 为常年梅雨量（357.5毫米）的3.4倍
            this = next((s for s in earlier[1:] if same_unit(s, a)), None)
            if this is not None:
                yield Found("ratio", c.figure, (this.figure, a.figure))
            continue
        if not m:
            pair = _exceeds_named(p, c)         # 贷款余额高出存款余额415.7亿元
            relation = pair and _change_kind(pair[0].figure, c.figure)
            if relation:
                yield Found(relation, c.figure, (pair[0].figure, pair[1].figure))
            continue
        sign = _sign(m)
        pair = _from_to(p, earlier) or _than(p, c, earlier, m) or _after_change(p, c, earlier) \
            or _than_named(p, c)
        relation = pair and _change_kind(pair[0].figure, c.figure)
        if relation:
            yield Found(relation, c.figure, (pair[0].figure, pair[1].figure), sign)
        elif (growth := _growth_of_earlier(p, c, a, sign)) is not None:
            yield growth
        elif c.figure.kind not in NOT_AMOUNTS and (pair := _pair_with_last_year(p, c, sign)):
            yield Found("difference", c.figure, (pair[0].figure, pair[1].figure), sign)


def _sign(m: regex.Match) -> int:
    """−1 where the change word says down (下降, 比…少), else 1."""
    return -1 if m.group("down") or m.group("down2") else 1


_LAST_YEAR = regex.compile(r"上年|去年|同期")


def _pair_with_last_year(p: Page, c: Spot, sign: int) -> tuple[Spot, Spot] | None:
    """全年发生事故86起、死亡79人，上年同期分别为97起、91人。与上年相比，事故起数减少11起，下降
    11.3%: a change whose two values stand in the sentences before it, the earlier one dated
    last year (上年, 去年, 同期) — the pair of which the change holds, nearest first."""
    near = [s for s in reversed(p.spots[:c.index]) if s.paragraph == c.paragraph
            and s.figure.bound == "=" and same_unit(s, c)][:12]
    dated = [s for s in near if _LAST_YEAR.search(p.clause_before(s))]
    pairs = [(this, base) for base in dated for this in near
             if this is not base and this not in dated and same_unit(this, base)
             and holds(Found("difference", c.figure, (this.figure, base.figure), sign))]
    # 死亡5人、受伤9人 … 7人、11人 … 死亡人数减少2人: both pairs differ by 2; the one named alike
    words = _bigrams(p.clause_before(c))
    pairs.sort(key=lambda pair: not (words & _bigrams(pair[0].figure.indicator)))
    return pairs[0] if pairs else None


def _bigrams(text: str) -> set[str]:
    han = regex.sub(r"\P{Han}", "", text)
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _growth_of_earlier(p: Page, c: Spot, this: Spot, sign: int) -> Found | None:
    """力争完成货物吞吐量1.8亿吨，比2021年增长8.1%左右 (全年…完成货物吞吐量16652.3万吨 sections
    before): a growth rate right after its amount, whose earlier value is written before the
    sentence — the nearest exact figure of its unit named alike (two words in common: 旅客发送量, 累计发送旅客) of which it holds."""
    if c.figure.kind != "percent" or this.figure.kind in NOT_AMOUNTS or p.gap(this, c)[:1] not in ",、" \
            or this.figure.bound != "=" or len(this.figure.indicator) < 3:
        return None
    named = _bigrams(this.figure.indicator)      # 旅客发送量 and 累计发送旅客: 旅客, 发送
    for s in reversed(p.spots[:this.index]):
        if s.sentence != this.sentence and same_unit(s, this) and s.figure.bound == "=" \
                and len(named & _bigrams(s.figure.indicator)) >= 2 and not p.is_target(s):
            found = Found("growth", c.figure, (this.figure, s.figure), sign)
            if holds(found):
                return found
    return None


def _over_target(p: Page, c: Spot, earlier: list[Spot]) -> Found | None:
    """建成150块，年度目标120块，超额完成30块: actual − target = the excess."""
    same = [s for s in earlier if same_unit(s, c) and not p.cues.change.search(p.clause_before(s))]
    target = next((s for s in same if p.is_target(s)), None)
    actual = next((s for s in same if not p.is_target(s)), None)
    if target is None or actual is None:
        return None
    return Found("difference", c.figure, (actual.figure, target.figure))


def _from_to(p: Page, earlier: list[Spot]) -> tuple[Spot, Spot] | None:
    """…由A提高到B，提高C: B and A are the two spots just before C."""
    if len(earlier) < 2:
        return None
    b, a = earlier[0], earlier[1]
    if same_unit(a, b) and p.cues.from_to.match(p.gap(a, b)) \
            and p.cues.from_word.search(p.clause_before(a)):
        return b, a
    return None


def _than(p: Page, c: Spot, earlier: list[Spot], m: regex.Match) -> tuple[Spot, Spot] | None:
    """B，比上年的A增长C: A just before the change word, B the figure of its unit before,
    past a target (B，完成预算数T的N%；与上年的A相比增支C)."""
    if not earlier:
        return None                      # a change with nothing before it to compare
    a, gap = earlier[0], p.gap(earlier[0], c).removeprefix(")")   # 较常年（16.9℃）偏高0.5℃
    than = gap == m.group() and p.cues.than.search(p.clause_before(a))
    compared = gap.endswith(m.group()) and p.cues.compared.fullmatch(gap[:-len(m.group())]) \
        and p.cues.with_base.search(p.clause_before(a))
    if not (than or compared):
        return None
    b = next((s for s in earlier[1:] if same_unit(s, a) and not p.is_target(s)), None)
    return (b, a) if b is not None else _this_before(p, c, a, _sign(m) < 0)


def _this_before(p: Page, c: Spot, a: Spot, down: bool) -> tuple[Spot, Spot] | None:
    """全市常住人口比2010年…的6549486人增加507213人 (常住人口共计7056699人 sections before): the
    later value is not in the sentence; it is the nearest exact figure of its unit written
    before that the change, an exact amount, makes agree to the last digit."""
    if not same_unit(a, c) or c.figure.bound != "=" or a.figure.bound != "=":
        return None
    later = a.figure.value - c.figure.value if down else a.figure.value + c.figure.value
    return next(((s, a) for s in reversed(p.spots[:a.index]) if s.sentence != a.sentence
                 and same_unit(s, a) and s.figure.bound == "="
                 and abs(s.figure.value - later) <= abs(later) * 1e-9), None)


def _after_change(p: Page, c: Spot, earlier: list[Spot]) -> tuple[Spot, Spot] | None:
    """比上年的780.1亿斤增加11.4亿斤，增长1.5%: a second change, in another unit, of the
    pair the change just before it compares."""
    d = earlier[0]
    m = p.cues.change.search(p.clause_before(d))
    if not m or p.text[d.end:c.start].count(",") != 1 or same_unit(d, c):
        return None
    return _from_to(p, earlier[1:]) or _than(p, d, earlier[1:], m) \
        or _pair_with_last_year(p, d, _sign(m))


def _times_named(p: Page, c: Spot) -> Found | None:
    """城镇居民人均可支配收入是农村牧区居民的2.29倍: both sides named, their figures
    written before in the paragraph (the base's name may drop the shared noun)."""
    m = p.cues.times_named.search(p.clause_before(c))
    if not m or regex.search(r"[年月季]", m.group("base")):
        return None                 # 是上年的1.6倍: one side only
    pair = _named_pair(p, c, m.group("this"), m.group("base"))
    return Found("ratio", c.figure, (pair[0].figure, pair[1].figure)) if pair else None


def _than_named(p: Page, c: Spot) -> tuple[Spot, Spot] | None:
    """贷款余额比存款余额多1398.2亿元: both sides named, their figures written before."""
    m = p.cues.than_named.search(p.clause_before(c))
    if not m or regex.search(r"[年月季]", m.group("base")):
        return None                 # 比上年多: one side only
    return _named_pair(p, c, m.group("this"), m.group("base"))


def _exceeds_named(p: Page, c: Spot) -> tuple[Spot, Spot] | None:
    """贷款余额高出存款余额415.7亿元: A exceeds B by C, both named, their figures written
    before; not a target (高出年度目标4.33个百分点 is points)."""
    m = p.cues.exceeds_named.search(p.clause_before(c))
    if not m or p.cues.targets.search(m.group("base")) or regex.search(r"[年月季]", m.group("base")):
        return None
    return _named_pair(p, c, m.group("this"), m.group("base"))


def _named_pair(p: Page, c: Spot, this_name: str, base_name: str) -> tuple[Spot, Spot] | None:
    """The figures before `c` in its paragraph named `this_name` and `base_name` (the base's
    name may drop the shared noun; a name may drop words: 城镇居民收入 for 城镇居民人均可支配收入)."""
    this_name = p.cues.subjects.sub("", this_name)
    earlier = [s for s in reversed(p.spots[:c.index]) if s.paragraph == c.paragraph
               and s.figure.kind not in NOT_AMOUNTS]
    this = next((s for s in earlier if p.clause_before(s).endswith(this_name)), None) \
        or next((s for s in earlier if _abbreviates(this_name, p.clause_before(s))), None)
    base = next((s for s in earlier if s is not this and this is not None
                 and same_unit(s, this) and base_name in p.clause_before(s)), None)
    return (this, base) if this and base else None


def _abbreviates(short: str, name: str) -> bool:
    """城镇居民收入 for 城镇居民人均可支配收入: the same first two and last characters, the
    rest in order."""
    chars = iter(name[name.find(short[:2]):]) if short[:2] in name else iter(())
    return len(short) >= 4 and name.endswith(short[-1]) and all(ch in chars for ch in short)


def _change_kind(value: Figure, change: Figure) -> str | None:
    if change.unit in ("%", "倍") and value.kind not in RATES:
        return "growth"
    if change.unit == value.unit or (change.kind == "percentage_point" and value.kind in RATES):
        return "difference"
    return None
