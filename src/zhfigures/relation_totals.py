"""Find sums whose total follows its parts.

优224天、良127天，优良天数合计351天 (parts, then 合计 and their total); a recap (以上四项
合计…); figures added to another (这部分收入加上…); a total naming its parts (风电和太阳能发电
装机合计…); a total, the part done and the rest (其余4所).
"""
from __future__ import annotations

from typing import Iterator

import cn2an
import regex

from .relation_check import holds
from .relation_found import LIST_GLUE, NOT_AMOUNTS, REST, Found, same_unit
from .relation_sums import names_group, parts_after
from .relation_text import CLAUSE_MARKS, Page, Spot


def sums_before_total(p: Page) -> Iterator[Found]:
    """优224天、良127天，优良天数合计351天: the parts, then 合计 and their total.

    The parts are the run of figures of the total's unit just before it, in
    its sentence; or the items a recap sums (`_recapped`); or the figures an
    addition word brings to one written before (`_added`).
    """
    for total in p.spots:
        clause = p.clause_before(total)
        # …；加上上年旧存的1203件，共受理案件16015件: after an addition, 共 may take a verb and noun
        added = clause.startswith("共") and p.cues.added.search(p.text, total.sentence[0], total.start)
        if total.figure.kind in NOT_AMOUNTS or not (p.cues.total_after.search(clause) or added) \
                or clause.startswith(REST):    # 其余各站合计发送…: the rest, a part
            continue
        opens = p.clause_before(total) == p.text[total.sentence[0]:total.start]
        parts = _holding_run(p, total) if opens else []
        if len(parts) < 2 and "、" in p.clause_before(total):
            continue            # 洪雅、丹棱、青神三县合计175套: it sums the places it names, no figures
        parts = _recapped(p, total) if len(parts) < 2 else parts
        parts = _added(p, total) if parts is None else parts
        parts = _run_before(p, total) if parts is None else parts
        parts = parts if len(parts) >= 2 else _counted(p, total)
        parts = _holding_extension(p, total, parts)
        parts = parts if len(parts) >= 2 else _named_parts(p, total)
        if len(parts) >= 2:
            yield Found("sum", total.figure, tuple(s.figure for s in parts))


def _counted(p: Page, total: Spot) -> list[Spot]:
    """发放生活补贴1.02亿元，惠及9.46万人；发放护理补贴1.43亿元，惠及11.92万人；两项补贴资金合计
    2.45亿元: a total that counts its items (两项) sums that many amounts of its unit before it
    in the paragraph, past figures of other units."""
    numeral = regex.match(r"[一二两三四五六七八九十]+(?=项)", p.clause_before(total))
    count = _count(numeral.group()) if numeral else None
    if not count:
        return []
    parts = [s for s in reversed(p.spots[:total.index]) if s.paragraph == total.paragraph
             and _addable(p, s, total)][:count][::-1]
    return parts if len(parts) == count else []


def _addable(p: Page, s: Spot, total: Spot) -> bool:
    """Whether `s` may be a part of `total`: of its unit, and neither a target, a figure
    compared with (比上年的…) nor a change (增加…)."""
    return same_unit(s, total) and not p.is_target(s) and not p.is_base(s) \
        and not p.cues.change.search(p.clause_before(s))


def _run_before(p: Page, total: Spot) -> list[Spot]:
    """甲1267户、乙4785户，合计6052户: the figures of the total's unit just before it, up to
    another unit, a 其中 or a count naming the total's group (其余10个区县合计新增153个)."""
    parts: list[Spot] = []
    for s in p.before(total):
        if not same_unit(s, total) or names_group(p, s) \
                or p.cues.parts_after.search(p.gap(s, (parts or [total])[-1])):
            break
        parts.append(s)
    return parts[::-1]


def _holding_extension(p: Page, total: Spot, parts: list[Spot]) -> list[Spot]:
    """上级补助收入30.60亿元，调入资金14.73亿元，…，收入合计123.08亿元, with 地方收入71.97亿元
    sentences before: parts that fall short of their total by one amount of its unit written
    before them (in the paragraph or the one before: the nearest whose sum holds), not a
    subtotal (两项税收合计…) nor a figure compared with or a target."""
    if not parts or holds(Found("sum", total.figure, tuple(s.figure for s in parts))):
        return parts
    for s in reversed(p.spots[:parts[0].index]):
        if total.paragraph[0] - s.paragraph[1] > 2:
            break
        if not _addable(p, s, total) or s.figure.bound != "=" \
                or p.cues.total_after.search(p.clause_before(s)):
            continue
        if holds(Found("sum", total.figure, (s.figure, *(x.figure for x in parts)))):
            return [s, *parts]
    return parts


def _holding_run(p: Page, total: Spot) -> list[Spot]:
    """…风电装机863万千瓦；火电装机393万千瓦。清洁能源装机合计3677万千瓦: a total opening its
    sentence sums a run of the sentence before, the longest whose sum holds (1193 + 1600 +
    21 + 863, not 393 of 火电 after them)."""
    prev = [s for s in reversed(p.spots[:total.index]) if s.sentence[1] == total.sentence[0]
            and s.figure.kind not in NOT_AMOUNTS]
    run = [s for s in prev if same_unit(s, total) and s.figure.bound == "="]
    if len(run) != len(prev) or len(run) < 3:
        return []                   # only a sentence of the total's parts (and their rates)
    run = run[::-1]
    for end in range(len(run), 1, -1):
        for start in range(0, end - 1):
            found = Found("sum", total.figure, tuple(s.figure for s in run[start:end]))
            if holds(found):
                return run[start:end]
    return []


def _named_parts(p: Page, total: Spot) -> list[Spot]:
    """火电3280万千瓦，风电1460万千瓦，太阳能发电1590万千瓦。…风电和太阳能发电装机合计3050万千瓦:
    a total naming its parts (joined by 和, 、), each the nearest figure of its unit before
    it in the paragraph worded so (a name may add the shared noun: 太阳能发电装机)."""
    words = p.cues.total_after.sub("", p.clause_before(total))
    names = [w for w in regex.split("|".join(LIST_GLUE), words) if w]
    earlier = [s for s in reversed(p.spots[:total.index]) if s.paragraph == total.paragraph
               and _addable(p, s, total)]
    parts = []
    for name in names:
        part = next((s for s in earlier if _worded(p.cues.subjects.sub("", p.clause_before(s)), name)),
                    None)
        if part is None or part in parts:
            return []
        parts.append(part)
    return sorted(parts, key=lambda s: s.start) if len(parts) > 1 else []


def _worded(item: str, name: str) -> bool:
    """风电 for 年末风电, 太阳能发电 for 太阳能发电装机: a figure's words begin or end a name."""
    return len(item) >= 2 and (name.startswith(item) or name.endswith(item))


def _recapped(p: Page, total: Spot) -> list[Spot] | None:
    """其中，教育支出…，社保支出…，卫生支出…，城乡社区支出…。以上四项合计196152万元: the parts
    of the last breakdown in the paragraph (as many as the recap counts, if it counts)."""
    before = p.clause_before(total)
    if not p.cues.recap.search(before):
        return None
    cues = list(p.cues.parts_after.finditer(p.text, total.paragraph[0], total.start))
    parts = parts_after(p, cues[-1].start(), cues[-1].end()) if cues else []
    numeral = regex.search(r"[一二两三四五六七八九十]+", before)
    count = _count(numeral.group()) if numeral else None
    if cues and count and len(parts) != count:
        # 其中，教育支出21.46亿元，…，新建…幼儿园9所；社会保障和就业支出9.83亿元；…。以上五项合计
        # 57.93亿元: the amounts of the total's unit after 其中, as many as the recap counts
        parts = [s for s in p.spots[:total.index] if s.start > cues[-1].end() and _addable(p, s, total)]
    return [] if count is not None and count != len(parts) else parts


def _count(numeral: str) -> int | None:
    """以上四项 → 4, 两项 → 2; None where the numeral does not read."""
    try:
        return int(cn2an.cn2an(numeral.replace("两", "二"), "normal"))
    except ValueError:
        return None


def _added(p: Page, total: Spot) -> list[Spot] | None:
    """这部分收入加上补助17万元和结转355万元，收入合计835万元: the figures after the last
    addition word's clause start and, where the addition's subject is no figure (这部分收入加上,
    算上…, 另…, 这笔补助与…相加), the figures they are added to (`_added_to`)."""
    start = total.sentence[0]
    words = list(p.cues.added.finditer(p.text, start, total.start))
    if not words:
        return None
    at = max(start, *(p.text.rfind(m, start, words[-1].start()) + 1 for m in CLAUSE_MARKS))
    parts = [s for s in _amounts_before(p, total) if s.start >= at]
    lead = p.text[at:parts[0].start] if parts else ""
    if parts and (p.cues.added.search(lead) or p.cues.with_word.search(lead)):
        head = _added_to(p, total, at)
        parts = [*head, *parts] if head else []
    return parts


def _amounts_before(p: Page, total: Spot) -> list[Spot]:
    """The figures of the total's unit before it in its sentence, in text order, that can be
    added: no target, figure compared with, or change."""
    return [s for s in reversed(list(p.before(total))) if _addable(p, s, total)]


def _added_to(p: Page, total: Spot, at: int) -> list[Spot]:
    """What an addition adds to: the amounts of the total's unit in its sentence before `at`
    and before any breakdown (市级3.2亿元，区级1.8亿元，另…; 补助收入48600万元，包括…；这笔补助与…),
    else the first one of the sentence before (收入预计463万元，…。这部分收入加上…)."""
    breakdown = p.cues.parts_after.search(p.text, total.sentence[0], at)
    end = breakdown.start() if breakdown else at
    earlier = [s for s in _amounts_before(p, total) if s.start < end]
    if earlier:
        return earlier
    prev = p.spots[total.index - 1] if total.index else None
    while prev is not None and prev.sentence == total.sentence:
        prev = p.spots[prev.index - 1] if prev.index else None
    if prev is None or prev.paragraph != total.paragraph:
        return []
    return [s for s in p.spots if s.sentence == prev.sentence and _addable(p, s, total)][:1]


def sums_with_rest(p: Page) -> Iterator[Found]:
    """新建学校40所 … 已完工学校36所 … 其余4所: a total, the part done, the rest.

    The rest is a figure after 其余; the part and the total are the nearest
    two figures of its unit before it in the paragraph, the total the larger.
    """
    for rest in p.spots:
        if rest.figure.kind in NOT_AMOUNTS or not p.cues.rest.search(p.clause_before(rest)) \
                or names_group(p, rest):
            continue
        same = [s for s in reversed(p.spots[:rest.index])
                if s.paragraph == rest.paragraph and same_unit(s, rest)][:2]
        if len(same) == 2 and same[1].figure.value > max(same[0].figure.value, rest.figure.value):
            yield Found("sum", same[1].figure, (same[0].figure, rest.figure))
