"""Stage 4, numbers: Arabic, Chinese and mixed numerals and their values.

The regex fragments here are combined by `candidates` into the one compiled
scan. Quantifiers are possessive (`++`) so that a long digit run or a long
run of 万 is read once, never backtracked into (no catastrophic backtracking).
Chinese numerals are valued with cn2an; Arabic ones with Decimal so that
`1615.22万` is exactly 16152200, not 16152200.000000002.
"""
from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

import cn2an

# Simplified and traditional forms (兩, 萬, 億, 點: releases from Taiwan and
# Hong Kong, read from Big5); cn2an values both.
CN_DIGITS = "零〇一二两兩三四五六七八九"
CN_UNITS = "十百千万亿萬億"
CN_POINT = "点點"
CN_START = CN_DIGITS + "十"      # what a Chinese numeral may start with (never 万, 千: 万家, 千方百计)

# Arabic: 12,345 / 1,234.5 / 60 / -8.6 ; not starting inside another number.
ARABIC = r"(?<![\d.]|\d,)[-−]?(?:\d{1,3}(?:,\d{3})++(?!\d)|\d++)(?:\.\d++)?+"


def chinese(unit_guard: dict[str, str]) -> str:
    """A Chinese numeral (两千, 一千二百万, 三十五点五, 兩千三百萬).

    It must start with a digit or 十, so that 万家 or 千方百计 never start one.
    `unit_guard` maps a magnitude character to units that begin with it
    (千 → 千米|千克|千瓦): before them the character is the unit's, not the
    numeral's (五千瓦 is 5 千瓦).
    """
    mags = "".join(
        f"|{char}(?!{unit_guard[char]})" if char in unit_guard else f"|{char}"
        for char in CN_UNITS
    )
    return (
        rf"(?<![{CN_DIGITS}{CN_UNITS}])[{CN_START}]"
        rf"(?:[{CN_DIGITS}]{mags})*+(?:[{CN_POINT}][{CN_DIGITS}]++)?+"
    )


def is_chinese(numeral: str) -> bool:
    """Written in Chinese numerals (两千, 十三), as opposed to Arabic or a bare 千亿."""
    return numeral[0] in CN_START


def _decimal(numeral: str) -> Decimal | None:
    """An Arabic numeral (12,345 / −8.6) as an exact Decimal; None for Chinese ones."""
    if not (numeral[0].isdigit() or numeral[0] in "-−"):
        return None
    try:
        return Decimal(numeral.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        raise ValueError(f"not a number: {numeral!r}") from None


def value_of(numeral: str) -> float:
    """The value of a numeral as written (no magnitude word after it)."""
    exact = _decimal(numeral)
    value = float(exact) if exact is not None else float(cn2an.cn2an(numeral, "normal"))
    return _finite(value, numeral)


def scaled(numeral: str, multiplier: float) -> float:
    """Value × magnitude, exact in decimal for Arabic numerals."""
    if multiplier == 1.0:
        return value_of(numeral)         # nothing to scale: no Decimal product needed
    exact = _decimal(numeral)
    if exact is not None:
        return _finite(float(exact * Decimal(repr(multiplier))), numeral)
    return _finite(value_of(numeral) * multiplier, numeral)


def _finite(value: float, numeral: str) -> float:
    # 9,999,…,999 with a hundred groups is past a float: no figure, never inf.
    if not math.isfinite(value):
        raise ValueError(f"too large to be a figure: {numeral[:20]!r}…")
    return value
