"""Each stage on its own, driven by tests/cases/stages.yaml."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, strategies as st

from zhfigures import numbers, units
from zhfigures.normalize import normalize
from zhfigures.read import decode
from zhfigures.sentences import layout

from .conftest import CASES

STAGES = yaml.safe_load((CASES / "stages.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", STAGES["normalize"], ids=lambda c: c["id"])
def test_normalize(case):
    work = normalize(case["text"])
    assert work.text == case["working"]
    # Every working character maps back to a character it came from.
    for i, char in enumerate(work.text):
        original = case["text"][work.to_original(i)]
        assert original == char or ord(original) - 0xFEE0 == ord(char)


@given(st.text(alphabet="完成率１２3.%\n 　。，", max_size=40))
def test_normalize_offsets_map_back(text):
    work = normalize(text)
    for i in range(len(work.text)):
        j = work.to_original(i)
        assert 0 <= j < len(text)
        assert text[j] == work.text[i] or ord(text[j]) - 0xFEE0 == ord(work.text[i]) or text[j] == "\u3000"


@pytest.mark.parametrize("case", STAGES["numerals"], ids=lambda c: c["numeral"])
def test_numeral_value(case):
    assert numbers.value_of(case["numeral"]) == pytest.approx(case["value"])


def test_scaled_is_exact():
    assert numbers.scaled("1615.22", 10000) == 16152200
    assert numbers.scaled("1.45", 1e8) == 145000000


@pytest.mark.parametrize("case", STAGES["units"], ids=lambda c: c["written"])
def test_unit_resolve(case, rules):
    lex = units.lexicon(rules)
    written = case["written"].replace("％", "%")
    assert lex.resolve(written) == (case["unit"], case["kind"])


@pytest.mark.parametrize("case", STAGES["sentences"], ids=lambda c: c["id"])
def test_sentences(case):
    text = case["text"].replace("！", "!").replace("？", "?")
    lay = layout(text)
    got = [case["text"][s:e] for s, e in (lay.sentence(start) for start in lay.sentence_starts)]
    assert got == case["sentences"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5"])
def test_decode(encoding):
    text = "全市新增停車泊位4734個，完成率157.8%。\r\n下一段" if encoding == "big5" else \
        "全市新增停车泊位4734个，完成率157.8%。\r\n下一段"
    assert decode(text.encode(encoding)) == text.replace("\r\n", "\n")
