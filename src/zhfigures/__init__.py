"""zhfigures: every statistical figure of a Chinese press release, as a record.

    >>> from zhfigures import extract
    >>> [(f.mention, f.value, f.unit, f.bound) for f in extract("覆盖青少年近3万人。")]
    [('3万人', 30000.0, '人', '<')]
"""
from __future__ import annotations

from .parser import extract
from .record import COLUMNS, Figure
from .rules import RulesError, load_rules

__all__ = ["extract", "extract_files", "Figure", "COLUMNS", "RulesError", "load_rules"]
__version__ = "0.1.0"


def extract_files(paths, rules_dir=None):
    """Every figure of every file (or folder of files) in `paths`, as a pandas DataFrame."""
    from .corpus import iter_documents
    from .output import to_dataframe

    rules = load_rules(rules_dir)
    figures = []
    for doc in iter_documents(paths):
        figures.extend(extract(doc.text, doc.doc_id, rules))
    return to_dataframe(figures)
