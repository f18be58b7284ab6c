"""The range of values a figure as written stands for.

`157.8%` stands for anything from 157.75 to 157.85, `1615.22万元` for
16152200 ± 50 元: half a step of the last digit written, scaled by the
magnitude. A figure is checked against others within these ranges, never a
fixed epsilon, so that a sum of parts written to 0.01万元 tolerates n × 0.005万元.
A bound word opens the range on its side: `余`/`以上` leave no upper end,
`近`/`不足` no lower one; `约` is taken as written to its last digit
(corpus/RELATIONS.md).
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import cn2an
import regex

from .numbers import CN_DIGITS, CN_POINT, CN_UNITS
from .record import Figure

_ARABIC = regex.compile(r"\d+(?:\.(\d+))?")
_CHINESE = regex.compile(rf"[{CN_DIGITS}{CN_UNITS}]+(?:[{CN_POINT}]([{CN_DIGITS}]+))?")
MAGNITUDE_WORDS = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))     # as a note writes them


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            return UNKNOWN
        return _corners([a / b for a in (self.lo, self.hi) for b in (other.lo, other.hi)])

    def scale(self, factor: float) -> Interval:
        return _corners([self.lo * factor, self.hi * factor])

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


UNKNOWN = Interval(-math.inf, math.inf)


def _corners(values: list[float]) -> Interval:
    if any(math.isnan(v) for v in values):      # inf / inf: nothing can be said
        return UNKNOWN
    return Interval(min(values), max(values))


def exact(value: float) -> Interval:
    return Interval(value, value)


def step(figure: Figure) -> float:
    """The place value of the last digit written, in the figure's unit.

    `1615.22万元` → 100 (0.01万), `157.8%` → 0.1, `4734个` → 1,
    `百分之三十五点五` → 0.1, `一千二百万元` → 10000 (a trailing 万 is a magnitude).
    """
    mention = unicodedata.normalize("NFKC", figure.mention).replace(",", "").replace("\n", "")
    mention = mention.removeprefix("百分之")
    value = abs(figure.value)
    m = _ARABIC.search(mention)
    if m:
        decimals = len(m.group(1) or "")
        number = float(m.group())
    else:
        m = _CHINESE.search(mention)
        if not m:
            return 1.0
        decimals = len(m.group(1) or "")
        numeral = m.group() if decimals else m.group().rstrip("万亿萬億")
        try:
            number = float(cn2an.cn2an(numeral, "normal"))
        except ValueError:
            return 1.0
    scale = value / number if number and value else 1.0
    scale = 10.0 ** round(math.log10(scale))     # 16152200 / 1615.22 is 1e4, give or take a bit
    return 10.0 ** -decimals * scale


def as_written(value: float, like: Figure, extra: int = 0) -> str:
    """`value` as `like` is written, `extra` places finer: 16152200 → 1615.22万元."""
    scale, word = next(((s, w) for s, w in MAGNITUDE_WORDS if w in like.mention), (1.0, ""))
    places = max(0, extra - round(math.log10(step(like) / scale)))
    unit = "个百分点" if like.unit == "百分点" else like.unit
    return f"{value / scale:.{places}f}{word}{unit}"


def written(figure: Figure) -> Interval:
    """The values `figure` may stand for, given its last digit and its bound; a count
    written to the unit is exact (74家 is 74), unless an average (平均优良天数294天)."""
    v, s = figure.value, step(figure)
    if is_exact_count(figure, s):
        return exact(v)
    if figure.bound in (">", ">="):
        return Interval(v - s / 2, math.inf)
    if figure.bound in ("<", "<="):
        return Interval(-math.inf, v + s / 2)
    return Interval(v - s / 2, v + s / 2)


def is_exact_count(figure: Figure, place: float) -> bool:
    """74家, 308天: a whole count written to the unit, not an average (平均优良天数294天)."""
    counted = figure.kind == "count" or (figure.kind == "duration" and figure.unit == "天")
    return (counted and place == 1 and figure.bound == "=" and float(figure.value).is_integer()
            and "平均" not in figure.indicator)


def rounded(value: float, place: float) -> float:
    """`value` rounded to a place value (a power of ten), float noise removed."""
    digits = -round(math.log10(place))
    return round(value, digits) if digits > 0 else float(round(value / place) * place)
