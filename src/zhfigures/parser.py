"""The pipeline: text in, figures out. Reads as the stages it runs.

normalize → sentences → candidates (numbers, units) → exclusions → ranges and
bounds → indicator → context → `Figure` records with offsets into the text.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from . import context
from .candidates import Quantity, Scanner, range_head, scan, scanner
from .exclusions import blocked_spans
from .indicator import Segmenter, clean, indicator, segmenter
from .normalize import Working, normalize
from .record import Figure
from .rules import Rules, load_rules
from .sentences import Layout, layout

CLAUSE_MARKS = ",;:"
LIST_GLUE = "、和及与以及,"


@dataclass(frozen=True)
class Bounded:
    """A quantity with its bound and the extent of its bound words."""
    q: Quantity
    bound: str
    left_edge: int      # where the clause text before it ends (before 约, 近 …)
    right_edge: int     # where the clause text after it starts (after 以上 …)


@dataclass(frozen=True)
class Document:
    """Everything found once per document that figures look up."""
    doc_id: str
    work: Working
    lay: Layout
    entities: context.Mentions
    periods: context.Mentions


def extract(text: str, doc_id: str = "doc", rules: Rules | None = None) -> list[Figure]:
    """Every statistical figure of `text` (a document's text, SPEC §1)."""
    rules = rules or load_rules()
    sc = scanner(rules)
    work = normalize(text)
    doc = Document(doc_id, work, layout(work.text),
                   context.entities(work.text, rules), context.periods(work.text, rules))
    blocked = blocked_spans(work.text, rules)
    quantities = [q for q in scan(work.text, sc)
                  if blocked.rule_at(q.number_start, q.number_end) is None]
    bounded = with_bounds(work.text, quantities, sc)
    seg = segmenter(rules)
    figures: list[Figure] = []
    previous: Bounded | None = None
    previous_indicator = ""
    for item in bounded:
        figure = to_figure(doc, item, previous, previous_indicator, seg, sc)
        figures.append(figure)
        previous, previous_indicator = item, figure.indicator
    return figures


def with_bounds(text: str, quantities: list[Quantity], sc: Scanner) -> list[Bounded]:
    """Bounds from the words around each quantity; ranges as two rows (SPEC §2)."""
    out: list[Bounded] = []
    for q in quantities:
        head = range_head(text, q, sc)
        joined = out and _joined(text, out[-1].q, q, sc)
        if joined:
            out[-1] = replace(out[-1], bound=">=")
        if head is not None and not joined:
            out.append(Bounded(head, ">=", head.start, head.end))
            joined = True
        if joined:
            out.append(Bounded(q, "<=", q.start, q.end))
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


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(mark, sentence[0], start) for mark in CLAUSE_MARKS)
    rights = [i for i in (text.find(mark, end, sentence[1]) for mark in CLAUSE_MARKS) if i >= 0]
    return (left + 1 if left >= 0 else sentence[0]), (min(rights) if rights else sentence[1])


def to_figure(doc: Document, item: Bounded, previous: Bounded | None,
              previous_indicator: str, seg: Segmenter, sc: Scanner) -> Figure:
    text = doc.work.text
    q = item.q
    sentence = doc.lay.sentence(q.start)
    paragraph = doc.lay.paragraph(q.start)
    clause = _clause(text, sentence, q.start, q.end)
    same_clause = previous is not None and previous.right_edge > clause[0]
    left_start = previous.right_edge if same_clause else clause[0]
    for hit in (*doc.entities.within(left_start, item.left_edge),
                *doc.periods.within(left_start, item.left_edge)):
        left_start = max(left_start, hit[1])          # never the subject or the time
    left = text[left_start:item.left_edge]
    right = text[item.right_edge:clause[1]]
    if q.is_rank and (cue := sc.rank_cue.search(text, max(clause[0], q.start - 8), q.start)):
        name = clean(text[cue.start():q.start])      # 居全省第四位 → 居全省
    else:
        name = indicator(left, right, seg, q.kind == "count")
        if not name and same_clause and not left.strip(LIST_GLUE + "".join(sc.bounds.joiners)):
            name = previous_indicator                # 101.18%、101.34%: the list shares it
    start, end = doc.work.span(q.start, q.end)
    s_start, s_end = doc.work.span(*sentence)
    return Figure(
        doc_id=doc.doc_id, start=start, end=end, mention=doc.work.original[start:end],
        value=q.value, unit=q.unit, kind=q.kind, bound=item.bound, indicator=name,
        entity=context.entity_of(doc.entities, sentence, paragraph),
        period=context.period_of(doc.periods, clause, q.start, sentence, paragraph),
        sentence=doc.work.original[s_start:s_end].replace("\n", "").strip(),
    )
