"""What a run tells the person at the terminal: a progress bar over its
files on standard error, the files it skipped as they come, a closing line.

The bar is shown only for several files, only when standard error is a
terminal (a log or a pipe gets no control characters) and never with
--quiet; tqdm is imported only then, so a plain run starts without it.
"""
from __future__ import annotations

import sys
from collections import Counter

MAX_REASONS = 3     # in the closing line


class Progress:
    """A bar over `total` files, or nothing where it would only be noise."""

    def __init__(self, total: int, quiet: bool):
        self._bar = None
        if total > 1 and not quiet and sys.stderr.isatty():
            from tqdm import tqdm
            self._bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False,
                             dynamic_ncols=True)

    def step(self) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def say(self, message: str) -> None:
        """A line on standard error, printed above the bar rather than through it."""
        if self._bar is not None:
            self._bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def closing_line(docs: int, figures: int, skipped) -> str:
    """`zhfigures: 3 documents read, 120 figures written, 1 file skipped (1 × no such file or folder)`."""
    line = f"zhfigures: {_count(docs, 'document')} read, {_count(figures, 'figure')} written"
    if skipped:
        # The commonest reasons; each file and its reason was told as it came.
        reasons = Counter(item.reason for item in skipped).most_common()
        why = "; ".join(f"{n} × {reason}" for reason, n in reasons[:MAX_REASONS])
        why += "; …" if len(reasons) > MAX_REASONS else ""
        line += f", {_count(len(skipped), 'file')} skipped ({why})"
    return line


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
