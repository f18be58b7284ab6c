"""Issue 6: no catastrophic backtracking — extraction time grows linearly.

Each case is a string built to stress one pattern of the pipeline (normalize,
sentences, the scan, the exclusion and context rules, the per-figure stages):
long digit runs, repeated 万, repeated bound words, a single line of prose, a
table flattened into one endless clause. The check is a ratio, never a time:
the text of twice the size may take at most three times as long (a quadratic
pattern takes four). CPU time of this process, best of up to five runs
each, so that a busy machine does not fail it.
"""
from __future__ import annotations

import gc
import time

import pytest

from zhfigures import extract
from zhfigures.rules import load_rules

MB = 1_000_000
RULES = load_rules()

# (what it stresses, the repeated piece, size of the smaller text in characters)
CASES = [
    ("digit run", "1", MB),
    ("repeated 万", "万", MB),
    ("numeral and 万", "一万", MB),
    ("bound words", "约近超过以上余多左右不少于", MB),
    ("Latin letters", "PM", MB),
    ("letters across layout breaks", "a\n", MB),
    ("one line of sentences", "新增泊位。", MB // 4),
    ("one line with spaces", "新 ", MB // 4),
    ("range joiners", "1-", MB // 4),
    ("quoted labels", "“1", MB // 4),
    ("table flattened into one clause", "新增泊位4734个", 20_000),
    ("list glue", "分别1个、", 20_000),
    ("ages", "1岁", 20_000),
]


def _text(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _cpu_seconds(text: str) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        extract(text, "stress", RULES)
        return time.process_time() - start
    finally:
        gc.enable()


def _ratio_ok(piece: str, size: int) -> tuple[bool, str]:
    small, large = _text(piece, size), _text(piece, 2 * size)
    best_small = best_large = float("inf")
    for _ in range(5):      # best of five: a shared machine can stall a 3 ms run
        best_small = min(best_small, _cpu_seconds(small))
        best_large = min(best_large, _cpu_seconds(large))
        if best_large < 3 * best_small:
            return True, ""
    return False, (f"{2 * size:,} characters took {best_large:.2f} s, {size:,} took "
                   f"{best_small:.2f} s: ratio {best_large / best_small:.1f} (linear is 2, quadratic 4)")


@pytest.mark.parametrize("piece,size", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_time_grows_linearly(piece, size):
    extract(piece * 10, "warm", RULES)           # jieba's dictionary loads once, not here
    # A few thousand characters first: a pattern gone quadratic fails there
    # in seconds, instead of running for hours on the full size.
    for n in (4_000, size):
        ok, why = _ratio_ok(piece, n)
        assert ok, why
