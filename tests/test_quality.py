"""Quality floors measured with dyad eval on the project's gold files.

Floors only go up: when the coder improves, raise them to just under the new scores.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.evaluate import Report, evaluate
from dyad.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent / "gold"

# gold file -> minimum scores
FLOORS: dict[str, dict[str, float]] = {
    "seed.jsonl": {
        "precision": 0.95,
        "recall": 0.95,
        "f1": 0.97,
        "sector_accuracy": 1.0,
        "date_accuracy": 1.0,
        "location_accuracy": 1.0,
    },
    "corpus.jsonl": {
        "precision": 0.76,
        "recall": 0.75,
        "f1": 0.76,
        "sector_accuracy": 0.85,
        "date_accuracy": 0.97,
        "location_accuracy": 0.86,
    },
    # Written by a second author who never saw the coder's rules or output; scored once
    # before any change was made for it (F1 0.469). Use it to measure generality.
    "corpus2.jsonl": {
        "precision": 0.68,
        "recall": 0.66,
        "f1": 0.67,
        "sector_accuracy": 0.80,
        "date_accuracy": 0.98,
        "location_accuracy": 0.87,
    },
    # A second held-out file by another author (first score F1 0.497); its misses have since
    # been read for general rules, so it is now a development set too.
    "corpus3.jsonl": {
        "precision": 0.64,
        "recall": 0.59,
        "f1": 0.61,
        "sector_accuracy": 0.83,
        "date_accuracy": 0.94,
        "location_accuracy": 0.91,
    },
    # The third held-out file, written without looking at the coder and never used to tune it
    # (only its totals are read): the honest number for unseen news.
    "corpus4.jsonl": {
        "precision": 0.58,
        "recall": 0.52,
        "f1": 0.55,
        "sector_accuracy": 0.67,
        "date_accuracy": 0.98,
        "location_accuracy": 0.69,
    },
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_floors(name: str, pipeline: Pipeline) -> None:
    report: Report = evaluate(GOLD / name, pipeline)
    scores = report.to_dict()
    low = {
        k: (scores[k], floor)
        for k, floor in FLOORS[name].items()
        if scores[k] is None or scores[k] < floor
    }
    assert not low, f"{name}: below floor (score, floor): {low}"
