"""Engines and the benchmark: the same CSV however a run is spread; tables of the right shape.

Correctness only, never time: a parallel or distributed run must write the
serial run's bytes, and the benchmark must print every measure it promises.
"""
from __future__ import annotations

import csv
import io
import re
from concurrent.futures import Future

import pytest

from zhfigures import dictionary
from zhfigures.cli import main
from zhfigures.engine import in_order

from .conftest import CORPUS


def _extract(tmp_path, name, *flags) -> bytes:
    out = tmp_path / name
    assert main(["extract", str(CORPUS), "-o", str(out), "-q", *flags]) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def serial_csv(tmp_path_factory):
    return _extract(tmp_path_factory.mktemp("serial"), "serial.csv")


def test_serial_run_writes_every_document(serial_csv):
    # every document the reader finds, subfolders too (corpus/incoming)
    rows = csv.DictReader(io.StringIO(serial_csv.decode("utf-8-sig"), newline=""))
    assert {row["doc_id"] for row in rows} == {p.stem for p in CORPUS.rglob("*.txt")}


def test_two_processes_write_the_serial_bytes(serial_csv, tmp_path):
    assert _extract(tmp_path, "jobs2.csv", "--jobs", "2") == serial_csv


def test_dask_local_cluster_writes_the_serial_bytes(serial_csv, tmp_path):
    assert _extract(tmp_path, "dask.csv", "--engine", "dask", "--jobs", "2") == serial_csv


def test_scheduler_without_dask_engine_is_one_line(tmp_path, capsys):
    assert main(["extract", str(CORPUS), "-o", str(tmp_path / "x.csv"),
                 "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--engine dask" in err
    assert not (tmp_path / "x.csv").exists()


class _Later:
    """A submit function whose futures finish only when told, in any order."""

    def __init__(self):
        self.pending: list[tuple[int, Future]] = []

    def __call__(self, doc: int) -> Future:
        future = Future()
        self.pending.append((doc, future))
        return future

    def finish_all_backwards(self):
        for doc, future in reversed(self.pending):
            if not future.done():
                future.set_result(doc * 10)


def test_results_come_in_document_order_with_a_bounded_window():
    submit = _Later()
    pulled = []

    def docs():
        for doc in range(50):
            pulled.append(doc)
            submit.finish_all_backwards()        # later documents finish first
            yield doc

    got = []
    for doc, result in in_order(submit, docs(), ahead=4):
        assert len(pulled) - len(got) <= 4       # never more than the window read ahead
        got.append((doc, result))
        submit.finish_all_backwards()
    assert got == [(doc, doc * 10) for doc in range(50)]


def test_dictionary_cache_holds_jiebas_own_tags(tmp_path, monkeypatch):
    from jieba import posseg

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = dictionary.tags()                          # no cache file yet: built, then stored
    assert list((tmp_path / "zhfigures").glob("jieba-tags-*.marshal"))
    cached = dictionary.tags()                         # read back from the file
    assert cached == built == posseg.dt.word_tag_tab


def test_dictionary_cache_rebuilt_when_unreadable(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionary.tags()
    (stored,) = (tmp_path / "zhfigures").glob("jieba-tags-*.marshal")
    stored.write_bytes(b"\x00 not marshal")
    assert dictionary.tags()["泊位"] == "n"            # built again from jieba's dict.txt


MEASURES = [r"extraction", r"jieba\.lcut alone, same text", r"extract --jobs 1, 0\.05 MB",
            r"extract --jobs 2, 0\.05 MB", r"peak RSS, extract 0\.05 MB",
            r"peak RSS, extract 0\.1 MB", r"cold start, extract on one file"]
NUMBER = r"[\d,]+(?:\.\d+)?"


def test_bench_prints_every_measure(capsys):
    assert main(["bench", "--size-mb", "0.05", "--corpus", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("|")]
    assert lines[:2] == ["| measure | value | ratio |", "|---|---|---|"]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
    assert [len(row) for row in rows] == [3] * len(MEASURES)
    for row, measure in zip(rows, MEASURES):
        assert re.fullmatch(measure, row[0]), row
        assert re.match(NUMBER + r" (chars/s|s|MB)\b", row[1]), row
    assert re.fullmatch(NUMBER + r"× jieba\.lcut", rows[0][2])
    assert rows[3][2].endswith("× --jobs 1, same CSV")
    assert re.search(r"^Machine: \d+ CPUs", out, re.MULTILINE)
