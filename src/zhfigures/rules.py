"""Load the rule files of `rules/` and check them against their schema.

Rules are data a user edits without touching code, so a mistake in them must
be reported like a compiler error: the file, the line and what is wrong, in
one line (`RulesError`). Like quantulum3's units loader, a key written twice
is refused rather than silently overwritten.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import regex
import yaml

from .record import BOUNDS, KINDS

DEFAULT_DIR = Path(__file__).resolve().parent / "rules_data"


class RulesError(ValueError):
    """A rules file is invalid; the message names file, line and fault."""


# --- schema ---------------------------------------------------------------
# A schema is a function (node, where) -> python value that raises RulesError.
Check = Callable[[yaml.Node, str], Any]


def _fail(node: yaml.Node, where: str, message: str) -> RulesError:
    return RulesError(f"{where}:{node.start_mark.line + 1}: {message}")


def text() -> Check:
    def check(node, where):
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise _fail(node, where, f"expected a string, got {_kind(node)}")
        if not node.value:
            raise _fail(node, where, "empty string")
        return node.value
    return check


def number() -> Check:
    def check(node, where):
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (
                "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            raise _fail(node, where, f"expected a number, got {_kind(node)}")
        return float(yaml.safe_load(node.value))
    return check


def one_of(choices: tuple[str, ...]) -> Check:
    def check(node, where):
        value = text()(node, where)
        if value not in choices:
            raise _fail(node, where, f"{value!r} is not one of {', '.join(choices)}")
        return value
    return check


def pattern() -> Check:
    def check(node, where):
        source = text()(node, where)
        try:
            return regex.compile(source)
        except regex.error as err:
            raise _fail(node, where, f"regex does not compile: {err}") from None
    return check


def list_of(item: Check) -> Check:
    def check(node, where):
        if not isinstance(node, yaml.SequenceNode):
            raise _fail(node, where, f"expected a list, got {_kind(node)}")
        return [item(child, where) for child in node.value]
    return check


def map_of(value: Check) -> Check:
    def check(node, where):
        if not isinstance(node, yaml.MappingNode):
            raise _fail(node, where, f"expected a mapping, got {_kind(node)}")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = text()(key_node, where)
            if key in out:
                raise _fail(key_node, where, f"duplicate key {key!r}")
            out[key] = value(value_node, where)
        return out
    return check


def record(required: dict[str, Check], optional: dict[str, Check] | None = None) -> Check:
    optional = optional or {}

    def check(node, where):
        fields = map_of(lambda n, w: n)(node, where)
        unknown = set(fields) - set(required) - set(optional)
        if unknown:
            key_node = next(k for k, _ in node.value if k.value in unknown)
            raise _fail(key_node, where, f"unknown key {key_node.value!r} "
                        f"(expected {', '.join([*required, *optional])})")
        missing = [k for k in required if k not in fields]
        if missing:
            raise _fail(node, where, f"missing key {missing[0]!r}")
        return {k: schema(fields[k], where) for k, schema in {**required, **optional}.items()
                if k in fields}
    return check


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


SCHEMAS: dict[str, Check] = {
    "units.yaml": record({
        "magnitudes": map_of(number()),
        "aliases": map_of(text()),
        "units": map_of(one_of(KINDS)),
        "ranks": list_of(text()),
        "slash_denominators": list_of(text()),
    }),
    "bounds.yaml": record({
        "before": map_of(one_of(BOUNDS)),
        "bridges": list_of(text()),
        "inside": map_of(one_of(BOUNDS)),
        "after": map_of(one_of(BOUNDS)),
        "ranges": list_of(text()),
    }),
    "ranks.yaml": record({
        "measure_words": list_of(text()),
        "default_unit": text(),
        "top_prefix": text(),
        "cues": list_of(text()),
    }),
    "exclusions.yaml": record({
        "exclusions": list_of(record({
            "name": text(), "why": text(), "pattern": pattern(),
            "examples": list_of(text()),
        })),
    }),
    "indicator.yaml": record({
        "words": list_of(text()),
        "comparisons": list_of(text()),
        "trailing": list_of(text()),
        "joining": list_of(text()),
        "name_marks": list_of(text()),
        "suffixes": list_of(text()),
        "subjects": list_of(text()),
        "generic_verbs": list_of(text()),
        "kept_verbs": list_of(text()),
        "totals": list_of(text()),
        "from_words": list_of(text()),
    }),
    "context.yaml": record({
        "entity_patterns": list_of(pattern()),
        "entity_reject": list_of(pattern()),
        "period_patterns": list_of(pattern()),
    }),
    "relations.yaml": record({
        "links": list_of(text()),
        "sum": record({"parts_after": list_of(text()), "total_after": list_of(text()),
                       "breakdowns": list_of(pattern()), "rest": list_of(text()),
                       "added": list_of(text()), "recap": list_of(text()),
                       "among": list_of(text()), "per_unit": list_of(text()),
                       "remainder": list_of(text())}),
        "balance": record({key: list_of(text()) for key in ("words", "income", "spending")}),
        "reduction": record({key: list_of(text()) for key in ("words", "rates")}),
        "completion": record({key: list_of(text())
                              for key in ("rate_names", "reach", "targets", "plans", "overall",
                                          "respectively")}),
        "points": record({"above": list_of(text()), "below": list_of(text())}),
        "share": record({key: list_of(text())
                         for key in ("of", "bare", "among", "people", "whole_ends", "day_rates", "day_counts")}),
        "change": record({key: list_of(text())
                          for key in ("up", "down", "from", "to", "than", "with", "compared",
                                      "than_up", "than_down", "exceeds", "over", "times",
                                      "work_verbs")}),
        "identities": list_of(record({"relation": one_of(("sum", "difference", "share")),
                                      "result": text(), "operands": list_of(text())})),
        "arithmetic": record({key: list_of(text())
                              for key in ("share", "completion", "up", "down")}),
    }),
}


@dataclass(frozen=True, eq=False)   # hashed by identity: stages cache per Rules
class Rules:
    """Every rules file, parsed and checked; one field per file."""
    directory: Path
    units: dict
    bounds: dict
    ranks: dict
    exclusions: dict
    indicator: dict
    context: dict
    relations: dict


# libyaml's composer where PyYAML was built with it: the same nodes and line marks, a
# tenth of the time (the rules are read at every cold start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_file(path: Path, schema: Check) -> Any:
    where = str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RulesError(f"{where}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise RulesError(f"{where}: not UTF-8 text") from None
    try:
        node = yaml.compose(source, Loader=_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise RulesError(f"{where}{line}: YAML syntax error: {problem}") from None
    if node is None:
        raise RulesError(f"{where}:1: the file is empty")
    _refuse_duplicates(node, where)
    return schema(node, where)


def _refuse_duplicates(node: yaml.Node, where: str) -> None:
    """A key written twice anywhere is an error, never a silent overwrite."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.value in seen:
                raise _fail(key_node, where, f"duplicate key {key_node.value!r}")
            seen.add(key_node.value)
            _refuse_duplicates(value_node, where)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _refuse_duplicates(child, where)


@lru_cache(maxsize=8)
def load_rules(directory: str | Path | None = None) -> Rules:
    """Load and check every rules file of `directory` (default: the packaged rules)."""
    folder = Path(directory) if directory else DEFAULT_DIR
    if not folder.is_dir():
        raise RulesError(f"{folder}: rules folder not found")
    parsed = {name: load_file(folder / name, schema) for name, schema in SCHEMAS.items()}
    return Rules(folder, *(parsed[name] for name in SCHEMAS))


def alternation(words) -> str:
    """Rules words as one regex alternation, longest first (so that 超过 wins over 超)."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
