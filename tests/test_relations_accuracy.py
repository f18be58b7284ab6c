"""Relation accuracy floors on the hand-labelled relations (issue 8).

corpus/relations.csv holds, for every corpus document, the relations its
text states, labelled by reading (corpus/RELATIONS.md). These are floors,
raised as the audit improves; never lowered to get green. The held-out
documents are never used to tune rules/relations.yaml.
"""
from __future__ import annotations

import pandas as pd
import pytest

from zhfigures import extract
from zhfigures.audit import audit
from zhfigures.evaluate import load_figures
from zhfigures.evaluate_relations import load_relations, precision_recall, score, spans
from zhfigures.read import read_text

from .conftest import CORPUS

RELATIONS = CORPUS / "relations.csv"
FLOORS = {
    # split: (precision, recall)
    "dev": (0.98, 0.97),      # measured 0.995 / 0.974 on 837 gold relations (57 documents, 2026-11-28)
    "heldout": (0.90, 0.85),
}

pytestmark = pytest.mark.skipif(
    not RELATIONS.exists(), reason="corpus/relations.csv (the gold relations) is not written yet")


@pytest.fixture(scope="module")
def reports(rules):
    gold_spans = spans(load_figures(CORPUS / "gold.csv"))
    gold = load_relations(RELATIONS)
    splits = pd.read_csv(CORPUS / "splits.csv", dtype=str)
    out = {}
    for split, docs in splits.groupby("split")["doc_id"]:
        figures, pred = [], []
        for doc in docs:
            text = read_text(CORPUS / f"{doc}.txt")
            found = extract(text, doc, rules)
            figures.extend(found)
            pred.extend(audit(text, doc, rules, found))
        out[split] = score([g for g in gold if g.doc_id in set(docs)], gold_spans,
                           pred, spans(figures))
    return out


# Issue 8 is open: on the held-out documents the audit finds P 0.80 / R 0.71
# (measured 2026-11-28, third session; 0.69 / 0.53 in the second), below the
# issue's floors. The floors stay where the issue puts them; this strict xfail
# records the gap in every run and turns red the day the audit meets them, so
# that the marker is then removed.
BELOW_FLOOR = pytest.mark.xfail(strict=True, reason="issue 8 open: held-out relations below floor")
SPLITS = [pytest.param("dev"), pytest.param("heldout", marks=BELOW_FLOOR)]


@pytest.mark.parametrize("split", SPLITS)
def test_relation_precision(reports, split):
    assert precision_recall(reports[split].micro)[0] >= FLOORS[split][0]


@pytest.mark.parametrize("split", SPLITS)
def test_relation_recall(reports, split):
    assert precision_recall(reports[split].micro)[1] >= FLOORS[split][1]
