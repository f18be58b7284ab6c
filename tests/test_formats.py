"""Inputs and outputs (issue 7): encodings, web pages, Word files, the
`source` column, Excel, SQLite, and what a run tells the user."""
from __future__ import annotations

import csv
import json
import sqlite3

import docx
import pytest
from openpyxl import load_workbook

from zhfigures.cli import main
from zhfigures.corpus import Doc, iter_documents
from zhfigures.output import OUTPUT_COLUMNS, OutputError
from zhfigures.output_sqlite import sqlite_writer
from zhfigures.progress import closing_line
from zhfigures.read import read_text
from zhfigures.record import COLUMNS, Figure

from .conftest import CORPUS

SIMPLIFIED = "2024年，市城管局新增停车泊位4734个，完成率157.8%。\n覆盖青少年近3万人，个案咨询1676人次。\n"
TRADITIONAL = "2024年，市城管局新增停車泊位4734個，完成率157.8%。\n覆蓋青少年近3萬人，個案諮詢1676人次。\n"

ENCODINGS = [  # (id, text, bytes)
    ("utf-8", SIMPLIFIED, SIMPLIFIED.encode("utf-8")),
    ("utf-8-bom", SIMPLIFIED, SIMPLIFIED.encode("utf-8-sig")),
    ("utf-8-crlf", SIMPLIFIED, SIMPLIFIED.replace("\n", "\r\n").encode("utf-8")),
    ("gb18030", SIMPLIFIED, SIMPLIFIED.encode("gb18030")),
    ("gbk", SIMPLIFIED, SIMPLIFIED.encode("gbk")),
    ("big5", TRADITIONAL, TRADITIONAL.encode("big5")),
]

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>网站标题 99个栏目</title>
<style>p {{ color: red }}</style><script>var hits = "12345次";</script></head>
<body>
<nav><a href="/">首页</a> &gt; <a href="/news">新闻 8个频道</a></nav>
<header>政府门户网站</header>
<article>
  <h1>2024年民生实事完成情况</h1>
  <p>&nbsp;&nbsp;2024年，市城管局新增停车泊位<b>4734</b>个，
     完成率157.8%。<br>覆盖青少年近3万人。</p>
  <!-- 注释里的500个不是正文 -->
  <table><tr><td>项目</td><td>数量</td></tr><tr><td>改造老旧小区</td><td>163个</td></tr></table>
  <p>A &amp; B 公司投入1.45亿元。</p>
</article>
<aside>热点 7篇</aside>
<footer>版权所有 联系电话 12345</footer>
</body></html>
"""
PAGE_LINES = ["2024年民生实事完成情况",
              "2024年，市城管局新增停车泊位4734个， 完成率157.8%。",
              "覆盖青少年近3万人。",
              "项目\t数量",
              "改造老旧小区\t163个",
              "A & B 公司投入1.45亿元。"]


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _docx(path, paragraphs, table=()):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, cells in enumerate(table):
            for c, text in enumerate(cells):
                grid.cell(r, c).text = text
    document.add_paragraph("全年新增就业岗位1200个。")
    document.save(path)


# --------------------------------------------------------------------------
# Reading


@pytest.mark.parametrize("name,text,data", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_txt_in_any_chinese_encoding(tmp_path, name, text, data):
    path = tmp_path / f"release_{name}.txt"
    path.write_bytes(data)
    assert read_text(path) == text
    out = tmp_path / "figures.csv"
    assert main(["extract", str(path), "-o", str(out), "-q"]) == 0
    rows = _csv(out)
    assert "157.8%" in [r["mention"] for r in rows]
    for row in rows:
        assert text[int(row["start"]):int(row["end"])] == row["mention"]


@pytest.mark.parametrize("charset,encoding", [("utf-8", "utf-8"), ("gbk", "gbk"),
                                              ("gb2312", "gb18030")], ids=["utf-8", "gbk", "gb2312"])
def test_html_article_text(tmp_path, charset, encoding):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset=charset).encode(encoding))
    assert read_text(path).split("\n") == PAGE_LINES


def test_html_rows_point_into_the_extracted_text(tmp_path):
    path = tmp_path / "minsheng_2024.htm"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    out = tmp_path / "figures.csv"
    assert main(["extract", str(path), "-o", str(out), "-q"]) == 0
    rows = _csv(out)
    text = read_text(path)
    assert {r["doc_id"] for r in rows} == {"minsheng_2024"}
    assert {r["source"] for r in rows} == {str(path)}
    assert [r["mention"] for r in rows] == ["4734个", "157.8%", "3万人", "163个", "1.45亿元"]
    for row in rows:      # SPEC §1 applies to the extracted text
        assert text[int(row["start"]):int(row["end"])] == row["mention"]


def test_html_without_article_uses_body_without_navigation(tmp_path):
    path = tmp_path / "plain.html"
    path.write_text("<html><body><nav>导航 3个</nav><div><p>全年新增就业岗位1200个。</p></div>"
                    "<footer>备案 88个</footer></body></html>", encoding="utf-8")
    assert read_text(path) == "全年新增就业岗位1200个。"


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = tmp_path / "report.docx"
    _docx(path, ["2024年，市城管局新增停车泊位4734个。", "完成率157.8%。"],
          table=[("项目", "数量"), ("改造老旧小区", "163个")])
    assert read_text(path).split("\n") == [
        "2024年，市城管局新增停车泊位4734个。", "完成率157.8%。",
        "项目\t数量", "改造老旧小区\t163个", "全年新增就业岗位1200个。"]
    out = tmp_path / "figures.jsonl"
    assert main(["extract", str(path), "-o", str(out), "-q"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["mention"] for r in rows] == ["4734个", "157.8%", "163个", "1200个"]
    assert {(r["doc_id"], r["source"]) for r in rows} == {("report", str(path))}


def test_a_damaged_docx_is_skipped_with_its_reason(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("新增停车泊位4734个。", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "figures.csv"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"skipped {tmp_path / 'broken.docx'}: not a readable .docx file" in err
    assert "1 document read, 1 figure written, 1 file skipped (1 × not a readable .docx file" in err
    assert [r["doc_id"] for r in _csv(out)] == ["good"]


def test_folders_are_walked_for_every_input_format(tmp_path):
    (tmp_path / "a.txt").write_bytes("新增停车泊位4734个。".encode("gb18030"))
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.html").write_text("<p>完成率157.8%。</p>", encoding="utf-8")
    (sub / "c.HTM").write_text("<p>覆盖青少年近3万人。</p>", encoding="utf-8")
    _docx(sub / "d.docx", [])
    (sub / "e.pdf").write_bytes(b"%PDF-1.4")
    (sub / "notes.md").write_text("100个", encoding="utf-8")
    docs = list(iter_documents([tmp_path]))
    assert [d.doc_id for d in docs] == ["a", "b", "c", "d"]


# --------------------------------------------------------------------------
# Writing


def _extract(tmp_path, fmt, *paths):
    out = tmp_path / f"figures.{fmt}"
    assert main(["extract", *map(str, paths), "-o", str(out), "-q"]) == 0
    return out


SEEDS = (CORPUS / "xinxiang_2024.txt", CORPUS / "taizhou_health_2024.txt")


def test_source_column_follows_spec_columns(tmp_path):
    rows = _csv(_extract(tmp_path, "csv", *SEEDS))
    assert tuple(rows[0]) == COLUMNS + ("source",)
    assert {(r["doc_id"], r["source"]) for r in rows} == {(p.stem, str(p)) for p in SEEDS}
    jsonl = _extract(tmp_path, "jsonl", *SEEDS).read_text(encoding="utf-8").splitlines()
    assert tuple(json.loads(jsonl[0])) == OUTPUT_COLUMNS


def test_xlsx_has_a_sheet_of_figures_and_one_of_documents(tmp_path):
    expected = _csv(_extract(tmp_path, "csv", *SEEDS))
    book = load_workbook(_extract(tmp_path, "xlsx", *SEEDS), read_only=True)
    assert book.sheetnames == ["figures", "documents"]
    figures = list(book["figures"].iter_rows(values_only=True))
    assert figures[0] == OUTPUT_COLUMNS
    assert len(figures) - 1 == len(expected)
    for got, want in zip(figures[1:], expected):
        assert [("" if v is None else str(v)) for v in got] == list(want.values())
        assert isinstance(got[1], int) and isinstance(got[4], (int, float))   # numbers, not text
    documents = list(book["documents"].iter_rows(values_only=True))
    assert documents[0] == ("doc_id", "source", "figures", "characters")
    counts = {d: sum(r["doc_id"] == d for r in expected) for d in ("taizhou_health_2024", "xinxiang_2024")}
    assert {row[0]: row[2] for row in documents[1:]} == counts


def test_xlsx_or_sqlite_needs_an_output_file(capsys):
    assert main(["extract", str(SEEDS[0]), "--format", "xlsx"]) == 2
    assert capsys.readouterr().err.strip() == \
        "zhfigures: xlsx output is a file, not a stream: give -o FILE"


def _db_rows(path, query, *args):
    with sqlite3.connect(path) as db:
        return db.execute(query, args).fetchall()


def test_sqlite_appends_and_a_document_read_again_replaces_its_rows(tmp_path):
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "a.txt").write_text("新增停车泊位4734个，完成率157.8%。", encoding="utf-8")
    (folder / "b.txt").write_text("覆盖青少年近3万人。", encoding="utf-8")
    db = tmp_path / "releases.db"              # .db is SQLite too
    assert main(["extract", str(folder), "-o", str(db), "-q"]) == 0
    assert _db_rows(db, "SELECT doc_id, n_figures FROM documents ORDER BY doc_id") == [("a", 2), ("b", 1)]

    (folder / "a.txt").write_text("新增停车泊位5000个。", encoding="utf-8")      # a corrected release
    (tmp_path / "c.txt").write_text("投入1.45亿元，惠及1500余人次。", encoding="utf-8")
    assert main(["extract", str(folder / "a.txt"), str(tmp_path / "c.txt"), "-o", str(db), "-q"]) == 0
    assert _db_rows(db, "SELECT doc_id, n_figures, source FROM documents ORDER BY doc_id") == [
        ("a", 1, str(folder / "a.txt")), ("b", 1, str(folder / "b.txt")), ("c", 2, str(tmp_path / "c.txt"))]
    assert _db_rows(db, 'SELECT doc_id, start, "end", mention, value, bound FROM figures '
                        "ORDER BY doc_id, start") == [
        ("a", 6, 11, "5000个", 5000.0, "="), ("b", 6, 9, "3万人", 30000.0, "<"),
        ("c", 2, 8, "1.45亿元", 145000000.0, "="), ("c", 11, 18, "1500余人次", 1500.0, ">")]
    text = _db_rows(db, "SELECT text FROM documents WHERE doc_id = 'a'")[0][0]
    assert text == "新增停车泊位5000个。"
    columns = [r[1] for r in _db_rows(db, "PRAGMA table_info(figures)")]
    assert tuple(columns) == OUTPUT_COLUMNS


def test_sqlite_replacement_is_one_transaction(tmp_path):
    db = tmp_path / "figures.sqlite"
    doc = Doc("a", "a.txt", "新增停车泊位4734个。")
    good = Figure("a", 6, 11, "4734个", 4734.0, "个", "count", "=", "新增停车泊位", "", "", doc.text)
    with sqlite_writer(str(db)) as write:
        write(doc, [good])
    broken = Figure("a", 6, 11, "4734个", 4734.0, None, "count", "=", "", "", "", doc.text)
    with pytest.raises(OutputError), sqlite_writer(str(db)) as write:
        write(doc, [good, broken])          # unit NULL: the insert fails half-way
    assert _db_rows(db, "SELECT unit, indicator FROM figures") == [("个", "新增停车泊位")]
    assert _db_rows(db, "SELECT n_figures FROM documents") == [(1,)]


def test_an_output_that_is_not_a_database_is_one_line(tmp_path, capsys):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("these are my notes, not a database " * 40, encoding="utf-8")
    assert main(["extract", str(SEEDS[0]), "-o", str(notes), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"zhfigures: {notes}: ") and err.count("\n") == 1 and "Traceback" not in err


# --------------------------------------------------------------------------
# What a run tells the user


def test_closing_line_counts_and_reasons():
    from zhfigures.corpus import Skipped
    skipped = [Skipped("x.txt", "no such file or folder"), Skipped("y.txt", "no such file or folder"),
               Skipped("z.docx", "not a readable .docx file (BadZipFile)")]
    assert closing_line(3, 120, skipped) == (
        "zhfigures: 3 documents read, 120 figures written, 3 files skipped "
        "(2 × no such file or folder; 1 × not a readable .docx file (BadZipFile))")
    assert closing_line(1, 1, []) == "zhfigures: 1 document read, 1 figure written"
    many = [Skipped(f"{n}.txt", f"doc_id {n!r} already read") for n in "abcd"]
    assert closing_line(0, 0, many).endswith(
        "4 files skipped (1 × doc_id 'a' already read; 1 × doc_id 'b' already read; "
        "1 × doc_id 'c' already read; …)")


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, capsys):
    out = tmp_path / "figures.csv"
    assert main(["extract", *map(str, SEEDS), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "file/s" not in err     # tqdm's marks
    assert err.startswith("zhfigures: 2 documents read, ") and err.count("\n") == 1
    assert main(["extract", *map(str, SEEDS), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_progress_bar_on_a_terminal(monkeypatch, capsys):
    import io
    import sys

    from zhfigures.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with Progress(3, quiet=False) as progress:
        progress.step()
        progress.say("zhfigures: skipped x.txt: no such file or folder")
        progress.step()
    shown = terminal.getvalue()
    assert "/3 " in shown and "zhfigures: skipped x.txt: no such file or folder\n" in shown
    for quiet, total in ((True, 3), (False, 1)):
        terminal.seek(0)
        terminal.truncate()
        with Progress(total, quiet=quiet) as progress:
            progress.step()
        assert terminal.getvalue() == ""
