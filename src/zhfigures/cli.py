"""The `zhfigures` command line: extract, report, audit, evaluate.

Errors speak to the user in one line (the file and the reason), never as a
traceback. A run over many files goes on past a bad one and ends with a
non-zero status and a summary of what was skipped (`--strict` stops at the
first).
"""
from __future__ import annotations

import argparse
import sys

from . import __version__
from .engine import EngineError
from .output import FORMATS, OutputError
from .errors import UserError
from .rules import RulesError

EXAMPLES = {
    "extract": "example:\n  zhfigures extract corpus/ -o output/figures.csv\n"
               "  zhfigures extract releases/ -o output/figures.xlsx\n"
               "  zhfigures extract releases/2025/ -o output/releases.sqlite   # appends; re-read replaces\n"
               "  cat release.txt | zhfigures extract - --format jsonl\n"
               "  zhfigures extract archive/ -o output/figures.csv --jobs 4   # 4 processes\n"
               "  zhfigures extract archive/ -o output/figures.csv --engine dask --scheduler tcp://HOST:8786",
    "report": "example:\n  zhfigures report corpus/ -o output/report.html\n"
              "  zhfigures report corpus/ --gold corpus/gold.csv -o output/report.html",
    "audit": "example:\n  zhfigures audit corpus/ -o output/relations.csv\n"
             "  zhfigures audit release.txt --format jsonl",
    "evaluate": "example:\n  zhfigures evaluate --gold corpus/gold.csv corpus/ --errors output/errors.csv\n"
                "  zhfigures evaluate --gold corpus/gold.csv --split heldout corpus/ --min-f1 0.9\n"
                "  zhfigures evaluate --gold corpus/gold.csv --relations corpus/relations.csv corpus/",
    "bench": "example:\n  zhfigures bench                  # 20 MB, then 40 MB for memory\n"
             "  zhfigures bench --size-mb 100    # memory at 100 and 200 MB",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhfigures",
        description="Extract every statistical figure from Chinese press releases "
                    "(从中文新闻发布稿中抽取统计数字).",
        epilog="example:\n  zhfigures extract corpus/ -o output/figures.csv\n"
               "  zhfigures report corpus/ -o output/report.html\n"
               "  zhfigures evaluate --gold corpus/gold.csv corpus/\n\n"
               "Reads .txt (UTF-8, GB18030/GBK, Big5), .html/.htm and .docx; folders are walked.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"zhfigures {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES.get(name),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--rules", metavar="DIR", help="rules folder (default: the packaged rules/)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
        p.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
        return p

    ex = command("extract", "Write every figure of the documents as CSV, JSON Lines, Excel or SQLite.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (walked), or - for stdin")
    ex.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    ex.add_argument("--format", choices=FORMATS,
                    help="default: from the -o suffix (.csv .jsonl .xlsx .sqlite/.db), else csv")
    ex.add_argument("--jobs", type=_positive, metavar="N",
                    help="worker processes (default 1; with --engine dask and no --scheduler: "
                         "local workers, default one per core)")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local: this machine (default); dask: a dask.distributed cluster "
                         "(pip install 'zhfigures[dask]')")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 "
                         "(default: start a local cluster)")

    rp = command("report", "Write one HTML page showing every figure highlighted in its document.")
    rp.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (walked), or - for stdin")
    rp.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    rp.add_argument("--gold", metavar="FILE", help="gold figures CSV: also mark misses and extras")

    au = command("audit", "Check the arithmetic the figures imply: sums, completion rates, "
                          "points over a target, shares, growth.")
    au.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (walked), or - for stdin")
    au.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    au.add_argument("--format", choices=("csv", "jsonl"), help="default: from the -o suffix, else csv")

    ev = command("evaluate", "Score the extractor (or a predictions file) against hand-labelled gold.")
    ev.add_argument("paths", nargs="*", metavar="PATH", help="documents to extract and score")
    ev.add_argument("--gold", required=True, metavar="FILE", help="gold figures CSV")
    ev.add_argument("--pred", metavar="FILE", help="score this predictions CSV instead of extracting")
    ev.add_argument("--split", metavar="NAME",
                    help="score only the documents of this split (splits.csv beside the gold)")
    ev.add_argument("--errors", metavar="FILE", help="write every miss, extra and attribute error")
    ev.add_argument("--min-f1", type=float, metavar="X",
                    help="exit 1 when the micro full F1 is below X")
    ev.add_argument("--relations", metavar="FILE",
                    help="gold relations CSV: score the audit's relations instead of the figures")

    be = sub.add_parser("bench", help="Measure speed and memory on a corpus built from corpus/.",
                        description="Measure extraction speed against jieba.lcut on the same text, "
                                    "--jobs N against one process, peak memory at N and 2N MB, "
                                    "and the cold start; print a Markdown table.",
                        epilog=EXAMPLES["bench"], formatter_class=argparse.RawDescriptionHelpFormatter)
    be.add_argument("--size-mb", type=float, default=20.0, metavar="N",
                    help="corpus size in MB (default 20; memory is also measured at 2N)")
    be.add_argument("--corpus", default="corpus", metavar="DIR",
                    help="documents the corpus is built from (default: corpus/)")
    be.add_argument("--jobs", type=_positive, default=2, metavar="N",
                    help="worker processes compared with one (default 2)")
    be.add_argument("--rules", metavar="DIR", help="rules folder (default: the packaged rules/)")
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "extract":
            from .commands import run_extract
            return run_extract(args)
        if args.command == "report":
            from .commands import run_report
            return run_report(args)
        if args.command == "audit":
            from .commands import run_audit
            return run_audit(args)
        if args.command == "bench":
            from .bench import run_bench
            return run_bench(args)
        from .commands import run_evaluate
        return run_evaluate(args)
    except (RulesError, UserError, OutputError, EngineError) as err:
        print(f"zhfigures: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as stop:
        print("zhfigures: interrupted; no partial output was left", file=sys.stderr)
        return getattr(stop, "exit_status", 130)      # 130 for Ctrl-C, 143 for SIGTERM
    except BrokenPipeError:
        return 0
    except OSError as err:    # an output or gold path that cannot be used: say which, and why
        print(f"zhfigures: {err.filename}: {err.strerror}" if err.filename else f"zhfigures: {err}",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
