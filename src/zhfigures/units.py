"""Stage 5a, units: unit and magnitude words from `rules/units.yaml`.

Gives the regex alternations for the scan (longest first, so that 千米 wins
over 千 and 个月 over 个) and resolves a written unit into the record's unit
and kind (SPEC §2: `万元` → 元, `个百分点` → 百分点, a slash unit whole).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .rules import Rules

CN_MAGNITUDE_CHARS = "十百千万亿"


@dataclass(frozen=True)
class UnitLexicon:
    magnitudes: dict[str, float]
    kinds: dict[str, str]          # written unit (after aliases) -> kind
    aliases: dict[str, str]
    denominators: tuple[str, ...]

    def resolve(self, written: str) -> tuple[str, str]:
        """Written unit (maybe `元/人`) -> (unit, kind)."""
        numerator, slash, denominator = written.partition("/")
        unit = self.aliases.get(numerator, numerator) + slash + denominator
        if unit in self.kinds:
            return unit, self.kinds[unit]
        kind = self.kinds.get(self.aliases.get(numerator, numerator), "other")
        # SPEC §5: a slash unit is money where the numerator is money, else other.
        return unit, "money" if kind == "money" else "other"


def lexicon(rules: Rules) -> UnitLexicon:
    data = rules.units
    return UnitLexicon(data["magnitudes"], data["units"], data["aliases"],
                       tuple(data["slash_denominators"]))


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def unit_pattern(lex: UnitLexicon) -> str:
    written = [*lex.kinds, *lex.aliases]
    # Up to two denominators: 元/人, 元/月/人 (SPEC §5: a slash unit is kept whole).
    return rf"(?:{_alternation(written)})(?:/(?:{_alternation(lex.denominators)})){{0,2}}"


def magnitude_pattern(lex: UnitLexicon) -> str:
    return _alternation(lex.magnitudes)


def unit_guard(lex: UnitLexicon) -> dict[str, str]:
    """Magnitude characters that begin a unit (千 in 千米): see numbers.chinese."""
    guard: dict[str, list[str]] = {}
    for unit in [*lex.kinds, *lex.aliases]:
        if unit[0] in CN_MAGNITUDE_CHARS and len(unit) > 1:
            guard.setdefault(unit[0], []).append(regex.escape(unit[1:]))
    return {char: "|".join(sorted(tails, key=len, reverse=True)) for char, tails in guard.items()}
