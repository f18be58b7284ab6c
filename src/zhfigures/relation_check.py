"""Check the arithmetic of a relation the text states (see relation_find).

Every figure stands for the range of values its written digits allow
(`rounding.written`); a relation holds when the range its operands give meets
the range of the figure stated. Where the text leaves one side unstated (a
target behind a completion rate, the target rate behind 超出…N个百分点), the
value it implies is reported instead.
"""
from __future__ import annotations

from dataclasses import replace
from functools import reduce

from .record import Figure
from .relation import Relation
from .relation_found import Found
from .rounding import Interval, as_written, exact, rounded, step, written


def check(found: Found, doc_id: str) -> Relation:
    """The relation as a record: stated, expected and status."""
    return CHECKS[found.relation](found, doc_id)


def holds(found: Found) -> bool:
    """Whether a reading of the text holds within rounding: finders that must choose
    between readings (which whole, which run of parts) take the one that does."""
    return check(found, "").status == "holds"


def _record(found: Found, doc_id: str, computed: Interval, expected: float,
            note: str) -> Relation:
    result = found.result
    holds = computed.meets(written(result))
    place = step(result) / 10
    if not holds:
        off = as_written(result.value - expected, result, extra=1)
        off = off.replace("%", "个百分点") if result.unit == "%" else off
        note = f"{note}; stated {result.mention}, off by {off}"
    return Relation(doc_id, found.relation, result.start, _starts(found),
                    result.value, rounded(expected, place), "holds" if holds else "fails", note)


def _implied(found: Found, doc_id: str, expected: float, like: Figure, note: str) -> Relation:
    result = found.result
    return Relation(doc_id, found.relation, result.start, _starts(found),
                    result.value, rounded(expected, step(like)), "implied", note)


def _starts(found: Found) -> tuple[int, ...]:
    return tuple(sorted(f.start for f in found.operands))      # in text order, as gold


def _as_target(figure: Figure) -> Interval:
    # 不低于700元/月 as a target: the bound is the requirement, not doubt about 700.
    return written(replace(figure, bound="="))


def _sum(found: Found, doc_id: str) -> Relation:
    parts = found.operands
    computed = reduce(Interval.__add__, (written(f) for f in parts))
    expected = sum(f.value for f in parts)
    note = " + ".join(f.mention for f in parts) + f" = {as_written(expected, found.result)}"
    return _record(found, doc_id, computed, expected, note)


def _completion(found: Found, doc_id: str) -> Relation:
    rate = found.result
    if found.unstated == "target":
        actual = found.operands[0]
        target = actual.value / rate.value * 100
        return _implied(found, doc_id, target, actual,
                        f"target implied by {actual.mention} at {rate.mention}: "
                        f"about {as_written(target, actual)}")
    if found.unstated == "actual":
        target = found.operands[0]
        actual = target.value * rate.value / 100
        return _implied(found, doc_id, actual, target,
                        f"actual implied by target {target.mention} at {rate.mention}: "
                        f"about {as_written(actual, target)}")
    actual, target = found.operands
    computed = (written(actual) / _as_target(target)).scale(100)
    expected = actual.value / target.value * 100
    note = f"{actual.mention} ÷ {target.mention} = {as_written(expected, rate, extra=1)}"
    return _record(found, doc_id, computed, expected, note)


def _points(found: Found, doc_id: str) -> Relation:
    pts, rate, sign = found.result, found.operands[0], found.sign
    if found.unstated:
        target = rate.value - sign * pts.value
        like = rate if step(rate) <= step(pts) else pts
        return _implied(found, doc_id, target, like,
                        f"target rate implied by {rate.mention} and {pts.mention}: "
                        f"{as_written(target, rate)}")
    target = found.operands[1]
    computed = (written(rate) - _as_target(target)).scale(sign)
    expected = (rate.value - target.value) * sign
    note = f"{rate.mention} − {target.mention} = {as_written(abs(expected), pts, extra=1)}"
    return _record(found, doc_id, computed, expected, note)


def _share(found: Found, doc_id: str) -> Relation:
    if found.whole:                 # 294天 of a 365-day year
        (part,), whole, whole_text = found.operands, exact(found.whole), f"{found.whole:g}"
    else:
        (part, total), whole_text = found.operands, found.operands[1].mention
        whole = written(total)
    computed = (written(part) / whole).scale(100)
    expected = part.value / ((whole.lo + whole.hi) / 2) * 100
    note = f"{part.mention} ÷ {whole_text} = {as_written(expected, found.result, extra=1)}"
    return _record(found, doc_id, computed, expected, note)


def _growth(found: Found, doc_id: str) -> Relation:
    this, earlier = found.operands
    per = 1 if found.result.unit == "倍" else 100     # 增长1.5倍 is +150%
    computed = (written(this) / written(earlier) - exact(1)).scale(per * found.sign)
    expected = (this.value / earlier.value - 1) * per * found.sign
    note = (f"{this.mention} against {earlier.mention}: "
            f"{as_written(expected, found.result, extra=1)}")
    return _record(found, doc_id, computed, expected, note)


def _difference(found: Found, doc_id: str) -> Relation:
    this, earlier = found.operands
    computed = (written(this) - written(earlier)).scale(found.sign)
    expected = (this.value - earlier.value) * found.sign
    note = f"{this.mention} − {earlier.mention} = {as_written(expected, found.result, extra=1)}"
    return _record(found, doc_id, computed, expected, note)


def _ratio(found: Found, doc_id: str) -> Relation:
    this, base = found.operands
    computed = written(this) / written(base)
    expected = this.value / base.value
    note = f"{this.mention} ÷ {base.mention} = {as_written(expected, found.result, extra=1)}"
    return _record(found, doc_id, computed, expected, note)


CHECKS = {"sum": _sum, "completion": _completion, "points": _points, "share": _share,
          "growth": _growth, "difference": _difference, "ratio": _ratio}
