"""Accuracy floors on the hand-labelled corpus (SPEC §4).

These are floors, raised as the extractor improves; never lowered to get
green. The held-out documents are never used to tune rules.
"""
from __future__ import annotations

import pandas as pd
import pytest

from zhfigures import extract
from zhfigures.evaluate import load_figures, score
from zhfigures.output import to_dataframe
from zhfigures.read import read_text

from .conftest import CORPUS

FLOORS = {
    # split: (record F1, full F1). Issue floors were dev (0.97, 0.90) and
    # held-out (0.95, 0.88); raised to just under what the extractor reaches.
    "dev": (0.99, 0.962),     # measured 0.998 / 0.963 (4,024 figures, 57 documents, 2026-11-28, third session)
    "heldout": (0.96, 0.91),
}
PER_DOCUMENT_RECORD_F1 = 0.93


@pytest.fixture(scope="module")
def reports(rules):
    gold = load_figures(CORPUS / "gold.csv")
    splits = pd.read_csv(CORPUS / "splits.csv", dtype=str)
    out = {}
    for split, docs in splits.groupby("split")["doc_id"]:
        figures = [f for doc in docs for f in extract(read_text(CORPUS / f"{doc}.txt"), doc, rules)]
        out[split] = score(gold[gold["doc_id"].isin(set(docs))], to_dataframe(figures))
    return out


@pytest.mark.parametrize("split", FLOORS)
def test_record_f1(reports, split):
    assert reports[split].micro["record_f1"] >= FLOORS[split][0]


@pytest.mark.parametrize("split", FLOORS)
def test_full_f1(reports, split):
    assert reports[split].micro["full_f1"] >= FLOORS[split][1]


def test_no_document_below_floor(reports):
    low = {doc: round(f1, 3) for report in reports.values()
           for doc, f1 in report.per_doc["record_f1"].items() if f1 < PER_DOCUMENT_RECORD_F1}
    assert not low
