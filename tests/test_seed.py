"""End to end on the seed press release: the rows issue 2 names, exactly."""
from __future__ import annotations

import pytest

from zhfigures import extract
from zhfigures.read import read_text

from .conftest import CORPUS

# mention, value, unit, kind, bound, indicator — read off the seed by hand.
EXPECTED = [
    ("4734个", 4734, "个", "count", "=", "新增停车泊位"),
    ("157.8%", 157.8, "%", "percent", "=", "完成率"),
    ("1615.22万元", 16152200, "元", "money", "=", None),
    ("3万人", 30000, "人", "count", "<", "覆盖青少年"),
    ("1500余人次", 1500, "人次", "count", ">", "参训"),
    ("60亿元", 6000000000, "元", "money", ">=", "拉动消费"),
    ("5.48个百分点", 5.48, "百分点", "percentage_point", "=", "超出省定目标"),
    ("260%", 260, "%", "percent", "=", "任务完成率"),
    ("2.3万户", 23000, "户", "count", "=", None),
    ("27.33亩", 27.33, "亩", "area", "~", "占地"),
    ("第四位", 4, "位", "rank", "=", None),
]
NOT_FIGURES = ["2024年", "1月15日", "12355", "0~6岁", "两癌", "十五分钟", "两项", "98个第一名"]


@pytest.fixture(scope="module")
def seed():
    text = read_text(CORPUS / "xinxiang_2024.txt")
    return text, extract(text, "xinxiang_2024")


@pytest.mark.parametrize("row", EXPECTED, ids=[r[0] for r in EXPECTED])
def test_seed_row(seed, row):
    text, figures = seed
    mention, value, unit, kind, bound, indicator = row
    found = [f for f in figures if f.mention.replace("\n", "") == mention]
    assert found, f"{mention} not found"
    f = found[0]
    assert (f.value, f.unit, f.kind, f.bound) == (pytest.approx(value), unit, kind, bound)
    if indicator is not None:
        assert f.indicator == indicator
    assert text[f.start:f.end] == f.mention


def test_layout_break_between_indicator_and_number(seed):
    text, figures = seed
    (f,) = [f for f in figures if f.mention == "260%"]
    assert "任务完成率\n\n260%" in text and f.indicator == "任务完成率"


@pytest.mark.parametrize("phrase", NOT_FIGURES)
def test_seed_not_figures(seed, phrase):
    text, figures = seed
    at = text.find(phrase)
    assert at >= 0
    # No row may cover the number of these phrases (98个第一名: only 98个).
    covered = [f.mention for f in figures if f.start < at + len(phrase) and f.end > at]
    if phrase == "98个第一名":
        assert covered == ["98个"]
    else:
        assert covered == []


def test_rows_sorted_and_disjoint(seed):
    _, figures = seed
    spans = [(f.start, f.end) for f in figures]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_extract_files_gives_a_dataframe_with_specs_columns(seed):
    from zhfigures import COLUMNS, extract_files

    _, figures = seed
    df = extract_files([CORPUS / "xinxiang_2024.txt"])
    assert tuple(df.columns[:len(COLUMNS)]) == COLUMNS
    assert list(df["mention"]) == [f.mention for f in figures]
    assert df["start"].dtype == "int64" and df["value"].dtype == "float64"
