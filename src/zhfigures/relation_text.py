"""The text as the relation finders see it: figures placed, cue words compiled.

Figures (offsets into the document's text) are placed in the working copy
(`normalize`), so that cue words match across layout breaks and full-width
forms, with the sentence and paragraph around each. The cue words of
`rules/relations.yaml` become one compiled pattern per question a finder
asks (is this a completion rate? is this figure a target?).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import regex

from .normalize import normalize
from .record import Figure
from .rules import Rules, alternation
from .sentences import layout

CLAUSE_MARKS = ",;:"
# 14.6万亩、约9,730公顷: the same quantity restated in another unit of its kind.
RESTATED = regex.compile(r"^[、(][约近逾]?$")


@dataclass(frozen=True)
class Spot:
    """A figure placed in the working copy."""
    figure: Figure
    start: int
    end: int
    sentence: tuple[int, int]
    paragraph: tuple[int, int]
    index: int


@dataclass(frozen=True)
class Cues:
    parts_after: regex.Pattern
    total_after: regex.Pattern
    breakdowns: tuple[regex.Pattern, ...]
    whole_among: regex.Pattern
    figure_among: regex.Pattern
    opens_breakdown: regex.Pattern
    among_or_parts: regex.Pattern
    remainder: regex.Pattern
    rest: regex.Pattern
    added: regex.Pattern
    recap: regex.Pattern
    balances: regex.Pattern
    income: regex.Pattern
    spending: regex.Pattern
    reduction: regex.Pattern
    reduction_rate: regex.Pattern
    rate_named: regex.Pattern
    of_target: regex.Pattern
    target_before: regex.Pattern
    target_after: regex.Pattern
    target_quoted: regex.Pattern
    points: regex.Pattern
    share: regex.Pattern
    share_bare: regex.Pattern
    among: regex.Pattern
    people: frozenset
    respectively: regex.Pattern
    overall: regex.Pattern
    day_rate: regex.Pattern
    day_count: regex.Pattern
    from_word: regex.Pattern
    from_to: regex.Pattern
    change: regex.Pattern
    than: regex.Pattern
    times: regex.Pattern
    than_base: regex.Pattern
    with_base: regex.Pattern
    compared: regex.Pattern
    with_word: regex.Pattern
    times_base: regex.Pattern
    times_named: regex.Pattern
    than_named: regex.Pattern
    exceeds_named: regex.Pattern
    over: regex.Pattern
    subjects: regex.Pattern
    per_unit: regex.Pattern
    link_end: regex.Pattern
    targets: regex.Pattern
    plans: regex.Pattern
    identities: tuple[tuple[str, regex.Pattern, tuple[regex.Pattern, ...]], ...]


def _unless_work(words: list[str], work_verbs: list[str]) -> str:
    """Change words as an alternation, each not at the end of a work verb that ends with it
    (改造提升203座 renovates and upgrades: no change of 203)."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        heads = [v[:-len(w)] for v in work_verbs if v.endswith(w) and len(v) > len(w)]
        guard = f"(?<!{'|'.join(regex.escape(h) for h in heads)})" if heads else ""
        out.append(guard + regex.escape(w))
    return "|".join(out)


@lru_cache(maxsize=8)
def cues(rules: Rules) -> Cues:
    r = rules.relations
    links = f"(?:{alternation(r['links'])})?"
    targets = alternation(r["completion"]["targets"])
    # 完成预算的103.5%: a budget is the target only as the base of a rate, never as a
    # figure's name (预算收入1003.2亿元 is an actual)
    plans = alternation([*r["completion"]["targets"], *r["completion"]["plans"]])
    bracket = r"(?:\([^()]{0,20}\))?"       # 完成年度目标任务（25万人）的105.5%
    change = r["change"]
    totals = r["sum"]["total_after"]
    # 合计投入224.8亿元, 合计投入林业资金7.59亿元: a word of two may take a verb and its noun;
    # a word of one (共) may not
    total_words = (rf"(?:{alternation([w for w in totals if len(w) > 1])})\p{{Han}}{{0,6}}?"
                   rf"|(?:{alternation([w for w in totals if len(w) == 1])})")
    above, below = alternation(r["points"]["above"]), alternation(r["points"]["below"])
    among_or_parts = alternation([*r["sum"]["among"], *r["sum"]["parts_after"]])   # 中, 其中
    return Cues(
        parts_after=regex.compile(alternation(r["sum"]["parts_after"])),
        total_after=regex.compile(rf"(?:{total_words}){links}$"),
        breakdowns=tuple(r["sum"]["breakdowns"]),
        # 医院中，综合医院152个，…: a sentence opening with the whole's name and 中
        whole_among=regex.compile(rf"(?:^|(?<=[。!?;\n]))(?P<whole>[\p{{Han}}()]{{2,16}}?)"
                                  rf"(?:{alternation(r['sum']['among'])}),"),
        # …；非住房消费类提取中，… / …；其中，…: past a `;`, a breakdown of its own
        opens_breakdown=regex.compile(rf";[^,;]*?(?:{among_or_parts}),"),
        among_or_parts=regex.compile(rf"(?:{among_or_parts}),"),
        remainder=regex.compile(alternation(r["sum"]["remainder"])),
        # 全区64个村（社区）中，社区47个…: what the figure counts, then 中 closing its clause
        figure_among=regex.compile(rf"[\p{{Han}}()]{{0,12}}?(?:{alternation(r['sum']['among'])})"),
        rest=regex.compile(alternation(r["sum"]["rest"])),
        added=regex.compile(alternation(r["sum"]["added"])),
        # 以上四项合计196152万元: a total of the items just listed
        recap=regex.compile(rf"^(?:{alternation(r['sum']['recap'])})\p{{Han}}{{0,4}}?(?:{total_words}){links}$"),
        balances=regex.compile(alternation(r["balance"]["words"])),
        # 节约资金250万元, 审减90万元, 核减投资额7.09亿元; 节约率7.8%
        reduction=regex.compile(rf"(?:{alternation(r['reduction']['words'])})\p{{Han}}{{0,4}}?{links}$"),
        reduction_rate=regex.compile(rf"(?:{alternation(r['reduction']['rates'])}){links}$"),
        # 收入合计835万元, 支出预计24187万元: the name, perhaps a total word, a link
        income=regex.compile(rf"(?:{alternation(r['balance']['income'])})(?P<total>{total_words})?{links}$"),
        spending=regex.compile(rf"(?:{alternation(r['balance']['spending'])})(?P<total>{total_words})?{links}$"),
        rate_named=regex.compile(rf"(?:{alternation(r['completion']['rate_names'])}){links}$"),
        of_target=regex.compile(
            rf"(?:{alternation(r['completion']['reach'])})\p{{Han}}{{0,8}}?"
            rf"(?:(?:{targets})\p{{Han}}{{0,2}}?|{plans})"      # 占年度计划投资的108.6%
            rf"(?:{bracket}|[^{CLAUSE_MARKS}的\d]{{0,6}}\d[^{CLAUSE_MARKS}的]{{0,10}})?的$"),   # 为年度任务4500公里的113.8%
        # 省下达任务2657户, 目标为3000个, 计划投资50亿元; not 完成任务6052户 (an actual)
        # nor 按计划完成9项 (done as planned)
        # 省下达任务2657户, 年度计划新建改造公厕300座, 年初确定的任务是完成…治理2万座
        target_before=regex.compile(rf"(?<!完成)(?:{targets})(?:(?!完成)\p{{Han}}){{0,8}}?{links}\(?$"
                                    rf"|(?:{targets})(?:是|为)[^{CLAUSE_MARKS}]{{0,16}}$"),
        # 3000个…的任务目标; 超过年初确定的260户目标，/30万户目标任务，: target nouns closing the
        # figure's clause
        target_after=regex.compile(rf"^\p{{Han}}{{0,10}}?的\p{{Han}}{{0,4}}?(?:{targets})|^(?:{targets})+$"
                                   rf"|^\p{{Han}}{{0,4}}?(?:{targets})(?=已)"),   # 56项改革任务已完成53项
        target_quoted=regex.compile(rf"^[^“”{CLAUSE_MARKS}]{{0,30}}”的\p{{Han}}{{0,4}}?(?:{targets})"),
        points=regex.compile(
            rf"(?:(?P<above>{above})|(?P<below>{below}))[^{CLAUSE_MARKS}]{{0,12}}?(?:{targets})值?{bracket}{links}$"
            rf"|(?:{alternation(change['than'])})\p{{Han}}{{0,6}}?(?:{targets})值?"
            rf"(?:(?P<above2>{above})|(?P<below2>{below})){links}$"),
        share=regex.compile(
            rf"(?:{alternation(r['share']['of'])})(?P<whole>[^{CLAUSE_MARKS}]{{1,30}}?)"
            rf"(?:的?(?:{alternation(r['share']['whole_ends'])})|的){links}$"),
        share_bare=regex.compile(rf"(?:{alternation(r['share']['bare'])}){links}$"),
        among=regex.compile(rf"(?:{alternation(r['share']['among'])})$"),
        people=frozenset(r["share"]["people"]),
        respectively=regex.compile(alternation(r["completion"]["respectively"])),
        # 民生实事整体完成率达到144.3%: a rate over several items
        overall=regex.compile(rf"(?:{alternation(r['completion']['overall'])})\p{{Han}}{{0,2}}?"
                              rf"(?:{alternation(r['completion']['rate_names'])})"),
        day_rate=regex.compile(rf"(?:{alternation(r['share']['day_rates'])}){links}$"),
        day_count=regex.compile(alternation(r["share"]["day_counts"])),
        from_word=regex.compile(rf"(?:{alternation(change['from'])})[^{CLAUSE_MARKS}]{{0,10}}$"),
        # 由2020年的85.2%提高到2023年的91.5%: the later value may carry its year
        from_to=regex.compile(rf"^\p{{Han}}{{0,2}}?(?:{alternation(change['to'])})(?:\d{{4}}年[底末]?的?)?$"),
        # 增长8.2%; 比上年的201.5亿元多23.3亿元 (多, 高 only after a 比 in the clause, or
        # right after 相比: 与全国平均水平5.2%相比低0.3个百分点)
        change=regex.compile(
            rf"(?:(?P<up>{_unless_work(change['up'], change['work_verbs'])})"
            rf"|(?P<down>{_unless_work(change['down'], change['work_verbs'])})"
            rf"|(?<=(?:{alternation(change['than'])})[^{CLAUSE_MARKS}]{{1,20}}|{alternation(change['compared'])})"
            rf"(?:(?P<up2>{alternation(change['than_up'])})|(?P<down2>{alternation(change['than_down'])}))\p{{Han}}{{0,2}}?)"
            rf"了?{links}$"),
        over=regex.compile(rf"(?:{alternation(change['over'])}){links}$"),
        than=regex.compile(alternation(change["than"])),
        times=regex.compile(alternation(change["times"])),
        # the figure compared with: 比上年的907.6亿元, 是2018年1711.2亿元(的1.9倍)
        # (比例, 比重, 较快, 较好 …: words, not a comparison — 按比例安排就业486人 is no base)
        than_base=regex.compile(rf"(?:{alternation(change['than'])})(?![例重率快好大多少高低])"
                                rf"(?:\d{{4}}年)?[^{CLAUSE_MARKS}\d]{{0,8}}$"),
        # 与上年的203350万元(相比): the base of 与…相比, closed by `compared`
        with_base=regex.compile(rf"(?:{alternation(change['with'])})(?:\d{{4}}年)?[^{CLAUSE_MARKS}\d]{{0,8}}$"),
        compared=regex.compile(alternation(change["compared"])),
        with_word=regex.compile(alternation(change["with"])),
        times_base=regex.compile(rf"(?:{alternation(change['times'])})(?:\d{{4}}年)?[^{CLAUSE_MARKS}\d]{{0,8}}$"),
        # 城镇居民人均可支配收入是农村牧区居民的2.29倍: both sides named, written before
        times_named=regex.compile(
            rf"(?P<this>\p{{Han}}{{3,}}?)(?:{alternation(change['times'])})(?P<base>\p{{Han}}{{3,}})的$"),
        # 贷款余额比存款余额多1398.2亿元: both sides named, written before
        than_named=regex.compile(
            rf"(?P<this>\p{{Han}}{{2,}}?)(?:{alternation(change['than'])})(?P<base>\p{{Han}}{{2,}}?)"
            rf"(?:{alternation([*change['than_up'], *change['than_down']])}){links}$"),
        link_end=regex.compile(rf"(?:{alternation(r['links'])})$"),
        # 贷款余额高出存款余额415.7亿元: A exceeds B, both named, written before
        exceeds_named=regex.compile(
            rf"(?P<this>\p{{Han}}{{2,}}?)(?:{alternation(change['exceeds'])})(?P<base>\p{{Han}}{{2,}}?){links}$"),
        subjects=regex.compile(rf"^(?:{alternation(rules.indicator['subjects'])})"),
        per_unit=regex.compile(alternation(r["sum"]["per_unit"])),
        targets=regex.compile(targets),
        plans=regex.compile(plans),
        identities=tuple(
            (i["relation"], regex.compile(rf"{regex.escape(i['result'])}{links}$"),
             tuple(regex.compile(rf"{regex.escape(o)}{links}$") for o in i["operands"]))
            for i in r["identities"]),
    )


@dataclass(frozen=True)
class Page:
    text: str                   # the working copy
    spots: tuple[Spot, ...]
    cues: Cues

    def clause_before(self, spot: Spot) -> str:
        start = max(self.text.rfind(m, spot.sentence[0], spot.start) for m in CLAUSE_MARKS)
        return self.text[max(start + 1, spot.sentence[0]):spot.start]

    def clause_after(self, spot: Spot) -> str:
        ends = [i for i in (self.text.find(m, spot.end, spot.sentence[1]) for m in CLAUSE_MARKS)
                if i >= 0]
        return self.text[spot.end:min(ends, default=spot.sentence[1])]

    def gap(self, a: Spot, b: Spot) -> str:
        return self.text[a.end:b.start]

    def before(self, spot: Spot) -> Iterator[Spot]:
        """The spots of the same sentence before `spot`, nearest first."""
        for other in reversed(self.spots[:spot.index]):
            if other.sentence != spot.sentence:
                return
            yield other

    def is_target(self, spot: Spot) -> bool:
        """省下达任务2657户, 3000个…的任务目标; not 比计划多300个 (a change against a target)."""
        after, before = self.clause_after(spot), self.clause_before(spot)
        return not self.cues.change.search(before) and bool(
                    self.cues.target_before.search(before)
                    or self.cues.target_after.search(after)
                    or self.cues.target_quoted.search(after)
                    or self.rate_of(spot) is not None or self.listed_after_target(spot))

    def rate_of(self, spot: Spot) -> Spot | None:
        """完成预算数144500万元的94.4%: the completion rate whose phrase holds `spot` as its base."""
        nxt = self.spots[spot.index + 1] if spot.index + 1 < len(self.spots) else None
        if nxt is None or nxt.sentence != spot.sentence or self.gap(spot, nxt) != "的" \
                or nxt.figure.kind != "percent":
            return None
        return nxt if self.cues.of_target.search(self.clause_before(nxt)) else None

    def listed_after_target(self, spot: Spot) -> bool:
        """年度目标分别为227个和1000张: a figure listed right after a target is one too."""
        prev = self.spots[spot.index - 1] if spot.index else None
        return (prev is not None and prev.sentence == spot.sentence
                and prev.figure.kind == spot.figure.kind
                and self.gap(prev, spot) in ("、", "和", "及", "与") and self.is_target(prev))

    def is_base(self, spot: Spot) -> bool:
        """The figure another is compared with: 比上年的907.6亿元, 是2018年1711.2亿元的1.9倍,
        与上年的203350万元相比."""
        before = self.clause_before(spot)
        return bool(self.cues.than_base.search(before)
                    or (self.cues.times_base.search(before.rstrip("("))
                        and self.text.startswith(("的", ")的"), spot.end))     # 为常年梅雨量（357.5毫米）的
                    or (self.cues.with_base.search(before)
                        and self.cues.compared.match(self.text, spot.end)))

    def is_threshold(self, spot: Spot) -> bool:
        """总量首次突破千亿元 after 收入1003.2亿元: a bound restating an exact figure before it."""
        bound = spot.figure.bound
        if bound not in (">", ">=", "<", "<="):
            return False
        return any(o.figure.unit == spot.figure.unit and o.figure.bound == "="
                   and (o.figure.value >= spot.figure.value) == (bound in (">", ">="))
                   for o in self.before(spot))

    def is_restated(self, spot: Spot) -> bool:
        if spot.index == 0:
            return False
        prev = self.spots[spot.index - 1]
        return (prev.figure.kind == spot.figure.kind and prev.figure.unit != spot.figure.unit
                and bool(RESTATED.match(self.gap(prev, spot))))


def page(text: str, figures: list[Figure], rules: Rules) -> Page:
    work = normalize(text)
    lay = layout(work.text)
    originals = [work.to_original(i) for i in range(len(work.text))]
    spots = []
    for figure in sorted(figures, key=lambda f: f.start):
        start = bisect_left(originals, figure.start)
        end = bisect_left(originals, figure.end - 1) + 1
        spots.append(Spot(figure, start, end, lay.sentence(start), lay.paragraph(start), len(spots)))
    return Page(work.text, tuple(spots), cues(rules))


