"""The audit (issue 8): the relations a text states, found and checked.

Cases are data (tests/cases/relations.yaml), each its own test id; the seed
cases are the issue's own examples on corpus/xinxiang_2024.txt; every word
of rules/relations.yaml is proven used by a case built around it.
"""
from __future__ import annotations

import csv
import json
import re

import pytest
import yaml

from zhfigures.audit import audit
from zhfigures.cli import main
from zhfigures.read import read_text
from zhfigures.relation import COLUMNS
from zhfigures.rules import load_rules

from .conftest import CASES, CORPUS

SEED = CORPUS / "xinxiang_2024.txt"
CASE_LIST = yaml.safe_load((CASES / "relations.yaml").read_text(encoding="utf-8"))["cases"]


def _locate(text: str, mentions: list[str]) -> list[int]:
    """Start of each mention; a mention named twice is its next occurrence."""
    starts, last = [], {}
    for mention in mentions:
        last[mention] = text.index(mention, last.get(mention, -1) + 1)
        starts.append(last[mention])
    return starts


def _key(text: str, want: dict) -> tuple:
    (result,) = _locate(text, [want["result"]])
    return (want["relation"], result, tuple(sorted(_locate(text, want["operands"]))),
            want["status"])


def _got(relations) -> dict:
    return {(r.relation, r.result_start, r.operand_starts, r.status): r for r in relations}


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["id"] for c in CASE_LIST])
def test_case(case, rules):
    text = case["text"]
    got = _got(audit(text, "case", rules))
    want = {_key(text, w): w["expected"] for w in case["relations"]}
    summary = [(*k, r.expected, r.note) for k, r in got.items()]
    assert set(got) == set(want), summary
    for key, expected in want.items():
        assert got[key].expected == pytest.approx(expected, rel=1e-3), summary


# --- the seed: the examples ---------------------------------------------

SEED_RELATIONS = [
    {"relation": "sum", "result": "6052户", "operands": ["1267户", "4785户"],
     "status": "holds", "expected": 6052},
    {"relation": "sum", "result": "1615.22万元",
     "operands": ["783.23万元", "674.19万元", "33.28万元", "124.52万元"],
     "status": "holds", "expected": 16152200},
    {"relation": "completion", "result": "157.8%", "operands": ["3000个", "4734个"],
     "status": "holds", "expected": 157.8},
    {"relation": "completion", "result": "139.87%", "operands": ["2554名"],
     "status": "implied", "expected": 1826},
    {"relation": "points", "result": "5.48个百分点", "operands": ["70.48%"],
     "status": "implied", "expected": 65},
]


@pytest.fixture(scope="module")
def seed():
    return read_text(SEED)


@pytest.mark.parametrize("want", SEED_RELATIONS, ids=lambda w: f"{w['relation']}:{w['result']}")
def test_seed_relation(want, seed, rules):
    got = _got(audit(seed, "xinxiang_2024", rules))
    key = _key(seed, want)
    assert key in got, [k for k in got if k[0] == want["relation"]]
    assert got[key].expected == pytest.approx(want["expected"], rel=1e-3)


@pytest.mark.parametrize("written,changed,part,expected", [
    ("“瓶改管”完成1267户", "“瓶改管”完成1276户", "1276户", 6061),
    ("省级资金674.19万元", "省级资金674.91万元", "674.91万元", 16159400),
])
def test_changed_seed_fails_its_sum(written, changed, part, expected, seed, rules):
    text = seed.replace(written, changed)
    assert text != seed
    part = text.index(changed) + changed.index(part)
    sums = [r for r in audit(text, "xinxiang_2024", rules)
            if r.relation == "sum" and part in r.operand_starts]
    assert [(r.status, r.expected) for r in sums] == [("fails", expected)]
    assert "off by" in sums[0].note


def test_seed_everything_else_holds_or_is_implied(seed, rules):
    assert {r.status for r in audit(seed, "xinxiang_2024", rules)} <= {"holds", "implied"}


# --- every word of rules/relations.yaml is used ----------------------------------

RULES = load_rules().relations


def _found(text: str, rules) -> set[tuple[str, str]]:
    return {(r.relation, r.status) for r in audit(text, "case", rules)}


BREAKDOWN_EXAMPLES = ("分险种看", "按险种分", "从险种看", "三次产业")     # one for each regex entry
NONE = "none"       # a word that takes a relation away: present without it, absent with it


def _entries():
    templates = {
        ("links",): ("新增停车泊位4734个，完成率{}157.8%。", "completion", "implied"),
        ("sum", "parts_after"): ("全年共完成改造6052户，{}甲完成1267户，乙完成4785户。", "sum", "holds"),
        ("sum", "total_after"): ("甲完成1267户、乙完成4785户，{}6052户。", "sum", "holds"),
        ("sum", "breakdowns"): ("基金总收入786.4亿元，总支出702.9亿元。{}，职工医保基金收入512.7亿元，"
                                "城乡居民医保基金收入273.7亿元。", "sum", "holds"),
        ("sum", "among"): ("全市共有门诊部420个，诊所980个。门诊部{}，口腔门诊部150个，中医门诊部270个。",
                           "sum", "holds"),
        ("sum", "rest"): ("全市新建学校40所。已完工学校36所，{}4所学校正加紧建设。", "sum", "holds"),
        ("completion", "rate_names"): ("新增停车泊位4734个，{}157.8%。", "completion", "implied"),
        ("completion", "reach"): ("新增停车泊位4734个，{}年度目标的157.8%。", "completion", "implied"),
        ("completion", "targets"): ("年度{}为3000个，新增停车泊位4734个，完成率157.8%。",
                                    "completion", "holds"),
        ("completion", "plans"): ("新增停车泊位4734个，完成{}的157.8%。", "completion", "implied"),
        ("points", "above"): ("完成率70.48%，{}省定目标5.48个百分点。", "points", "implied"),
        ("points", "below"): ("完成率70.48%，{}省定目标5.48个百分点。", "points", "implied"),
        ("share", "of"): ("地区生产总值128,222.2亿元。制造业增加值4.66万亿元，{}地区生产总值比重达36.3%。",
                          "share", "holds"),
        ("share", "whole_ends"): ("地区生产总值128,222.2亿元。制造业增加值4.66万亿元，占地区生产总值{}达36.3%。",
                                  "share", "holds"),
        ("share", "day_rates"): ("2023年，全市空气质量{}为80.5%，优良天数294天。", "share", "holds"),
        ("share", "day_counts"): ("2023年，全市空气质量优良天数比率为80.5%，{}294天。", "share", "holds"),
        ("change", "up"): ("学位由1080个{0}到2000个，{0}920个。", "difference", "holds"),
        ("change", "down"): ("标准由700元{0}到650元，{0}50元。", "difference", "holds"),
        ("change", "from"): ("学位{}1080个增加到2000个，增加920个。", "difference", "holds"),
        ("change", "to"): ("学位由1080个增加{}2000个，增加920个。", "difference", "holds"),
        ("change", "than"): ("产量759.5万吨，{}上年的753.4万吨增长0.8%。", "growth", "holds"),
        ("change", "than_up"): ("产量759.5万吨，比上年的753.4万吨{}6.1万吨。", "difference", "holds"),
        ("change", "over"): ("建成足球场地150块，年度目标120块，{}30块。", "difference", "holds"),
        ("change", "than_down"): ("产量753.4万吨，比上年的759.5万吨{}6.1万吨。", "difference", "holds"),
        ("completion", "respectively"): ("改造4016户，培训466人，{}完成年度目标任务的100.4%和155%。",
                                         "completion", "implied"),
        ("share", "bare"): ("年末常住人口1364万人，其中城镇人口1166.2万人，{}85.5%。", "share", "holds"),
        ("share", "people"): ("全省1202.3万{}在校生中，已有312.6万人接受筛查，所占比重为26.0%。",
                              "share", "holds"),
        ("share", "among"): ("全省174家县级医院{}，已有138家达到二级甲等水平，占比79.3%。", "share", "holds"),
        ("change", "times"): ("装机3900万千瓦，{}上年末2437万千瓦的1.6倍。", "ratio", "holds"),
        ("change", "with"): ("产量759.5万吨，{}上年的753.4万吨相比增长0.8%。", "growth", "holds"),
        ("change", "compared"): ("产量759.5万吨，与上年的753.4万吨{}增长0.8%。", "growth", "holds"),
        ("change", "exceeds"): ("存款余额8836.7亿元，贷款余额9252.4亿元，贷款余额{}存款余额415.7亿元。",
                                "difference", "holds"),
        ("sum", "added"): ("经营收入81万元。这笔收入{}补助12万元和结转7万元，收入合计100万元。", "sum", "holds"),
        ("change", "work_verbs"): ("全年实际完成公厕329座，其中新建126座、{}203座。", "sum", "holds"),
        ("sum", "remainder"): ("全年基金收入25636万元，完成预算的102.3%。基金支出24187万元，当年收支{}1449万元。",
                               "difference", "holds"),
        ("sum", "per_unit"): ("床位5960张，其中护理型床位3815张，{}千名老年人拥有养老床位41.7张。", "sum", NONE),
        ("sum", "recap"): ("全年支出900万元。其中，教育支出300万元，卫生支出200万元。{}两项合计500万元。",
                           "sum", "holds"),
        ("balance", "words"): ("收入合计835万元。支出合计833万元，{}结转下年2万元。", "difference", "holds"),
        ("balance", "income"): ("{}合计835万元。支出合计833万元，收支相抵结转下年2万元。", "difference", "holds"),
        ("balance", "spending"): ("收入合计835万元。{}合计833万元，收支相抵结转下年2万元。", "difference", "holds"),
        ("reduction", "words"): ("送审金额900万元，审定金额810万元，{}90万元。", "difference", "holds"),
        ("reduction", "rates"): ("送审金额900万元，审定金额810万元，审减90万元，{}10%。", "share", "holds"),
        ("completion", "overall"): ("新建公园52个，认定博物馆26家，{}完成率118.5%。", "completion", NONE),
        # by arithmetic alone: wordings no finder knows
        ("arithmetic", "share"): ("水电装机1200万千瓦，总装机5000万千瓦，水电{}24%。", "share", "holds"),
        ("arithmetic", "completion"): ("计划造林8万亩，实际造林9.2万亩，{}全年计划的115%。",
                                       "completion", "holds"),
        ("arithmetic", "up"): ("今年接待游客1.2亿人次，上年1亿人次，两年相比游客总数{}20%。",
                               "growth", "holds"),
        ("arithmetic", "down"): ("今年事故120起，去年150起，事故起数{}20%。", "growth", "holds"),
    }
    for path, (template, relation, status) in templates.items():
        words = RULES
        for key in path:
            words = words[key]
        for word in words:
            if hasattr(word, "pattern"):            # a regex entry: its example must match it
                example = next((e for e in BREAKDOWN_EXAMPLES if word.fullmatch(e)), None)
                assert example, word.pattern
                word = example
            without = template.format("") if status == NONE else ""
            yield pytest.param(template.format(word), relation, status, without,
                               id=f"{'.'.join(path)}:{word}")
    for identity in RULES["identities"]:
        values = [12.5 * (i + 2) for i in range(len(identity["operands"]))]
        result = {"sum": f"{sum(values):g}亿元", "difference": f"{values[0] - sum(values[1:]):g}亿元",
                  "share": f"为{values[0] / values[1] * 100:.2f}%"}[identity["relation"]]
        terms = [f"{name}{value:g}亿元" for name, value in zip(identity["operands"], values)]
        text = "，".join([*terms, f"{identity['result']}{result}"]) + "。"
        yield pytest.param(text, identity["relation"], "holds", "", id=f"identities:{identity['result']}")


def test_every_rules_section_has_a_case():
    sections = {key for key, value in RULES.items() if isinstance(value, list)} \
        | {f"{key}.{sub}" for key, value in RULES.items() if isinstance(value, dict) for sub in value}
    covered = {p.id.split(":")[0] for p in _entries()}
    assert sections <= covered, sections - covered


@pytest.mark.parametrize("text,relation,status,without", list(_entries()))
def test_every_rules_entry_is_used(text, relation, status, without, rules):
    if status != NONE:
        assert (relation, status) in _found(text, rules), text
        return
    assert relation not in {r for r, _ in _found(text, rules)}, text
    assert relation in {r for r, _ in _found(without, rules)}, without


def test_points_below_adds_the_points(rules):
    (points,) = [r for r in audit("完成率60.5%，低于省定目标4.5个百分点。", "case", rules)]
    assert points.expected == pytest.approx(65.0)


# --- the command ------------------------------------------------------------------

@pytest.fixture
def seed_copy(tmp_path, seed):
    path = tmp_path / "xinxiang_2024.txt"
    path.write_text(seed, encoding="utf-8")
    return path


def test_audit_command_writes_csv(seed_copy, seed, tmp_path):
    out = tmp_path / "out" / "relations.csv"
    assert main(["audit", str(seed_copy), "-o", str(out), "-q"]) == 0
    raw = out.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(raw.lstrip("\ufeff").splitlines()))
    assert tuple(rows[0]) == COLUMNS
    parts = ";".join(str(s) for s in _locate(seed, ["1267户", "4785户"]))
    (total,) = [r for r in rows if r["relation"] == "sum" and r["operand_starts"] == parts]
    assert (total["result_start"], total["stated"], total["status"]) == (str(seed.index("6052户")),
                                                                          "6052", "holds")
    assert [p.name for p in out.parent.iterdir()] == ["relations.csv"]    # no temporary left


def test_audit_command_writes_jsonl(seed_copy, capsys):
    assert main(["audit", str(seed_copy), "--format", "jsonl", "-q"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(isinstance(r["operand_starts"], list) for r in rows)
    assert {r["status"] for r in rows} <= {"holds", "implied"}


def test_audit_command_without_relations(tmp_path):
    doc = tmp_path / "plain.txt"
    doc.write_text("全年共开展活动358场，覆盖青少年近3万人。", encoding="utf-8")
    out = tmp_path / "relations.csv"
    assert main(["audit", str(doc), "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [",".join(COLUMNS)]


def test_audit_command_reports_a_missing_file(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "nowhere.txt"), "-o", str(tmp_path / "r.csv")]) == 1
    err = capsys.readouterr().err
    assert "nowhere.txt" in err and "Traceback" not in err


def test_report_shows_relations_beside_the_text(seed_copy, seed, tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", str(seed_copy), "-o", str(out), "-q"]) == 0
    html = out.read_text(encoding="utf-8")
    total = seed.index("6052户")
    row = html[html.index(f'data-relation="sum" data-result="{total}"'):]
    row = row[:row.index("</tr>")]
    anchor = re.search(r'href="#([^"]+)"', row).group(1)
    mark = re.search(rf'<mark id="{anchor}"[^>]*>', html).group()
    assert f'data-start="{total}"' in mark
    assert "1267户 + 4785户 = 6052户" in row


def test_traditional_numerals_are_checked_to_their_last_digit(rules):
    # 三點五萬元 is written to 0.1萬 (1000元): 1.2萬 + 2.3萬 meets it
    (total,) = audit("共投入資金三點五萬元，其中市級1.2萬元，縣級2.3萬元。", "case", rules)
    assert (total.relation, total.status, total.expected) == ("sum", "holds", 35000)
