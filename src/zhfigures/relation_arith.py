"""Relations found by their arithmetic, where no finder knows the wording.

The finders of `relation_find` read a relation from how the text words it
(其中…, 完成年度目标的N%, 比上年的A增加B). A press release may word it in a way
none of them knows: `完成全年计划的` with the target three clauses back,
`较2020年的A多出B`. Then a figure named by a relation's word (占, 完成, 增长,
`rules/relations.yaml` → `arithmetic`) whose arithmetic agrees, within
the rounding of the figures as written, with two figures of its sentence
before it is taken as that relation. It can only find relations that hold:
one that fails, or one whose side is unstated, needs the wording.

    >>> from zhfigures import extract
    >>> from zhfigures.relation_text import page
    >>> from zhfigures.rules import load_rules
    >>> text = "全年接待游客1.2亿人次，上年为1亿人次，两年相比游客总数增长20%。"
    >>> p = page(text, extract(text), load_rules())
    >>> [(f.relation, f.result.mention) for f in by_arithmetic(p, set(), load_rules())]
    [('growth', '20%')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Iterator

import regex

from .record import Figure
from .relation_check import holds
from .relation_found import NOT_AMOUNTS, Found, significant_digits
from .relation_text import Page, Spot
from .rules import Rules, alternation

EXACT = ("=", "~")   # bounds of figures that stand for a closed range of values
CHANGE_REACH = 6    # a difference's verb stands right before it: 比上年的A增加B, A多出B


@dataclass(frozen=True)
class Words:
    share: regex.Pattern
    completion: regex.Pattern
    up: regex.Pattern
    down: regex.Pattern


@lru_cache(maxsize=8)
def words(rules: Rules) -> Words:
    a = rules.relations["arithmetic"]
    return Words(*(regex.compile(alternation(a[key])) for key in ("share", "completion", "up", "down")))


def by_arithmetic(p: Page, covered: set[int], rules: Rules) -> Iterator[Found]:
    """Relations of the placed figures `p` whose result is not in `covered` (start offsets
    of results already found by their wording)."""
    w = words(rules)
    for result in p.spots:
        if result.figure.start in covered or result.figure.bound != "=":
            continue
        found = next((f for f in _candidates(p, result, p.clause_before(result), w)
                      if holds(f)), None)
        if found is not None:
            yield found


def _candidates(p: Page, result: Spot, clause: str, w: Words) -> Iterator[Found]:
    """Every reading of `result` that the words of its clause allow, operands nearest first."""
    figure = result.figure
    if figure.kind == "percent":
        pairs = list(_pairs(p, result))
        if w.share.search(clause):
            yield from (Found("share", figure, (a, b)) for a, b in pairs if a.value < b.value)
            yield from _share_of_earlier(p, result)
        if w.completion.search(clause):
            yield from (Found("completion", figure, (a, b)) for a, b in pairs)
        sign = -1 if w.down.search(clause) else 1
        if sign < 0 or w.up.search(clause):
            yield from (Found("growth", figure, (a, b), sign) for a, b in pairs)
    elif figure.kind != "ratio":      # N倍 is coarse (1.5倍 is 1.45–1.55): too many pairs agree by chance
        # points compare two rates named anywhere in the clause (分别高于全部规上工业1.1个…)
        verb = clause if figure.kind == "percentage_point" else clause[-CHANGE_REACH:]
        sign = -1 if w.down.search(verb) else 1
        if sign < 0 or w.up.search(verb):
            yield from (Found("difference", figure, (a, b), sign)
                        for a, b in _pairs(p, result, same=True))


def _share_of_earlier(p: Page, result: Spot) -> Iterator[Found]:
    """激活用户2,356万人，激活率73.3% (参保3,215.6万人 a paragraph before): a precise rate (three
    significant digits or more) of the amount just before it and a whole written earlier."""
    part = next((s for s in p.before(result) if s.figure.kind not in NOT_AMOUNTS), None)
    if part is None or part.figure.bound not in EXACT \
            or significant_digits(result.figure) < 3:
        return
    for s in reversed(p.spots[:part.index]):
        if s.sentence != part.sentence and s.figure.unit == part.figure.unit \
                and s.figure.kind == part.figure.kind and s.figure.bound in EXACT \
                and s.figure.value > part.figure.value:
            yield Found("share", result.figure, (part.figure, s.figure))


def _sentence_before(p: Page, spot: Spot) -> list[Spot]:
    """The spots of the sentence before `spot`'s in its paragraph, nearest first."""
    earlier = [s for s in reversed(p.spots[:spot.index]) if s.sentence != spot.sentence
               and s.paragraph == spot.paragraph]
    return [s for s in earlier if s.sentence == earlier[0].sentence] if earlier else []


def _pairs(p: Page, result: Spot, same: bool = False) -> Iterator[tuple[Figure, Figure]]:
    """Ordered pairs of figures of one unit before `result` in its sentence, nearest first.

    `same`: of the result's own unit (a difference); else amounts (a rate's
    operands), or rates where the result is points (a difference of rates).
    """
    figure = result.figure
    if same and figure.kind == "percentage_point":
        # 全省和金华市分别增长6.0%和6.8%，全市增速分别高出2.0个和1.2个百分点 (8.0% a sentence
        # before): rates compared in points, from this sentence and the one before it
        pool = [s.figure for s in p.before(result) if s.figure.kind == "percent"] \
            + [s.figure for s in _sentence_before(p, result) if s.figure.kind == "percent"]
    elif same:
        pool = [s.figure for s in p.before(result)
                if s.figure.unit == figure.unit and s.figure.kind == figure.kind]
    else:
        pool = [s.figure for s in p.before(result) if s.figure.kind not in NOT_AMOUNTS]
    # pool is nearest first: the pair whose farther figure is nearest comes first
    for j, i in sorted(combinations(range(len(pool)), 2), key=lambda ij: (ij[1], ij[0])):
        near, far = pool[j], pool[i]
        if near.unit == far.unit and near.kind == far.kind and figure.value not in (near.value, far.value) \
                and near.bound in EXACT and far.bound in EXACT:    # 3000至5000元, 超千亿元: open ranges agree with anything
            yield far, near                # in text order …
            yield near, far                # … and the other way round
