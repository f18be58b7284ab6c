"""Build corpus/gold.csv from the hand-written label files in corpus/labels/.

A label file (`corpus/labels/<doc_id>.csv`) lists the figures of one document
in reading order, as an annotator wrote them while reading the text: the
mention and its attributes, without offsets. This script only *locates* each
mention in the document (the next occurrence after the previous label, or
after the optional `left` anchor the annotator gave to disambiguate) and adds
the mechanical columns (start, end, sentence). It never invents a figure:
every row comes from a label an annotator wrote.

Usage: python scripts/build_gold.py [--check] [--corpus DIR]
  --check: fail if gold.csv is stale; --corpus: another folder laid out like corpus/
  (corpus/incoming: documents labelled and measured, not yet in the corpus's splits)
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
LABELS = CORPUS / "labels"
GOLD = CORPUS / "gold.csv"
COLUMNS = ["doc_id", "start", "end", "mention", "value", "unit", "kind", "bound",
           "indicator", "entity", "period", "sentence"]
LABEL_COLUMNS = ["mention", "value", "unit", "kind", "bound", "indicator",
                 "entity", "period", "left"]
SENTENCE_END = "。！？"


def read_text(path: Path) -> str:
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sentence_of(text: str, start: int, end: int) -> str:
    """SPEC §5: a sentence runs to and including the next 。！？; newlines go."""
    left = max(text.rfind(ch, 0, start) for ch in SENTENCE_END) + 1
    right = min((i for i in (text.find(ch, end) for ch in SENTENCE_END) if i >= 0),
                default=len(text) - 1) + 1
    return text[left:right].replace("\n", "").strip()


def locate(text: str, mention: str, left: str, cursor: int, where: str) -> int:
    needle = left + mention
    at = text.find(needle, cursor)
    if at < 0:
        raise SystemExit(f"{where}: {needle!r} not found after offset {cursor}")
    start = at + len(left)
    # A mention must not start or end inside a longer number ("15名" in "115名").
    before = text[start - 1] if start else ""
    after = text[start + len(mention)] if start + len(mention) < len(text) else ""
    if (before.isdigit() or before in ".．") and mention[0].isdigit():
        raise SystemExit(f"{where}: {mention!r} at {start} cuts a longer number; give `left`")
    if mention[-1].isdigit() and (after.isdigit() or after in ".．"):
        raise SystemExit(f"{where}: {mention!r} at {start} cuts a longer number; give `left`")
    return start


def build(corpus: Path = CORPUS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for label_file in sorted((corpus / "labels").glob("*.csv")):
        doc_id = label_file.stem
        text = read_text(corpus / f"{doc_id}.txt")
        with label_file.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = set(LABEL_COLUMNS) - set(reader.fieldnames or []) - {"left"}
            if missing:
                raise SystemExit(f"{label_file}: missing columns {sorted(missing)}")
            cursor = 0
            for lineno, row in enumerate(reader, start=2):
                where = f"{label_file.relative_to(ROOT)}:{lineno}"
                mention = row["mention"]
                start = locate(text, mention, row.get("left") or "", cursor, where)
                end = start + len(mention)
                cursor = start + 1
                writer.writerow([doc_id, start, end, mention, row["value"], row["unit"],
                                 row["kind"], row["bound"], row["indicator"],
                                 row["entity"], row["period"],
                                 sentence_of(text, start, end)])
    return "\ufeff" + out.getvalue()


def main(argv: list[str]) -> int:
    corpus = (ROOT / argv[argv.index("--corpus") + 1]).resolve() if "--corpus" in argv else CORPUS
    gold = corpus / "gold.csv"
    content = build(corpus)
    if "--check" in argv:
        current = gold.read_bytes().decode("utf-8") if gold.exists() else ""
        if current != content:
            print(f"{gold.relative_to(ROOT)} is stale: run python scripts/build_gold.py")
            return 1
        return 0
    gold.write_text(content, encoding="utf-8", newline="")
    print(f"wrote {gold.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
