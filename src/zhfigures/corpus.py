"""Which documents a run reads: files, folders (walked), or `-` for stdin."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .read import UnreadableError, doc_id_of, text_of

SUFFIXES = (".txt", ".html", ".htm", ".docx")
# One document's text is at most MAX_CHARS characters, some fifty times the
# longest statistical bulletin: past that it is a dump or a concatenation, and
# its rows would take minutes and gigabytes where split files stream. No file
# is read past MAX_BYTES (a device or a pipe may never end; a .docx holds
# pictures, so bytes say little about its text).
MAX_CHARS = 2_000_000
MAX_BYTES = 100_000_000


@dataclass(frozen=True)
class Doc:
    doc_id: str
    path: str
    text: str


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def expand(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files named, and the readable files below folders named, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield path
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                yield Skipped(str(path), f"no {'/'.join(SUFFIXES)} files in this folder")
            yield from found
        elif path.exists():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def load(path: Path) -> Doc | Skipped:
    try:
        data = _read(path)
        text = text_of(path, data)
        if len(text) > MAX_CHARS:
            raise UnreadableError(f"{len(text):,} characters, over the {MAX_CHARS:,} of one "
                                  f"document: split it")
    except PermissionError:
        return Skipped(str(path), "permission denied")
    except OSError as err:
        return Skipped(str(path), err.strerror or str(err))
    except UnreadableError as err:
        return Skipped(str(path), str(err))
    doc_id = "stdin" if str(path) == "-" else doc_id_of(path)
    return Doc(doc_id, str(path), text)


def _read(path: Path) -> bytes:
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableError(f"over {MAX_BYTES // 1_000_000} MB, too large to read as one document")
    return data


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Doc]:
    """Readable documents only; see `iter_sources` for the skipped ones too."""
    for item in iter_sources(paths):
        if isinstance(item, Doc):
            yield item


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Doc | Skipped]:
    seen: dict[str, str] = {}
    for item in expand(paths):
        loaded = item if isinstance(item, Skipped) else load(item)
        if isinstance(loaded, Doc):
            if loaded.doc_id in seen:
                loaded = Skipped(loaded.path, f"doc_id {loaded.doc_id!r} already read from {seen[loaded.doc_id]}")
            else:
                seen[loaded.doc_id] = loaded.path
        yield loaded
