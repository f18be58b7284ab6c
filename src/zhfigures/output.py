"""Stage 9, output: figures as a DataFrame, CSV (UTF-8 with BOM), JSON Lines,
Excel or SQLite.

A writer is a function `write(doc, figures)` called once per document, so
that the `source` column (the file a row came from, after SPEC's columns)
and the documents table know the document. CSV and JSONL are written row by
row with the standard library, so that a run streams documents to disk
without holding them, and so that the command line starts without importing
pandas; openpyxl and sqlite3 are imported only for their formats.
"""
from __future__ import annotations

import csv
import json
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from .atomic import atomic_text
from .record import COLUMNS, Figure

BOM = "\ufeff"
# SPEC §2's columns first, in order; then the file each row came from.
OUTPUT_COLUMNS = COLUMNS + ("source",)
FORMATS = ("csv", "jsonl", "xlsx", "sqlite")
SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".xlsx": "xlsx",
            ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite"}
FILE_ONLY = ("xlsx", "sqlite")    # not a stream: they need -o FILE


class OutputError(ValueError):
    """The output cannot be written where it was asked for: one line for the user."""


def value_text(value: float) -> str:
    # 16152200.0 → "16152200"; 157.8 stays "157.8": what a reader expects in Excel.
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def row(figure: Figure, source: str) -> list:
    """One output row, OUTPUT_COLUMNS in order (value as a float)."""
    return [figure.doc_id, figure.start, figure.end, figure.mention, figure.value,
            figure.unit, figure.kind, figure.bound, figure.indicator, figure.entity,
            figure.period, figure.sentence, source]


def csv_writer(stream: IO[str]):
    """A function writing figures as CSV rows (SPEC §2) to an open text stream."""
    stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\r\n")   # RFC 4180
    writer.writerow(OUTPUT_COLUMNS)

    def write(doc, figures: Iterable[Figure]) -> None:
        rows = (row(f, doc.path) for f in figures)
        writer.writerows([*r[:4], value_text(r[4]), *r[5:]] for r in rows)
    return write


def jsonl_writer(stream: IO[str]):
    def write(doc, figures: Iterable[Figure]) -> None:
        for figure in figures:
            stream.write(json.dumps({**figure.as_dict(), "source": doc.path},
                                    ensure_ascii=False) + "\n")
    return write


WRITERS = {"csv": csv_writer, "jsonl": jsonl_writer}


def format_of(fmt: str | None, target: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else CSV."""
    return fmt or SUFFIXES.get(Path(target or "").suffix.lower(), "csv")


@contextmanager
def open_writer(fmt: str, target: str | None) -> Iterator:
    """A `write(doc, figures)` function for the run; the output is complete on exit.

    CSV, JSONL and Excel files appear whole or not at all (see atomic.py); a
    SQLite database is updated one document (one transaction) at a time.
    """
    if fmt == "xlsx":
        from .output_xlsx import xlsx_writer
        with xlsx_writer(target) as write:
            yield write
    elif fmt == "sqlite":
        from .output_sqlite import sqlite_writer
        with sqlite_writer(target) as write:
            yield write
    else:
        with atomic_text(target) as stream:
            yield WRITERS[fmt](stream)


def to_dataframe(figures: Iterable[Figure]):
    import pandas as pd

    rows = [f.as_dict() for f in figures]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(
        {"start": "int64", "end": "int64", "value": "float64"})
