"""Output as an Excel workbook: a sheet of figures, a sheet of documents.

openpyxl in write-only mode streams each sheet's rows to a temporary file,
so a long run does not hold its rows; the workbook is saved beside the
target and renamed over it at the end (atomic.py).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .atomic import atomic_binary
from .output import OUTPUT_COLUMNS, row
from .record import Figure

DOCUMENT_COLUMNS = ("doc_id", "source", "figures", "characters")


@contextmanager
def xlsx_writer(target: str) -> Iterator:
    with atomic_binary(target) as stream:    # opened first: a bad path fails before the work
        book = Workbook(write_only=True)
        figures_sheet = book.create_sheet("figures")
        documents_sheet = book.create_sheet("documents")
        figures_sheet.append(OUTPUT_COLUMNS)
        documents_sheet.append(DOCUMENT_COLUMNS)

        def write(doc, figures: Iterable[Figure]) -> None:
            figures = list(figures)
            for figure in figures:
                figures_sheet.append([_cell(v) for v in row(figure, doc.path)])
            documents_sheet.append([_cell(doc.doc_id), _cell(doc.path), len(figures), len(doc.text)])

        try:
            yield write
        except BaseException:
            for sheet in book.worksheets:    # ends openpyxl's row streams, quietly
                sheet.close()
            raise
        book.save(stream)


def _cell(value):
    # Excel refuses control characters (a stray \x0b from a Word file); a
    # whole number is written as one, so that a column of counts sums cleanly.
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value
