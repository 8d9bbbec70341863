"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "presstv-2021-12-23-iran-azerbaijan.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from dyad.language import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")
