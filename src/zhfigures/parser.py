"""The pipeline: text in, figures out. Reads as the stages it runs.

normalize → sentences → candidates (numbers, units) → exclusions → ranges and
bounds → indicator → context → `Figure` records with offsets into the text.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import regex

from . import context, lists, numbers
from .candidates import Quantity, Scanner, adopt_unit, list_heads, range_head, scan, scanner
from .exclusions import blocked_spans, cuts_a_word
from .indicator import (Segmenter, clean, from_to_name, front_trimmed, indicator, left_phrase,
                        segmenter, unspaced)
from .normalize import Working, normalize
from .record import Figure
from .rules import Rules, load_rules
from .sentences import Layout, layout

CLAUSE_MARKS = ",;:\t\n"     # a tab or a kept line break borders a table cell
_CLAUSE_MARK = regex.compile(f"[{regex.escape(CLAUSE_MARKS)}]")
LEFT_REACH = 20       # characters of context jieba sees: an indicator is at most 20 (indicator._MAX_CHARS)
RIGHT_REACH = 20
LIST_GLUE = lists.GLUE_CHARS + "以,"     # and 以及, and the comma of 101.18%,101.34%


class Bounded(NamedTuple):
    """A quantity with its bound and the extent of its bound words (a NamedTuple, like Quantity)."""
    q: Quantity
    bound: str
    left_edge: int      # where the clause text before it ends (before 约, 近 …)
    right_edge: int     # where the clause text after it starts (after 以上 …)
    range_tail: bool = False   # the second end of a range: shares the first's indicator


@dataclass(frozen=True)
class Document:
    """Everything found once per document that figures look up."""
    doc_id: str
    work: Working
    lay: Layout
    entities: context.Mentions
    periods: context.Mentions
    clause_marks: tuple[int, ...]       # offsets of , ; : tab and kept line breaks
    # What the figures of a sentence or paragraph share, worked out once:
    # (name, span) → the name as written in the original;
    written: dict[tuple[str, int, int], str] = field(default_factory=dict, compare=False)
    # sentence span → (sentence, entity, period) as written.
    shared: dict[tuple[int, int], tuple[str, str, str]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Where:
    """The sentence, paragraph and comma clause of a quantity (working offsets)."""
    sentence: tuple[int, int]
    paragraph: tuple[int, int]
    clause: tuple[int, int]


def extract(text: str, doc_id: str = "doc", rules: Rules | None = None) -> list[Figure]:
    """Every statistical figure of `text` (a document's text, SPEC §1)."""
    rules = rules or load_rules()
    sc = scanner(rules)
    work = normalize(text)
    doc = Document(doc_id, work, layout(work.text),
                   context.entities(work.text, rules), context.periods(work.text, rules),
                   tuple(m.start() for m in _CLAUSE_MARK.finditer(work.text)))
    blocked = blocked_spans(work.text, rules)
    seg = segmenter(rules)
    quantities = [q for q in scan(work.text, sc)
                  if blocked.rule_at(q.number_start, q.number_end) is None
                  and not (numbers.is_chinese(q.numeral) and cuts_a_word(work.text, q.start, q.end, seg.cut))]
    quantities = _with_list_heads(work.text, quantities, sc, blocked)
    bounded = with_bounds(work.text, _shared_units(work.text, quantities, sc), sc)
    figures: list[Figure] = []
    names: list[str] = []                 # item names of a 分别 list still to hand out
    for i, item in enumerate(bounded):
        previous = bounded[i - 1] if i else None
        where = _where(doc, item.q)
        left = _left_text(doc, item, previous, where.clause)
        figure = to_figure(doc, item, previous, where, left,
                           figures[-1].indicator if figures else "", seg, sc)
        if figure.indicator.endswith(lists.RESPECTIVELY) or lists.RESPECTIVELY in left:
            names = _list_names(doc, bounded, i, seg) or []
        elif not (previous and _same_list(doc.work.text, previous, item)):
            names = []
        if names:
            figure = replace(figure, indicator=names.pop(0))
        figures.append(figure)
    return figures


def _with_list_heads(text: str, quantities: list[Quantity], sc: Scanner,
                     blocked) -> list[Quantity]:
    """The quantities and the bare numbers of lists whose unit is written once at the end."""
    taken = {(q.start, q.end) for q in quantities}
    out = list(quantities)
    for q in quantities:
        for head in list_heads(text, q, sc):
            if (head.start, head.end) not in taken \
                    and blocked.rule_at(head.number_start, head.number_end) is None:
                out.append(head)
    return sorted(out, key=lambda q: q.start) if len(out) > len(quantities) else out


def _shared_units(text: str, quantities: list[Quantity], sc: Scanner) -> list[Quantity]:
    out = list(quantities)
    for i in range(len(out) - 2, -1, -1):      # from the end: 0.5个、0.8个和1.4个百分点
        if lists.is_glue(text[out[i].end:out[i + 1].start], LIST_GLUE):
            out[i] = adopt_unit(out[i], out[i + 1], sc)
    return out


def _same_list(text: str, first: Bounded, second: Bounded) -> bool:
    return lists.is_glue(text[first.right_edge:second.left_edge], LIST_GLUE)


def _list_names(doc: Document, bounded: list[Bounded], i: int, seg: Segmenter) -> list[str] | None:
    """Item names for the list starting at bounded[i], if its clause names them in order."""
    members = 1
    while i + members < len(bounded) and _same_list(doc.work.text, bounded[i + members - 1],
                                                     bounded[i + members]):
        members += 1
    left = _left_text(doc, bounded[i], None, _where(doc, bounded[i].q).clause)
    return lists.item_names(front_trimmed(left[:left.rfind(lists.RESPECTIVELY)], seg),
                            seg.joining, members)


def _where(doc: Document, q: Quantity) -> Where:
    sentence = doc.lay.sentence(q.start)
    return Where(sentence, doc.lay.paragraph(q.start), _clause(doc, sentence, q.start, q.end))


def _left_text(doc: Document, item: Bounded, previous: Bounded | None,
               clause: tuple[int, int]) -> str:
    text = doc.work.text
    start = previous.right_edge if previous and previous.right_edge > clause[0] else clause[0]
    ratio = item.q.kind == "ratio"
    for hit in (*doc.entities.within(start, item.left_edge), *doc.periods.within(start, item.left_edge)):
        if not (ratio and text[hit[1]:hit[1] + 1] == "的"):   # 是2020年的1.5倍: a time as base
            start = max(start, hit[1])                       # never the subject or the time
    return text[start:item.left_edge]


def _as_written(doc: Document, name: str, within: tuple[int, int], tidy=clean) -> str:
    """An indicator, entity or period in the original's characters (ＧＤＰ, （渠）, ２０２４年)."""
    if not name:
        return name
    key = (name, *within)
    written = doc.written.get(key)
    if written is None:
        work = doc.work
        at = work.text.find(name, *within)
        if at < 0:
            written = name              # quotes were taken out of it: keep the working form
        else:
            start, end = work.span(at, at + len(name))
            written = tidy(work.original[start:end])
        doc.written[key] = written
    return written


def with_bounds(text: str, quantities: list[Quantity], sc: Scanner) -> list[Bounded]:
    """Bounds from the words around each quantity; ranges as two rows (SPEC §2)."""
    out: list[Bounded] = []
    for q in quantities:
        head = range_head(text, q, sc)
        joined = out and _joined(text, out[-1].q, q, sc)
        if joined:
            out[-1] = out[-1]._replace(bound=">=")
        if head is not None and not joined:
            out.append(Bounded(head, ">=", head.start, head.end))
            joined = True
        if joined:
            out.append(Bounded(q, "<=", q.start, q.end, range_tail=True))
            continue
        out.append(_bounded(text, q, sc))
    return out


def _joined(text: str, first: Quantity, second: Quantity, sc: Scanner) -> bool:
    """4.8%到5.1%: two quantities of one unit joined by a range word."""
    between = text[first.end:second.start]
    return between in sc.bounds.joiners and first.unit == second.unit and not first.is_rank


def _bounded(text: str, q: Quantity, sc: Scanner) -> Bounded:
    before = sc.bounds.before_word(text, q.start)
    after = sc.bounds.after_word(text, q.end)
    left = q.start - len(before[0]) if before else q.start
    right = q.end + len(after[0]) if after else q.end
    bound = q.inner_bound or (before[1] if before else "") or (after[1] if after else "") or "="
    return Bounded(q, bound, left, right)


def _clause(doc: Document, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The comma clause around [start, end), within its sentence."""
    marks = doc.clause_marks
    i = bisect_left(marks, start)
    left = marks[i - 1] + 1 if i and marks[i - 1] >= sentence[0] else sentence[0]
    j = bisect_left(marks, end)
    right = marks[j] if j < len(marks) and marks[j] < sentence[1] else sentence[1]
    return left, right


def to_figure(doc: Document, item: Bounded, previous: Bounded | None, where: Where, left: str,
              previous_indicator: str, seg: Segmenter, sc: Scanner) -> Figure:
    """The record of one bounded quantity; `left` is its clause text before it."""
    q = item.q
    name = _as_written(doc, _indicator_of(doc, item, previous, where, left, previous_indicator,
                                          seg, sc), where.sentence)
    sentence, entity, period = _sentence_context(doc, where)
    own_period = context.period_in_clause(doc.periods, where.clause, q.start)
    start, end = doc.work.span(q.start, q.end)
    return Figure(
        doc_id=doc.doc_id, start=start, end=end, mention=doc.work.original[start:end],
        value=q.value, unit=q.unit, kind=q.kind, bound=item.bound, indicator=name,
        entity=entity, period=_as_written(doc, own_period, where.paragraph, unspaced) or period,
        sentence=sentence,
    )


def _indicator_of(doc: Document, item: Bounded, previous: Bounded | None, where: Where,
                  left: str, previous_indicator: str, seg: Segmenter, sc: Scanner) -> str:
    """What the quantity measures, from its own clause first, then from its neighbours."""
    text = doc.work.text
    q = item.q
    sentence, clause = where.sentence, where.clause
    same_clause = previous is not None and previous.right_edge > clause[0]
    if item.range_tail and same_clause:
        return previous_indicator                    # 4.8%到5.1%: one indicator for the range
    cue = q.is_rank and sc.rank_cue_before(text, q.start, floor=clause[0])
    if cue:
        # 省级智能牧场创建数量居全省第1位 → what is ranked, the cue and its scope
        before = _left_text(doc, item._replace(left_edge=cue.start()), previous, clause)
        return clean(left_phrase(before, seg) + text[cue.start():q.start])
    if q.kind == "ratio" and same_clause and left.startswith("的"):
        # 是2018年1711.2亿元的1.9倍: the multiple names its base without the base's figure
        left = text[clause[0]:previous.q.start] + left
    # After a range's head comes the range itself: no words of its own.
    right = "" if q.bare else text[item.right_edge:min(clause[1], item.right_edge + RIGHT_REACH)]
    name = indicator(left[-LEFT_REACH:], right, seg, q.kind == "count")
    if not name:                                      # 由A增加到B: what stands before 由
        name = from_to_name(lambda at: _left_text(doc, item._replace(left_edge=at), None, clause),
                            text, clause[0], q.start, seg)
    if not name and previous is not None and previous.right_edge > sentence[0]:
        name = previous_indicator                    # 101.18%、101.34%: the list shares it
    if not name and "\t" in text[sentence[0]:q.start]:
        first_cell = text[sentence[0]:text.index("\t", sentence[0])]   # a table row's label
        name = clean(first_cell[max(first_cell.rfind(m) for m in CLAUSE_MARKS) + 1:])
    return name


def _sentence_context(doc: Document, where: Where) -> tuple[str, str, str]:
    """(sentence, entity, period) as written, shared by every figure of the sentence (the
    period where the figure's own clause names none)."""
    shared = doc.shared.get(where.sentence)
    if shared is None:
        start, end = doc.work.span(*where.sentence)
        shared = doc.shared[where.sentence] = (
            doc.work.original[start:end].replace("\n", "").strip(),
            _as_written(doc, context.first_in(doc.entities, where.sentence, where.paragraph),
                        where.paragraph, unspaced),
            _as_written(doc, context.first_in(doc.periods, where.sentence, where.paragraph),
                        where.paragraph, unspaced))
    return shared
