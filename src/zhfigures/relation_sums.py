"""Find sums: parts and the total they add up to.

A total then 其中 and its parts (共完成改造6052户。其中，“瓶改管”完成1267户，“瓶改电”
完成4785户), parts then 合计 and their total, a recap (以上四项合计…), figures added to another (这部分收入加上…), and a total, the
part done and the rest (其余4所).
"""
from __future__ import annotations

from typing import Iterator

import cn2an
import regex

from .relation_check import holds
from .relation_found import LIST_GLUE, NOT_AMOUNTS, Found, same_unit, total_before
from .relation_text import CLAUSE_MARKS, Page, Spot


def sums_after_total(p: Page) -> Iterator[Found]:
    """共完成改造6052户。其中，“瓶改管”完成1267户，“瓶改电”完成4785户。

    The parts follow 其中 (see `parts_after`); the total is the nearest figure of
    their unit before 其中, in its sentence or, where 其中 opens a sentence,
    the one before.
    """
    for m in p.cues.parts_after.finditer(p.text):
        parts = parts_after(p, m.start(), m.end())
        if len(parts) < 2 or summed_after(p, parts):
            continue
        total = total_before(p, m.start(), parts[0], parts)
        if total is not None:
            yield Found("sum", total.figure, tuple(s.figure for s in parts))


def parts_after(p: Page, at: int, end: int, group: str = "") -> list[Spot]:
    """The parts after a breakdown word: figures of the first one's unit to the end of
    the enumeration — the sentence, a `)` closing a `(` opened before the word,
    or a `;` unless what follows it is worded like the first part
    (…职工基本医疗保险参保1,058.3万人；城乡居民基本医疗保险参保2,157.3万人) or named
    by a `group` (分地市看，…；银川市68.2万吨), and adds nothing (…；这笔补助与…相加). A
    change (比上年减少31.2万人) or a total (合计…) is no part.
    """
    after = [s for s in p.spots if s.start >= end and s.sentence[0] <= at < s.sentence[1]]
    if after:
        close = _closing_paren(p.text, after[0].sentence[0], at, after[-1].end)
        after = [s for s in after if s.start < close]
    first = next((s for s in after if s.figure.kind not in NOT_AMOUNTS), None)
    parts: list[Spot] = []
    if first is None:
        return parts
    last = at
    for s in after:
        before = p.clause_before(s)
        if same_unit(s, first) and p.cues.total_after.search(before) \
                and not _names_group(p, p.spots[s.index - 1]):   # 其余10个区县合计153个: a part
            break               # …，新能源装机合计8,298万千瓦: the enumeration is summed there
        if not same_unit(s, first) or p.cues.change.search(before) or p.is_base(s) \
                or _names_group(p, s) or p.is_target(s) != p.is_target(first):   # 超过年度任务3000个
            continue
        if ";" in p.text[last:s.start] and (
                (part_name(p, s) != part_name(p, first) and not group_named(p, s, group)
                 and not (bare(p, s) and bare(p, first) and _shared(p, first)))
                or p.cues.added.search(p.clause_before(s) + p.clause_after(s))
                or _measured_between(p, parts[-1] if parts else first, s)):
            break               # …；这笔补助与转贷收入9800万元、结转26100万元相加: another sum
        parts.append(s)
        last = s.end
    return parts


def bare(p: Page, s: Spot) -> bool:
    """医院97117张，占91.2%；基层医疗卫生机构4978张: a part named by a bare name (no link
    or cue word before its figure), as the items of a list split by `;` are (where the
    first reports its share: 其中体育赛事20余场；举办社区运动会11场 is no list)."""
    name = p.cues.parts_after.sub("", p.clause_before(s), count=1)
    return bool(regex.fullmatch(r"[\p{Han}()、]{2,16}", name)) and not (
        p.cues.change.search(name) or p.cues.total_after.search(name)
        or p.cues.link_end.search(name) or p.cues.targets.search(name))


def _shared(p: Page, first: Spot) -> bool:
    """医院97117张，占91.2%；…: the list's first part followed by its share of the whole."""
    nxt = p.spots[first.index + 1] if first.index + 1 < len(p.spots) else None
    return nxt is not None and nxt.sentence == first.sentence \
        and bool(p.cues.share_bare.search(p.clause_before(nxt)))


def _measured_between(p: Page, last: Spot, s: Spot) -> bool:
    """区级重点项目43个，完成投资58.6亿元，为年度计划的112.3%；新开工项目29个: a figure of
    another measure after the last part (not its rate, 增长4.2%, nor a figure it is compared
    with, 比上年的…) ends the breakdown."""
    return any(x.figure.kind not in NOT_AMOUNTS and not same_unit(x, last) and not p.is_base(x)
               and not p.cues.change.search(p.clause_before(x))
               for x in p.spots[last.index + 1:s.index])


def group_named(p: Page, s: Spot, group: str) -> bool:
    """固原市、中卫市分别为83.4万吨和68.8万吨 after 分地市看: the clause opens with a name of
    the breakdown's group (a word ending in 地 or 市; after 分县区看, in 县 or 区)."""
    return bool(group) and bool(regex.match(rf"\p{{Han}}{{1,6}}?[{regex.escape(group)}]",
                                            p.clause_before(s)))


def _names_group(p: Page, s: Spot) -> bool:
    """其他9个设区市84个: a count naming the group whose figure follows it (9 cities, 84 parks);
    其余10个区、县（市）合计新增153个: … or whose total follows it."""
    nxt = p.spots[s.index + 1] if s.index + 1 < len(p.spots) else None
    gap = p.gap(s, nxt) if nxt is not None else ""
    named = regex.fullmatch(r"\p{Han}{1,6}", gap) or (
        regex.fullmatch(r"\p{Han}[\p{Han}、()]{0,11}", gap) and p.cues.total_after.search(gap))
    return (nxt is not None and nxt.sentence == s.sentence and same_unit(s, nxt)
            and bool(named) and not gap.startswith(LIST_GLUE))


def part_name(p: Page, spot: Spot) -> str:
    """The last two characters of the words before a figure, past a link (收入预计136370万元
    → 收入): what parallel items share; a figure listed after another (分别新增32个、29个和
    21个) has the first one's name."""
    prev = p.spots[spot.index - 1] if spot.index else None
    if prev is not None and prev.sentence == spot.sentence and same_unit(prev, spot) \
            and p.gap(prev, spot) in LIST_GLUE:
        return part_name(p, prev)
    return "".join(regex.findall(r"\p{Han}", p.cues.link_end.sub("", p.clause_before(spot)))[-2:])


def _closing_paren(text: str, sentence_start: int, at: int, end: int) -> int:
    """The `)` closing a `(` opened before `at` in its sentence, else `end`."""
    opened = text.count("(", sentence_start, at) > text.count(")", sentence_start, at)
    depth = 0                   # of parentheses opened after `at`: 各县(市、区)
    for i in range(at, end):
        if opened and depth == 0 and text[i] == ")":
            return i
        depth += {"(": 1, ")": -1}.get(text[i], 0)
    return end


def summed_after(p: Page, parts: list[Spot]) -> bool:
    """Parts followed by their own total (其中风电…、太阳能发电…，新能源装机合计…), in their
    sentence or, as a recap, opening the next (…。以上四项合计196152万元)."""
    last = parts[-1]
    after = next((s for s in p.spots[last.index + 1:] if s.paragraph == last.paragraph
                  and same_unit(s, last) and not p.is_base(s)
                  and not p.cues.change.search(p.clause_before(s))), None)
    if after is None or not p.cues.total_after.search(p.clause_before(after)):
        return False
    return after.sentence == last.sentence or bool(p.cues.recap.search(p.clause_before(after)))


def sums_before_total(p: Page) -> Iterator[Found]:
    """优224天、良127天，优良天数合计351天: the parts, then 合计 and their total.

    The parts are the run of figures of the total's unit just before it, in
    its sentence; or the items a recap sums (`_recapped`); or the figures an
    addition word brings to one written before (`_added`).
    """
    for total in p.spots:
        if total.figure.kind in NOT_AMOUNTS or not p.cues.total_after.search(p.clause_before(total)):
            continue
        opens = p.clause_before(total) == p.text[total.sentence[0]:total.start]
        parts = _holding_run(p, total) if opens else []
        if len(parts) < 2 and "、" in p.clause_before(total):
            continue            # 洪雅、丹棱、青神三县合计175套: it sums the places it names, no figures
        parts = _recapped(p, total) if len(parts) < 2 else parts
        parts = _added(p, total) if parts is None else parts
        parts = _run_before(p, total) if parts is None else parts
        parts = parts if len(parts) >= 2 else _named_parts(p, total)
        if len(parts) >= 2:
            yield Found("sum", total.figure, tuple(s.figure for s in parts))


def _run_before(p: Page, total: Spot) -> list[Spot]:
    """甲1267户、乙4785户，合计6052户: the figures of the total's unit just before it, up to
    another unit, a 其中 or a count naming the total's group (其余10个区县合计新增153个)."""
    parts: list[Spot] = []
    for s in p.before(total):
        if not same_unit(s, total) or _names_group(p, s) \
                or p.cues.parts_after.search(p.gap(s, (parts or [total])[-1])):
            break
        parts.append(s)
    return parts[::-1]


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
               and same_unit(s, total) and not p.is_base(s) and not p.is_target(s)
               and not p.cues.change.search(p.clause_before(s))]
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
    return [s for s in reversed(list(p.before(total))) if same_unit(s, total)
            and not p.is_target(s) and not p.is_base(s)
            and not p.cues.change.search(p.clause_before(s))]


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
    return [s for s in p.spots if s.sentence == prev.sentence and same_unit(s, total)
            and not p.is_target(s) and not p.is_base(s)
            and not p.cues.change.search(p.clause_before(s))][:1]


def sums_with_rest(p: Page) -> Iterator[Found]:
    """新建学校40所 … 已完工学校36所 … 其余4所: a total, the part done, the rest.

    The rest is a figure after 其余; the part and the total are the nearest
    two figures of its unit before it in the paragraph, the total the larger.
    """
    for rest in p.spots:
        if rest.figure.kind in NOT_AMOUNTS or not p.cues.rest.search(p.clause_before(rest)) \
                or _names_group(p, rest):
            continue
        same = [s for s in reversed(p.spots[:rest.index])
                if s.paragraph == rest.paragraph and same_unit(s, rest)][:2]
        if len(same) == 2 and same[1].figure.value > max(same[0].figure.value, rest.figure.value):
            yield Found("sum", same[1].figure, (same[0].figure, rest.figure))
