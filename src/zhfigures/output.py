"""Stage 9, output: figures as a DataFrame, CSV (UTF-8 with BOM), JSON Lines.

CSV and JSONL are written row by row with the standard library, so that a
run streams documents to disk without holding them, and so that the command
line starts without importing pandas.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from .record import COLUMNS, Figure

BOM = "\ufeff"


def _value(value: float) -> str:
    # 16152200.0 → "16152200"; 157.8 stays "157.8": what a reader expects in Excel.
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def csv_writer(stream: IO[str]):
    """A function writing figures as CSV rows (SPEC §2) to an open text stream."""
    stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\r\n")   # RFC 4180
    writer.writerow(COLUMNS)

    def write(figures: Iterable[Figure]) -> None:
        writer.writerows(
            [f.doc_id, f.start, f.end, f.mention, _value(f.value), f.unit, f.kind, f.bound,
             f.indicator, f.entity, f.period, f.sentence] for f in figures)
    return write


def jsonl_writer(stream: IO[str]):
    def write(figures: Iterable[Figure]) -> None:
        for figure in figures:
            stream.write(json.dumps(figure.as_dict(), ensure_ascii=False) + "\n")
    return write


WRITERS = {"csv": csv_writer, "jsonl": jsonl_writer}


def to_dataframe(figures: Iterable[Figure]):
    import pandas as pd

    rows = [f.as_dict() for f in figures]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(
        {"start": "int64", "end": "int64", "value": "float64"})
