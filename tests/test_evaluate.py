"""Tests of zhfigures.evaluate, driven by tests/cases/evaluate.yaml.

The YAML holds small gold/pred scenarios with hand-computed expectations;
this file only turns them into frames and compares.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
import yaml

from zhfigures.evaluate import (
    ERROR_COLUMNS, errors, format_table, indicator_score, load_figures, pair, score,
)
from zhfigures.record import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
DATA = yaml.safe_load((Path(__file__).parent / "cases" / "evaluate.yaml").read_text("utf-8"))
DEFAULTS = DATA["defaults"]
CASES = DATA["cases"]
CASE_IDS = [c["id"] for c in CASES]


def frame(rows) -> pd.DataFrame:
    """Rows of a scenario as a figures frame, unlisted columns from defaults."""
    return pd.DataFrame([{**DEFAULTS, **r} for r in rows], columns=list(COLUMNS))


def check(got, want, where: str) -> None:
    if want is None:   # null in the YAML: undefined, i.e. NaN
        assert isinstance(got, float) and math.isnan(got), f"{where}: {got!r} is not NaN"
    else:
        assert got == pytest.approx(want, abs=1e-6), where


@pytest.mark.parametrize("case", DATA["indicator_score"],
                         ids=[c["why"].replace(" ", "_") for c in DATA["indicator_score"]])
def test_indicator_score(case):
    assert indicator_score(case["pred"], case["gold"]) == pytest.approx(case["score"], abs=1e-6)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_score(case):
    report = score(frame(case["gold"]), frame(case["pred"]))
    for key, want in case["micro"].items():
        check(report.micro[key], want, f"micro {key}")
    if "n_docs" in case:
        assert len(report.per_doc) == case["n_docs"]
    per_doc = report.per_doc.set_index("doc_id")
    for doc, expected in case.get("docs", {}).items():
        for key, want in expected.items():
            check(per_doc.loc[doc, key], want, f"{doc} {key}")


@pytest.mark.parametrize("case", [c for c in CASES if "pairs" in c],
                         ids=[c["id"] for c in CASES if "pairs" in c])
def test_pair(case):
    pairing = pair(frame(case["gold"]), frame(case["pred"]))
    assert [list(p) for p in pairing.pairs] == case["pairs"]
    # one to one, and every row is accounted for exactly once
    assert sorted([g for g, _ in pairing.pairs] + list(pairing.missed)) == list(range(len(case["gold"])))
    assert sorted([p for _, p in pairing.pairs] + list(pairing.extra)) == list(range(len(case["pred"])))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_errors(case):
    table = errors(frame(case["gold"]), frame(case["pred"]))
    assert list(table.columns) == list(ERROR_COLUMNS)
    got = [[r.doc_id, r.type, r.start] for r in table.itertuples()]
    assert got == case["errors"]


def test_pair_is_order_independent():
    case = next(c for c in CASES if c["id"] == "one_gold_two_preds_agreeing_wins")
    gold, pred = frame(case["gold"]), frame(case["pred"])
    flipped = pred.iloc[::-1].reset_index(drop=True)
    # the agreeing prediction wins wherever it sits in the input
    (g, p), = pair(gold, flipped).pairs
    assert flipped.iloc[p]["unit"] == "人次"


def test_format_table_has_micro_row():
    case = next(c for c in CASES if c["id"] == "doc_only_in_gold")
    text = format_table(score(frame(case["gold"]), frame(case["pred"])))
    lines = text.strip().splitlines()
    assert lines[0].startswith("| doc | gold | pred | span F1 | record P |")
    assert len(lines) == 2 + 2 + 1                 # header, rule, docs a and b, micro
    assert lines[-1].startswith("| micro | 3 | 1 |")
    assert "| 0.500 |" in lines[-1]                # record F1 with 3 decimals
    assert "—" in lines[3]                          # doc b: no record pair to judge


# ---------------------------------------------------------------- load_figures

ROW = {"doc_id": "2024", "start": 3, "end": 10, "mention": "1615.22万元",
       "value": 16152200, "unit": "元", "kind": "money", "bound": "=",
       "indicator": "投入资金", "entity": "", "period": "2024年",
       "sentence": "投入资金1615.22万元，“瓶改管”完成。"}


def _check_loaded(df: pd.DataFrame) -> None:
    assert list(df.columns[:len(COLUMNS)]) == list(COLUMNS)
    assert df["start"].dtype == "int64" and df["end"].dtype == "int64"
    assert df["value"].dtype == "float64"
    row = df.iloc[0]
    assert row["doc_id"] == "2024"             # stays text, not the number 2024
    assert row["entity"] == ""                  # empty, never NaN
    assert row["value"] == 16152200.0
    assert row["sentence"] == ROW["sentence"]
    assert not df[[c for c in COLUMNS if c not in ("start", "end", "value")]].isna().any().any()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"], ids=["bom", "no_bom"])
def test_load_csv(tmp_path, encoding):
    path = tmp_path / "figures.csv"
    pd.DataFrame([ROW]).to_csv(path, index=False, encoding=encoding)
    _check_loaded(load_figures(path))


def test_load_jsonl(tmp_path):
    path = tmp_path / "figures.jsonl"
    path.write_text(json.dumps({**ROW, "entity": None}, ensure_ascii=False) + "\n\n", "utf-8")
    _check_loaded(load_figures(path))


def test_gold_scores_perfectly_against_itself():
    gold = load_figures(ROOT / "corpus" / "gold.csv")
    assert list(gold.columns[:len(COLUMNS)]) == list(COLUMNS)
    report = score(gold, gold)
    assert report.micro["full_f1"] == 1.0
    assert errors(gold, gold).empty
