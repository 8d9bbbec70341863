"""Actor memory: people introduced with a title and nationality, remembered across articles.

One row per person (keyed by the lower-case full name) with the country and sector last
seen, the first and last dates seen, and the evidence. A correction made by hand wins over
later observations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import duckdb

from dyad.actors.story import Entity
from dyad.model import PersonNote

Connection = duckdb.DuckDBPyConnection
MemoryEntry = tuple[str, str | None, str]


def remember(con: Connection, notes: Sequence[PersonNote], published: date | None) -> None:
    """Add or refresh the people of one document (inside the caller's transaction)."""
    for note in notes:
        key = " ".join(note.name.split()).lower()
        seen = note.published or published or date.today()
        row = con.execute("SELECT last_seen FROM actor_memory WHERE key = ?", [key]).fetchone()
        if row is None:
            con.execute(
                "INSERT INTO actor_memory VALUES (?, ?, ?, ?, ?, ?, ?, ?, false)",
                [key, note.name, note.country, note.sector, seen, seen, note.doc_id, note.evidence],
            )
            continue
        newer = row[0] is None or seen >= row[0]
        con.execute(
            """
            UPDATE actor_memory SET
                first_seen = least(coalesce(first_seen, ?), ?),
                last_seen = greatest(coalesce(last_seen, ?), ?),
                country = CASE WHEN corrected OR NOT ? THEN country ELSE ? END,
                sector = CASE WHEN corrected OR NOT ? THEN sector ELSE coalesce(?, sector) END,
                doc_id = CASE WHEN ? THEN ? ELSE doc_id END,
                evidence = CASE WHEN ? THEN ? ELSE evidence END
            WHERE key = ?
            """,
            [seen, seen, seen, seen, newer, note.country, newer, note.sector]
            + [newer, note.doc_id, newer, note.evidence, key],
        )


def memory(con: Connection) -> dict[str, MemoryEntry]:
    """``(country, sector, name)`` by lower-case full name and by surname.

    A surname shared by people of two or more countries is left out: it cannot be resolved.
    """
    rows = con.execute(
        "SELECT key, name, country, sector FROM actor_memory "
        "ORDER BY last_seen DESC NULLS LAST, key"
    ).fetchall()
    out: dict[str, MemoryEntry] = {}
    surnames: dict[str, list[MemoryEntry]] = {}
    for key, name, country, sector in rows:
        entry: MemoryEntry = (str(country), sector, str(name))
        out[str(key)] = entry
        parts = str(key).split()
        if len(parts) > 1:
            surnames.setdefault(parts[-1], []).append(entry)
    for surname, entries in surnames.items():
        if surname in out or len({e[0] for e in entries}) > 1:
            continue
        out[surname] = entries[0]
    return out


def entities(entries: Mapping[str, MemoryEntry]) -> dict[str, Entity]:
    """The memory as the Entities the pipeline resolves names to."""
    return {
        key: Entity(name=name, country=country, sector=sector, person=True)
        for key, (country, sector, name) in entries.items()
    }


def memory_rows(con: Connection) -> list[dict[str, Any]]:
    """Every remembered person with dates, source document and evidence."""
    cur = con.execute(
        "SELECT name, country, sector, first_seen, last_seen, doc_id, evidence, corrected "
        "FROM actor_memory ORDER BY name"
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _keys_for(con: Connection, name: str) -> list[str]:
    """Rows a name refers to: the full name, else every person with that surname."""
    key = " ".join(name.split()).lower()
    row = con.execute("SELECT key FROM actor_memory WHERE key = ?", [key]).fetchone()
    if row is not None:
        return [key]
    if " " in key:
        return []
    rows = con.execute(
        "SELECT key FROM actor_memory WHERE key LIKE ? ORDER BY key", ["% " + key]
    ).fetchall()
    return [str(r[0]) for r in rows if str(r[0]).split()[-1] == key]


def forget(con: Connection, name: str) -> int:
    """Drop a person (by full name, or every person with that surname); returns rows removed."""
    keys = _keys_for(con, name)
    for key in keys:
        con.execute("DELETE FROM actor_memory WHERE key = ?", [key])
    return len(keys)


def correct(con: Connection, name: str, country: str, sector: str | None) -> int:
    """Set a person's country and sector by hand (added if unknown); returns rows changed."""
    keys = _keys_for(con, name)
    if not keys:
        key = " ".join(name.split()).lower()
        con.execute(
            "INSERT INTO actor_memory "
            "VALUES (?, ?, ?, ?, NULL, NULL, NULL, 'corrected by hand', true)",
            [key, " ".join(name.split()), country, sector],
        )
        return 1
    for key in keys:
        con.execute(
            "UPDATE actor_memory SET country = ?, sector = ?, corrected = true WHERE key = ?",
            [country, sector, key],
        )
    return len(keys)
