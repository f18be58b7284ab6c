"""The HTML report (issue 7): its structure, checked from the page itself and,
where Debian's chromium is installed, from the DOM a real browser renders.

Every check compares the highlights with the CSV that `extract` writes for
the same documents, so nothing here restates what the extractor finds.
"""
from __future__ import annotations

import csv
import subprocess
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from zhfigures import extract
from zhfigures.cli import main
from zhfigures.read import read_text
from zhfigures.record import COLUMNS

from .conftest import CORPUS

CHROMIUM = Path("/usr/bin/chromium")
# As root, in a sandbox with no network: no zygote sandbox, no GPU, and no
# background requests that this machine would refuse (see .ci/run).
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")
COMPARED = ("start", "end", "value", "unit", "kind", "bound", "indicator", "entity", "period")
TRICKY = '标题<script>alert("x")</script> & “引号” 新增停车泊位4734个，完成率157.8%。\n<b>覆盖</b>青少年近3万人。\n'


def _inputs(tmp_path) -> list[Path]:
    tricky = tmp_path / "tricky.txt"
    tricky.write_text(TRICKY, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text("<html><body><nav>首页 3个</nav><article><p>全年新增就业岗位1200个，"
                    "完成率108.5%。</p></article></body></html>", encoding="utf-8")
    return [CORPUS / "xinxiang_2024.txt", CORPUS / "jiangsu_economy_2023.txt", tricky, page]


def _run(tmp_path, paths, *extra) -> tuple[str, list[dict]]:
    """The report's HTML and the CSV rows of the same documents."""
    html, table = tmp_path / "report.html", tmp_path / "figures.csv"
    assert main(["report", *map(str, paths), "-o", str(html), "-q", *extra]) == 0
    assert main(["extract", *map(str, paths), "-o", str(table), "-q"]) == 0
    with open(table, encoding="utf-8-sig", newline="") as fh:
        return html.read_text(encoding="utf-8"), list(csv.DictReader(fh))


def _sections(html: str) -> dict[str, dict]:
    """What the page shows, per document: source, text, predicted marks, misses."""
    soup = BeautifulSoup(html, "html.parser")
    out = {}
    for section in soup.select("section.doc"):
        text = section.select_one("div.text")
        out[section["data-doc-id"]] = {
            "source": section["data-source"],
            "text": text.get_text(),
            "marks": [{"mention": m.get_text(), **{k: m[f"data-{k}"] for k in COMPARED},
                       "status": m["data-status"]} for m in text.select("mark.fig")],
            "misses": [{"mention": m.get_text(), **{k: m[f"data-{k}"] for k in COMPARED}}
                       for m in text.select("mark.miss")],
        }
    return out


def _assert_marks_match_csv(html: str, rows: list[dict], paths: list[Path]) -> None:
    sections = _sections(html)
    assert list(sections) == sorted(p.stem for p in paths)       # every document, in doc_id order
    for path in paths:
        shown = sections[path.stem]
        text = read_text(path)
        assert shown["source"] == str(path)
        assert shown["text"] == text                              # escaped, nothing lost or added
        want = [r for r in rows if r["doc_id"] == path.stem]
        assert want, path
        assert [{k: m[k] for k in ("mention",) + COMPARED} for m in shown["marks"]] == \
            [{k: r[k] for k in ("mention",) + COMPARED} for r in want]
        for mark in shown["marks"]:
            assert text[int(mark["start"]):int(mark["end"])] == mark["mention"]


def test_every_figure_is_highlighted_as_in_the_csv(tmp_path):
    paths = _inputs(tmp_path)
    html, rows = _run(tmp_path, paths)
    _assert_marks_match_csv(html, rows, paths)


def test_the_page_is_self_contained_and_escapes_the_text(tmp_path):
    html, _ = _run(tmp_path, _inputs(tmp_path))
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("script")) == 1 and not soup.script.get("src")   # only our own
    assert not soup.find_all(["link", "img", "iframe", "object", "embed"])
    assert all(a["href"].startswith("#") for a in soup.find_all("a"))
    assert "url(" not in soup.style.get_text() and "@import" not in soup.style.get_text()
    assert soup.find("b") is None                    # <b> in a document is text, not markup


def test_filters_and_summary_by_kind(tmp_path):
    paths = _inputs(tmp_path)
    html, rows = _run(tmp_path, paths)
    soup = BeautifulSoup(html, "html.parser")
    kinds = {r["kind"] for r in rows}
    assert {box["value"] for box in soup.select("#filters input")} == {f"kind:{k}" for k in kinds}
    for section in soup.select("section.doc"):
        want = [r["kind"] for r in rows if r["doc_id"] == section["data-doc-id"]]
        table = section.select_one("table.summary")
        counts = {tr.th.get_text(): int(tr.td.get_text()) for tr in table.select("tr") if tr.td}
        assert counts == {**{k: want.count(k) for k in set(want)}, "all": len(want)}


def _gold_file(tmp_path, rows: list[dict]) -> Path:
    gold = tmp_path / "gold.csv"
    with open(gold, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return gold


def test_gold_marks_misses_extras_and_differences(tmp_path):
    doc = tmp_path / "seed.txt"
    text = "2024年，新增停车泊位4734个，完成率157.8%，覆盖青少年近3万人。"
    doc.write_text(text, encoding="utf-8")
    found = [f.as_dict() for f in extract(text, "seed")]
    assert len(found) >= 3
    extra, wrong, ok = found[0], found[1], found[2:]
    missed = {**ok[0], "start": 0, "end": 5, "mention": "2024年", "value": 2024, "unit": "年",
              "kind": "other", "bound": "="}
    gold = _gold_file(tmp_path, [{**wrong, "bound": "~" if wrong["bound"] != "~" else "="},
                                 *ok, missed])
    html = tmp_path / "report.html"
    assert main(["report", str(doc), "--gold", str(gold), "-o", str(html), "-q"]) == 0
    shown = _sections(html.read_text(encoding="utf-8"))["seed"]
    by_start = {int(m["start"]): m["status"] for m in shown["marks"]}
    assert by_start == {extra["start"]: "extra", wrong["start"]: "wrong",
                        **{r["start"]: "ok" for r in ok}}
    assert [m["mention"] for m in shown["misses"]] == ["2024年"]
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    tip = soup.select_one(f'mark.fig[data-start="{wrong["start"]}"]')["data-tip"]
    assert "gold bound: " in tip
    assert {b["value"] for b in soup.select("#filters input") if b["value"].startswith("status:")} \
        == {"status:ok", "status:wrong", "status:extra", "status:miss"}


def test_a_bad_gold_file_is_one_line(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", str(CORPUS / "xinxiang_2024.txt"), "--gold", str(tmp_path / "nope.csv"),
                 "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"zhfigures: {tmp_path / 'nope.csv'}: No such file or directory\n"
    assert not out.exists()


@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason="Debian's chromium is not installed (apt-get install chromium; .ci/run does)")
def test_chromium_renders_the_highlights_of_the_csv(tmp_path):
    paths = _inputs(tmp_path)
    html, rows = _run(tmp_path, paths)
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
             (tmp_path / "report.html").as_uri()],
            capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<mark" in dom
    _assert_marks_match_csv(dom, rows, paths)
