"""Fuzz every HTTP API operation with schemathesis and count the cases and server errors.

    python benchmarks/fuzz_api.py --examples 200 [--seed 1] [--json]

Builds a database in a temporary folder (the PressTV example and an article whose text,
title, source and URL carry HTML and ``javascript:``), serves it in-process with a write
token, and runs every operation of ``/openapi.json`` with schemathesis-generated requests,
valid (positive) and invalid (negative), the writes with the right token. Every response
must match the OpenAPI description (status, content type, schema) and none may be a 5xx.
Prints the cases run per operation and mode, the statuses seen and the failures (exit 1 if
any).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from dyad.api import create_app
from dyad.model import Document
from dyad.pipeline import Pipeline
from dyad.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "presstv-2021-12-23-iran-azerbaijan.txt"
TOKEN = "fuzz-token"
HOSTILE = (
    "Iranian President Ebrahim Raisi met <script>alert(1)</script> Azerbaijani President "
    "Ilham Aliyev in Baku on Sunday. Azerbaijan condemned the attack on its embassy."
)


def build_db(path: Path, pipeline: Pipeline) -> None:
    """The example article and a hostile one, coded and stored."""
    docs = [
        Document(
            id=EXAMPLE.name,
            text=EXAMPLE.read_text(encoding="utf-8"),
            published=date(2021, 12, 23),
            published_source="given",
            url="https://www.presstv.ir/Detail/2021/12/23/673429/Iran-Azerbaijan",
            source="PressTV",
        ),
        Document(
            id="<b>hostile</b>.txt",
            text=HOSTILE,
            published=date(2023, 5, 8),
            published_source="given",
            url="javascript:alert(1)",
            title="<script>x</script>",
            source="<i>wire</i>",
        ),
    ]
    with EventStore(path) as store:
        store.ingest(pipeline.analyse_many(docs))


def fuzz(examples: int, run_seed: int) -> dict[str, Any]:
    """Run every operation in both modes; return cases, statuses and failures."""
    pipeline = Pipeline()
    cases: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    failures: list[dict[str, str]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dyad-fuzz-") as folder:
        db = Path(folder) / "events.duckdb"
        build_db(db, pipeline)
        app = create_app(db, token=TOKEN)
        app.state.service._pipeline = pipeline
        with TestClient(app):  # runs the app's startup (opens the store)
            schema = schemathesis.openapi.from_asgi("/openapi.json", app)
            operations = [r.ok() for r in schema.get_all_operations()]  # type: ignore[union-attr]
            for operation in operations:
                label = f"{operation.method.upper()} {operation.path}"
                writes = operation.method.upper() == "POST"
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    key = f"{label} [{mode.value}]"
                    n = max(10, examples // 5) if writes else examples

                    @seed(run_seed)
                    @given(case=operation.as_strategy(generation_mode=mode))
                    @settings(
                        max_examples=n,
                        deadline=None,
                        database=None,
                        suppress_health_check=list(HealthCheck),
                    )
                    def run(case: Any) -> None:
                        cases[key] += 1  # noqa: B023 - run() is called in this iteration
                        auth = {"Authorization": f"Bearer {TOKEN}"}
                        headers = auth if writes else None  # noqa: B023
                        response = case.call(headers=headers)
                        statuses[response.status_code] += 1
                        try:
                            case.validate_response(response)
                        except Exception as exc:  # noqa: BLE001 - record and go on
                            failures.append({"operation": key, "error": str(exc)[:300]})  # noqa: B023

                    try:
                        run()
                    except Unsatisfiable:
                        continue  # an operation without parameters has no invalid requests
    return {
        "examples_per_operation": examples,
        "seed": run_seed,
        "operations": len(operations),
        "cases": sum(cases.values()),
        "cases_by_operation": dict(sorted(cases.items())),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "server_errors": sum(v for k, v in statuses.items() if k >= 500),
        "failures": failures,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> int:
    """Parse the arguments, fuzz, print the report; exit 1 on any 5xx or schema mismatch."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="cases per operation and mode")
    parser.add_argument("--seed", type=int, default=1, help="hypothesis seed")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    report = fuzz(args.examples, args.seed)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"{report['cases']} cases over {report['operations']} operations in "
            f"{report['seconds']} s: statuses {report['statuses']}, "
            f"{report['server_errors']} server errors, {len(report['failures'])} failures"
        )
        for key, n in report["cases_by_operation"].items():
            print(f"  {n:>6}  {key}")
        for failure in report["failures"][:20]:
            print(f"  FAIL {failure['operation']}: {failure['error']}")
    return 1 if report["server_errors"] or report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
