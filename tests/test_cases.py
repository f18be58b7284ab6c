"""Spec-driven tests: one data file of cases per phenomenon in tests/cases/.

Each case is its own test id, so a failing case never hides the others. A
case lists every row the text must give (only the fields it names are
checked) — an empty list is a must-reject case: the text gives no row.
"""
from __future__ import annotations

import pytest
import yaml

from zhfigures import extract

from .conftest import CASES

PHENOMENA = ("numerals", "units", "bounds", "ranges", "lists", "exclusions", "ranks",
             "layout", "indicators", "bugs_caught")


def _cases():
    for name in PHENOMENA:
        data = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(case, id=f"{name}/{case['id']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case, rules):
    text = case["text"]
    got = extract(text, "case", rules)
    want = case["expect"]
    summary = [(f.mention, f.value, f.unit, f.bound, f.indicator) for f in got]
    assert len(got) == len(want), f"rows {summary}"
    for figure, expected in zip(got, want):
        assert text[figure.start:figure.end] == figure.mention
        for field, value in expected.items():
            actual = getattr(figure, field)
            if field == "value":
                assert actual == pytest.approx(float(value), rel=1e-9), f"{field} of {summary}"
            else:
                assert actual == str(value), f"{field} of {figure.mention!r}: {summary}"
