"""`zhfigures bench`: speed and memory, measured side by side in one run.

On a corpus of N MB built from the documents of corpus/ (copies under new
doc_ids) it measures
- extraction against `jieba.lcut` alone (default mode, dictionary loaded) on
  the same text, taking turns document by document so that both run on the
  same machine at the same moment;
- the whole `zhfigures extract` command with `--jobs N` against `--jobs 1`
  (wall time, and CPU time: on a shared machine the wall ratio is what the
  other processes left), and whether the two wrote the same CSV;
- the peak RSS of `zhfigures extract` on N MB and on 2N MB: equal when rows
  stream to disk as documents finish;
- the cold start of `zhfigures extract` on one file, in a fresh process.
It prints a Markdown table (measure | value | ratio) and the machine.
"""
from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from filecmp import cmp
from pathlib import Path
from time import perf_counter

MB = 1_000_000
COLD_RUNS = 5
# The console script's entry point; `python -m zhfigures.cli` would load cli.py twice.
ENTRY = "import sys; from zhfigures.cli import main; sys.exit(main())"


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float           # seconds, of the command and the worker processes it waited for
    peak_rss: int        # bytes, of the command's own process


def run_bench(args) -> int:
    from .errors import UserError

    sources = sorted(Path(args.corpus).glob("*.txt"))
    if not sources:
        raise UserError(f"bench: no .txt documents in {args.corpus}; give --corpus DIR")
    size = int(args.size_mb * MB)
    rules = ["--rules", args.rules] if args.rules else []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="zhfigures-bench-") as tmp:
        first, second = Path(tmp, "a"), Path(tmp, "b")
        n_docs = build_corpus(sources, first, size, "a")
        build_corpus(sources, second, size, "b")
        one = cli_run(["extract", str(first), "-o", str(Path(tmp, "1.csv")), *rules])
        many = cli_run(["extract", str(first), "-o", str(Path(tmp, "n.csv")),
                        "--jobs", str(args.jobs), *rules])
        same = cmp(Path(tmp, "1.csv"), Path(tmp, "n.csv"), shallow=False)
        double = cli_run(["extract", str(first), str(second), "-o", str(Path(tmp, "2.csv")), *rules])
        cold = statistics.median(
            cli_run(["extract", str(sources[0]), "-o", str(Path(tmp, "cold.csv")), *rules]).seconds
            for _ in range(COLD_RUNS))
        # Last: a child forked from this process once it holds jieba would
        # report this process's memory as its own peak.
        chars, rows, t_extract, t_jieba = extraction_vs_jieba(first, args.rules)
    mb = f"{size / MB:g} MB"
    print(f"Corpus: {mb} ({n_docs:,} documents, {chars:,} characters) "
          f"built from {len(sources)} documents of {args.corpus}\n")
    table = [
        ("extraction", f"{chars / t_extract:,.0f} chars/s, {rows / t_extract:,.0f} rows/s",
         f"{t_jieba / t_extract:.2f}× jieba.lcut"),
        ("jieba.lcut alone, same text", f"{chars / t_jieba:,.0f} chars/s", "1×"),
        (f"extract --jobs 1, {mb}", f"{one.seconds:.1f} s wall, {one.cpu:.1f} s CPU", "1×"),
        (f"extract --jobs {args.jobs}, {mb}", f"{many.seconds:.1f} s wall, {many.cpu:.1f} s CPU",
         f"{one.seconds / many.seconds:.2f}× --jobs 1, {'same' if same else 'DIFFERENT'} CSV"),
        (f"peak RSS, extract {mb}", f"{one.peak_rss / MB:.0f} MB", "1×"),
        (f"peak RSS, extract {2 * size / MB:g} MB", f"{double.peak_rss / MB:.0f} MB",
         f"{double.peak_rss / one.peak_rss:.2f}× {mb}"),
        ("cold start, extract on one file", f"{cold:.2f} s", f"median of {COLD_RUNS}"),
    ]
    print("| measure | value | ratio |\n|---|---|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")
    # A load average before the run above 0 means other processes shared the CPUs.
    print(f"\nMachine: {machine()}; load average {load_before:.2f} before the run, "
          f"{os.getloadavg()[0]:.2f} after")
    return 0 if same else 1


def build_corpus(sources: list[Path], folder: Path, size: int, prefix: str) -> int:
    """Copies of `sources`, in turn, until `folder` holds `size` bytes; the number of files."""
    folder.mkdir(parents=True)
    written = count = 0
    while written < size:
        source = sources[count % len(sources)]
        shutil.copyfile(source, folder / f"{prefix}{count:06d}_{source.name}")
        written += source.stat().st_size
        count += 1
    return count


def extraction_vs_jieba(folder: Path, rules_dir: str | None) -> tuple[int, int, float, float]:
    """(characters, rows, seconds extracting, seconds in jieba.lcut) over the documents of `folder`."""
    import jieba

    from .corpus import Doc, load
    from .engine import extract_document
    from .indicator import segmenter
    from .rules import load_rules

    jieba.setLogLevel(60)
    jieba.initialize()
    segmenter(load_rules(rules_dir))     # both dictionaries loaded before the clock starts
    chars = rows = 0
    t_extract = t_jieba = 0.0
    for path in sorted(folder.iterdir()):
        doc = load(path)
        if not isinstance(doc, Doc):
            continue
        start = perf_counter()
        found = extract_document(doc, rules_dir)
        rows += len(found) if isinstance(found, list) else 0
        middle = perf_counter()
        jieba.lcut(doc.text)
        t_extract += middle - start
        t_jieba += perf_counter() - middle
        chars += len(doc.text)
    return chars, rows, t_extract, t_jieba


def cli_run(argv: list[str]) -> Run:
    """`zhfigures ARGV -q` in a fresh process: its wall time and its own peak RSS."""
    from .errors import UserError

    with tempfile.TemporaryFile() as stderr:
        start = perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", ENTRY, *argv, "-q"],
                                stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)   # the usage of this child alone
        seconds = perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            stderr.seek(0)
            said = stderr.read().decode(errors="replace").strip().splitlines() or ["no message"]
            raise UserError(f"bench: zhfigures {' '.join(argv)} failed: {said[-1]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss * 1024)                  # Linux counts kilobytes


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")
