"""Find the relations that a text states between its figures.

Works on the extractor's figures of one document and its text (placed by
`relation_text`). Each finder is a rule about how Chinese reports write a
relation — a total then 其中 and its parts, a rate named 完成率 after its
actual, N个百分点 超出…目标 after a rate — and its words come from
`rules/relations.yaml`; none is keyed to one document.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import cn2an
import regex

from .record import Figure
from .relation_text import CLAUSE_MARKS, Page, Spot, page
from .rules import Rules

LIST_GLUE = ("、", "和", "及", "与")            # 101.18%、101.34%: one list of rates
RATES = ("percent",)
NOT_AMOUNTS = ("percent", "percentage_point", "rank", "ratio")


@dataclass(frozen=True)
class Found:
    """A relation stated by the text, before its arithmetic is checked.

    `operands` are in the order the arithmetic needs (actual, target; part,
    whole; this, earlier); `sign` is −1 where the words say below or down;
    `unstated` names the side the text leaves out (target, actual, target
    rate), whose value the relation implies; `whole` is a whole the text
    implies without writing it as a figure (the days of the year).
    """
    relation: str
    result: Figure
    operands: tuple[Figure, ...]
    sign: int = 1
    unstated: str = ""
    whole: float = 0.0


def find(text: str, figures: list[Figure], rules: Rules) -> list[Found]:
    """Every relation the text states between `figures` (the figures of `text`)."""
    p = page(text, figures, rules)
    return [*sums_after_total(p), *sums_by_group(p), *sums_before_total(p), *sums_with_rest(p),
            *identities(p), *balances(p), *reductions(p),
            *completions(p), *points(p), *shares(p), *year_shares(p), *changes(p)]


# --- sums -------------------------------------------------------------------

def sums_after_total(p: Page) -> Iterator[Found]:
    """共完成改造6052户。其中，“瓶改管”完成1267户，“瓶改电”完成4785户。

    The parts follow 其中 (see `_parts`); the total is the nearest figure of
    their unit before 其中, in its sentence or, where 其中 opens a sentence,
    the one before.
    """
    for m in p.cues.parts_after.finditer(p.text):
        parts = _parts(p, m.start(), m.end())
        if len(parts) < 2 or _summed_after(p, parts):
            continue
        total = _total_before(p, m.start(), parts[0], parts)
        if total is not None:
            yield Found("sum", total.figure, tuple(s.figure for s in parts))


def sums_by_group(p: Page) -> Iterator[Found]:
    """总收入786.4亿元…。分险种看，职工医保基金收入512.7亿元，城乡居民医保基金收入273.7亿元。

    A breakdown by group (分…看): its parts named alike, or by a group of the
    breakdown's kind (分地市看，吴忠市…；固原市、中卫市分别为…), or each its own way if
    there are three or more (从资金来源看，争取补助资金…，市级财政安排…，区县财政投入…;
    two named apart may be two measures, 收入…、支出…); its total the nearest
    figure of their unit and name before it in the paragraph.
    """
    for pattern in p.cues.breakdowns:
        for m in pattern.finditer(p.text):
            group = regex.sub(r"^[分按从]|[看分]$", "", m.group())      # 分县区看 → 县区
            parts = _parts(p, m.start(), m.end(), group)
            names = {_name(p, s) for s in parts}
            parallel = len(names) == 1 or len(names) == len(parts) > 2 \
                or all(_group_named(p, s, group) for s in parts)
            if len(parts) < 2 or not parallel or _summed_after(p, parts):   # 三项合计N
                continue
            # the total: named like the parts (基金总收入 … 职工医保基金收入), else the
            # nearest figure that can hold them (零售总额 … 城镇消费品零售额)
            earlier = [s for s in reversed(p.spots[:parts[0].index])
                       if s.paragraph == parts[0].paragraph and _can_hold(p, s, parts)]
            total = next((s for s in earlier if _name(p, s) in names), None) \
                or next(iter(earlier), None)
            if total is not None:
                yield Found("sum", total.figure, tuple(s.figure for s in parts))


def _parts(p: Page, at: int, end: int, group: str = "") -> list[Spot]:
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
        if _same_unit(s, first) and p.cues.total_after.search(before) \
                and not _names_group(p, p.spots[s.index - 1]):   # 其余10个区县合计153个: a part
            break               # …，新能源装机合计8,298万千瓦: the enumeration is summed there
        if not _same_unit(s, first) or p.cues.change.search(before) or p.is_base(s) \
                or _names_group(p, s) or p.is_target(s) != p.is_target(first):   # 超过年度任务3000个
            continue
        if ";" in p.text[last:s.start] and (
                (_name(p, s) != _name(p, first) and not _group_named(p, s, group))
                or p.cues.added.search(p.clause_before(s) + p.clause_after(s))):
            break               # …；这笔补助与转贷收入9800万元、结转26100万元相加: another sum
        parts.append(s)
        last = s.end
    return parts


def _group_named(p: Page, s: Spot, group: str) -> bool:
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
    return (nxt is not None and nxt.sentence == s.sentence and _same_unit(s, nxt)
            and bool(named) and not gap.startswith(LIST_GLUE))


def _name(p: Page, spot: Spot) -> str:
    """The last two characters of the words before a figure, past a link (收入预计136370万元
    → 收入): what parallel items share; a figure listed after another (分别新增32个、29个和
    21个) has the first one's name."""
    prev = p.spots[spot.index - 1] if spot.index else None
    if prev is not None and prev.sentence == spot.sentence and _same_unit(prev, spot) \
            and p.gap(prev, spot) in LIST_GLUE:
        return _name(p, prev)
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


def _total_before(p: Page, at: int, first: Spot, parts: list[Spot]) -> Spot | None:
    sentence = first.sentence
    opens = not regex.search(r"\w", p.text[sentence[0]:at])
    for s in reversed(p.spots[:first.index]):
        if s.start >= at:
            continue
        if s.sentence != sentence and not (opens and s.sentence[1] == sentence[0]):
            return None
        if _can_hold(p, s, parts):
            return s
    return None


def _can_hold(p: Page, s: Spot, parts: list[Spot]) -> bool:
    """Whether `s` can be the total of `parts`: of their unit, at least the largest, and
    not a change (增加49.3万亩), an earlier value compared with (比上年的907.6亿元) or a
    threshold restating an exact figure (收入1003.2亿元，…突破千亿元)."""
    before = p.clause_before(s)
    return (_same_count(p, s, parts[0]) and s.figure.value >= max(x.figure.value for x in parts)
            and not p.cues.change.search(before) and not p.is_base(s) and not p.is_threshold(s))


def _summed_after(p: Page, parts: list[Spot]) -> bool:
    """Parts followed by their own total (其中风电…、太阳能发电…，新能源装机合计…), in their
    sentence or, as a recap, opening the next (…。以上四项合计196152万元)."""
    last = parts[-1]
    after = next((s for s in p.spots[last.index + 1:] if s.paragraph == last.paragraph
                  and _same_unit(s, last) and not p.is_base(s)
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
        parts = _recapped(p, total)
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
        if not _same_unit(s, total) or _names_group(p, s) \
                or p.cues.parts_after.search(p.gap(s, (parts or [total])[-1])):
            break
        parts.append(s)
    return parts[::-1]


def _named_parts(p: Page, total: Spot) -> list[Spot]:
    """火电3280万千瓦，风电1460万千瓦，太阳能发电1590万千瓦。…风电和太阳能发电装机合计3050万千瓦:
    a total naming its parts (joined by 和, 、), each the nearest figure of its unit before
    it in the paragraph worded so (a name may add the shared noun: 太阳能发电装机)."""
    words = p.cues.total_after.sub("", p.clause_before(total))
    names = [w for w in regex.split("|".join(LIST_GLUE), words) if w]
    earlier = [s for s in reversed(p.spots[:total.index]) if s.paragraph == total.paragraph
               and _same_unit(s, total) and not p.is_base(s) and not p.is_target(s)
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
    parts = _parts(p, cues[-1].start(), cues[-1].end()) if cues else []
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
    return [s for s in reversed(list(p.before(total))) if _same_unit(s, total)
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
    return [s for s in p.spots if s.sentence == prev.sentence and _same_unit(s, total)
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
                if s.paragraph == rest.paragraph and _same_unit(s, rest)][:2]
        if len(same) == 2 and same[1].figure.value > max(same[0].figure.value, rest.figure.value):
            yield Found("sum", same[1].figure, (same[0].figure, rest.figure))


def identities(p: Page) -> Iterator[Found]:
    """人口出生率5.07‰，人口死亡率7.45‰，人口自然增长率-2.38‰: a definition, every term written.

    The terms are in the result's sentence or, where it opens with 其中, the one
    before (常住人口728万人。其中，城镇常住人口483万人…，城镇化率为66.34%); a share's
    terms are amounts of one unit, the others of the result's unit.
    """
    for relation, result_cue, operand_cues in p.cues.identities:
        used = set()            # 当年结余74.3亿元，年末滚存结余…: the terms give one result
        for result in p.spots:
            if not result_cue.search(p.clause_before(result)):
                continue
            near = [s for s in _sentence_and_lead(p, result) if s is not result
                    and (_same_unit(s, result) if relation != "share"
                         else s.figure.kind not in NOT_AMOUNTS and not p.is_base(s))]
            operands: list[Spot | None] = []
            for cue in operand_cues:        # 城镇常住人口…, 常住人口…: each term its own figure
                operands.append(next((s for s in near if s not in operands
                                      and cue.search(p.clause_before(s))), None))
            if relation == "share" and all(operands) and not _same_unit(*operands):
                continue
            if all(operands) and (key := tuple(s.index for s in operands)) not in used:
                used.add(key)
                yield Found(relation, result.figure, tuple(s.figure for s in operands))


def _sentence_and_lead(p: Page, spot: Spot) -> list[Spot]:
    """The spots of `spot`'s sentence, and of the sentence before where 其中 opens it."""
    opens = p.cues.parts_after.match(p.text, spot.sentence[0])
    lead = [s for s in p.spots[:spot.index] if s.paragraph == spot.paragraph
            and s.sentence[1] <= spot.sentence[0]]
    lead = [s for s in lead if s.sentence == lead[-1].sentence] if opens and lead else []
    return [*lead, *(s for s in p.spots if s.sentence == spot.sentence)]


def balances(p: Page) -> Iterator[Found]:
    """收入合计835万元。…支出合计833万元，收支相抵结转下年2万元: income − spending = balance.

    The balance word is before the result in its sentence with no figure between
    (收支相抵，结转下年4.3亿元); income and spending are the nearest figures of
    its unit named so before it, in its paragraph or the one before, a total
    (收入合计) first.
    """
    for result in p.spots:
        word = p.cues.balances.search(p.text, result.sentence[0], result.start)
        if result.figure.kind in NOT_AMOUNTS or word is None \
                or (result.index and p.spots[result.index - 1].end > word.start()):
            continue
        earlier = [s for s in reversed(p.spots[:result.index]) if _same_unit(s, result)
                   and not p.is_base(s) and not p.cues.change.search(p.clause_before(s))]
        paragraphs = list(dict.fromkeys(s.paragraph for s in earlier))
        earlier = [s for s in earlier if s.paragraph in paragraphs[:2]]
        income, spending = (_named_total(p, earlier, cue) for cue in (p.cues.income, p.cues.spending))
        if income is not None and spending is not None:
            yield Found("difference", result.figure, (income.figure, spending.figure))


def _named_total(p: Page, earlier: list[Spot], cue: regex.Pattern) -> Spot | None:
    """The first of `earlier` named by `cue` with a total word (收入合计835万元), else the first
    named by it alone (社会保险基金支出预计24187万元)."""
    named = [(s, m) for s in earlier if (m := cue.search(p.clause_before(s)))]
    return next((s for s, m in named if m.group("total")), next((s for s, _ in named), None))


def reductions(p: Page) -> Iterator[Found]:
    """送审金额900万元，审定金额810万元，审减90万元，审减率10%: the first amount less the
    second is the reduction (a difference); the reduction over the first is its rate (a share).

    The two amounts are the two figures just before it in its sentence, of its
    unit, the first the larger, neither a change; the rate the figure right after it.
    """
    for cut in p.spots:
        if cut.figure.kind in NOT_AMOUNTS or not p.cues.reduction.search(p.clause_before(cut)):
            continue
        two = list(p.before(cut))[:2]
        if len(two) < 2 or not all(_same_unit(s, cut) and not p.is_base(s)
                                   and not p.cues.change.search(p.clause_before(s)) for s in two) \
                or two[1].figure.value <= two[0].figure.value:
            continue
        yield Found("difference", cut.figure, (two[1].figure, two[0].figure))
        rate = p.spots[cut.index + 1] if cut.index + 1 < len(p.spots) else None
        if rate is not None and rate.sentence == cut.sentence and rate.figure.kind in RATES \
                and p.cues.reduction_rate.search(p.clause_before(rate)):
            yield Found("share", rate.figure, (cut.figure, two[1].figure))


def _same_unit(a: Spot, b: Spot) -> bool:
    return a.figure.unit == b.figure.unit and a.figure.kind == b.figure.kind


def _same_count(p: Page, a: Spot, b: Spot) -> bool:
    """Of one unit, or people counted in 名 and 人 alike (28.3万名…，其中城市5.1万人)."""
    return _same_unit(a, b) or (a.figure.kind == b.figure.kind == "count"
                                and {a.figure.unit, b.figure.unit} <= p.cues.people)


# --- completion and points over a target ------------------------------------

def _rate_lists(p: Page) -> Iterator[list[Spot]]:
    """Runs of rates joined by 、/和 (完成目标率为101.18%、101.34%), first one first."""
    run: list[Spot] = []
    for s in p.spots:
        if s.figure.kind in RATES and run and s.sentence == run[-1].sentence \
                and p.gap(run[-1], s) in LIST_GLUE:
            run.append(s)
            continue
        if run:
            yield run
        run = [s] if s.figure.kind in RATES else []
    if run:
        yield run


def _is_completion_rate(p: Page, rate: Spot) -> bool:
    before = p.clause_before(rate)
    return bool(p.cues.rate_named.search(before) or p.cues.of_target.search(before))


def completions(p: Page) -> Iterator[Found]:
    """Actual ÷ target = rate; where one of them is not written, the rate implies it.

    新增停车泊位4734个，完成率157.8% with 年内新增3000个…的任务目标 before it;
    宫颈癌筛查48686人、乳腺癌筛查48764人，完成目标率为101.18%、101.34% (each
    rate with its actual, in order). The actuals are the nearest amounts before
    the rates in their sentence, skipping targets and restatements; a target
    is a figure named so (任务, 目标, a quoted 要求) earlier in the paragraph.
    """
    for rates in _rate_lists(p):
        rate = rates[0]
        if not _is_completion_rate(p, rate) or p.cues.overall.search(p.clause_before(rate)):
            continue            # 8个小项…整体完成率为140.5%: no one figure to check
        actuals = _named_like(p, rate) if len(rates) == 1 else None
        actuals = actuals or _nearest_amounts(p, rate, len(rates))
        # 改造40163户，新增护理员4660人，分别完成年度目标任务的100.4%和155%: one actual a rate
        if actuals is None and len(rates) > 1 and p.cues.respectively.search(p.clause_before(rate)):
            actuals = _nearest_amounts(p, rate, len(rates), mixed=True)
        target = None
        if len(rates) == 1:
            targets = [s for s in reversed(p.spots[:rate.index])
                       if s.paragraph == rate.paragraph and s.figure.kind not in NOT_AMOUNTS
                       and p.is_target(s) and _shares_target(p, s, rate)]
            target = next((s for s in targets if not actuals or _same_unit(s, actuals[0])), None) \
                or _target_after(p, rate, actuals)
            # 改造老旧小区1046个，惠及居民29.3万户，年度计划改造1000个，完成率104.6%: a target
            # in the rate's sentence sets the unit of the actual
            if target is None and targets and targets[0].sentence == rate.sentence:
                target = targets[0]
                actuals = _nearest_amounts(p, rate, 1, unit_of=target)
        if target is not None and actuals:
            yield Found("completion", rate.figure, (actuals[0].figure, target.figure))
        elif target is not None and rate.figure.bound == "=":
            yield Found("completion", rate.figure, (target.figure,), unstated="actual")
        elif target is None and actuals:
            for r, actual in zip(rates, actuals):
                if r.figure.bound == "=":
                    yield Found("completion", r.figure, (actual.figure,), unstated="target")


def _shares_target(p: Page, target: Spot, rate: Spot) -> bool:
    """A target written inside another rate's phrase serves `rate` only if `rate` names the
    same target and is no rate of a part: 仅为预算数240500万元的89.5% … 完成预算数的97% (yes);
    为年度目标7.5万人的107.5% … 完成年度计划的103.0% (no: a plan of another indicator);
    为年度计划100亿元的120%；其中民间投资60亿元，完成年度计划的110% (no: a part's plan)."""
    owner = p.rate_of(target)
    if owner is None or owner is rate:
        return True
    mine, theirs = (_target_noun(p, r) for r in (rate, owner))
    part = p.cues.parts_after.search(p.text, owner.end, rate.start)
    return bool(mine and theirs and (mine in theirs or theirs in mine)) and part is None


def _target_noun(p: Page, rate: Spot) -> str:
    """The target word of a rate's phrase: 完成预算数144500万元的94.4% → 预算数."""
    m = p.cues.of_target.search(p.clause_before(rate))
    noun = p.cues.plans.search(m.group()) if m else None
    return noun.group() if noun else ""


def _target_after(p: Page, rate: Spot, actuals: list[Spot] | None) -> Spot | None:
    """改造老旧小区827个，目标任务完成率达103.4%（年度目标800个）: the target in brackets
    right after the rate."""
    nxt = _bracketed_target(p, rate)
    if nxt is None or nxt.figure.kind in NOT_AMOUNTS:
        return None
    return nxt if not actuals or _same_unit(nxt, actuals[0]) else None


def _bracketed_target(p: Page, spot: Spot) -> Spot | None:
    """…4.33个百分点（年度目标为85%）: a target in brackets right after `spot`."""
    nxt = p.spots[spot.index + 1] if spot.index + 1 < len(p.spots) else None
    if nxt is None or nxt.sentence != spot.sentence or not p.gap(spot, nxt).startswith("(") \
            or not p.is_target(nxt):
        return None
    return nxt


def _named_like(p: Page, rate: Spot) -> list[Spot] | None:
    """投资12.5亿元，建成项目35个，投资完成率104%: the amount the rate is named after."""
    before = p.clause_before(rate)
    m = p.cues.rate_named.search(before)
    name = regex.search(r"\p{Han}{2}$", before[:m.start()]) if m else None
    if name is None or p.cues.targets.search(name.group()):
        return None
    return next(([s] for s in p.before(rate) if s.figure.kind not in NOT_AMOUNTS
                 and not p.is_target(s) and name.group() in p.clause_before(s)), None)


def _nearest_amounts(p: Page, rate: Spot, n: int, unit_of: Spot | None = None,
                     mixed: bool = False) -> list[Spot] | None:
    """The n amounts of one unit (`unit_of`'s, if given; any, if `mixed`) nearest before
    `rate` in its sentence, in text order."""
    found: list[Spot] = []
    for s in p.before(rate):
        if s.figure.kind in NOT_AMOUNTS or p.is_target(s) or p.is_restated(s) \
                or p.cues.change.search(p.clause_before(s)) or p.cues.over.search(p.clause_before(s)) \
                or (unit_of is not None and not _same_unit(s, unit_of)):
            continue
        if found and not mixed and not _same_unit(s, found[0]):
            break
        found.append(s)
        if len(found) == n:
            return found[::-1]
    return None


def points(p: Page) -> Iterator[Found]:
    """完成率70.48%，超出省定目标5.48个百分点: rate − target rate = points.

    The rate is the nearest rate before the points in their sentence; the
    target rate is a rate named as a target there (目标为65%; a completion rate,
    完成年度目标的130%, is none) or in brackets
    right after the points (高出年度目标4.33个百分点（年度目标为85%）), else implied.
    """
    for pts in p.spots:
        if pts.figure.kind != "percentage_point":
            continue
        m = p.cues.points.search(p.clause_before(pts))
        if not m:
            continue
        rates = [s for s in p.before(pts) if s.figure.kind in RATES]
        after = _bracketed_target(p, pts)
        target = next((s for s in rates if p.is_target(s)      # not 完成年度目标的130%
                       and not _is_completion_rate(p, s)), None) \
            or (after if after is not None and after.figure.kind in RATES else None)
        rate = next((s for s in rates if s is not target), None)
        if rate is None:
            continue
        sign = -1 if m.group("below") or m.group("below2") else 1
        if target is not None:
            yield Found("points", pts.figure, (rate.figure, target.figure), sign)
        else:
            yield Found("points", pts.figure, (rate.figure,), sign, unstated="target rate")


# --- shares -----------------------------------------------------------------

def shares(p: Page) -> Iterator[Found]:
    """制造业增加值4.66万亿元，占地区生产总值比重达36.3%: part ÷ whole = share.

    Both sides must be written: the whole inside the 占…的 phrase, or named
    there and stated earlier in the document (a figure whose indicator is that
    name), or, left out (占18.2%, 分别占全区的22.2%和18.3%), the whole of the share
    before it in the sentence. A target as the whole (占年度目标的) is a completion.
    """
    wholes: dict[tuple[int, int], Figure] = {}      # sentence → the whole of its last share
    for rate in p.spots:
        if rate.figure.kind not in RATES or _is_completion_rate(p, rate):
            continue
        found = list(_shares_at(p, rate)) or list(_shares_of_last(p, rate, wholes.get(rate.sentence)))
        for share in found:
            wholes[rate.sentence] = share.operands[1]
            yield share


def _shares_at(p: Page, rate: Spot) -> Iterator[Found]:
    """The share(s) at `rate`, its whole written or named (see `shares`)."""
    before = p.clause_before(rate)
    if p.cues.share_bare.search(before):
        found = _share_of_total(p, rate)
        if found is not None:
            yield found
        return
    m = p.cues.share.search(before)
    if not m or p.cues.targets.search(m.group("whole")):
        return
    of_at = rate.start - len(before) + m.start()
    part = _part(p, rate, of_at, before[:m.start()])
    if part is None:
        yield from _shares_of_named(p, rate, m.group("whole"))
        return
    whole = _whole(p, part, rate, of_at, m.group("whole"))
    if whole is not None:
        yield Found("share", rate.figure, (part.figure, whole.figure))
    elif (found := _share_of_total(p, rate)) is not None:   # 其中…，占总数的40%
        yield found


def _shares_of_last(p: Page, rate: Spot, whole: Figure | None) -> Iterator[Found]:
    """吴忠市103.9万吨，占全区粮食总产量的27.6%；…83.4万吨和68.8万吨，分别占全区的22.2%和
    18.3%；银川市68.2万吨，占18.2%: a share whose whole is left out (bare 占, or a whole
    named by a place only) has the whole of the share before it; a list of rates, the
    amounts listed before it."""
    before = p.clause_before(rate)
    m = p.cues.share.search(before)
    elided = p.cues.share_bare.search(before) or (
        m and not regex.sub(r"[^\p{Han}]", "", p.cues.subjects.sub("", m.group("whole"))))
    run = next((r for r in _rate_lists(p) if r[0] is rate), [rate])
    parts = _nearest_amounts(p, rate, len(run)) if whole is not None and elided else None
    if not parts or any(s.figure.unit != whole.unit or s.figure.kind != whole.kind
                        or s.figure.value > whole.value for s in parts):
        return
    for r, part in zip(run, parts):
        yield Found("share", r.figure, (part.figure, whole))


def _part(p: Page, rate: Spot, of_at: int, name: str) -> Spot | None:
    """The part of a share: the nearest amount before 占 in the sentence, past a clause
    that only compares it (新能源装机合计8,298万千瓦，是2020年末…的2.0倍，占…42.6%), or,
    where the rate's clause names it (税收收入98516万元，非税收入37854万元，税收收入占…), a
    figure so named there."""
    name = regex.sub(r"[^\p{Han}]", "", p.cues.subjects.sub("", name))
    named = next((s for s in p.before(rate) if name and s.end <= of_at
                  and s.figure.kind not in NOT_AMOUNTS
                  and p.cues.link_end.sub("", p.clause_before(s)).endswith(name)), None)
    if named is not None:
        return named
    for s in p.before(rate):
        if s.end > of_at or s.figure.kind in NOT_AMOUNTS or p.is_base(s):
            continue
        between = regex.sub(r"(?<=\d),(?=\d)", "", p.text[s.end:of_at])   # not 4,183
        marks = sum(between.count(c) for c in CLAUSE_MARKS)
        compares = any(x.figure.unit == "倍" for x in p.spots[s.index + 1:rate.index])
        return s if marks <= 1 or (marks == 2 and compares) else None
    return None


def _shares_of_named(p: Page, rate: Spot, whole_name: str) -> Iterator[Found]:
    """A share whose part is not in its sentence: 税收收入占一般公共预算收入的比重为64.9%
    (the part named, written before); 第一、二、三产业增加值占地区生产总值的比重分别为
    11.1%、47.5%和41.4% (a list of shares: the parts the whole was just broken into)."""
    run = next((r for r in _rate_lists(p) if r[0] is rate), None)
    if run is None:
        return
    name = p.cues.subjects.sub("", whole_name)
    whole = next((s for s in _by_name(p, rate, name)), None)
    if whole is None:
        return
    before = p.clause_before(rate)
    part_name = p.cues.subjects.sub("", before[:before.rfind(p.cues.share.search(before).group())])
    between = [s for s in p.spots[whole.index + 1:rate.index] if _same_unit(s, whole)
               and not p.cues.change.search(p.clause_before(s)) and not p.is_base(s)
               and not p.is_threshold(s)]
    named = [s for s in between if part_name and p.clause_before(s).endswith(part_name)]
    parts = named[:1] if len(run) == 1 and named else between if len(between) == len(run) else []
    if len(parts) == len(run):
        for r, part in zip(run, parts):
            yield Found("share", r.figure, (part.figure, whole.figure))


def _by_name(p: Page, spot: Spot, name: str) -> Iterator[Spot]:
    """Figures before `spot` whose indicator is `name`, nearest first, exact ones before
    bounded ones (地区生产总值128,222.2亿元 before …超过万亿元的设区市)."""
    core = regex.sub(r"^(?:全部|所有)", "", name)      # 占全部发电装机的 → 发电装机容量
    named = [s for s in reversed(p.spots[:spot.index]) if name and s.figure.kind not in NOT_AMOUNTS
             and (s.figure.indicator.endswith(name) or (core != name and core in s.figure.indicator)
                  or (len(name) >= 3 and name in s.figure.indicator)    # 总装机 → 电力总装机容量
                  or _total_of(name, s.figure.indicator))
             and not p.is_base(s)]
    yield from sorted(named, key=lambda s: (s.figure.bound != "=", not s.figure.indicator.endswith(name)))


def _total_of(name: str, indicator: str) -> bool:
    """合同总额 for 实际签订合同金额: X总额 (总量, 总数) names the total of the X amounts."""
    m = regex.fullmatch(r"(\p{Han}{2,})总([额量数])", name)
    return m is not None and m.group(1) in indicator and indicator.endswith(m.group(2))


def _share_of_total(p: Page, rate: Spot) -> Found | None:
    """其中公办机构120家，占55.0%: the part just before, the whole the total 其中 hangs on;
    where the rate's clause names the part (…；一般性转移支付占比85.9%), the figure so named."""
    name = regex.sub(r"[^\p{Han}]", "", p.cues.share_bare.sub("", p.clause_before(rate)))
    part = next((s for s in p.before(rate) if name and p.clause_before(s).endswith(name)), None) \
        or next(iter(p.before(rate)), None)
    if part is None or part.figure.kind in NOT_AMOUNTS:
        return None
    cues = list(p.cues.parts_after.finditer(p.text, part.sentence[0], part.start))
    total = _total_before(p, cues[-1].start(), part, [part]) if cues else _among(p, part)
    return Found("share", rate.figure, (part.figure, total.figure)) if total else None


def _among(p: Page, part: Spot) -> Spot | None:
    """全省174家县级医院中，已有138家…: the whole in a clause ending with 中 before the part
    (全省1202.3万名中小学在校生中，已有312.6万人…: people counted in 名 or 人 alike)."""
    return next((s for s in p.before(part)
                 if _same_count(p, s, part)
                 and s.figure.value >= part.figure.value
                 and p.cues.among.search(p.clause_after(s))), None)


def _whole(p: Page, part: Spot, rate: Spot, of_at: int, name: str) -> Spot | None:
    inside = [s for s in p.before(rate) if s.start >= of_at and _same_unit(s, part)]
    if inside:
        return inside[0]
    name = p.cues.subjects.sub("", name)
    return next((s for s in _by_name(p, part, name) if _same_unit(s, part)), None)


def year_shares(p: Page) -> Iterator[Found]:
    """优良天数比率为80.5%，平均优良天数294天: a rate of days is a share of the year.

    The whole is the days of the year the figures cover (the year of the
    rate's period, else the last year named before it), written in no figure.
    """
    for rate in p.spots:
        if rate.figure.kind not in RATES or not p.cues.day_rate.search(p.clause_before(rate)):
            continue
        days = next((s for s in p.spots if s.sentence == rate.sentence and s.figure.unit == "天"
                     and p.cues.day_count.search(p.clause_before(s))), None)
        year = _year(p, rate)
        if days is not None and year:
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            yield Found("share", rate.figure, (days.figure,), whole=366.0 if leap else 365.0)


def _year(p: Page, spot: Spot) -> int | None:
    named = regex.findall(r"(?<!\d)((?:19|20)\d\d)年", spot.figure.period) \
        or regex.findall(r"(?<!\d)((?:19|20)\d\d)年", p.text[:spot.start])
    return int(named[-1]) if named else None


# --- growth, difference and ratio with both sides written ----------------------

def changes(p: Page) -> Iterator[Found]:
    """Both values and the change between them written.

    由650元/月提高到700元/月，提高50元/月 (from … to); 产量759.5亿斤，比上年的
    753.4亿斤增长0.8% (than); 装机3900万千瓦，是上年末2437万千瓦的1.6倍 (times).
    A change in % is growth, in 倍 after 增长 growth too (增长1.5倍 = +150%), in
    the values' unit (or points between rates) a difference, 是…的N倍 a ratio.
    """
    for c in p.spots:
        earlier = list(p.before(c))
        if c.figure.unit == "倍" and (named := _times_named(p, c)) is not None:
            yield named
            continue
        if not earlier:
            continue
        before = p.clause_before(c)
        a = earlier[0]
        if p.cues.over.search(before) and (over := _over_target(p, c, earlier)) is not None:
            yield over
            continue
        m = p.cues.change.search(before)
        if c.figure.unit == "倍" and p.gap(a, c) == "的" and p.cues.times.search(p.clause_before(a)):
            this = next((s for s in earlier[1:] if _same_unit(s, a)), None)
            if this is not None:
                yield Found("ratio", c.figure, (this.figure, a.figure))
            continue
        if not m:
            pair = _exceeds_named(p, c)         # 贷款余额高出存款余额415.7亿元
            relation = pair and _change_kind(pair[0].figure, c.figure)
            if relation:
                yield Found(relation, c.figure, (pair[0].figure, pair[1].figure))
            continue
        sign = -1 if m.group("down") or m.group("down2") else 1
        pair = _from_to(p, earlier) or _than(p, c, earlier, m) or _after_change(p, c, earlier) \
            or _than_named(p, c)
        relation = pair and _change_kind(pair[0].figure, c.figure)
        if relation:
            yield Found(relation, c.figure, (pair[0].figure, pair[1].figure), sign)


def _over_target(p: Page, c: Spot, earlier: list[Spot]) -> Found | None:
    """建成150块，年度目标120块，超额完成30块: actual − target = the excess."""
    same = [s for s in earlier if _same_unit(s, c) and not p.cues.change.search(p.clause_before(s))]
    target = next((s for s in same if p.is_target(s)), None)
    actual = next((s for s in same if not p.is_target(s)), None)
    if target is None or actual is None:
        return None
    return Found("difference", c.figure, (actual.figure, target.figure))


def _from_to(p: Page, earlier: list[Spot]) -> tuple[Spot, Spot] | None:
    """…由A提高到B，提高C: B and A are the two spots just before C."""
    if len(earlier) < 2:
        return None
    b, a = earlier[0], earlier[1]
    if _same_unit(a, b) and p.cues.from_to.match(p.gap(a, b)) \
            and p.cues.from_word.search(p.clause_before(a)):
        return b, a
    return None


def _than(p: Page, c: Spot, earlier: list[Spot], m: regex.Match) -> tuple[Spot, Spot] | None:
    """B，比上年的A增长C: A just before the change word, B the figure of its unit before,
    past a target (B，完成预算数T的N%；与上年的A相比增支C)."""
    a, gap = earlier[0], p.gap(earlier[0], c)
    than = gap == m.group() and p.cues.than.search(p.clause_before(a))
    compared = gap.endswith(m.group()) and p.cues.compared.fullmatch(gap[:-len(m.group())]) \
        and p.cues.with_base.search(p.clause_before(a))
    if not (than or compared):
        return None
    b = next((s for s in earlier[1:] if _same_unit(s, a) and not p.is_target(s)), None)
    return (b, a) if b is not None else None


def _after_change(p: Page, c: Spot, earlier: list[Spot]) -> tuple[Spot, Spot] | None:
    """比上年的780.1亿斤增加11.4亿斤，增长1.5%: a second change, in another unit, of the
    pair the change just before it compares."""
    d = earlier[0]
    m = p.cues.change.search(p.clause_before(d))
    if not m or p.text[d.end:c.start].count(",") != 1 or _same_unit(d, c):
        return None
    return _from_to(p, earlier[1:]) or _than(p, d, earlier[1:], m)


def _times_named(p: Page, c: Spot) -> Found | None:
    """城镇居民人均可支配收入是农村牧区居民的2.29倍: both sides named, their figures
    written before in the paragraph (the base's name may drop the shared noun)."""
    m = p.cues.times_named.search(p.clause_before(c))
    if not m or regex.search(r"[年月季]", m.group("base")):
        return None                 # 是上年的1.6倍: one side only
    pair = _named_pair(p, c, m.group("this"), m.group("base"))
    return Found("ratio", c.figure, (pair[0].figure, pair[1].figure)) if pair else None


def _than_named(p: Page, c: Spot) -> tuple[Spot, Spot] | None:
    """贷款余额比存款余额多1398.2亿元: both sides named, their figures written before."""
    m = p.cues.than_named.search(p.clause_before(c))
    if not m or regex.search(r"[年月季]", m.group("base")):
        return None                 # 比上年多: one side only
    return _named_pair(p, c, m.group("this"), m.group("base"))


def _exceeds_named(p: Page, c: Spot) -> tuple[Spot, Spot] | None:
    """贷款余额高出存款余额415.7亿元: A exceeds B by C, both named, their figures written
    before; not a target (高出年度目标4.33个百分点 is points)."""
    m = p.cues.exceeds_named.search(p.clause_before(c))
    if not m or p.cues.targets.search(m.group("base")) or regex.search(r"[年月季]", m.group("base")):
        return None
    return _named_pair(p, c, m.group("this"), m.group("base"))


def _named_pair(p: Page, c: Spot, this_name: str, base_name: str) -> tuple[Spot, Spot] | None:
    """The figures before `c` in its paragraph named `this_name` and `base_name` (the base's
    name may drop the shared noun; a name may drop words: 城镇居民收入 for 城镇居民人均可支配收入)."""
    this_name = p.cues.subjects.sub("", this_name)
    earlier = [s for s in reversed(p.spots[:c.index]) if s.paragraph == c.paragraph
               and s.figure.kind not in NOT_AMOUNTS]
    this = next((s for s in earlier if p.clause_before(s).endswith(this_name)), None) \
        or next((s for s in earlier if _abbreviates(this_name, p.clause_before(s))), None)
    base = next((s for s in earlier if s is not this and this is not None
                 and _same_unit(s, this) and base_name in p.clause_before(s)), None)
    return (this, base) if this and base else None


def _abbreviates(short: str, name: str) -> bool:
    """城镇居民收入 for 城镇居民人均可支配收入: the same first two and last characters, the
    rest in order."""
    chars = iter(name[name.find(short[:2]):]) if short[:2] in name else iter(())
    return len(short) >= 4 and name.endswith(short[-1]) and all(ch in chars for ch in short)


def _change_kind(value: Figure, change: Figure) -> str | None:
    if change.unit in ("%", "倍") and value.kind not in RATES:
        return "growth"
    if change.unit == value.unit or (change.kind == "percentage_point" and value.kind in RATES):
        return "difference"
    return None
