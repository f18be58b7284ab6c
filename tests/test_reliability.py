"""Issue 6: bad input gets a one-line answer, the run goes on, nothing is lost.

Every case runs the command line end to end (`zhfigures.cli.main`, or a real
subprocess where a signal must arrive mid-run). A bad file is named with its
reason on one line, the other files are still written, the run ends with a
non-zero status and a closing line counting what was skipped; `--strict`
stops at the first and leaves the old output. An output file is replaced
whole or not at all.

An empty or whitespace-only file is no error: it is read, gives no rows and
leaves the status 0, with one note line naming it (most often it is a failed
download).
"""
from __future__ import annotations

import csv
import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from zhfigures import output
from zhfigures.cli import main
from zhfigures.corpus import MAX_CHARS
from zhfigures.rules import DEFAULT_DIR

from .conftest import CORPUS

GOOD = "全市新增停车泊位4734个，完成率157.8%。"


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))[1:]


def _huge_line(path: Path) -> None:
    # 50 MB of real release text with every line break taken out.
    text = (CORPUS / "xinxiang_2024.txt").read_text(encoding="utf-8").replace("\n", "")
    data = text.encode("utf-8")
    with open(path, "wb") as fh:
        for _ in range(50_000_000 // len(data) + 1):
            fh.write(data)


@pytest.fixture
def deny(monkeypatch):
    """Make a file unreadable. chmod 000 stops everyone but root; as root (CI
    runs as root) opening it is refused the way the kernel refuses others."""
    denied: set[str] = set()
    if os.geteuid() == 0:
        real_open = Path.open

        def refusing_open(self, *args, **kwargs):
            if str(self) in denied:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)
        monkeypatch.setattr(Path, "open", refusing_open)

    def deny_path(path: Path) -> None:
        path.write_text(GOOD, encoding="utf-8")
        path.chmod(0)
        denied.add(str(path))
    yield deny_path
    for name in denied:
        Path(name).chmod(0o644)


# (file name, how it is made, the reason the run gives)
BAD = [
    ("binary.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
     "binary file (it holds NUL bytes)"),
    # 0xFF starts no character in UTF-8, GB18030 or Big5.
    ("undecodable.txt", lambda p: p.write_bytes(b"\xff" * 200),
     "not text in UTF-8, GB18030/GBK or Big5"),
    ("utf16.txt", lambda p: p.write_bytes(GOOD.encode("utf-16")),
     "UTF-16 text, which is not read: save it as UTF-8"),
    ("one_line_50mb.txt", _huge_line, f"over the {MAX_CHARS:,} of one document: split it"),
    ("missing.txt", lambda p: None, "no such file or folder"),
    ("nothing_to_read", lambda p: (p.mkdir(), (p / "photo.jpg").write_bytes(b"\xff\xd8")),
     "files in this folder"),
    ("empty_folder", lambda p: p.mkdir(), "files in this folder"),
    ("unreadable.txt", "deny", "permission denied"),
]


def _make(folder: Path, name: str, make, deny) -> Path:
    path = folder / name
    (deny if make == "deny" else make)(path)
    return path


@pytest.mark.parametrize("name,make,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_naming_file_and_reason(tmp_path, capsys, deny, name, make, reason):
    path = _make(tmp_path, name, make, deny)
    out = tmp_path / "figures.csv"
    assert main(["extract", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    skipped, closing = err.splitlines()
    assert skipped.startswith(f"zhfigures: skipped {path}: ") and reason in skipped
    assert closing.startswith("zhfigures: 0 documents read, 0 figures written, 1 file skipped (1 × ")
    assert _rows(out) == []          # the run completes: a CSV with its header only


def test_the_run_goes_on_past_every_bad_file(tmp_path, capsys, deny):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "z_good.txt").write_text(GOOD, encoding="utf-8")
    bad = [_make(folder, name, make, deny) for name, make, _ in BAD]
    out = tmp_path / "figures.csv"
    paths = [str(folder / "a_good.txt"), *map(str, bad), str(folder / "z_good.txt")]
    assert main(["extract", *paths, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for path, (_, _, reason) in zip(bad, BAD):
        assert f"zhfigures: skipped {path}: " in err and reason in err
    assert err.splitlines()[-1].startswith(
        f"zhfigures: 2 documents read, 4 figures written, {len(BAD)} files skipped (")
    assert {r[0] for r in _rows(out)} == {"a_good", "z_good"}


def test_strict_stops_at_the_first_and_keeps_the_old_output(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    (tmp_path / "c.txt").write_bytes(b"\xff" * 10)
    out = tmp_path / "figures.csv"
    out.write_text("old output\n", encoding="utf-8")
    code = main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt"),
                 "-o", str(out), "--strict"])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert err.splitlines() == [
        f"zhfigures: skipped {tmp_path / 'b.txt'}: binary file (it holds NUL bytes)",
        f"zhfigures: stopped at {tmp_path / 'b.txt'} (--strict); {out} not written",
    ]
    assert out.read_text(encoding="utf-8") == "old output\n"
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("content", ["", " \n\t\n\u3000\r\n"], ids=["empty", "whitespace"])
def test_empty_document_is_read_gives_no_rows_and_is_noted(tmp_path, capsys, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content.encode("utf-8"))
    out = tmp_path / "figures.csv"
    assert main(["extract", str(path), "-o", str(out)]) == 0
    assert _rows(out) == []
    assert capsys.readouterr().err.splitlines() == [
        f"zhfigures: {path}: empty document (no text), no figures",
        "zhfigures: 1 document read, 0 figures written",
    ]


def test_line_ends_give_the_same_rows(tmp_path):
    text = (CORPUS / "xinxiang_2024.txt").read_text(encoding="utf-8")
    outs = []
    for name, end in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
        doc = tmp_path / name / "release.txt"
        doc.parent.mkdir()
        doc.write_bytes(text.replace("\n", end).encode("utf-8"))
        out = tmp_path / f"{name}.csv"
        assert main(["extract", str(doc), "-o", str(out), "-q"]) == 0
        outs.append([row[:-1] for row in _rows(out)])       # all but `source`
    assert outs[0] and outs[1] == outs[0] and outs[2] == outs[0]


# --- a broken rules folder: file, line and fault on one line -----------------

def _break(folder: Path, fault: str) -> tuple[Path, str]:
    """Copy the packaged rules, break one file; (broken file, text the line holds)."""
    path = folder / "exclusions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    last = data["exclusions"][-1]
    marker = {"unknown key": "colour", "wrong type": "examples", "bad regex": "pattern"}.get(fault)
    if fault == "unknown key":
        last["colour"] = "blue"
    elif fault == "wrong type":
        last["examples"] = 3
    elif fault == "bad regex":
        last["pattern"] = "(unclosed"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if fault == "yaml syntax":
        text, marker = text + "broken: [1, 2\n", None
    path.write_text(text, encoding="utf-8")
    return path, marker


@pytest.mark.parametrize("fault,message", [
    ("yaml syntax", "YAML syntax error"),
    ("unknown key", "unknown key 'colour'"),
    ("wrong type", "expected a list, got '3'"),
    ("bad regex", "regex does not compile"),
])
def test_broken_rules_stop_the_run_with_one_line(tmp_path, capsys, fault, message):
    import shutil

    folder = tmp_path / "rules"
    shutil.copytree(DEFAULT_DIR, folder)
    broken, marker = _break(folder, fault)
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "figures.csv"
    out.write_text("old output\n", encoding="utf-8")
    assert main(["extract", str(doc), "--rules", str(folder), "-o", str(out)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"zhfigures: {broken}:") and message in line
    number = int(line[len(f"zhfigures: {broken}:"):].split(":")[0])
    lines = broken.read_text(encoding="utf-8").splitlines()
    if marker:
        assert marker in lines[number - 1]
    else:
        assert number >= len(lines) - 1          # the syntax error is in the last lines
    assert out.read_text(encoding="utf-8") == "old output\n"


# --- atomic output ------------------------------------------------------------

@pytest.fixture(scope="module")
def many_docs(tmp_path_factory) -> Path:
    """Enough documents for a run to be caught in the middle (about 10 s of work)."""
    folder = tmp_path_factory.mktemp("many")
    data = (CORPUS / "xinxiang_2024.txt").read_bytes()
    for i in range(400):
        (folder / f"d{i:03}.txt").write_bytes(data)
    return folder


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL],
                         ids=["SIGTERM", "SIGINT", "SIGKILL"])
def test_a_run_stopped_midway_leaves_the_old_output(tmp_path, many_docs, sig):
    out = tmp_path / "figures.csv"
    out.write_text("old output\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "zhfigures.cli", "extract", str(many_docs),
                             "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        # Rows are on their way to the temporary file: the run is in the middle.
        while sum(p.stat().st_size for p in tmp_path.glob(".figures.csv.*.part")) < 50_000:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert out.read_text(encoding="utf-8") == "old output\n"
    if sig == signal.SIGKILL:
        return                       # no handler runs: the target is still whole, a .part stays
    assert proc.returncode == 128 + sig         # 143 for SIGTERM, 130 for Ctrl-C, as shells report
    assert err.decode().splitlines()[-1] == "zhfigures: interrupted; no partial output was left"
    assert not list(tmp_path.glob(".*.part"))


def test_a_crash_while_writing_leaves_the_old_output(tmp_path, capsys, monkeypatch):
    docs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for doc in docs:
        doc.write_text(GOOD, encoding="utf-8")
    real = output.WRITERS["csv"]

    def full_disk_writer(stream):
        write = real(stream)
        calls = []

        def write_then_fail(doc, figures):
            calls.append(doc)
            if len(calls) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            write(doc, figures)
        return write_then_fail
    monkeypatch.setitem(output.WRITERS, "csv", full_disk_writer)
    out = tmp_path / "figures.csv"
    out.write_text("old output\n", encoding="utf-8")
    assert main(["extract", *map(str, docs), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == ["zhfigures: [Errno 28] No space left on device"]
    assert out.read_text(encoding="utf-8") == "old output\n"
    assert not list(tmp_path.glob(".*.part"))


def test_a_crash_of_the_run_leaves_the_old_output(tmp_path, monkeypatch):
    # A bug inside one document's extraction only skips it (next test); a crash
    # of the engine itself ends the run, and must leave the old output.
    docs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for doc in docs:
        doc.write_text(GOOD, encoding="utf-8")

    def extract_then_crash(doc, rules_dir=None):
        if doc.doc_id == "b":
            raise RuntimeError("a bug")
        return []
    monkeypatch.setattr("zhfigures.engine.extract_document", extract_then_crash)
    out = tmp_path / "figures.csv"
    out.write_text("old output\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        main(["extract", *map(str, docs), "-o", str(out), "-q"])
    assert out.read_text(encoding="utf-8") == "old output\n"
    assert not list(tmp_path.glob(".*.part"))


def test_the_new_output_keeps_the_old_files_permissions(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "figures.csv"
    out.write_text("old output\n", encoding="utf-8")
    out.chmod(0o640)
    assert main(["extract", str(doc), "-o", str(out), "-q"]) == 0
    assert out.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.csv"
    assert main(["extract", str(doc), "-o", str(fresh), "-q"]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask     # not mkstemp's 0600


def test_a_bug_in_extraction_skips_that_document_only(tmp_path, monkeypatch, capsys):
    """One document that makes the extractor raise is skipped, named, and the run goes on."""
    from zhfigures import engine

    good = tmp_path / "good.txt"
    bad = tmp_path / "bad.txt"
    good.write_text("新增停车泊位4734个。", encoding="utf-8")
    bad.write_text("触发错误的文档：新增100个。", encoding="utf-8")
    real = engine.extract

    def flaky(text, doc_id, rules):
        if doc_id == "bad":
            raise RuntimeError("simulated bug")
        return real(text, doc_id, rules)

    monkeypatch.setattr(engine, "extract", flaky)
    out = tmp_path / "figures.csv"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt: extraction failed (RuntimeError: simulated bug)" in err
    assert "Traceback" not in err
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("good,")
