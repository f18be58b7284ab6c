"""Output to a SQLite database that collects releases run after run.

Two tables: `documents` (one row per doc_id: its source file, how many
figures, when it was read, its text) and `figures` (SPEC §2's columns, then
`source`). A run appends; a document read again replaces its old rows, its
document row and its figures in one transaction, so the database never
holds half of a document, even when a run is interrupted.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from .output import OUTPUT_COLUMNS, OutputError, row
from .record import Figure

_TYPES = {"start": "INTEGER NOT NULL", "end": "INTEGER NOT NULL", "value": "REAL"}
_QUOTED = [f'"{c}"' for c in OUTPUT_COLUMNS]    # "end" is an SQL keyword
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    n_figures INTEGER NOT NULL,
    read_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS figures (
    {", ".join(f'{q} {_TYPES.get(c, "TEXT NOT NULL")}' for c, q in zip(OUTPUT_COLUMNS, _QUOTED))},
    FOREIGN KEY (doc_id) REFERENCES documents (doc_id)
);
CREATE INDEX IF NOT EXISTS figures_by_doc ON figures (doc_id, start);
"""
INSERT_FIGURE = f"INSERT INTO figures ({', '.join(_QUOTED)}) VALUES ({', '.join('?' * len(_QUOTED))})"
INSERT_DOCUMENT = ("INSERT OR REPLACE INTO documents (doc_id, source, n_figures, read_at, text) "
                   "VALUES (?, ?, ?, ?, ?)")


@contextmanager
def sqlite_writer(target: str) -> Iterator:
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(sqlite3.connect(target)) as db:
            db.executescript(SCHEMA)

            def write(doc, figures: Iterable[Figure]) -> None:
                rows = [row(f, doc.path) for f in figures]
                read_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
                with db:    # one transaction: commit on success, roll back on error
                    db.execute("DELETE FROM figures WHERE doc_id = ?", (doc.doc_id,))
                    db.execute(INSERT_DOCUMENT, (doc.doc_id, doc.path, len(rows), read_at, doc.text))
                    db.executemany(INSERT_FIGURE, rows)

            yield write
    except sqlite3.Error as err:
        raise OutputError(f"{target}: {err}") from None
