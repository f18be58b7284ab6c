"""Scoring of relations against gold (zhfigures.evaluate_relations, issue 8).

Small hand-made gold/pred pairs: a pair counts when the relation type and
the status agree, the result figures overlap and the operand figures overlap
one to one, whatever their order.
"""
from __future__ import annotations

import io

import pytest

from zhfigures.cli import main
from zhfigures.evaluate_relations import (
    format_table, load_relations, matches, precision_recall, score, write_errors,
)
from zhfigures.relation import COLUMNS, Relation, csv_writer

# Gold figures at 10–15, 20–25, 30–35; predicted ones start a character later.
GOLD_SPANS = {("d", 10): 15, ("d", 20): 25, ("d", 30): 35}
PRED_SPANS = {("d", 11): 15, ("d", 21): 25, ("d", 31): 35}
GOLD = Relation("d", "sum", 10, (20, 30), 300, 300, "holds", "")


def rel(relation="sum", result=11, operands=(21, 31), status="holds") -> Relation:
    return Relation("d", relation, result, operands, 300, 300, status, "")


@pytest.mark.parametrize("pred,expected", [
    (rel(), True),
    (rel(operands=(31, 21)), True),                 # operands are a set
    (rel(status="fails"), False),
    (rel(relation="completion"), False),
    (rel(result=21, operands=(11, 31)), False),     # result and operand swapped
    (rel(operands=(21,)), False),
    (rel(operands=(21, 31, 41)), False),
    (rel(operands=(21, 21)), False),                # one predicted operand per gold operand
], ids=["same", "operand_order", "status", "relation", "swapped", "fewer", "more", "doubled"])
def test_matches(pred, expected):
    assert matches(GOLD, GOLD_SPANS, pred, PRED_SPANS) is expected


def test_pairs_one_to_one():
    report = score([GOLD], GOLD_SPANS, [rel(), rel()], PRED_SPANS)
    assert report.per_doc == {"d": (1, 2, 1)}
    assert len(report.extras) == 1 and not report.misses
    assert precision_recall(report.micro) == (0.5, 1.0)


def test_nothing_predicted_is_nothing_wrong():
    report = score([GOLD], GOLD_SPANS, [], PRED_SPANS)
    assert precision_recall(report.micro) == (1.0, 0.0)
    assert report.misses == (GOLD,)
    assert "micro" in format_table(report)


def test_written_relations_read_back(tmp_path):
    path = tmp_path / "relations.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv_writer(stream)([GOLD, rel(status="implied")])
    assert load_relations(path) == [GOLD, rel(status="implied")]


def test_a_bad_row_names_its_line(tmp_path):
    path = tmp_path / "relations.csv"
    path.write_text(",".join(COLUMNS) + "\nd,sum,10,20;30,300,300,maybe,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2"):
        load_relations(path)


def test_errors_list_misses_and_extras():
    stream = io.StringIO()
    write_errors(score([GOLD], GOLD_SPANS, [rel(status="fails")], PRED_SPANS), stream)
    assert [line.split(",")[0] for line in stream.getvalue().splitlines()] == ["type", "miss", "extra"]


TEXT = "两项工作全年共完成改造6052户。其中，“瓶改管”完成1267户，“瓶改电”完成4785户。"
FIGURE_HEADER = "doc_id,start,end,mention,value,unit,kind,bound,indicator,entity,period,sentence"


@pytest.mark.parametrize("status,matched", [("holds", "1"), ("fails", "0")])
def test_evaluate_command(tmp_path, capsys, status, matched):
    doc = tmp_path / "demo.txt"
    doc.write_text(TEXT, encoding="utf-8")
    starts = [TEXT.index(m) for m in ("6052户", "1267户", "4785户")]
    gold = tmp_path / "gold.csv"
    gold.write_text("\n".join([FIGURE_HEADER] + [
        f"demo,{s},{s + 5},{TEXT[s:s + 5]},{TEXT[s:s + 4]},户,count,=,改造,,," for s in starts]) + "\n",
        encoding="utf-8")
    relations = tmp_path / "relations.csv"
    relations.write_text(f"{','.join(COLUMNS)}\ndemo,sum,{starts[0]},{starts[1]};{starts[2]},"
                         f"6052,6052,{status},\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold), "--relations", str(relations), str(doc)]) == 0
    micro = capsys.readouterr().out.splitlines()[-1].split()
    assert micro[:4] == ["micro", "1", "1", matched]


def test_evaluate_command_needs_documents(tmp_path, capsys):
    assert main(["evaluate", "--gold", "g.csv", "--relations", "r.csv"]) == 2
    assert "give the documents" in capsys.readouterr().err
