"""Stage 1 for `.docx`: a Word document → its body text, with python-docx.

Paragraphs and tables in the order they stand in the body; a paragraph is a
line, a table row is a line with its cells joined by a tab (a merged cell
once). Headers, footers, footnotes and text boxes are not the release's
text and are left out. SPEC §1 then applies to this text.
"""
from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table

from .read import UnreadableError


def docx_text(data: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [line for block in document.iter_inner_content() for line in _lines(block)]
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, SyntaxError) as err:
        # SyntaxError covers lxml's XMLSyntaxError: a damaged part inside the zip.
        raise UnreadableError(f"not a readable .docx file ({type(err).__name__})") from None
    return "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")


def _lines(block) -> list[str]:
    if not isinstance(block, Table):
        return [block.text]
    rows = []
    for row in block.rows:
        cells, last = [], None
        for cell in row.cells:
            if cell._tc is not last:    # a merged cell is listed once per grid column
                cells.append(" ".join(cell.text.split("\n")))
            last = cell._tc
        rows.append("\t".join(cells))
    return rows
