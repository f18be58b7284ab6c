"""One compiled scan: every number with its magnitude, inner bound and unit.

The scanner is built once per rules folder from the fragments of `numbers`,
`units` and `bounds`, and yields `Quantity` values in working-copy offsets.
It decides what the mention is, its value, unit and kind; bounds outside the
mention, ranges, exclusions and the indicator are later stages.
"""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from . import bounds, numbers, units
from .lists import GLUE, GLUE_CHARS, is_glue
from .rules import Rules


class Quantity(NamedTuple):
    """One number the scan found. A NamedTuple, not a dataclass: one is made per
    number of every document, and a tuple is built ten times faster."""
    start: int              # working offsets of the mention
    end: int
    number_start: int       # where the numeral itself starts (after 第 / 百分之)
    number_end: int
    numeral: str
    value: float
    unit: str
    kind: str
    inner_bound: str        # from a bound word inside the mention (余, 多), else ""
    written_unit: str = ""  # the unit as written (个 of 0.8个, 个百分点)
    is_rank: bool = False
    bare: bool = False      # no unit of its own: the first end of a range, an early number of a list


RANK_CUE_REACH = 14   # 居哈尔滨市各县（市）第1位: a cue, a scope of up to ten characters, then 第


@dataclass(frozen=True)
class Scanner:
    pattern: regex.Pattern
    range_head: regex.Pattern     # a bare number + joiner just before a quantity
    units: units.UnitLexicon
    bounds: bounds.BoundLexicon
    rank_units: tuple[str, ...]
    rank_default: str
    rank_cue: regex.Pattern
    joiner_ends: frozenset[str]   # last characters of the range words (至, 到, —, ~ …)
    list_head: regex.Pattern      # a bare number + list glue just before a quantity
    groups: type                  # a named tuple over pattern's groups: one groups() call per match

    def rank_cue_before(self, text: str, at: int, floor: int = 0) -> regex.Match | None:
        """A rank cue (居全省, 排名) ending at `at`, not reaching before `floor`."""
        return self.rank_cue.search(text, max(floor, at - RANK_CUE_REACH), at)


@lru_cache(maxsize=8)
def scanner(rules: Rules) -> Scanner:
    unit_lex = units.lexicon(rules)
    bound_lex = bounds.lexicon(rules)
    cn = numbers.chinese(units.unit_guard(unit_lex))
    num = rf"(?:{numbers.ARABIC}|{cn})"
    unit = units.unit_pattern(unit_lex)
    mag = units.magnitude_pattern(unit_lex)
    inside = bounds.inside_pattern(bound_lex)
    ranks = rules.ranks
    rank_units = "|".join(regex.escape(u) for u in ranks["measure_words"])
    milestone = "|".join(regex.escape(w) for w, b in bound_lex.before.items() if b == ">")
    big = "|".join(regex.escape(m) for m, v in sorted(unit_lex.magnitudes.items(), key=lambda kv: -len(kv[0]))
                   if v >= 1e6)
    figure = (
        rf"(?P<pct>百分之(?P<pnum>{num}))"
        rf"|(?P<rank>(?:第|(?P<top>{regex.escape(ranks['top_prefix'])}))"
        rf"(?P<rnum>\d++|[{numbers.CN_DIGITS}十百]++)(?P<runit>{rank_units})?)"
        rf"|(?P<num>{num})(?P<in1>{inside})?"
        rf"(?:(?P<unit>{unit})|(?P<mag>{mag})(?P<in2>{inside})?(?P<unit2>{unit}))"
        # 首破千亿元, 超千亿元: a milestone written as a magnitude word alone
        rf"|(?<={milestone})(?P<bare>{big})(?P<unit3>{unit})"
        # 千余家企业, 百余人: a round magnitude with 余 (more than it)
        rf"|(?<![\d{numbers.CN_DIGITS}{numbers.CN_UNITS}])(?P<round>[百千万])(?P<in3>余)(?P<unit4>{unit})"
    )
    joiners = "|".join(regex.escape(j) for j in bound_lex.joiners)
    range_head = rf"(?P<num>{num})(?P<mag>{mag})?(?P<join>{joiners})$"
    cues = "|".join(regex.escape(c) for c in sorted(ranks["cues"], key=len, reverse=True))
    pattern = regex.compile(figure)
    return Scanner(
        pattern, regex.compile(range_head), unit_lex, bound_lex,
        tuple(ranks["measure_words"]), ranks["default_unit"],
        regex.compile(rf"(?:{cues})[\p{{Han}}()]{{0,10}}$"),
        frozenset(j[-1] for j in bound_lex.joiners),
        # not after 第 or a letter: 第1、2名 and A、B级 are labels
        regex.compile(rf"(?<![第A-Za-z])(?P<num>{num})(?:{'|'.join(GLUE)})$"),
        _groups_of(pattern),
    )


def _groups_of(pattern: regex.Pattern) -> type:
    names = sorted(pattern.groupindex, key=pattern.groupindex.get)
    assert len(names) == pattern.groups, "every group of the scan is named"
    return namedtuple("Groups", names)


def scan(text: str, sc: Scanner) -> list[Quantity]:
    found: list[Quantity] = []
    at = 0
    while (m := sc.pattern.search(text, at)) is not None:
        at = m.end()
        try:
            quantity = _quantity(m, text, sc, found)
        except (ValueError, ArithmeticError):
            continue                     # cn2an refuses an odd numeral: not a figure
        if quantity is not None:
            found.append(quantity)
        elif m.group("top"):
            at = m.start("rnum")         # 提前30天: no rank (前 of 提前), the number may be a figure
    return found


def _quantity(m: regex.Match, text: str, sc: Scanner, before: list[Quantity]) -> Quantity | None:
    # Looking a group up by name costs as much as the match; take them all at once.
    g = sc.groups._make(m.groups())
    if g.pct:
        return Quantity(m.start(), m.end(), m.start("pnum"), m.end("pnum"), g.pnum,
                        numbers.value_of(g.pnum), "%", "percent", "")
    if g.rank:
        return _rank(m, g, text, sc, before)
    if g.bare:
        unit, kind = sc.units.resolve(g.unit3)
        return Quantity(m.start(), m.end(), m.start("bare"), m.end("bare"), g.bare,
                        sc.units.magnitudes[g.bare], unit, kind, "", g.unit3)
    if g.round:
        unit, kind = sc.units.resolve(g.unit4)
        return Quantity(m.start(), m.end(), m.start("round"), m.end("round"), g.round,
                        sc.units.magnitudes[g.round], unit, kind, sc.bounds.inside[g.in3], g.unit4)
    written = g.unit or g.unit2
    magnitude = sc.units.magnitudes.get(g.mag or "", 1.0)
    unit, kind = sc.units.resolve(written)
    inner = g.in1 or g.in2
    return Quantity(m.start(), m.end(), m.start("num"), m.end("num"), g.num,
                    numbers.scaled(g.num, magnitude), unit, kind,
                    sc.bounds.inside[inner] if inner else "", written)


def _rank(m: regex.Match, g, text: str, sc: Scanner, before: list[Quantity]) -> Quantity | None:
    # 98个第一名: 第一名 labels what is counted, the figure is 98 (SPEC §3).
    if before and before[-1].end == m.start():
        return None
    written_unit = g.runit
    top = bool(g.top)           # 跻身全国前20位: a rank at most 20
    if top and not written_unit:
        return None                      # 前三季度: a period
    # 分别居全市第二、第三和第一: a rank right after a rank and list glue shares its cue
    listed = bool(before) and before[-1].is_rank and is_glue(text[before[-1].end:m.start()], GLUE_CHARS)
    if not written_unit and not listed and not sc.rank_cue_before(text, m.start()):
        return None                      # 第一季度, 第3条: a label, not a rank (分别居第二、第三: listed)
    numeral = g.rnum
    return Quantity(m.start(), m.end(), m.start("rnum"), m.end("rnum"), numeral,
                    numbers.value_of(numeral), written_unit or sc.rank_default, "rank",
                    "<=" if top else "", is_rank=True)


def range_head(text: str, q: Quantity, sc: Scanner) -> Quantity | None:
    """The bare first end of a range whose unit is written once (3000—5000元).

    SPEC §5: its mention is the bare number, its unit the second's. A missing
    magnitude is taken from the second end when the head is smaller than it
    (2—3万人 means 2万 to 3万).
    """
    if q.is_rank or text[q.start - 1:q.start] not in sc.joiner_ends:
        return None                      # no range word right before it: no head to look for
    m = sc.range_head.search(text, max(0, q.start - 24), q.start)
    if not m:
        return None
    numeral = m.group("num")
    try:
        if m.group("mag"):
            multiplier = sc.units.magnitudes[m.group("mag")]
        else:
            own = numbers.value_of(numeral)
            second = numbers.value_of(q.numeral)
            multiplier = (q.value / second) if second and own < second else 1.0
        value = numbers.scaled(numeral, multiplier)
    except (ValueError, ArithmeticError):
        return None                      # cn2an refuses an odd numeral (十十至5个): no range
    end = m.end("mag") if m.group("mag") else m.end("num")
    return Quantity(m.start("num"), end, m.start("num"), m.end("num"), numeral,
                    value, q.unit, q.kind, "", bare=True)


def list_heads(text: str, q: Quantity, sc: Scanner) -> list[Quantity]:
    """The bare numbers of a list whose unit is written once, at its end: 分别高出4.2、4.3和3.2个百分点.

    Each takes the last one's unit and magnitude (1.2、1.5和2万亩: 1.2万 and 1.5万),
    nearest last; a rank never heads a list of its own (分别居第二、第三: see _rank).
    """
    heads: list[Quantity] = []
    if q.is_rank:
        return heads
    at = q.start
    while at > 0 and text[at - 1] in GLUE_CHARS:
        m = sc.list_head.search(text, max(0, at - 24), at)
        if not m:
            break
        numeral = m.group("num")
        try:
            value = numbers.scaled(numeral, q.value / numbers.value_of(q.numeral))
        except (ValueError, ArithmeticError):
            break                        # cn2an refuses an odd numeral; a zero tail: no list
        heads.append(Quantity(m.start("num"), m.end("num"), m.start("num"), m.end("num"), numeral,
                              value, q.unit, q.kind, "", bare=True))
        at = m.start("num")
    return heads[::-1]


def adopt_unit(first: Quantity, second: Quantity, sc: Scanner) -> Quantity:
    """分别提高0.8个和1.4个百分点: the unit written once at the end is the list's."""
    longer = second.written_unit
    if first.written_unit and longer != first.written_unit and longer.startswith(first.written_unit):
        unit, kind = sc.units.resolve(longer)
        return first._replace(unit=unit, kind=kind)
    return first
