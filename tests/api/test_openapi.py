"""The OpenAPI description matches the behaviour: schemathesis drives every operation.

Generated requests, valid and invalid, must never get a 5xx, and every response must match
the documented status codes, content types and schemas. (schemathesis's ``from_fixture``
does not work with pytest 9, so each operation's strategy is run with hypothesis here.)
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode  # noqa: E402

EXAMPLES = 40


def _operations(app: FastAPI) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_every_api_operation_is_fuzzed(app: FastAPI) -> None:
    labels = {f"{op.method.upper()} {op.path}" for op in _operations(app)}
    assert labels == {
        "GET /api/health",
        "GET /api/events",
        "GET /api/events/{event_id}",
        "GET /api/documents/{doc_id}",
        "POST /api/documents",
        "GET /api/dyads/{actor}/{recipient}/series",
        "GET /api/actors",
        "GET /api/network",
    }


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_openapi(app: FastAPI, mode: GenerationMode) -> None:
    fuzzed = []
    for operation in _operations(app):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            case.call_and_validate()

        try:
            run()
        except Unsatisfiable:
            # An operation without parameters has no invalid requests to generate.
            assert mode is GenerationMode.NEGATIVE and operation.path == "/api/health"
            continue
        fuzzed.append(operation.path)
    assert len(fuzzed) >= 7
