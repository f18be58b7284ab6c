"""The rules folder: every rule is reachable, and a broken file is reported
with its file, line and fault (never a traceback)."""
from __future__ import annotations

import shutil

import pytest

from zhfigures import extract
from zhfigures.exclusions import blocked_spans
from zhfigures.normalize import normalize
from zhfigures.rules import DEFAULT_DIR, RulesError, load_rules


# --- every rule is used -----------------------------------------------------

def _units(rules):
    data = rules.units
    return [*data["units"].items(), *((a, data["units"][u]) for a, u in data["aliases"].items())]


@pytest.mark.parametrize("written,kind", _units(load_rules()), ids=lambda v: str(v))
def test_every_unit_is_read(written, kind, rules):
    unit = rules.units["aliases"].get(written, written)
    (figure,) = extract(f"今年新增指标12{written}。", "case", rules)
    assert (figure.mention, figure.value, figure.unit, figure.kind) == (f"12{written}", 12, unit, kind)


@pytest.mark.parametrize("magnitude", list(load_rules().units["magnitudes"]))
def test_every_magnitude_scales(magnitude, rules):
    (figure,) = extract(f"今年新增资金12{magnitude}元。", "case", rules)
    assert figure.value == pytest.approx(12 * rules.units["magnitudes"][magnitude])
    assert figure.unit == "元"


@pytest.mark.parametrize("denominator", load_rules().units["slash_denominators"])
def test_every_slash_denominator(denominator, rules):
    (figure,) = extract(f"补助标准为300元/{denominator}。", "case", rules)
    assert figure.unit == f"元/{denominator}" and figure.kind == "money"


@pytest.mark.parametrize("side", ["before", "inside", "after"])
def test_every_bound_word(side, rules):
    for word, bound in rules.bounds[side].items():
        text = {"before": f"惠及群众{word}300人。", "inside": f"惠及群众300{word}人。",
                "after": f"惠及群众300人{word}。"}[side]
        (figure,) = extract(text, "case", rules)
        assert figure.bound == bound, (word, figure)


@pytest.mark.parametrize("bridge", load_rules().bounds["bridges"])
def test_every_bound_bridge(bridge, rules):
    (figure,) = extract(f"每年至少{bridge}4次。", "case", rules)
    assert figure.bound == ">="


@pytest.mark.parametrize("joiner", load_rules().bounds["ranges"])
def test_every_range_joiner(joiner, rules):
    low, high = extract(f"每户补助3000{joiner}5000元。", "case", rules)
    assert (low.value, low.bound, high.value, high.bound) == (3000, ">=", 5000, "<=")


@pytest.mark.parametrize("cue", load_rules().ranks["cues"])
def test_every_rank_cue(cue, rules):
    (figure,) = extract(f"综合得分{cue}全国第二。", "case", rules)
    assert (figure.kind, figure.value, figure.unit) == ("rank", 2, rules.ranks["default_unit"])


def _exclusion_examples():
    for rule in load_rules().exclusions["exclusions"]:
        for example in rule["examples"]:
            yield pytest.param(rule["name"], example, id=f"{rule['name']}:{example}")


@pytest.mark.parametrize("name,example", list(_exclusion_examples()))
def test_every_exclusion_rejects_its_examples(name, example, rules):
    work = normalize(example)
    blocked = blocked_spans(work.text, rules)
    assert name in blocked.names, f"{name} does not match {example!r}"
    kept = [f.mention for f in extract(example, "case", rules)]
    hits = [m.group() for r in rules.exclusions["exclusions"] if r["name"] == name
            for m in r["pattern"].finditer(work.text)]
    assert not any(h in m or m in h for h in hits for m in kept), kept


@pytest.mark.parametrize("subject", load_rules().indicator["subjects"])
def test_every_subject_is_dropped(subject, rules):
    (figure,) = extract(f"今年，{subject}新增停车泊位4734个。", "case", rules)
    assert figure.indicator == "新增停车泊位"


@pytest.mark.parametrize("verb", load_rules().indicator["kept_verbs"])
def test_every_kept_verb_stays(verb, rules):
    (figure,) = extract(f"全年共{verb}困难群众4734人。", "case", rules)
    assert figure.indicator.startswith(verb), figure.indicator


@pytest.mark.parametrize("verb", load_rules().indicator["generic_verbs"])
def test_every_generic_word_is_dropped(verb, rules):
    (figure,) = extract(f"今年，{verb}停车泊位4734个。", "case", rules)
    assert figure.indicator == "停车泊位", figure.indicator


@pytest.mark.parametrize("word", load_rules().indicator["joining"])
def test_every_joining_word_joins(word, rules):
    (figure,) = extract(f"今年，完成汽车报废{word}置换更新25741辆。", "case", rules)
    assert figure.indicator == f"汽车报废{word}置换更新"


@pytest.mark.parametrize("mark", load_rules().indicator["name_marks"])
def test_every_name_mark_stays_inside_a_name(mark, rules):
    (figure,) = extract(f"全年国际{mark}港澳台快递业务量完成0.70亿件。", "case", rules)
    assert figure.indicator == f"国际{mark}港澳台快递业务量"


@pytest.mark.parametrize("word", load_rules().indicator["comparisons"])
def test_every_comparison_base_takes_the_sentences_indicator(word, rules):
    _, base = extract(f"全年粮食总产量780.1亿斤，{word}的770.2亿斤增加9.9亿斤。", "case", rules)[:2]
    assert base.indicator == "粮食总产量"


@pytest.mark.parametrize("word", load_rules().indicator["trailing"])
def test_every_trailing_word_drops_at_the_end(word, rules):
    (figure,) = extract(f"今年，城乡居民人均可支配收入{word}达到48562元。", "case", rules)
    assert figure.indicator == "城乡居民人均可支配收入"


@pytest.mark.parametrize("suffix", load_rules().indicator["suffixes"])
def test_every_suffix_keeps_its_verb(suffix, rules):
    (figure,) = extract(f"今年，全省项目实现{suffix}为12%。", "case", rules)
    assert figure.indicator.endswith(f"实现{suffix}"), figure.indicator


@pytest.mark.parametrize("word", load_rules().indicator["totals"])
def test_every_total_word_names_its_total(word, rules):
    *_, total = extract(f"城镇1267户，农村4785户，两项{word}6052户。", "case", rules)
    assert total.indicator == f"两项{word}", total.indicator


@pytest.mark.parametrize("word", load_rules().indicator["from_words"])
def test_every_from_word_names_both_ends(word, rules):
    figures = extract(f"全市森林覆盖率{word}2020年的62.1%提高到63.5%。", "case", rules)
    assert [f.indicator for f in figures] == ["森林覆盖率", "森林覆盖率"]


def test_bracket_inside_a_phrase(rules):
    (figure,) = extract("建成骨干输配水管（渠）网2,806公里。", "case", rules)
    assert figure.indicator == "建成骨干输配水管（渠）网"   # as written: full-width brackets


def test_top_rank(rules):
    (figure,) = extract("空气质量跻身全国重点城市前20位。", "case", rules)
    assert (figure.mention, figure.value, figure.kind, figure.bound) == ("前20位", 20, "rank", "<=")


@pytest.mark.parametrize("word", load_rules().indicator["words"])
def test_every_indicator_word_stays_whole(word, rules):
    (figure,) = extract(f"今年，{word}12%。", "case", rules)
    assert figure.indicator == word


@pytest.mark.parametrize("text,entity", [
    ("团市委开展活动358场。", "团市委"),
    ("市城管局新增停车泊位4734个。", "市城管局"),
    ("市人民政府安排资金300万元。", "市人民政府"),
    ("市政府安排资金300万元。", "市政府"),
    ("国家统计局江苏调查总队测算，增长5%。", "国家统计局江苏调查总队"),
    ("国家统计局数据显示，增长5%。", "国家统计局"),
])
def test_every_entity_pattern(text, entity, rules):
    (figure,) = extract(text, "case", rules)
    assert figure.entity == entity


def test_entity_reject(rules):
    (figure,) = extract("市委政法委会同有关部门排查隐患120处。", "case", rules)
    assert figure.entity == ""


@pytest.mark.parametrize("text,period", [
    ("截至2024年12月底，累计补贴5.95亿元。", "截至2024年12月底"),
    ("截至2024年年底，累计补贴5.95亿元。", "截至2024年年底"),
    ("1—10月，新增就业1.2万人。", "1—10月"),
    ("全年新增就业1.2万人。", "全年"),
    ("“十四五”以来，新增就业1.2万人。", "“十四五”以来"),
])
def test_every_period_pattern(text, period, rules):
    (figure,) = extract(text, "case", rules)
    assert figure.period == period


# --- a broken rules file is reported with file, line and fault -------------

BROKEN = [
    ("units.yaml", "units:\n  元: money\n  元: money\n", "duplicate key '元'"),
    ("units.yaml", "magnitudes: [1, 2\n", "YAML syntax error"),
    ("bounds.yaml", "before: {约: \"~\"}\nbridges: []\ninside: {}\nafter: {}\nranges: []\nextra: 1\n",
     "unknown key 'extra'"),
    ("bounds.yaml", "before: {约: \"about\"}\nbridges: []\ninside: {}\nafter: {}\nranges: []\n",
     "'about' is not one of"),
    ("ranks.yaml", "measure_words: 位\ndefault_unit: 位\ntop_prefix: 前\ncues: []\n", "expected a list"),
    ("units.yaml", "magnitudes: {万: ten}\naliases: {}\nunits: {}\nranks: []\nslash_denominators: []\n",
     "expected a number"),
    ("exclusions.yaml", "exclusions:\n  - name: x\n    why: y\n    pattern: '(unclosed'\n    examples: []\n",
     "regex does not compile"),
    ("context.yaml", "entity_patterns: []\nentity_reject: []\n", "missing key 'period_patterns'"),
    ("indicator.yaml", "", "the file is empty"),
]


@pytest.mark.parametrize("name,content,fault", BROKEN, ids=[b[2] for b in BROKEN])
def test_broken_rules_file(tmp_path, name, content, fault):
    folder = tmp_path / "rules"
    shutil.copytree(DEFAULT_DIR, folder)
    (folder / name).write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(folder)
    message = str(err.value)
    assert message.startswith(f"{folder / name}:") and fault in message
    assert "\n" not in message
    line = message.split(":")[1]
    assert line.isdigit() or fault == "the file is empty" and line == "1"


def test_missing_rules_folder(tmp_path):
    with pytest.raises(RulesError, match="rules folder not found"):
        load_rules(tmp_path / "nowhere")
