"""The store's schema, its version history and the migrations that upgrade an older file.

``SCHEMA_VERSION`` is the layout this code writes. A database records the version it is at
in ``schema_version``; opening an older file for writing upgrades it in place, one step at
a time, each step in its own transaction. Version history:

- v1: documents, places, dates, events, mentions, mention_actors, person_notes, actor_memory.
- v2: story deduplication (documents.story_id, site, signature; doc_bands) and the failures
  table; event counts recomputed with stories.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import duckdb

from dyad.errors import StoreError

SCHEMA_VERSION = 2

# Tables of the first released layout (v1). Kept verbatim: tests build real v1 files from it.
V1_DDL = """
CREATE TABLE schema_version (version INTEGER NOT NULL, applied TIMESTAMP NOT NULL);
CREATE SEQUENCE event_seq START 1;
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    published DATE,
    published_source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    source VARCHAR,
    author VARCHAR,
    ingested TIMESTAMP NOT NULL
);
CREATE TABLE places (
    doc_id VARCHAR NOT NULL, start_char INTEGER, end_char INTEGER, text VARCHAR,
    name VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE, country VARCHAR,
    feature_code VARCHAR
);
CREATE TABLE dates (
    doc_id VARCHAR NOT NULL, start_char INTEGER, end_char INTEGER, text VARCHAR,
    value VARCHAR, precision VARCHAR
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    key VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR[],
    cameo VARCHAR NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein DOUBLE NOT NULL,
    actor_key VARCHAR NOT NULL,
    recipient_key VARCHAR NOT NULL,
    countries VARCHAR NOT NULL,
    sectors VARCHAR NOT NULL,
    actor_codes VARCHAR[],
    recipient_codes VARCHAR[],
    actor_countries VARCHAR[],
    recipient_countries VARCHAR[],
    actor_names VARCHAR[],
    recipient_names VARCHAR[],
    date VARCHAR,
    date_precision VARCHAR,
    day DATE,
    place_key VARCHAR,
    place_name VARCHAR,
    geonameid BIGINT,
    lat DOUBLE,
    lon DOUBLE,
    place_country VARCHAR,
    feature_code VARCHAR,
    negated BOOLEAN NOT NULL,
    hypothetical BOOLEAN NOT NULL,
    historical BOOLEAN NOT NULL,
    confidence DOUBLE,
    mention_id VARCHAR NOT NULL,
    place_mention_id VARCHAR,
    first_doc VARCHAR NOT NULL,
    num_mentions INTEGER NOT NULL DEFAULT 1,
    num_sources INTEGER NOT NULL DEFAULT 1,
    num_articles INTEGER NOT NULL DEFAULT 1,
    added TIMESTAMP NOT NULL
);
CREATE TABLE mentions (
    id VARCHAR PRIMARY KEY,
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR[],
    cameo VARCHAR NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein DOUBLE NOT NULL,
    date VARCHAR,
    date_precision VARCHAR,
    place_text VARCHAR, place_start INTEGER, place_end INTEGER, place_name VARCHAR,
    geonameid BIGINT, lat DOUBLE, lon DOUBLE, place_country VARCHAR, feature_code VARCHAR,
    sentence_index INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    sentence_text VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    negated BOOLEAN NOT NULL, hypothetical BOOLEAN NOT NULL, historical BOOLEAN NOT NULL,
    confidence DOUBLE, reason VARCHAR
);
CREATE TABLE mention_actors (
    mention_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position INTEGER NOT NULL,
    text VARCHAR, start_char INTEGER, end_char INTEGER, name VARCHAR, country VARCHAR,
    sector VARCHAR, code VARCHAR
);
CREATE TABLE person_notes (
    doc_id VARCHAR NOT NULL, name VARCHAR NOT NULL, country VARCHAR, sector VARCHAR,
    published DATE, evidence VARCHAR, start_char INTEGER, end_char INTEGER
);
CREATE TABLE actor_memory (
    key VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    sector VARCHAR,
    first_seen DATE,
    last_seen DATE,
    doc_id VARCHAR,
    evidence VARCHAR,
    corrected BOOLEAN NOT NULL DEFAULT false
);
"""

# What v2 adds to v1.
V2_DDL = """
ALTER TABLE documents ADD COLUMN story_id VARCHAR;
ALTER TABLE documents ADD COLUMN site VARCHAR;
ALTER TABLE documents ADD COLUMN signature BLOB;
CREATE TABLE doc_bands (doc_id VARCHAR NOT NULL, band SMALLINT NOT NULL, bucket BIGINT NOT NULL);
CREATE SEQUENCE failure_seq START 1;
CREATE TABLE failures (
    id BIGINT PRIMARY KEY DEFAULT nextval('failure_seq'),
    input VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    doc_id VARCHAR,
    time TIMESTAMP NOT NULL
);
"""

TABLES = (
    "documents",
    "doc_bands",
    "places",
    "dates",
    "events",
    "mentions",
    "mention_actors",
    "person_notes",
    "actor_memory",
    "failures",
)

Connection = duckdb.DuckDBPyConnection


def _run_script(con: Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def create_schema(con: Connection, version: int = SCHEMA_VERSION) -> None:
    """Create an empty database at ``version`` (1 is only used to test migrations)."""
    con.execute("BEGIN TRANSACTION")
    _run_script(con, V1_DDL)
    if version >= 2:
        _run_script(con, V2_DDL)
    con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
    con.execute("COMMIT")


def current_version(con: Connection) -> int | None:
    """The schema version recorded in the database, or None for an empty database."""
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    if "schema_version" not in tables:
        if tables:
            raise StoreError("not a dyad database (no schema_version table)")
        return None
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def _migrate_1_to_2(con: Connection) -> None:
    """Add stories and failures; link stored near-duplicates into stories; recount events."""
    from dyad.store.minhash import band_buckets, signature, signature_bytes
    from dyad.store.writer import recount_events, site_of, story_for

    _run_script(con, V2_DDL)
    rows = con.execute(
        "SELECT id, text, url, source FROM documents ORDER BY ingested, id"
    ).fetchall()
    for doc_id, text, url, source in rows:
        sig = signature(str(text))
        story = story_for(con, doc_id, sig)
        con.execute(
            "UPDATE documents SET story_id = ?, site = ?, signature = ? WHERE id = ?",
            [story, site_of(doc_id, url, source), signature_bytes(sig), doc_id],
        )
        con.executemany(
            "INSERT INTO doc_bands VALUES (?, ?, ?)",
            [[doc_id, band, bucket] for band, bucket in band_buckets(sig)],
        )
    ids = [r[0] for r in con.execute("SELECT id FROM events").fetchall()]
    recount_events(con, ids)


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migrate_1_to_2}


def ensure_schema(con: Connection, path: Path, read_only: bool) -> int:
    """Create or upgrade the schema; returns the version the database is now at."""
    version = current_version(con)
    if version is None:
        if read_only:
            raise StoreError(f"database {path} is empty; ingest something first")
        create_schema(con)
        return SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database {path} is at schema v{version}, newer than this dyad (v{SCHEMA_VERSION})"
        )
    if version < SCHEMA_VERSION and read_only:
        raise StoreError(
            f"database {path} is at schema v{version}; open it for writing once "
            f"(e.g. dyad ingest) to upgrade it to v{SCHEMA_VERSION}"
        )
    while version < SCHEMA_VERSION:
        con.execute("BEGIN TRANSACTION")
        try:
            MIGRATIONS[version](con)
            con.execute("INSERT INTO schema_version VALUES (?, now())", [version + 1])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version += 1
    return version


_PID = re.compile(r"PID (\d+)", re.IGNORECASE)


def connect(path: Path, read_only: bool = False) -> Connection:
    """Open the database file; a lock held by another process becomes a clear StoreError."""
    if read_only and not path.exists():
        raise StoreError(f"no database at {path}")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            found = _PID.search(message)
            pid = f" (pid {found.group(1)})" if found else ""
            raise StoreError(
                f"database {path} is in use by another process{pid}; "
                "wait for it to finish or stop it"
            ) from None
        raise StoreError(f"cannot open database {path}: {message}") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from None
