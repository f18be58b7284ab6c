"""Scoring of predicted figures against the gold, as SPEC §4 defines it.

Everything here works on DataFrames whose first columns are `record.COLUMNS`:
`load_figures` reads one from a CSV or JSONL file, `pair` matches the rows of
one document, `score` turns the pairs into the per-document and micro figures,
`format_table` prints them for the README and `errors` lists every row that
cost a point, for error analysis.
"""
from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from zhfigures.record import COLUMNS

INT_COLUMNS = ("start", "end")
FLOAT_COLUMNS = ("value",)
TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in INT_COLUMNS + FLOAT_COLUMNS)

VALUE_REL_TOL = 1e-6     # SPEC §4: value equal within a relative 1e-6
INDICATOR_PASS = 0.5     # SPEC §4: an indicator "counts" from this score up

ERROR_COLUMNS = (
    "doc_id", "type", "start", "end",
    "gold_mention", "pred_mention", "gold_value", "pred_value",
    "gold_unit", "pred_unit", "gold_bound", "pred_bound",
    "gold_kind", "pred_kind", "gold_indicator", "pred_indicator", "sentence",
)


# --------------------------------------------------------------------------
# Reading


def load_figures(path) -> pd.DataFrame:
    """Read a figures file (SPEC §2) into a DataFrame with stable dtypes.

    `.jsonl` is read as one JSON object per line, anything else as CSV; both
    in UTF-8, a BOM dropped. start/end are int, value float (an empty value
    becomes NaN), every other SPEC column str with "" for missing. The SPEC
    columns come first; extra columns are kept after them.
    """
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        with path.open(encoding="utf-8-sig") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        df = pd.DataFrame(rows)
    else:
        # Everything as text first: "2024" must stay a doc_id, not become 2024,
        # and an empty cell must stay "" rather than NaN.
        df = pd.read_csv(path, encoding="utf-8-sig", dtype=str,
                         keep_default_na=False)
    return _normalise(df)


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    """Give any figures frame the dtypes of `load_figures`, COLUMNS first."""
    df = df.copy()
    for col in COLUMNS:
        if col not in df.columns:
            if col in INT_COLUMNS and len(df):
                raise ValueError(f"figures have no {col!r} column")
            df[col] = "" if col in TEXT_COLUMNS else math.nan
    for col in INT_COLUMNS:
        if df[col].isna().any() or (df[col].astype(str).str.strip() == "").any():
            raise ValueError(f"column {col!r} has empty cells")
        df[col] = pd.to_numeric(df[col]).astype("int64")
    df["value"] = df["value"].map(_to_float).astype("float64")
    for col in TEXT_COLUMNS:
        df[col] = df[col].map(_text).astype(str)
    extras = [c for c in df.columns if c not in COLUMNS]
    return df[list(COLUMNS) + extras].reset_index(drop=True)


def _text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def _to_float(v) -> float:
    if isinstance(v, str):
        v = v.strip()
        return float(v) if v else math.nan   # float() raises on junk: keep it loud
    if v is None:
        return math.nan
    return float(v)


# --------------------------------------------------------------------------
# Attribute comparisons


def _norm(s) -> str:
    # SPEC §4 asks for full-width → half-width; NFKC does that (％→%, ～→~, ＞→>).
    return unicodedata.normalize("NFKC", _text(s)).strip()


def units_equal(a, b) -> bool:
    """SPEC §4: units compare after full-width → half-width (NFKC) and strip."""
    return _norm(a) == _norm(b)


def values_equal(a, b) -> bool:
    """SPEC §4: equal within a relative 1e-6 of the larger magnitude.

    0 equals only 0 (a relative tolerance around 0 is empty); NaN equals nothing.
    """
    a, b = _to_float(a), _to_float(b)
    if math.isnan(a) or math.isnan(b):
        return False
    return math.isclose(a, b, rel_tol=VALUE_REL_TOL, abs_tol=0.0)


def _indicator_chars(s: str) -> str:
    # NFKC so that full-width Latin/digits (ＧＤＰ) compare equal to GDP. Then drop
    # punctuation P* (this covers every quote mark, 、，。 and brackets), symbols
    # S*, separators Z* and controls Cc/Cf (\n, \t, zero-width space). Not all
    # of C*: Cn would also drop CJK characters newer than Python's Unicode table.
    s = unicodedata.normalize("NFKC", _text(s))
    return "".join(ch for ch in s if not ch.isspace()
                   and unicodedata.category(ch)[0] not in "PSZ"
                   and unicodedata.category(ch) not in ("Cc", "Cf"))


def _lcs_len(a: str, b: str) -> int:
    # Classic dynamic programme over one rolling row; indicators are short.
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b, start=1):
            cur.append(prev[j - 1] + 1 if ca == cb else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def indicator_score(pred, gold) -> float:
    """SPEC §4: 2·LCS / (len(pred) + len(gold)) after removing punctuation,
    quotes, symbols and whitespace; 1.0 when both are then empty, 0.0 when one is.
    """
    p, g = _indicator_chars(pred), _indicator_chars(gold)
    if not p and not g:
        return 1.0
    if not p or not g:
        return 0.0
    return 2 * _lcs_len(p, g) / (len(p) + len(g))


def _record_match(g: dict, p: dict) -> bool:
    return units_equal(g["unit"], p["unit"]) and values_equal(g["value"], p["value"])


def _full_match(g: dict, p: dict) -> bool:
    return (_record_match(g, p) and _norm(g["bound"]) == _norm(p["bound"])
            and indicator_score(p["indicator"], g["indicator"]) >= INDICATOR_PASS)


# --------------------------------------------------------------------------
# Pairing


@dataclass(frozen=True)
class Pairing:
    """Result of `pair`: positions (0-based, as in .iloc) into the two frames."""
    pairs: tuple[tuple[int, int], ...]   # (gold, pred), in order of gold start
    missed: tuple[int, ...]              # gold rows left unpaired
    extra: tuple[int, ...]               # pred rows left unpaired


def _overlap(g: dict, p: dict) -> bool:
    # Half-open [start, end): touching spans ("3万人" then "5%") do not overlap.
    return g["start"] < p["end"] and p["start"] < g["end"]


def pair(gold_doc: pd.DataFrame, pred_doc: pd.DataFrame) -> Pairing:
    """Pair the gold and predicted rows of one document one to one (SPEC §4).

    Exact rule. Two rows may pair only when their spans overlap. Pairing runs
    in three passes, each only over rows still unpaired:
      1. pairs that would be full pairs (record match + equal bound +
         indicator score ≥ 0.5),
      2. pairs that would be record pairs (overlap + equal unit and value),
      3. pairs that merely overlap.
    Within a pass, gold rows are taken in order of (start, end, position), and
    each takes the first overlapping unpaired pred row in the same order.

    So when one gold row overlaps two predictions (an extractor that split a
    mention or a range), the one that agrees with it wins, whatever its
    position; the other stays an extra. With no agreement the earlier one wins.
    The result depends only on the rows, never on dict or hash order. The
    passes favour agreement over the raw number of span pairs: in contrived
    chains of overlapping spans a plain greedy could find one more span pair.
    """
    golds = gold_doc.to_dict("records")
    preds = pred_doc.to_dict("records")
    g_order = sorted(range(len(golds)), key=lambda i: (golds[i]["start"], golds[i]["end"], i))
    p_order = sorted(range(len(preds)), key=lambda j: (preds[j]["start"], preds[j]["end"], j))
    taken_g: dict[int, int] = {}
    taken_p: set[int] = set()
    for accept in (_full_match, _record_match, lambda g, p: True):
        for i in g_order:
            if i in taken_g:
                continue
            for j in p_order:
                if preds[j]["start"] >= golds[i]["end"]:
                    break   # p_order is by start: no later pred can overlap
                if j not in taken_p and _overlap(golds[i], preds[j]) \
                        and accept(golds[i], preds[j]):
                    taken_g[i] = j
                    taken_p.add(j)
                    break
    return Pairing(
        pairs=tuple((i, taken_g[i]) for i in g_order if i in taken_g),
        missed=tuple(i for i in g_order if i not in taken_g),
        extra=tuple(j for j in p_order if j not in taken_p),
    )


# --------------------------------------------------------------------------
# Scores


@dataclass(frozen=True)
class Report:
    """Per-document scores (one row per doc_id) and their micro average.

    Both carry the raw counts (n_gold, n_pred, *_tp, bound_ok, kind_ok,
    ind_sum, ind_ok) next to the rates, so that micro = rates of summed counts.
    """
    per_doc: pd.DataFrame
    micro: pd.Series


def _prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    # No predictions: precision is 1 only if there was nothing to find, else 0
    # (an empty output must not score as perfectly precise). Likewise recall
    # with no gold is 1 only if nothing was predicted. F1 is 0 when P + R = 0.
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _rates(c: dict) -> dict:
    out = dict(c)
    for level in ("span", "record", "full"):
        p, r, f = _prf(c[f"{level}_tp"], c["n_gold"], c["n_pred"])
        out.update({f"{level}_p": p, f"{level}_r": r, f"{level}_f1": f})
    # Accuracies are over record pairs; with none they are undefined (NaN),
    # not 0 or 1, so that they neither flatter nor punish a document.
    n = c["record_tp"]
    out["bound_acc"] = c["bound_ok"] / n if n else math.nan
    out["kind_acc"] = c["kind_ok"] / n if n else math.nan
    out["ind_mean"] = c["ind_sum"] / n if n else math.nan
    out["ind_share"] = c["ind_ok"] / n if n else math.nan
    return out


COUNT_COLUMNS = ("n_gold", "n_pred", "span_tp", "record_tp", "full_tp",
                 "bound_ok", "kind_ok", "ind_sum", "ind_ok")
REPORT_COLUMNS = (
    "doc_id", "n_gold", "n_pred",
    "span_tp", "span_p", "span_r", "span_f1",
    "record_tp", "record_p", "record_r", "record_f1",
    "full_tp", "full_p", "full_r", "full_f1",
    "bound_ok", "bound_acc", "kind_ok", "kind_acc",
    "ind_sum", "ind_mean", "ind_ok", "ind_share",
)


def _by_doc(gold_df: pd.DataFrame, pred_df: pd.DataFrame):
    """Yield (doc_id, gold rows, pred rows) for every doc_id in either frame."""
    gold, pred = _normalise(gold_df), _normalise(pred_df)
    # A document present on one side only still counts: all misses or extras.
    for doc in sorted(set(gold["doc_id"]) | set(pred["doc_id"])):
        yield (doc,
               gold[gold["doc_id"] == doc].reset_index(drop=True),
               pred[pred["doc_id"] == doc].reset_index(drop=True))


def _doc_counts(gold: pd.DataFrame, pred: pd.DataFrame) -> dict:
    pairing = pair(gold, pred)
    c = dict.fromkeys(COUNT_COLUMNS, 0)
    c["ind_sum"] = 0.0
    c["n_gold"], c["n_pred"] = len(gold), len(pred)
    c["span_tp"] = len(pairing.pairs)
    for i, j in pairing.pairs:
        g, p = gold.iloc[i], pred.iloc[j]
        if not _record_match(g, p):
            continue
        ind = indicator_score(p["indicator"], g["indicator"])
        bound_ok = _norm(g["bound"]) == _norm(p["bound"])
        c["record_tp"] += 1
        c["bound_ok"] += bound_ok
        c["kind_ok"] += _norm(g["kind"]) == _norm(p["kind"])
        c["ind_sum"] += ind
        c["ind_ok"] += ind >= INDICATOR_PASS
        c["full_tp"] += bound_ok and ind >= INDICATOR_PASS
    return c


def score(gold_df: pd.DataFrame, pred_df: pd.DataFrame) -> Report:
    """Score predictions against the gold, per document and micro-averaged.

    Micro = the rates recomputed from counts summed over all documents, so
    every figure weighs the same whatever document it is in.
    """
    rows = [{"doc_id": doc, **_rates(_doc_counts(g, p))}
            for doc, g, p in _by_doc(gold_df, pred_df)]
    per_doc = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    totals = {k: (per_doc[k].sum() if len(per_doc) else 0) for k in COUNT_COLUMNS}
    totals = {k: (float(v) if k == "ind_sum" else int(v)) for k, v in totals.items()}
    micro = pd.Series({"doc_id": "micro", **_rates(totals)},
                      name="micro")[list(REPORT_COLUMNS)]
    return Report(per_doc=per_doc, micro=micro)


def format_table(report: Report) -> str:
    """The Markdown table of the README: one row per document, then `micro`."""
    header = ["doc", "gold", "pred", "span F1", "record P", "record R",
              "record F1", "full P", "full R", "full F1", "bound acc",
              "kind acc", "ind mean", "ind≥0.5"]
    fields = ["span_f1", "record_p", "record_r", "record_f1", "full_p",
              "full_r", "full_f1", "bound_acc", "kind_acc", "ind_mean", "ind_share"]

    def line(cells) -> str:
        return "| " + " | ".join(cells) + " |"

    def num(x) -> str:
        return "—" if pd.isna(x) else f"{x:.3f}"   # — : no record pair to judge

    out = [line(header), line(["---"] + ["---:"] * (len(header) - 1))]
    rows = [r for _, r in report.per_doc.iterrows()] + [report.micro]
    for r in rows:
        out.append(line([str(r["doc_id"]), str(int(r["n_gold"])), str(int(r["n_pred"]))]
                        + [num(r[f]) for f in fields]))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Error listing


def _error_row(doc, type_, g, p) -> dict:
    at = g if g is not None else p
    row = {"doc_id": doc, "type": type_, "start": int(at["start"]), "end": int(at["end"])}
    for side, r in (("gold", g), ("pred", p)):
        for col in ("mention", "value", "unit", "bound", "kind", "indicator"):
            row[f"{side}_{col}"] = r[col] if r is not None else (
                math.nan if col == "value" else "")
    row["sentence"] = (g["sentence"] if g is not None and g["sentence"]
                       else p["sentence"] if p is not None else "")
    return row


def differences(g, p) -> list[str]:
    """What a span pair (gold row, pred row) disagrees on, in the order value,
    unit, bound, kind, indicator (an indicator scoring under 0.5 disagrees)."""
    return [name for name, ok in (
        ("value", values_equal(g["value"], p["value"])),
        ("unit", units_equal(g["unit"], p["unit"])),
        ("bound", _norm(g["bound"]) == _norm(p["bound"])),
        ("kind", _norm(g["kind"]) == _norm(p["kind"])),
        ("indicator", indicator_score(p["indicator"], g["indicator"]) >= INDICATOR_PASS),
    ) if not ok]


def errors(gold_df: pd.DataFrame, pred_df: pd.DataFrame) -> pd.DataFrame:
    """Every row that costs a point, sorted by doc_id and start.

    type is `miss` (gold unpaired), `extra` (pred unpaired), or for a span pair
    whose attributes disagree the differing ones joined by "+", in the order
    value, unit, bound, kind, indicator (e.g. `value+kind`). A span pair that
    agrees on all of them gives no row, even if its span differs. start/end are
    the gold row's, except for an extra.
    """
    rows = []
    for doc, gold, pred in _by_doc(gold_df, pred_df):
        pairing = pair(gold, pred)
        for i, j in pairing.pairs:
            g, p = gold.iloc[i], pred.iloc[j]
            wrong = differences(g, p)
            if wrong:
                rows.append(_error_row(doc, "+".join(wrong), g, p))
        rows += [_error_row(doc, "miss", gold.iloc[i], None) for i in pairing.missed]
        rows += [_error_row(doc, "extra", None, pred.iloc[j]) for j in pairing.extra]
    out = pd.DataFrame(rows, columns=list(ERROR_COLUMNS))
    out = out.astype({"start": "int64", "end": "int64",
                      "gold_value": "float64", "pred_value": "float64"})
    # Stable sort: at an equal position a pair or miss comes before an extra.
    return out.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
