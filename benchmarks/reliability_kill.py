"""Crash-safety benchmark: SIGKILL ``dyad ingest`` many times at random points, then compare.

    python benchmarks/reliability_kill.py --rounds 3 --seed 1 [--docs 24] [--batch-size 3] [--json]

In each round the corpus (``--docs`` articles of ``benchmarks/corpus``) is ingested into a new
database by runs that are killed at seeded random points (``tests/reliability/killer.py``:
before a COMMIT, during it, half-way through recounting events, just after it, or from
outside after a random delay) until a run completes (at most ``--kills`` per round). Each
round's database is compared with a clean run's, table by table. Prints the kills that landed
per kind, the documents, mentions and events, and whether each killed database equals the
clean one (exit 1 if not).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reliability.test_kill import snapshot, write_corpus  # noqa: E402

MODES = ("before-commit", "in-commit", "in-recount", "after-commit", "none")


def _run(cmd: list[str], mode: str, target: int, delay: float, outside: float) -> bool:
    """One ingest, killed at the chosen point; True when the kill landed (it did not finish)."""
    args = [sys.executable, "-m", "tests.reliability.killer", mode, str(target), str(delay)]
    proc = subprocess.Popen(
        [*args, "--", *cmd], stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ}
    )
    assert proc.stderr is not None
    timer: threading.Timer | None = None
    for line in proc.stderr:
        if mode == "none" and timer is None and line.startswith("stored "):
            timer = threading.Timer(outside, proc.send_signal, [signal.SIGKILL])
            timer.start()
    proc.wait()
    if timer is not None:
        timer.cancel()
    return proc.returncode == -signal.SIGKILL


def _sources() -> str:
    """A fingerprint of dyad's code and data (paths, sizes, times) to notice edits mid-run."""
    files = sorted((ROOT / "src" / "dyad").rglob("*.*"))
    return str([(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file()])


def _differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """What differs between two snapshots, briefly."""
    out = []
    for key in want:
        if got[key] != want[key]:
            if isinstance(want[key], list):
                extra = sorted(set(got[key]) - set(want[key]))[:3]
                missing = sorted(set(want[key]) - set(got[key]))[:3]
                out.append(f"{key}: extra {extra}, missing {missing}")
            else:
                out.append(f"{key}: {got[key]} != {want[key]}")
    return out


def main() -> int:
    """Run the kills, resume, compare with a clean run, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="databases to kill and resume")
    parser.add_argument("--kills", type=int, default=12, help="at most this many kills a round")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--docs", type=int, default=24, help="articles in the corpus (max 40)")
    parser.add_argument("--batch-size", type=int, default=3, help="documents per transaction")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    code = _sources()
    landed: Counter[str] = Counter()
    attempts = 0
    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="dyad-kill-") as folder:
        tmp = Path(folder)
        feed = tmp / "corpus.jsonl"
        total = write_corpus(feed, args.docs)
        base = ["ingest", str(feed), "--batch-size", str(args.batch_size), "--workers", "1"]
        clean = tmp / "clean.duckdb"
        _run([*base, "--db", str(clean)], "none", 0, 0.0, 1e9)
        want = snapshot(clean)
        for r in range(args.rounds):
            db = tmp / f"killed-{r}.duckdb"
            for _ in range(args.kills):
                mode = rng.choice(MODES)
                attempts += 1
                args_ = (rng.randint(1, 3), rng.uniform(0.0, 0.005), rng.uniform(0.05, 1.0))
                if not _run([*base, "--db", str(db)], mode, *args_):
                    break  # the run completed: nothing left to kill
                landed[mode] += 1
            _run([*base, "--db", str(db)], "none", 0, 0.0, 1e9)  # complete it
            got = snapshot(db)
            ids = [d[0] for d in got["documents"]]
            mention_ids = [m[0] for m in got["mentions"]]
            rounds.append(
                {
                    "documents": len(ids),
                    "duplicate_documents": len(ids) - len(set(ids)),
                    "mentions": len(mention_ids),
                    "duplicate_mentions": len(mention_ids) - len(set(mention_ids)),
                    "events": len(got["events"]),
                    "equal_to_clean_run": got == want,
                    "differences": _differences(got, want),
                }
            )
    report: dict[str, Any] = {
        "seed": args.seed,
        "documents_in_corpus": total,
        "clean_run": {"mentions": len(want["mentions"]), "events": len(want["events"])},
        "rounds": len(rounds),
        "kills_attempted": attempts,
        "kills_landed": sum(landed.values()),
        "kills_by_point": dict(sorted(landed.items())),
        "rounds_equal_to_clean_run": sum(r["equal_to_clean_run"] for r in rounds),
        "per_round": rounds,
        "sources_changed_during_run": _sources() != code,  # if so, the comparison is void
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:>22}: {value}")
    ok = all(r["equal_to_clean_run"] and r["documents"] == total for r in rounds)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
