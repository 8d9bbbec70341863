"""Fixtures for the scale tests: the local feed server and a marker for multi-process tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scale.feedserver import FeedServer, serve


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "parallel: starts worker processes that each load the model (a few seconds)"
    )


@pytest.fixture()
def feed_server() -> Iterator[FeedServer]:
    with serve() as server:
        yield server
