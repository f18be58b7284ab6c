"""The `zhfigures` command line: extract, evaluate.

Errors speak to the user in one line (the file and the reason), never as a
traceback. A run over many files goes on past a bad one and ends with a
non-zero status and a summary of what was skipped (`--strict` stops at the
first).
"""
from __future__ import annotations

import argparse
import sys

from . import __version__
from .rules import RulesError

EXAMPLES = {
    "extract": "example:\n  zhfigures extract corpus/ -o output/figures.csv\n"
               "  cat release.txt | zhfigures extract - --format jsonl",
    "evaluate": "example:\n  zhfigures evaluate --gold corpus/gold.csv corpus/ --errors output/errors.csv\n"
                "  zhfigures evaluate --gold corpus/gold.csv --split heldout corpus/ --min-f1 0.9",
}


class UserError(Exception):
    """A mistake in how the command was called or in its inputs: one line, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhfigures",
        description="Extract every statistical figure from Chinese press releases "
                    "(从中文新闻发布稿中抽取统计数字).",
        epilog="example:\n  zhfigures extract corpus/ -o output/figures.csv\n"
               "  zhfigures evaluate --gold corpus/gold.csv corpus/",
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

    ex = command("extract", "Write every figure of the documents as CSV or JSON Lines.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (walked), or - for stdin")
    ex.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    ex.add_argument("--format", choices=("csv", "jsonl"), help="default: from the -o suffix, else csv")

    ev = command("evaluate", "Score the extractor (or a predictions file) against hand-labelled gold.")
    ev.add_argument("paths", nargs="*", metavar="PATH", help="documents to extract and score")
    ev.add_argument("--gold", required=True, metavar="FILE", help="gold figures CSV")
    ev.add_argument("--pred", metavar="FILE", help="score this predictions CSV instead of extracting")
    ev.add_argument("--split", metavar="NAME",
                    help="score only the documents of this split (splits.csv beside the gold)")
    ev.add_argument("--errors", metavar="FILE", help="write every miss, extra and attribute error")
    ev.add_argument("--min-f1", type=float, metavar="X",
                    help="exit 1 when the micro full F1 is below X")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "extract":
            from .commands import run_extract
            return run_extract(args)
        from .commands import run_evaluate
        return run_evaluate(args)
    except (RulesError, UserError) as err:
        print(f"zhfigures: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zhfigures: interrupted; no partial output was left", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
