"""Lists of figures: 分别增长5.6%、7.1%和3.2%; 分别提高0.8个和1.4个百分点.

Each number of a list is its own row (SPEC §5). Where the clause names the
items in order before 分别, each row's indicator is its item's name; where a
list writes its unit once at the end, the earlier numbers take it.
"""
from __future__ import annotations

import regex

RESPECTIVELY = "分别"
# The words that join the numbers (and the names) of one list: 分别增长5.6%、7.1%和3.2%.
GLUE = ("、", "和", "及", "与")
GLUE_CHARS = "".join(GLUE)      # each is one character: a set of them for quick checks
_NAMED = regex.compile(r"\p{Han}.*\p{Han}|[A-Za-z]")


def is_glue(between: str, glue: str) -> bool:
    """Only list glue (、 和 及 与 …) stands between two numbers of a list."""
    return bool(between) and not between.strip(glue)


def item_names(tokens: list[str], joining: frozenset[str], count: int) -> list[str] | None:
    """The `count` item names in `tokens` (written before 分别), or None when they do not line up.

    Items are split at whole joining words (和, 、), never inside a word (涉及).
    `第一、二、三产业增加值` gives fragments (第一, 二): those are no names, and
    the list keeps its shared indicator.
    """
    items, current = [], ""
    for token in tokens:
        if token in joining:
            items.append(current)
            current = ""
        else:
            current += token
    items.append(current)
    items = [item.strip(" ,，") for item in items]
    if len(items) != count or not all(_NAMED.search(item) and len(item) >= 2 for item in items):
        return None
    return items
