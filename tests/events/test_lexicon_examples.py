"""Every pattern in the lexicon carries an example sentence; the coder must code it.

The test runs each example through the whole pipeline and expects an event with the
pattern's CAMEO code. The share that passes is a floor that only goes up.
"""

from __future__ import annotations

from datetime import date

import pytest

from dyad.events.lexicon import load_lexicon
from dyad.model import Document
from dyad.ontology.cameo import codebook
from dyad.ontology.plover import PLOVER_TYPES
from dyad.pipeline import Pipeline

EXAMPLES_FLOOR = 0.936


def test_lexicon_is_broad_and_clean() -> None:
    lex = load_lexicon()
    assert len(lex.patterns) >= 4000
    roots = {p.cameo[:2] for p in lex.patterns}
    assert roots >= {f"{r:02d}" for r in range(3, 21)}
    types = {codebook()[p.cameo].plover_type for p in lex.patterns}
    assert types == set(PLOVER_TYPES)
    assert all(p.example for p in lex.patterns)
    # Skipped rows are duplicates of an earlier file's phrase, never unknown codes.
    assert all("duplicate" in s for s in lex.skipped), lex.skipped[:5]


@pytest.mark.slow
def test_pattern_examples_code_to_their_pattern(nlp: object) -> None:
    lex = load_lexicon()
    pipe = Pipeline(batch_size=64)
    patterns = list(lex.patterns)
    docs = (
        Document(f"ex{i}", p.example, date(2024, 1, 15), "given") for i, p in enumerate(patterns)
    )
    misses = []
    for pattern, analysis in zip(patterns, pipe.analyse_many(docs), strict=True):
        if not any(e.cameo == pattern.cameo for e in analysis.events):
            misses.append(f"{pattern.source} {pattern.cameo} {pattern.phrase}: {pattern.example}")
    share = 1 - len(misses) / len(patterns)
    assert share >= EXAMPLES_FLOOR, f"{share:.3f} < {EXAMPLES_FLOOR}; e.g. " + "\n".join(
        misses[:20]
    )
