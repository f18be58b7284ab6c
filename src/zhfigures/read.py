"""Stage 1, read: bytes → document text (SPEC §1).

UTF-8 (a BOM dropped) first; where the bytes are not UTF-8, the encoding is
detected with charset-normalizer among the Chinese encodings. Line ends are
unified to `\\n`. Nothing else is changed: every offset points into this text.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

CHINESE_ENCODINGS = ("gb18030", "big5")


class UnreadableError(ValueError):
    """The bytes are not text in any supported encoding."""


def decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableError("UTF-16 text, which is not read: save it as UTF-8")
    if b"\x00" in data:
        # No encoding read here puts a NUL byte in text; images, archives,
        # PDFs and executables nearly always hold one.
        raise UnreadableError("binary file (it holds NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes) -> str:
    # GB18030 is a superset of GBK and GB2312; Big5 is the traditional one.
    best = from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS)).best()
    if best is None:
        raise UnreadableError("not text in UTF-8, GB18030/GBK or Big5")
    return str(best)


def text_of(path: str | Path, data: bytes) -> str:
    """The document text of a file's bytes, by the file's suffix (SPEC §1).

    Web pages and Word files are read by their own modules, imported only
    when such a file comes, so that a run over .txt files loads neither.
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm"):
        from .read_html import html_text
        return html_text(data)
    if suffix == ".docx":
        from .read_docx import docx_text
        return docx_text(data)
    return decode(data)


def read_text(path: str | Path) -> str:
    return text_of(path, Path(path).read_bytes())


def doc_id_of(path: str | Path) -> str:
    """SPEC §1: the file name without its last extension."""
    return Path(path).stem
