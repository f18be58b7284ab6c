"""Find the relations that a text states between its figures.

Works on the extractor's figures of one document and its text (placed by
`relation_text`). Each finder is a rule about how Chinese reports write a
relation — a total then 其中 and its parts, a rate named 完成率 after its
actual, N个百分点 超出…目标 after a rate — and its words come from
`rules/relations.yaml`; none is keyed to one document.

The finders live by concern: `relation_sums` (parts and their total),
`relation_breakdowns` (a whole split by group, 分…看, or opened by its name, 医院中),
`relation_identities` (definitions, balances, reductions), `relation_rates`
(completion and points over a target), `relation_shares` (part ÷ whole) and
`relation_changes` (growth, difference, ratio); `relation_found` holds the
`Found` record they yield and what several of them share.
"""
from __future__ import annotations

from .relation_changes import changes
from .relation_found import Found
from .relation_identities import balances, identities, reductions
from .relation_rates import completions, points
from .relation_shares import shares, shares_from_to, year_shares
from .relation_breakdowns import sums_among, sums_by_group, sums_within
from .relation_sum_arith import sums_after_colon, sums_by_arithmetic, sums_of_shares
from .relation_sums import sums_after_total
from .relation_totals import sums_before_total, sums_with_rest
from .relation_text import Page


def find(p: Page) -> list[Found]:
    """Every relation the text states between its placed figures (`relation_text.page`)."""
    found_shares = [*shares(p), *shares_from_to(p)]
    sums = [*sums_after_total(p), *sums_after_colon(p), *sums_by_group(p), *sums_among(p),
            *sums_within(p), *sums_before_total(p), *sums_with_rest(p), *sums_by_arithmetic(p)]
    return [*sums, *sums_of_shares(p, found_shares), *identities(p), *balances(p), *reductions(p),
            *completions(p), *points(p), *found_shares, *year_shares(p), *changes(p)]
