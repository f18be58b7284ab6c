"""Stage 6, indicator: the phrase of the clause that names what a number measures.

jieba segments only the clause around the number, never the document (run
by jieba-rs through `rjieba`: the same dictionary and algorithm). The
phrase is taken on the side where Chinese grammar puts the measured thing:
after the number when a noun follows it (设置了14家筛查机构, 输送15名优秀运动员),
else before it (新增停车泊位4734个, 完成率157.8%). From the chosen side the
subject, the time and generic verbs are dropped (SPEC §5), walking token by
token so that a cut never splits a word.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
import rjieba

from . import dictionary
from .numbers import CN_DIGITS, CN_START, CN_UNITS
from .rules import Rules, alternation

QUOTES = "“”‘’\"'「」『』《》〈〉"
_SPACE_RE = regex.compile(r"\s+")
_LATIN = regex.compile(r"[A-Za-z]")
_PUNCT_EDGE = "、,，;；:：()（）·/"
_NUMERAL_RE = regex.compile(rf"[\d{CN_DIGITS}]")
_DIGITS_RE = regex.compile(rf"[\d{CN_DIGITS}{CN_UNITS}]")
_NOUN_TAGS = ("n", "vn", "j", "nz", "nr", "ns", "nt", "a", "b", "r", "l", "i", "an", "eng", "x",
              "zg")     # jieba tags many one-character nouns zg (县, 村): 8个县（市、区）
_STOP_TAGS = ("p", "c", "m", "u", "uj", "ul", "w")
_OPEN_QUOTES = "“‘\"「『"
_QUOTED = regex.compile(r"(“[^”]{1,20}”|‘[^’]{1,20}’|「[^」]{1,20}」|『[^』]{1,20}』)")
_NO_WORD = regex.compile(r"^[^\p{Han}A-Za-z0-9]+$")
_ORDINAL = regex.compile(rf"^第[\d{CN_DIGITS}十百]+")
_RELATIVE = regex.compile(r"^[^,;:的]{1,14}的")          # 涉及2.3万户的城镇老旧小区
_RATIO_BASE = regex.compile(r"(?:是|为|达到|相当于)[^,;:是为]{1,8}的$")   # A是B的N倍
_SHARE_OF = ("占",)     # a share's verb: the subject after it names the whole, it stays
_BRACKET_END = regex.compile(r"[(（][^()（）]{1,6}[)）]$")
_BRACKET_START = regex.compile(r"[(（][^()（）]{1,6}[)）]")
_AGE_BAND = regex.compile(r"^\d+(?:[~～\-—至到]\d+)?(?:周岁|岁)(?:及)?(?:以上|以下|以内)?")
_AGE_BAND_BEFORE = regex.compile(r"\d+(?:[~～\-—–至到]\d+)?周?$")
_AGE_WORDS = regex.compile(r"^周?岁(?:及)?(?:以上|以下|以内)?")
_RATE_ENDS = ("率", "比重", "占比", "比例")
_COUNTS = frozenset("0123456789" + CN_START)   # 五项, 两项: a count starts a total's name
# 比2010年第六次全国人口普查时的, 较2019年同期的: a base dated by a time of its own
_COMPARED_WITH_TIME = regex.compile(r"(?:^|[^\p{Han}])?(?:比|较)(?:\d{4}年|上年|去年)[^,;:的]{0,14}的$")
_MAX_CHARS = 20


@dataclass(frozen=True, eq=False)   # hashed by identity: its methods cache per segmenter
class Segmenter:
    tokenizer: rjieba.Jieba      # jieba's dictionary and algorithm, in Rust
    tags: dict[str, str]
    own_tags: dict[str, str]
    subjects: frozenset[str]
    comparisons: frozenset[str]
    trailing: frozenset[str]
    joining: frozenset[str]
    suffixes: frozenset[str]
    generic: frozenset[str]
    kept: frozenset[str]
    total: regex.Pattern        # a clause that only sums: 两项合计, 总计 (its own name)
    from_word: regex.Pattern    # X由A增加到B: X names A and B

    # A clause is cut again within a few calls (the indicator, then its left
    # phrase); a small cache, never one that holds a corpus.
    @lru_cache(maxsize=256)
    def cut(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.cut(text, False))     # no HMM: only dictionary words

    @lru_cache(maxsize=256)
    def tokens(self, text: str) -> tuple[tuple[str, str], ...]:
        """(token, tag) pairs of `text`; a quoted stretch is one name token."""
        out: list[tuple[str, str]] = []
        for piece in _QUOTED.split(text):
            if not piece:
                continue
            if piece[0] in _OPEN_QUOTES:
                out.append((piece[1:-1], "nz"))
            else:
                out.extend((token, self.tag(token)) for token in self.cut(piece))
        return tuple(out)

    @lru_cache(maxsize=1 << 16)
    def stops(self, token: str, tag: str) -> bool:
        """Whether the walk over an indicator stops at this token (see _stop)."""
        return _stop(token, tag, self)

    @lru_cache(maxsize=1 << 16)      # the same few thousand words recur in every document
    def tag(self, token: str) -> str:
        if token in self.own_tags:
            return self.own_tags[token]
        if _NO_WORD.match(token):
            return "w"                    # punctuation and spaces
        if _ORDINAL.match(token):
            return "nz"                   # 98个第一名: the ordinal names what is counted
        if _LATIN.search(token):
            return "eng"                  # 4A级, 5G, PM2.5: a code names a thing
        if token[0].isdigit():
            return "m"
        return self.tags.get(token) or "x"   # x: a word jieba's tag table does not know


OWN_FREQ = 100000      # high enough that jieba keeps a rules word whole


def own_words(rules: Rules) -> list[str]:
    """The words of rules/indicator.yaml that the segmenter must keep whole."""
    lex = rules.indicator
    return [*lex["words"], *lex["comparisons"], *lex["subjects"],
            # 提高到, 降至 … whole, so that they drop whole
            *(word for word in lex["generic_verbs"] if len(word) > 1)]


@lru_cache(maxsize=8)
def segmenter(rules: Rules) -> Segmenter:
    tokenizer = rjieba.Jieba()
    lex = rules.indicator
    own = {}
    for word in own_words(rules):
        tokenizer.add_word(word, OWN_FREQ, None)
    for word in (*lex["words"], *lex["comparisons"]):
        own[word] = "n"
    for word in lex["kept_verbs"]:
        own.setdefault(word, "v")
    for mark in lex["name_marks"]:       # a token of its own already: tagged, never added
        own[mark] = "n"
    return Segmenter(tokenizer, dictionary.tags(), own,
                     frozenset(lex["subjects"]), frozenset(lex["comparisons"]),
                     frozenset(lex["trailing"]),
                     frozenset(lex["joining"]), frozenset(lex["suffixes"]),
                     frozenset(lex["generic_verbs"]),
                     frozenset(lex["kept_verbs"]),
                     # 两项合计, 两项税收合计 (the count, what is summed, the summing word)
                     regex.compile(rf"(?:[\d{CN_DIGITS}十]+项\p{{Han}}{{0,4}}?)?(?:{alternation(lex['totals'])})$"),
                     regex.compile(alternation(lex["from_words"])))


def unspaced(text: str) -> str:
    """Without layout breaks and stray spaces (entity and period as written)."""
    return _SPACE_RE.sub("", text)


# Layout breaks, stray spaces and quotes: one class, so that the common case
# (none of them) costs one search.
_UNWRITTEN = regex.compile(rf"[\s{regex.escape(QUOTES)}]+")


def clean(phrase: str) -> str:
    """Indicator as written, without line breaks, quotes or edge punctuation."""
    if _UNWRITTEN.search(phrase):
        phrase = _UNWRITTEN.sub("", phrase)
    core = phrase.strip(_PUNCT_EDGE)
    # 社区卫生服务中心（站）: a bracket the phrase opened is closed, not stripped
    if core and phrase.rstrip(_PUNCT_EDGE) != phrase and _opens(core):
        close = phrase[phrase.rindex(core) + len(core):][:1]
        if close in ")）":
            core += close
    return core


def _opens(phrase: str) -> bool:
    return phrase.count("（") + phrase.count("(") > phrase.count("）") + phrase.count(")")


def tokens_of(text: str, seg: Segmenter) -> tuple[tuple[str, str], ...]:
    """(token, tag) pairs; a quoted stretch (“两癌”, “瓶改管”) is one name token."""
    return seg.tokens(text)


def _stop(token: str, tag: str, seg: Segmenter) -> bool:
    if token in seg.kept:
        return False
    if tag == "m":                        # 万元 in 万元地区生产总值能耗 is a name, 3个 is not
        return bool(_NUMERAL_RE.search(token))
    if token.startswith("每") and len(token) > 1:
        return True                       # 每人每月, 每亩: the rate's base, not what it measures
    return token in seg.subjects or token in seg.generic or tag in _STOP_TAGS


def left_phrase(text: str, seg: Segmenter) -> str:
    """Walk back from the number over the words that name what it measures."""
    ratio = _RATIO_BASE.search(text)      # 接种人数是上年的2.3倍: keep 是…的
    if ratio:
        return clean(left_phrase(text[:ratio.start()], seg) + ratio.group())
    note = text.endswith((")", "）")) and _BRACKET_END.search(text)   # 社区卫生服务中心（站）331个
    if note:
        named = left_phrase(text[:note.start()], seg)
        if named:
            return clean(named + note.group())
        text = text[:note.start()] + note.group()[1:-1]    # (站) alone: its words
    tokens = list(tokens_of(text, seg))
    while tokens and (seg.stops(*tokens[-1]) or tokens[-1][0] in seg.trailing):
        tokens.pop()                     # 完成率为 → 完成率 ; 共约 → ''
    kept: list[str] = []
    length = 0
    open_bracket = False
    for i in range(len(tokens) - 1, -1, -1):
        token, tag = tokens[i]
        if token in seg.subjects and kept and i and tokens[i - 1][0] in _SHARE_OF:
            kept.append(token)           # 民营床位占全市床位: after 占 the place is the whole's
            length += len(token)
            continue
        if token in (")", "）") and kept:  # 骨干输配水管（渠）网: a bracket inside the phrase
            kept.append(token)
            open_bracket = True
            continue
        if token in ("(", "（") and open_bracket:
            kept.append(token)
            open_bracket = False
            continue
        if (token in seg.joining or token == "的") and kept:
            kept.append(token)           # 汽车报废、置换更新 ; 总人口的比重
            continue
        bound_head = len(kept) == 1 and kept[0] in seg.suffixes and token in seg.generic
        if (seg.stops(token, tag) and not bound_head) or length + len(token) > _MAX_CHARS:
            break                        # (落实率: 率 alone keeps the verb before it)
        kept.append(token)
        length += len(token)
    while kept and (kept[-1] in seg.joining or kept[-1] in ("的", ")", "）")):
        kept.pop()                       # the walk stopped just after a joining word
    return clean("".join(reversed(kept)))


def _with_age_band(left: str, phrase: str) -> str:
    """The walk stops at an age band's numbers, leaving a name that starts with 岁. The band
    is dropped (60周岁以上户籍老年人口 → 户籍老年人口, ANNOTATION.md) unless it defines a
    rate's population (5岁以下儿童死亡率) or is all that tells a group apart (0—14岁人口)."""
    at = left.rfind(phrase) if phrase.startswith(("岁", "周岁")) else -1
    band = _AGE_BAND_BEFORE.search(left, 0, at) if at > 0 else None
    if band is None:
        return phrase
    rest = _AGE_WORDS.sub("", phrase)
    return band.group() + phrase if len(rest) <= 2 or rest.endswith(_RATE_ENDS) else rest


def front_trimmed(text: str, seg: Segmenter) -> list[str]:
    """The tokens of `text` without the subject, time and generic words at its front (全省 …)."""
    tokens = list(tokens_of(text, seg))
    while tokens and seg.stops(*tokens[0]):
        tokens.pop(0)
    return [token for token, _ in tokens]


def right_phrase(text: str, seg: Segmenter, object_expected: bool) -> str:
    """The counted noun after the number (14家两癌筛查技术服务机构 → 两癌筛查技术服务机构).

    `object_expected`: a count right after a verb (新增3000个停车泊位) — then
    the words after it are its object even where jieba tags the first as a
    verb (停车/v 泊位/n).
    """
    text = _AGE_BAND.sub("", text)
    relative = _RELATIVE.match(text)      # 163个涉及2.3万户的城镇老旧小区
    if relative and _DIGITS_RE.search(relative.group()):
        text = text[relative.end():]
    tokens = tokens_of(text, seg)
    if not tokens or tokens[0][0] in seg.subjects:
        return ""
    first, first_tag = tokens[0]
    if object_expected:                   # right after a verb, or the clause starts with it
        if seg.stops(first, first_tag):
            return ""
    elif not first_tag.startswith(_NOUN_TAGS):
        return ""
    kept: list[str] = []
    length = 0
    for token, tag in tokens:
        if token in seg.generic or tag in _STOP_TAGS or length + len(token) > _MAX_CHARS:
            break
        kept.append(token)
        length += len(token)
    phrase = "".join(kept)
    note = _BRACKET_START.match(text, len(phrase)) if phrase and text.startswith(phrase) else None
    return clean(phrase + note.group() if note else phrase)     # 8个县（市、区）, 12个乡镇（街道）


def total_name(left: str, seg: Segmenter) -> str:
    """两项合计129.0万人, …，总计2.7万人次: a total named only by the word that sums."""
    m = seg.total.search(clean(left))
    return m.group() if m else ""


def from_to_name(left_text, text: str, start: int, end: int, seg: Segmenter) -> str:
    """城镇新增就业由2023年的87.3万人增加到89.6万人: both measure what comes before 由.

    `left_text(at)` is the clause text before offset `at` without its subject and time.
    """
    m = seg.from_word.search(text, start, end)
    return left_phrase(left_text(m.start()), seg) if m else ""


def indicator(left: str, right: str, seg: Segmenter, count: bool) -> str:
    """`left`: clause text before the number; `right`: clause text after the mention.

    A number right after a verb is its object's quantity, so the words after
    it name what is counted (新增3000个停车泊位, 安排3千万元专项资金); after
    money or a rate they must start with a noun (投入730万元补齐短板: a new
    predicate, the indicator stays 投入).
    """
    total = total_name(left, seg)
    compared = _COMPARED_WITH_TIME.search(left)     # 比2010年第六次全国人口普查时的6549486人
    # 以上五项合计57.93亿元, 两项税收合计59.20亿元: a counted total is named by its count
    before = "" if compared else total if total[:1] in _COUNTS else (
        _with_age_band(left, left_phrase(left, seg)) or total)
    if compared or before in seg.comparisons:
        # 全市常住人口比2010年…的6549486人: the base measures what its clause names before 比;
        # 比上年的907.6亿元 alone: the sentence's indicator (parser)
        at = compared.start() if compared else left.rfind(before[:1])
        return left_phrase(left[:at], seg) if at > 0 else ""
    if not right or right[0] == "的":
        return before                     # 2.3万户的小区: the number describes the noun
    tokens = tokens_of(left, seg)
    after_verb = not tokens or tokens[-1][1].startswith("v") or tokens[-1][0] in seg.kept
    if before and not after_verb and not count:
        # 占全省5.44万亿元经济总量的比重: a verb alone names a share, not the amount it is of
        lone_verb = len(tokens_of(before, seg)) == 1 and seg.tag(before).startswith("v")
        return (lone_verb and right_phrase(right, seg, object_expected=False)) or before
    return right_phrase(right, seg, object_expected=count and after_verb or not before) or before
