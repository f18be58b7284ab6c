"""The gold is valid: offsets, vocabularies, no overlaps, every document present.

It also must be what the label files say: gold.csv is rebuilt from
corpus/labels/ by scripts/build_gold.py, never edited by hand.
"""
from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
import pytest

from zhfigures.read import read_text
from zhfigures.record import BOUNDS, COLUMNS, KINDS

from .conftest import CORPUS, ROOT


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return pd.read_csv(CORPUS / "gold.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_header_is_spec(gold):
    assert tuple(gold.columns[:len(COLUMNS)]) == COLUMNS
    assert (CORPUS / "gold.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_size(gold):
    assert gold["doc_id"].nunique() >= 14
    assert len(gold) >= 600


def test_every_row(gold):
    texts = {doc: read_text(CORPUS / f"{doc}.txt") for doc in gold["doc_id"].unique()}
    problems = []
    for i, row in gold.iterrows():
        start, end = int(row.start), int(row.end)
        where = f"row {i + 2} ({row.doc_id} {row.mention!r})"
        if texts[row.doc_id][start:end] != row.mention:
            problems.append(f"{where}: text[start:end] is {texts[row.doc_id][start:end]!r}")
        if not math.isfinite(float(row.value)):
            problems.append(f"{where}: value {row.value}")
        if row.kind not in KINDS:
            problems.append(f"{where}: kind {row.kind}")
        if row.bound not in BOUNDS:
            problems.append(f"{where}: bound {row.bound}")
        if not row.unit:
            problems.append(f"{where}: empty unit")
    assert not problems, "\n".join(problems)


def test_no_overlaps_and_sorted(gold):
    for doc, rows in gold.groupby("doc_id"):
        spans = [(int(s), int(e)) for s, e in zip(rows.start, rows.end)]
        assert spans == sorted(spans), doc
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 <= s2, f"{doc}: [{s1},{e1}) overlaps [{s2},{e2})"


def test_every_document_has_its_file_and_split(gold):
    splits = pd.read_csv(CORPUS / "splits.csv", dtype=str)
    files = {p.stem for p in CORPUS.glob("*.txt")}
    assert set(gold["doc_id"]) == files
    assert set(splits["doc_id"]) == files
    assert set(splits["split"]) == {"dev", "heldout"}
    assert (splits["split"] == "heldout").sum() >= 5


def test_every_document_has_a_source_note():
    text = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    missing = [p.stem for p in CORPUS.glob("*.txt") if p.stem not in text]
    assert not missing


def test_gold_is_built_from_the_labels():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gold.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_seed_is_byte_for_byte():
    seed = ROOT.parent / "shared" / "seed" / "xinxiang_2024.txt"
    if not seed.exists():
        pytest.skip("shared/seed is not beside this checkout")
    assert (CORPUS / "xinxiang_2024.txt").read_bytes() == seed.read_bytes()
