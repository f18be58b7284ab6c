"""What each command does, once its arguments are parsed (see cli.py)."""
from __future__ import annotations

import sys
from pathlib import Path

from .atomic import atomic_text
from .corpus import Doc, Skipped, expand, load
from .output import WRITERS
from .parser import extract
from .rules import load_rules


def _format(args) -> str:
    if args.format:
        return args.format
    suffix = Path(args.output or "").suffix.lower().lstrip(".")
    return suffix if suffix in WRITERS else "csv"


def _ordered_sources(paths) -> list:
    """Files sorted by doc_id (SPEC: rows sorted by doc_id, start); skipped paths kept."""
    items = list(expand(paths))
    files = [p for p in items if not isinstance(p, Skipped)]
    skipped = [p for p in items if isinstance(p, Skipped)]
    files.sort(key=lambda p: ("stdin" if str(p) == "-" else p.stem, str(p)))
    return skipped + files


def iter_docs(args, report):
    """Readable documents in doc_id order; unreadable ones reported and skipped."""
    seen: dict[str, str] = {}
    for item in _ordered_sources(args.paths):
        loaded = item if isinstance(item, Skipped) else load(item)
        if isinstance(loaded, Doc) and loaded.doc_id in seen:
            loaded = Skipped(loaded.path, f"doc_id {loaded.doc_id!r} already read from {seen[loaded.doc_id]}")
        if isinstance(loaded, Skipped):
            report(loaded)
            if args.strict:
                return
            continue
        seen[loaded.doc_id] = loaded.path
        yield loaded


def run_extract(args) -> int:
    rules = load_rules(args.rules)
    skipped: list[Skipped] = []

    def report(item: Skipped) -> None:
        skipped.append(item)
        print(f"zhfigures: skipped {item.path}: {item.reason}", file=sys.stderr)

    docs = rows = 0
    with atomic_text(args.output) as stream:
        write = WRITERS[_format(args)](stream)
        for doc in iter_docs(args, report):
            figures = extract(doc.text, doc.doc_id, rules)
            write(figures)
            docs += 1
            rows += len(figures)
    if not args.quiet:
        summary = f"zhfigures: {docs} documents read, {rows} figures written"
        if skipped:
            summary += f", {len(skipped)} skipped"
        print(summary, file=sys.stderr)
    return 1 if skipped else 0


def run_evaluate(args) -> int:
    import pandas as pd

    from . import evaluate
    from .output import to_dataframe

    gold = evaluate.load_figures(args.gold)
    if args.pred:
        pred = evaluate.load_figures(args.pred)
    else:
        if not args.paths:
            from .cli import UserError
            raise UserError("evaluate: give documents to extract, or --pred FILE")
        rules = load_rules(args.rules)
        figures = []
        for doc in iter_docs(args, lambda s: print(f"zhfigures: skipped {s.path}: {s.reason}",
                                                    file=sys.stderr)):
            figures.extend(extract(doc.text, doc.doc_id, rules))
        pred = to_dataframe(figures)
    if args.split:
        splits = pd.read_csv(Path(args.gold).with_name("splits.csv"), dtype=str)
        keep = set(splits.loc[splits["split"] == args.split, "doc_id"])
        gold = gold[gold["doc_id"].isin(keep)]
        pred = pred[pred["doc_id"].isin(keep)]
    elif not args.pred:
        # Score only documents that were read: a gold file may cover more.
        gold = gold[gold["doc_id"].isin(set(pred["doc_id"]) | _read_ids(args.paths))]
    report = evaluate.score(gold, pred)
    print(evaluate.format_table(report))
    if args.errors:
        with atomic_text(args.errors, encoding="utf-8-sig") as stream:
            evaluate.errors(gold, pred).to_csv(stream, index=False)
    if args.min_f1 is not None and report.micro["full_f1"] < args.min_f1:
        print(f"zhfigures: full F1 {report.micro['full_f1']:.3f} is below {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def _read_ids(paths) -> set[str]:
    return {p.stem for p in expand(paths) if not isinstance(p, Skipped) and str(p) != "-"}
