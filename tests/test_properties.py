"""Issue 6: properties of extraction over texts no one wrote by hand.

Two sources of text: arbitrary Unicode, and stretches of the development
documents with page-layout breaks, stray spaces and full-width forms put in
at random. Over both, extraction never raises and every row is well formed
(SPEC §2): `text[start:end] == mention`, a finite value, a kind and a bound
of SPEC's vocabularies, rows sorted by start and not overlapping. Line ends
`\\r\\n`, `\\r` and `\\n` read the same (SPEC §1), and neither a layout break
inside a figure's sentence nor a full-width form changes what is found.

On CI Hypothesis runs its `ci` profile: the same examples every run.
"""
from __future__ import annotations

import unicodedata

import csv
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhfigures import extract
from zhfigures.read import decode
from zhfigures.record import BOUNDS, KINDS
from zhfigures.rules import load_rules

from .conftest import CORPUS

RULES = load_rules()
with open(CORPUS / "splits.csv", encoding="utf-8", newline="") as _fh:
    DEV = [row["doc_id"] for row in csv.DictReader(_fh) if row["split"] == "dev"]
TEXTS = [(CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8") for doc_id in sorted(DEV)]

BREAKS = ["\n", "\n\n", "\n  \n", "\u3000\n", "\n\u3000\u3000"]
SPACES = [" ", "  ", "\u3000", "\t"]
# Characters the patterns care about, so that random text often holds figures.
FIGURE_CHARS = list("0123456789.,%-一二两三四五六七八九十百千万亿零个元人次户名位第约近余多"
                    "以上下至到、，。；：！？“”\n 　０１２３％，")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else "\u3000" if char == " " else char


@st.composite
def corpus_text(draw, max_len: int = 300) -> str:
    """A stretch of a development document, with layout breaks, spaces and
    full-width forms put in at random places."""
    doc = draw(st.sampled_from(TEXTS))
    start = draw(st.integers(0, len(doc) - 1))
    chars = list(doc[start:start + draw(st.integers(1, max_len))])
    for i in draw(st.sets(st.integers(0, len(chars) - 1), max_size=12)):
        chars[i] = _full_width(chars[i])
    inserts = draw(st.lists(st.tuples(st.integers(0, len(chars)), st.sampled_from(BREAKS + SPACES)),
                            max_size=8))
    for at, piece in sorted(inserts, reverse=True):
        chars.insert(at, piece)
    return "".join(chars)


ANY_TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(FIGURE_CHARS)), max_size=300)


def _well_formed(text: str, figures) -> None:
    previous_end = 0
    for f in figures:
        assert f.doc_id == "doc"
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.mention, f
        assert math.isfinite(f.value), f
        assert f.kind in KINDS and f.bound in BOUNDS, f
        assert f.unit and isinstance(f.indicator, str)
        assert f.mention.replace("\n", "") in f.sentence, f
        assert f.start >= previous_end, f"rows overlap or are out of order at {f}"
        previous_end = f.end


@SETTINGS
@given(ANY_TEXT)
def test_any_unicode_gives_well_formed_rows(text):
    _well_formed(text, extract(text, "doc", RULES))


@SETTINGS
@given(corpus_text())
def test_corpus_text_with_layout_noise_gives_well_formed_rows(text):
    _well_formed(text, extract(text, "doc", RULES))


def _rows(text: str):
    return [f.as_dict() for f in extract(text, "doc", RULES)]


@SETTINGS
@given(corpus_text(), st.sampled_from(["\r\n", "\r"]))
def test_line_ends_read_the_same(text, line_end):
    lf = decode(text.encode("utf-8"))
    other = decode(text.replace("\n", line_end).encode("utf-8"))
    assert _rows(other) == _rows(lf)


def _findings(figures):
    """What a row says, apart from where it is and how it is written.

    Indicator, entity and period are copied as written (SPEC §2), so a
    full-width form stays full-width there: they are compared by width.
    """
    def width(s):
        return unicodedata.normalize("NFKC", s)
    return [(f.value, f.unit, f.kind, f.bound, width(f.indicator), width(f.entity), width(f.period))
            for f in figures]


@SETTINGS
@given(corpus_text(max_len=200), st.data())
def test_full_width_forms_change_nothing_found(text, data):
    swap = data.draw(st.sets(st.integers(0, max(0, len(text) - 1)), max_size=20))
    wide = "".join(_full_width(c) if i in swap else c for i, c in enumerate(text))
    assert _findings(extract(wide, "doc", RULES)) == _findings(extract(text, "doc", RULES))


SENTENCE_ENDS = "。！？!?"
KEPT_BREAK_AFTER = "。！？；：!?;:"


@SETTINGS
@given(st.sampled_from(TEXTS), st.data())
def test_a_layout_break_inside_a_sentence_keeps_value_and_unit(doc, data):
    start = data.draw(st.integers(0, len(doc) - 200))
    text = doc[start:start + 200]
    figures = extract(text, "doc", RULES)
    if not figures:
        return
    f = data.draw(st.sampled_from(figures))
    # Places in the figure's sentence, around and inside its mention, where a
    # writer's line could break: between two characters that are not spaces,
    # not after a mark that ends a sentence or a clause (a break there is kept).
    places = [p for p in range(max(1, f.start - 15), min(len(text), f.end + 15))
              if not text[p - 1].isspace() and not text[p].isspace()
              and text[p - 1] not in KEPT_BREAK_AFTER
              and not any(c in SENTENCE_ENDS + "\n" for c in text[min(p, f.start):max(p, f.end)])]
    if not places:
        return
    at = data.draw(st.sampled_from(places))
    brk = data.draw(st.sampled_from(BREAKS))
    broken = text[:at] + brk + text[at:]
    start_shift = len(brk) if at <= f.start else 0
    end_shift = len(brk) if at < f.end else 0
    found = {(g.start, g.end): g for g in extract(broken, "doc", RULES)}
    g = found.get((f.start + start_shift, f.end + end_shift))
    assert g is not None, f"{f.mention!r} lost when a break goes in at {at}: {broken!r}"
    assert (g.value, g.unit) == (f.value, f.unit)
    assert g.mention.replace(brk, "") == f.mention
