"""Scoring of the audit's relations against hand-labelled gold relations.

A relation names its figures by their start offsets: gold relations
(`corpus/relations.csv`) the starts of gold figures, predicted ones the
starts of extracted figures. The figures give the spans, so that, as for
figures (SPEC §4), a pair is judged by overlap: a predicted relation matches
a gold one of its document when the relation is the same, the result
figures overlap, the operand figures overlap one to one (as sets), and the
status agrees. Gold and predicted relations are paired one to one, in order.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .relation import COLUMNS, RELATIONS, STATUSES, Relation, starts

Spans = dict[tuple[str, int], int]      # (doc_id, start) → end


def load_relations(path) -> list[Relation]:
    """A relations file (CSV as `audit` writes it, or .jsonl); a bad row raises ValueError."""
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if path.suffix.lower() == ".jsonl":
            rows = [json.loads(line) for line in fh if line.strip()]
        else:
            rows = list(csv.DictReader(fh))
    return [_relation(row, n) for n, row in enumerate(rows, start=2)]


def _relation(row: dict, line: int) -> Relation:
    missing = [c for c in COLUMNS if c not in row]
    if missing:
        raise ValueError(f"row {line}: no {missing[0]!r} column")
    if row["relation"] not in RELATIONS or row["status"] not in STATUSES:
        raise ValueError(f"row {line}: unknown relation or status "
                         f"{row['relation']!r}/{row['status']!r}")
    try:
        return Relation(str(row["doc_id"]), row["relation"], int(row["result_start"]),
                        starts(row["operand_starts"]), _float(row["stated"]),
                        _float(row["expected"]), row["status"], str(row["note"] or ""))
    except ValueError as err:
        raise ValueError(f"row {line}: {err}") from None


def _float(v) -> float:
    return float(v) if str(v).strip() else float("nan")


def spans(figures: Iterable) -> Spans:
    """(doc_id, start) → end, from Figure records or the rows of a figures DataFrame."""
    if hasattr(figures, "itertuples"):
        figures = figures.itertuples(index=False)
    return {(f.doc_id, int(f.start)): int(f.end) for f in figures}


def _span(doc: str, start: int, known: Spans) -> tuple[int, int]:
    return start, known.get((doc, start), start + 1)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def matches(gold: Relation, gold_spans: Spans, pred: Relation, pred_spans: Spans) -> bool:
    if (gold.doc_id, gold.relation, gold.status) != (pred.doc_id, pred.relation, pred.status):
        return False
    doc = gold.doc_id
    if not _overlap(_span(doc, gold.result_start, gold_spans),
                    _span(doc, pred.result_start, pred_spans)):
        return False
    if len(gold.operand_starts) != len(pred.operand_starts):
        return False
    unused = [_span(doc, s, pred_spans) for s in pred.operand_starts]
    for s in gold.operand_starts:
        hit = next((u for u in unused if _overlap(_span(doc, s, gold_spans), u)), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


@dataclass(frozen=True)
class Report:
    per_doc: dict[str, tuple[int, int, int]]     # doc_id → (matched, predicted, gold)
    misses: tuple[Relation, ...]
    extras: tuple[Relation, ...]

    @property
    def micro(self) -> tuple[int, int, int]:
        return tuple(sum(v[i] for v in self.per_doc.values()) for i in range(3))


def score(gold: list[Relation], gold_spans: Spans,
          pred: list[Relation], pred_spans: Spans) -> Report:
    unmatched = list(pred)
    misses = []
    per_doc: dict[str, list[int]] = {}
    for r in pred:
        per_doc.setdefault(r.doc_id, [0, 0, 0])[1] += 1
    for g in gold:
        counts = per_doc.setdefault(g.doc_id, [0, 0, 0])
        counts[2] += 1
        hit = next((p for p in unmatched if matches(g, gold_spans, p, pred_spans)), None)
        if hit is None:
            misses.append(g)
        else:
            unmatched.remove(hit)
            counts[0] += 1
    return Report({d: tuple(v) for d, v in sorted(per_doc.items())}, tuple(misses),
                  tuple(unmatched))


def precision_recall(counts: tuple[int, int, int]) -> tuple[float, float]:
    """Nothing claimed is nothing wrong: P = 1 without predictions, R = 1 without gold."""
    matched, predicted, gold = counts
    return (matched / predicted if predicted else 1.0), (matched / gold if gold else 1.0)


def format_table(report: Report) -> str:
    lines = [f"{'document':<28} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6}"]
    for doc, counts in [*report.per_doc.items(), ("micro", report.micro)]:
        p, r = precision_recall(counts)
        lines.append(f"{doc:<28} {counts[2]:>5} {counts[1]:>5} {counts[0]:>5} {p:>6.3f} {r:>6.3f}")
    return "\n".join(lines)


def write_errors(report: Report, stream) -> None:
    """Every gold relation missed and every predicted one not in gold, as CSV."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(("type", *COLUMNS))
    for kind, relations in (("miss", report.misses), ("extra", report.extras)):
        for r in relations:
            writer.writerow((kind, r.doc_id, r.relation, r.result_start,
                             ";".join(map(str, r.operand_starts)), r.stated, r.expected,
                             r.status, r.note))
