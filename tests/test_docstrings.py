"""The examples written in the modules' docstrings run, and give what they show."""
from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil

import pytest

import zhfigures

MODULES = sorted(m.name for m in pkgutil.iter_modules(zhfigures.__path__, "zhfigures."))
WITH_EXAMPLES = [name for name in MODULES
                 if ">>>" in (importlib.util.find_spec(name).loader.get_source(name) or "")]


def test_some_modules_show_examples():
    assert "zhfigures.audit" in WITH_EXAMPLES and "zhfigures.relation_arith" in WITH_EXAMPLES


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
