"""What each command does, once its arguments are parsed (see cli.py)."""
from __future__ import annotations

import sys
from pathlib import Path

from .atomic import atomic_text
from .corpus import Doc, Skipped, expand, load
from .output import FILE_ONLY, format_of, open_writer
from .parser import extract
from .progress import Progress, closing_line
from .rules import load_rules


def _format(args) -> str:
    fmt = format_of(args.format, args.output)
    if fmt in FILE_ONLY and args.output in (None, "-"):
        from .errors import UserError
        raise UserError(f"{fmt} output is a file, not a stream: give -o FILE")
    return fmt


def _reporter(skipped: list, progress: Progress):
    """The `report` callback of iter_docs: a skipped file is told, kept and counted."""
    def report(item: Skipped) -> None:
        skipped.append(item)
        progress.say(f"zhfigures: skipped {item.path}: {item.reason}")
        progress.step()
    return report


def _ordered_sources(paths) -> list:
    """Files sorted by doc_id (SPEC: rows sorted by doc_id, start); skipped paths kept."""
    items = list(expand(paths))
    files = [p for p in items if not isinstance(p, Skipped)]
    skipped = [p for p in items if isinstance(p, Skipped)]
    files.sort(key=lambda p: ("stdin" if str(p) == "-" else p.stem, str(p)))
    return skipped + files


def iter_docs(args, report, sources=None):
    """Readable documents in doc_id order; unreadable ones reported and skipped.

    `sources`: the list of `_ordered_sources(args.paths)`, where the caller
    needs its length first (a progress bar)."""
    seen: dict[str, str] = {}
    for item in _ordered_sources(args.paths) if sources is None else sources:
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
    from .engine import results

    load_rules(args.rules)               # a broken rules file stops the run before any output
    fmt = _format(args)
    sources = _ordered_sources(args.paths)
    skipped: list[Skipped] = []
    docs = rows = 0
    with Progress(len(sources), args.quiet) as progress, open_writer(fmt, args.output) as write:
        readable = iter_docs(args, _reporter(skipped, progress), sources)
        report = _reporter(skipped, progress)
        for doc, figures in results(readable, args.rules, args.engine, args.jobs, args.scheduler):
            if isinstance(figures, Skipped):      # extraction failed on this document only
                report(figures)
                continue
            write(doc, figures)
            docs += 1
            rows += len(figures)
            progress.step()
            if not doc.text.strip() and not args.quiet:
                # Read, and rightly without rows; but most often a failed download.
                progress.say(f"zhfigures: {doc.path}: empty document (no text), no figures")
        if args.strict and skipped:
            # Raised inside the writer, so that a file output is not put in place.
            from .errors import UserError
            raise UserError(f"stopped at {skipped[0].path} (--strict)"
                            + ("" if args.output in (None, "-") or fmt == "sqlite"
                               else f"; {args.output} not written"))
    if not args.quiet:
        print(closing_line(docs, rows, skipped), file=sys.stderr)
    return 1 if skipped else 0


def run_report(args) -> int:
    from dataclasses import replace

    from .audit import audit
    from .report import page, render

    rules = load_rules(args.rules)
    gold = _gold(args.gold) if args.gold else None
    sources = _ordered_sources(args.paths)
    skipped: list[Skipped] = []
    pages = []
    with Progress(len(sources), args.quiet) as progress, atomic_text(args.output) as stream:
        for doc in iter_docs(args, _reporter(skipped, progress), sources):
            figures = extract(doc.text, doc.doc_id, rules)
            shown = page(doc, figures, None if gold is None else gold[gold["doc_id"] == doc.doc_id])
            pages.append(replace(shown, relations=tuple(audit(doc.text, doc.doc_id, rules, figures))))
            progress.step()
        stream.write(render(pages))
    if not args.quiet:
        figures = sum(m.predicted for p in pages for m in p.marks)
        print(closing_line(len(pages), figures, skipped).replace("written", "shown"), file=sys.stderr)
    return 1 if skipped else 0


def run_audit(args) -> int:
    from .audit import audit
    from .relation import WRITERS

    rules = load_rules(args.rules)
    suffix = Path(args.output or "").suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in WRITERS else "csv")
    sources = _ordered_sources(args.paths)
    skipped: list[Skipped] = []
    docs = rows = 0
    with Progress(len(sources), args.quiet) as progress, atomic_text(args.output) as stream:
        write = WRITERS[fmt](stream)
        for doc in iter_docs(args, _reporter(skipped, progress), sources):
            relations = audit(doc.text, doc.doc_id, rules)
            write(relations)
            docs += 1
            rows += len(relations)
            progress.step()
    if not args.quiet:
        print(closing_line(docs, rows, skipped).replace(" figure", " relation"), file=sys.stderr)
    return 1 if skipped else 0


def _gold(path):
    """The gold figures file, or one line saying why it cannot be read."""
    from . import evaluate
    from .errors import UserError

    try:
        return evaluate.load_figures(path)
    except OSError as err:
        raise UserError(f"{path}: {err.strerror or err}") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise UserError(f"{path}: not a figures file ({err})") from None


def run_evaluate(args) -> int:
    import pandas as pd

    from . import evaluate
    from .output import to_dataframe

    if args.relations:
        return _evaluate_relations(args)
    gold = evaluate.load_figures(args.gold)
    if args.pred:
        pred = evaluate.load_figures(args.pred)
    else:
        if not args.paths:
            from .errors import UserError
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


def _evaluate_relations(args) -> int:
    """`evaluate --relations`: the audit of the documents against gold relations."""
    import pandas as pd

    from . import evaluate_relations as er
    from .audit import audit
    from .errors import UserError

    if args.pred or not args.paths:
        raise UserError("evaluate --relations: give the documents to audit (PATH...), not --pred")
    gold_figures = _gold(args.gold)
    try:
        gold = er.load_relations(args.relations)
    except OSError as err:
        raise UserError(f"{args.relations}: {err.strerror or err}") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise UserError(f"{args.relations}: not a relations file ({err})") from None
    keep = None
    if args.split:
        splits = pd.read_csv(Path(args.gold).with_name("splits.csv"), dtype=str)
        keep = set(splits.loc[splits["split"] == args.split, "doc_id"])
    rules = load_rules(args.rules)
    figures, pred, read = [], [], set()
    for doc in iter_docs(args, lambda s: print(f"zhfigures: skipped {s.path}: {s.reason}",
                                                file=sys.stderr)):
        if keep is None or doc.doc_id in keep:
            found = extract(doc.text, doc.doc_id, rules)
            figures.extend(found)
            pred.extend(audit(doc.text, doc.doc_id, rules, found))
            read.add(doc.doc_id)
    gold = [r for r in gold if r.doc_id in read]     # a gold file may cover more documents
    report = er.score(gold, er.spans(gold_figures), pred, er.spans(figures))
    print(er.format_table(report))
    if args.errors:
        with atomic_text(args.errors, encoding="utf-8-sig") as stream:
            er.write_errors(report, stream)
    return 0


def _read_ids(paths) -> set[str]:
    return {p.stem for p in expand(paths) if not isinstance(p, Skipped) and str(p) != "-"}
