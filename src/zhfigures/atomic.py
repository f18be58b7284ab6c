"""Atomic output: a run leaves the old file or the complete new one, never half.

Rows go to a temporary file beside the target, renamed over it only when the
run completes; an exception, Ctrl-C or SIGTERM removes the temporary file.
"""
from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
import threading
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
    os.fchmod(fd, _mode_for(path))        # mkstemp's 0600 would stick to the output
    # SIGTERM becomes an exception so that the cleanup below runs (only the
    # main thread may set a handler; elsewhere the caller's own stays).
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt) if main else None
    try:
        with open(fd, mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())         # on disk before the rename: a power cut too
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


def _mode_for(path: Path) -> int:
    """The target's permissions where it exists, else what the umask gives a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be: the same cleanup, its own exit status."""
    exit_status = 128 + signal.SIGTERM      # 143, as a shell reports a process killed by it


def _raise_interrupt(signum, frame):
    raise Terminated
