"""Shared fixtures: the packaged rules, the corpus, the gold."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def rules():
    from zhfigures.rules import load_rules
    return load_rules()
