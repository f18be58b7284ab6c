"""The relation record: figures that must agree, and whether they do.

One row per relation (issue 8): the figure checked (a total, a rate, the
points) and the figures it is computed from, both by the start offset of the
figure in the text; what the text states and what the others give; and the
status — `holds` within the rounding of the figures as written, `fails`, or
`implied` where the text leaves one side unstated (a target a rate implies).
"""
from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, fields
from typing import IO, Iterable

from .output import BOM

RELATIONS = ("sum", "completion", "points", "share", "growth", "difference", "ratio")
STATUSES = ("holds", "fails", "implied")


@dataclass(frozen=True)
class Relation:
    doc_id: str
    relation: str
    result_start: int
    operand_starts: tuple[int, ...]
    stated: float
    expected: float
    status: str
    note: str

    def as_dict(self) -> dict:
        return {**asdict(self), "operand_starts": list(self.operand_starts)}


COLUMNS = tuple(f.name for f in fields(Relation))


def number(value: float) -> str:
    # 16152200.0 → "16152200", 157.8 stays "157.8": as figures are written.
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def _row(r: Relation) -> list:
    return [r.doc_id, r.relation, r.result_start, ";".join(map(str, r.operand_starts)),
            number(r.stated), number(r.expected), r.status, r.note]


def csv_writer(stream: IO[str]):
    """A function writing relations as CSV rows (UTF-8 with BOM, like figures)."""
    stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)

    def write(relations: Iterable[Relation]) -> None:
        writer.writerows(_row(r) for r in relations)
    return write


def jsonl_writer(stream: IO[str]):
    def write(relations: Iterable[Relation]) -> None:
        for r in relations:
            stream.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")
    return write


WRITERS = {"csv": csv_writer, "jsonl": jsonl_writer}


def starts(cell) -> tuple[int, ...]:
    """`2365;2378` (CSV) or [2365, 2378] (JSON) → (2365, 2378)."""
    if isinstance(cell, (list, tuple)):
        return tuple(int(v) for v in cell)
    return tuple(int(v) for v in str(cell).replace(",", ";").split(";") if v.strip())
