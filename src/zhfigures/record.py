"""The record: one statistical figure, as SPEC §2 defines it.

A frozen dataclass so that every later stage treats a figure as a value,
never as something to patch in place.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

KINDS = (
    "count", "money", "percent", "percentage_point", "area", "length",
    "weight", "volume", "power", "energy", "duration", "ratio", "rank", "other",
)
BOUNDS = ("=", "~", ">", ">=", "<", "<=")


@dataclass(frozen=True)
class Figure:
    doc_id: str
    start: int
    end: int
    mention: str
    value: float
    unit: str
    kind: str
    bound: str
    indicator: str
    entity: str
    period: str
    sentence: str

    def as_dict(self) -> dict:
        return asdict(self)


# SPEC §2: these columns come first, in this order, with this header.
COLUMNS = tuple(f.name for f in fields(Figure))
