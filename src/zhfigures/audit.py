"""Audit: which figures of a press release hold together and which do not.

A document's figures (from `extract`) and its text go in; out come the
relations the text states between them — parts and their total, an actual,
its target and the completion rate, a rate and the points by which it beats
a target, shares, growth — each checked within the rounding of the figures
as written (`relation_find` finds them by their wording, `relation_arith` by
their arithmetic where the wording is new to it; `relation_check` checks them).

    >>> from zhfigures.audit import audit
    >>> [(r.relation, r.status, r.expected) for r in audit(
    ...     "年内新增3000个停车泊位的任务目标，新增停车泊位4734个，完成率157.8%。")]
    [('completion', 'holds', 157.8)]
"""
from __future__ import annotations

from .parser import extract
from .record import Figure
from .relation import Relation
from .relation_arith import by_arithmetic
from .relation_check import check
from .relation_find import find
from .relation_text import page
from .rules import Rules, load_rules


def audit(text: str, doc_id: str = "doc", rules: Rules | None = None,
          figures: list[Figure] | None = None) -> list[Relation]:
    """Every relation `text` states, checked; `figures` default to `extract(text)`."""
    rules = rules or load_rules()
    if figures is None:
        figures = extract(text, doc_id, rules)
    relations = {}
    placed = page(text, figures, rules)      # placed once, read by both kinds of finder
    worded = find(placed)
    covered = {f.result.start for f in worded}
    for found in [*worded, *by_arithmetic(placed, covered, rules)]:
        relation = check(found, doc_id)
        relations.setdefault((relation.relation, relation.result_start, relation.operand_starts),
                             relation)
    return sorted(relations.values(), key=lambda r: (r.result_start, r.relation))
