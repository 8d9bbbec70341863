"""Knowledge files: codebooks, dictionaries and patterns shipped as versioned TSV data.

Every file under ``ontology/data/`` starts with ``#`` comment lines naming its source,
date and licence, then a header row, then tab-separated rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def data_file(name: str) -> Path:
    """Path of a shipped data file (``countries.tsv``)."""
    return Path(str(resources.files("dyad.ontology").joinpath("data", name)))


def data_files(pattern: str) -> list[Path]:
    """Shipped data files matching a glob (``patterns*.tsv``), sorted by name."""
    return sorted(data_file("").glob(pattern))


def read_tsv(path: Path | str) -> Iterator[dict[str, str]]:
    """Rows of a TSV data file as dicts keyed by its header; ``#`` lines are skipped.

    A bare name is looked up among the shipped data files. Empty cells become ``""``.
    """
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        p = data_file(str(path))
    with p.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}
