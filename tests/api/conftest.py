"""API fixtures: the session database and apps over it (read-only, and writable on a copy)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from spacy.language import Language

from dyad.api import create_app
from tests.api.support import example_db

TOKEN = "s3cret-test-token"


@pytest.fixture(scope="session")
def db(nlp: Language) -> Path:
    return example_db(nlp)


@pytest.fixture(scope="module")
def app(db: Path) -> Iterator[FastAPI]:
    application = create_app(db)
    yield application
    application.state.service.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture()
def writable(db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client of an app with a write token, over a copy of the session database."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    application = create_app(copy, token=TOKEN, max_body=200_000)
    with TestClient(application) as test_client:
        yield test_client
