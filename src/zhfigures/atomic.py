"""Atomic output: a run leaves the old file or the complete new one, never half.

Rows go to a temporary file beside the target, renamed over it only when the
run completes; an exception, Ctrl-C or SIGTERM removes the temporary file.
"""
from __future__ import annotations

import errno
import os
import signal
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def atomic_text(target: str | None, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """An open text stream: standard output when `target` is None or '-'."""
    if target in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    with _atomic(Path(target), "w", encoding=encoding, newline="") as stream:
        yield stream


@contextmanager
def atomic_binary(target: str) -> Iterator[IO[bytes]]:
    """An open binary stream to a file (an .xlsx is a zip: never standard output)."""
    with _atomic(Path(target), "wb") as stream:
        yield stream


@contextmanager
def _atomic(path: Path, mode: str, **options) -> Iterator[IO]:
    # Refused before any work, and named as the user named it (not the
    # temporary file), so that the error is one line about their path.
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as err:
        raise OSError(err.errno, f"cannot write there ({err.strerror})", str(path)) from None
    previous = signal.getsignal(signal.SIGTERM)
    # SIGTERM becomes an exception so that the cleanup below runs.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        with open(fd, mode, **options) as stream:
            yield stream
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt
