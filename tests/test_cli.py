"""The command line end to end: extract and evaluate (issue 2, 3)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from zhfigures.cli import main
from zhfigures.record import COLUMNS

from .conftest import CORPUS

SEED = str(CORPUS / "xinxiang_2024.txt")


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_extract_csv_follows_spec(tmp_path):
    out = tmp_path / "figures.csv"
    assert main(["extract", SEED, str(CORPUS / "taizhou_health_2024.txt"), "-o", str(out), "-q"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")                      # BOM for Excel
    rows = _rows(out)
    assert tuple(rows[0][:len(COLUMNS)]) == COLUMNS
    keys = [(r[0], int(r[1])) for r in rows[1:]]
    assert keys == sorted(keys)                                  # by doc_id, start
    assert {r[0] for r in rows[1:]} == {"taizhou_health_2024", "xinxiang_2024"}
    text = (CORPUS / "xinxiang_2024.txt").read_text(encoding="utf-8")
    for r in rows[1:]:
        if r[0] == "xinxiang_2024":
            assert text[int(r[1]):int(r[2])] == r[3]


def test_extract_jsonl_to_stdout(capsys):
    assert main(["extract", SEED, "--format", "jsonl", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    first = json.loads(lines[0])
    assert list(first)[:len(COLUMNS)] == list(COLUMNS)
    assert len(lines) > 50


def test_extract_stdin():
    result = subprocess.run([sys.executable, "-m", "zhfigures.cli", "extract", "-", "-q"],
                            input="全市新增停车泊位4734个。".encode(), capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.reader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    assert rows[1][:8] == ["stdin", "8", "13", "4734个", "4734", "个", "count", "="]


def test_evaluate_table_and_threshold(tmp_path, capsys):
    errors = tmp_path / "errors.csv"
    code = main(["evaluate", "--gold", str(CORPUS / "gold.csv"), SEED, "--errors", str(errors),
                 "--min-f1", "0.5"])
    out = capsys.readouterr().out
    assert code == 0
    assert "| xinxiang_2024 |" in out and "| micro |" in out
    assert errors.exists()
    assert main(["evaluate", "--gold", str(CORPUS / "gold.csv"), SEED, "--min-f1", "1.01"]) == 1


def test_evaluate_existing_predictions(tmp_path, capsys):
    pred = tmp_path / "pred.csv"
    assert main(["extract", SEED, "-o", str(pred), "-q"]) == 0
    assert main(["evaluate", "--gold", str(CORPUS / "gold.csv"), "--pred", str(pred)]) == 0
    assert "| xinxiang_2024 |" in capsys.readouterr().out


def test_evaluate_split(capsys):
    assert main(["evaluate", "--gold", str(CORPUS / "gold.csv"), "--split", "dev", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "xinxiang_2024" in out and "bengbu_housing_2022" not in out


@pytest.mark.parametrize("argv", [["--help"], ["extract", "--help"], ["report", "--help"],
                                  ["evaluate", "--help"]])
def test_help_shows_an_example(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out
    example = out[out.index("example"):]
    assert f"zhfigures {argv[0] if argv[0] != '--help' else 'extract'} " in example


def test_module_run_speaks_in_one_line(tmp_path):
    """`python -m zhfigures.cli` loads cli twice; its errors must still be one line."""
    doc = tmp_path / "a.txt"
    doc.write_text("新增停车泊位4734个。", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zhfigures.cli", "extract", str(doc),
                             "--format", "xlsx"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["zhfigures: xlsx output is a file, not a stream: give -o FILE"]
