"""jieba's part-of-speech table, read once and kept in one marshal file.

Segmentation runs in jieba-rs (the `rjieba` binding: jieba's algorithm and
dictionary in Rust, token for token the same as `jieba.cut(HMM=False)`, see
tests/test_segmenter.py). The tags still come from jieba's own dict.txt; read
the way jieba.posseg does it they cost most of a run's start, so the table is
kept in the user's cache folder, keyed by jieba's version and dictionary
file, and read whole in one go.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import marshal
import os
import sys
import tempfile
from pathlib import Path

FORMAT = 2          # bump when what the cache file holds changes


def tags() -> dict[str, str]:
    """jieba's word → part-of-speech table (jieba.posseg's word_tag_tab)."""
    path = _cache_path()
    try:
        table = marshal.loads(path.read_bytes())
        if not isinstance(table, dict):
            raise TypeError("not a table")
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        table = _build()
        _store(path, table)
    return table


def _build() -> dict[str, str]:
    import jieba              # only to build the table: importing jieba costs a quarter second

    jieba.setLogLevel(60)
    from jieba import posseg  # parses dict.txt for the tags

    return dict(posseg.dt.word_tag_tab)


def _cache_path() -> Path:
    """Where the table of this jieba, its dictionary file and this Python is kept."""
    # Found without importing jieba (see _build): its package folder holds dict.txt.
    source = Path(importlib.util.find_spec("jieba").origin).with_name("dict.txt")
    stat = source.stat()
    key = (f"{FORMAT}|{importlib.metadata.version('jieba')}|{source}|{stat.st_size}|"
           f"{stat.st_mtime_ns}|{sys.version_info[:2]}")
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:             # no home folder
        base = Path(tempfile.gettempdir())
    return base / "zhfigures" / f"jieba-tags-{hashlib.sha1(key.encode()).hexdigest()[:16]}.marshal"


def _store(path: Path, table: dict[str, str]) -> None:
    # Written beside and renamed: parallel workers never read half a file.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return                        # a read-only home: the next run builds it again
    try:
        with open(fd, "wb") as out:
            out.write(marshal.dumps(table))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
