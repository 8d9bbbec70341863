"""Actor knowledge: how long it takes to load, and what resolving mentions adds to coding.

Prints (1) the time to load all actor knowledge (countries, organisations, agents, office
holders) in a fresh process, and (2) on the benchmark corpus, the time spent resolving
actors (the Story pass) as a share of the whole ``dyad code`` time, both measured in the
same run. Nothing is asserted: the figures go to docs/performance.md.

    python benchmarks/actors_bench.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

LOAD_SNIPPET = """
import time
t = time.perf_counter()
from dyad.actors.lexicon import load_lexicon
from dyad.actors.people import office_holders
lex = load_lexicon()
people = office_holders()
people.lookup("Aliyev")
print(time.perf_counter() - t)
"""


def load_seconds() -> float:
    """Seconds to import and load every actor knowledge file, in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def resolution_share(repeat: int) -> tuple[float, float, int]:
    """(seconds resolving actors, seconds coding in all, documents) on the corpus."""
    from dyad.actors.story import Story
    from dyad.model import Document
    from dyad.pipeline import Pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] * repeat
    docs = [Document(f"d{i}", t, date(2023, 6, 1), "given") for i, t in enumerate(texts)]
    pipe = Pipeline()
    list(pipe.analyse_many(docs[:1]))  # warm: model, gazetteers, lexicons

    spent = 0.0
    original = Story.resolve

    def timed(self: Story) -> None:
        nonlocal spent
        started = time.perf_counter()
        original(self)
        spent += time.perf_counter() - started

    Story.resolve = timed  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        for _ in pipe.analyse_many(docs):
            pass
        total = time.perf_counter() - started
    finally:
        Story.resolve = original  # type: ignore[method-assign]
    return spent, total, len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="times the corpus is coded")
    args = parser.parse_args()
    load = load_seconds()
    spent, total, n = resolution_share(args.repeat)
    print(f"actor knowledge load (fresh process): {load:.2f} s")
    print(f"documents coded: {n}; total {total:.2f} s; resolving actors {spent:.2f} s")
    print(f"actor resolution / dyad code time: {spent / total:.1%}")
    print(f"actor resolution added relative to the rest: {spent / (total - spent):.1%}")


if __name__ == "__main__":
    main()
