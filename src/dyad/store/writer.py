"""Writing to the store: documents linked to stories, mentions merged into events, failures.

Event deduplication: a mention joins a stored event when both have the same actor codes, the
same recipient codes, the same PLOVER type and the same modality (real, negated or
hypothetical: flagged mentions never count towards real events), dates within one day at day
precision (the same month or year at coarser precision; undated mentions only within one
story), and the same place or no place on either side. Counts are recomputed from the
mentions table as GDELT counts them: mentions, distinct sources (site, else document id) and
distinct stories.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import duckdb

from dyad.model import Document, Event, Failure, Place
from dyad.pipeline import Analysis
from dyad.store import memory as actor_memory
from dyad.store.minhash import (
    THRESHOLD,
    Signature,
    band_buckets,
    signature,
    signature_bytes,
    signature_from_bytes,
    similarity,
)
from dyad.store.rows import INSERT_EVENT, _set_key, actor_rows, event_row, mention_row

Connection = duckdb.DuckDBPyConnection


@dataclass
class IngestStats:
    """What one ingest run did."""

    documents: int = 0
    skipped: int = 0
    replaced: int = 0
    copies: int = 0
    mentions: int = 0
    new_events: int = 0
    failures: int = 0

    def add(self, other: IngestStats) -> None:
        """Add another run's counts to these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def site_of(doc_id: str, url: str | None, source: str | None) -> str:
    """The source a document counts as: its ``source`` name, its URL's host, else its id."""
    if source and source.strip():
        return source.strip().lower()
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.lower().removeprefix("www.")
    return doc_id


def modality(event: Event) -> str:
    """``negated``, ``hypothetical`` or ``real``: flagged mentions form their own events."""
    if event.negated:
        return "negated"
    if event.hypothetical:
        return "hypothetical"
    return "real"


def event_key(event: Event, story_id: str) -> str:
    """The part of the dedup rule that must match exactly (dates and places are checked apart)."""
    precision = event.date_precision if event.date else "none"
    key = "|".join(
        [
            _set_key(a.code for a in event.actor),
            _set_key(a.code for a in event.recipient),
            event.event_type,
            modality(event),
            precision or "none",
        ]
    )
    return key + "|" + story_id if precision in (None, "none") else key


def period_start(value: str | None) -> date | None:
    """The first day of a ``2021-12-22``, ``2021-12`` or ``2021`` value."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return date(int(value), 1, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def place_key(place: Place | None) -> str | None:
    """What identifies a place for dedup: its GeoNames id, else its lower-case name."""
    if place is None:
        return None
    return str(place.geonameid) if place.geonameid is not None else place.name.lower()


def fingerprint(event: Event) -> str:
    """Sentence, trigger and code: recognises the same mention in a copy of an article."""
    raw = f"{' '.join(event.sentence.text.split())}|{event.trigger.text}|{event.cameo}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Slot:
    """A stored or new event a mention may join."""

    id: str
    day: date | None
    precision: str | None
    place: str | None
    order: int
    fingerprints: set[str] = field(default_factory=set)


@dataclass
class _Pending:
    event: Event
    key: str
    day: date | None
    place: str | None
    fp: str


def _compatible(slot: _Slot, p: _Pending) -> bool:
    if slot.day is not None and p.day is not None:
        if p.event.date_precision == "day":
            if abs((slot.day - p.day).days) > 1:
                return False
        elif slot.day != p.day:
            return False
    return slot.place is None or p.place is None or slot.place == p.place


def _rank(slot: _Slot, p: _Pending) -> tuple[bool, bool, int, int]:
    gap = abs((slot.day - p.day).days) if slot.day and p.day else 0
    return (p.fp not in slot.fingerprints, slot.place != p.place, gap, slot.order)


def recount_events(con: Connection, ids: Sequence[str]) -> None:
    """Recompute counts of these events from their mentions; drop events left with none."""
    if not ids:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE _touched AS SELECT unnest(?::VARCHAR[]) AS id", [ids])
    con.execute(
        """
        UPDATE events SET num_mentions = c.n, num_sources = c.s, num_articles = c.a
        FROM (
            SELECT m.event_id, count(*) AS n,
                   count(DISTINCT coalesce(d.site, d.id)) AS s,
                   count(DISTINCT coalesce(d.story_id, d.id)) AS a
            FROM mentions m JOIN documents d ON d.id = m.doc_id
            WHERE m.event_id IN (SELECT id FROM _touched)
            GROUP BY m.event_id
        ) c
        WHERE events.id = c.event_id
        """
    )
    con.execute(
        """
        UPDATE events SET mention_id = c.first
        FROM (SELECT event_id, min(id) AS first FROM mentions
              WHERE event_id IN (SELECT id FROM _touched) GROUP BY event_id) c
        WHERE events.id = c.event_id
          AND NOT EXISTS (SELECT 1 FROM mentions x WHERE x.id = events.mention_id)
        """
    )
    con.execute(
        """
        DELETE FROM events WHERE id IN (SELECT id FROM _touched)
          AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id)
        """
    )
    con.execute("DROP TABLE _touched")


def record_failure(con: Connection, failure: Failure) -> None:
    """Store a failure; the same failure seen again only has its time updated."""
    row = con.execute(
        "SELECT id FROM failures WHERE input = ? AND stage = ? AND reason = ?",
        [failure.where, failure.stage, failure.reason],
    ).fetchone()
    if row is not None:
        con.execute("UPDATE failures SET time = now() WHERE id = ?", [row[0]])
    else:
        con.execute(
            "INSERT INTO failures (input, stage, reason, doc_id, time) VALUES (?, ?, ?, ?, now())",
            [failure.where, failure.stage, failure.reason, failure.doc_id],
        )


def delete_document(con: Connection, doc_id: str) -> list[str]:
    """Remove a document and everything read from it; returns the events it touched."""
    touched = [
        str(r[0])
        for r in con.execute(
            "SELECT DISTINCT event_id FROM mentions WHERE doc_id = ?", [doc_id]
        ).fetchall()
    ]
    con.execute(
        "DELETE FROM mention_actors WHERE mention_id IN (SELECT id FROM mentions WHERE doc_id = ?)",
        [doc_id],
    )
    for table in ("mentions", "places", "dates", "person_notes", "doc_bands"):
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    return touched


def story_for(con: Connection, doc_id: str, sig: Signature) -> str:
    """The story of the most similar stored near-duplicate (LSH candidates), else ``doc_id``."""
    rows = con.execute(
        "SELECT DISTINCT d.id, d.story_id, d.signature FROM doc_bands b "
        "JOIN documents d ON d.id = b.doc_id "
        "WHERE b.bucket IN (SELECT unnest(?::BIGINT[])) AND d.id <> ? ORDER BY d.id",
        [[bucket for _, bucket in band_buckets(sig)], doc_id],
    ).fetchall()
    story, best = doc_id, THRESHOLD
    for other_id, other_story, other_sig in rows:
        if other_sig is None:
            continue
        sim = similarity(sig, signature_from_bytes(bytes(other_sig)))
        if sim >= best:
            story, best = str(other_story or other_id), sim
    return story


class Writer:
    """Writes batches of analyses in one transaction each."""

    def __init__(self, con: Connection) -> None:
        self.con = con

    def stored_hash(self, doc_id: str) -> str | None:
        """The content hash of the stored document with this id, if any."""
        row = self.con.execute(
            "SELECT content_hash FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        return str(row[0]) if row else None

    def write(self, items: Sequence[Analysis | Failure]) -> IngestStats:
        """Store one batch atomically; a batch that fails is retried document by document."""
        stats = IngestStats()
        self._replace_changed(items, stats)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._write(items, stats)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            if len(items) == 1:
                item = items[0]
                where = item.where if isinstance(item, Failure) else item.document.id
                doc_id = item.doc_id if isinstance(item, Failure) else item.document.id
                failure = Failure(where, "store", f"{type(exc).__name__}: {exc}", doc_id)
                con.execute("BEGIN TRANSACTION")
                record_failure(con, failure)
                con.execute("COMMIT")
                return IngestStats(failures=1)
            stats = IngestStats()
            for item in items:
                stats.add(self.write([item]))
        return stats

    def _replace_changed(self, items: Sequence[Analysis | Failure], stats: IngestStats) -> None:
        changed = []
        for item in items:
            if isinstance(item, Analysis):
                old = self.stored_hash(item.document.id)
                if old is not None and old != item.document.content_hash:
                    changed.append(item.document.id)
        if not changed:
            return
        self.con.execute("BEGIN TRANSACTION")
        touched: list[str] = []
        for doc_id in changed:
            touched += delete_document(self.con, doc_id)
        recount_events(self.con, touched)
        self.con.execute("COMMIT")
        stats.replaced += len(changed)

    def _write(self, items: Sequence[Analysis | Failure], stats: IngestStats) -> None:
        stored: list[tuple[Analysis, str]] = []
        seen: set[str] = set()
        for item in items:
            if isinstance(item, Failure):
                record_failure(self.con, item)
                stats.failures += 1
                continue
            doc = item.document
            if doc.id in seen or self.stored_hash(doc.id) is not None:
                stats.skipped += 1
                continue
            seen.add(doc.id)
            story = self._store_document(doc)
            # A document stored now is no longer a failure, whatever an earlier run recorded.
            self.con.execute("DELETE FROM failures WHERE input = ? OR doc_id = ?", [doc.id, doc.id])
            if story != doc.id:
                stats.copies += 1
            self._store_readings(item)
            stored.append((item, story))
            stats.documents += 1
        self._store_events(stored, stats)

    def _store_document(self, doc: Document) -> str:
        """Insert the document, linked to the story of a near-duplicate if there is one."""
        sig = signature(doc.text)
        buckets = band_buckets(sig)
        story = story_for(self.con, doc.id, sig)
        self.con.execute(
            "INSERT INTO documents (id, content_hash, text, published, published_source, url, "
            "title, source, author, ingested, story_id, site, signature) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?)",
            [
                doc.id,
                doc.content_hash,
                doc.text,
                doc.published,
                doc.published_source,
                doc.url,
                doc.title,
                doc.source,
                doc.author,
                story,
                site_of(doc.id, doc.url, doc.source),
                signature_bytes(sig),
            ],
        )
        self.con.executemany(
            "INSERT INTO doc_bands VALUES (?, ?, ?)", [[doc.id, b, h] for b, h in buckets]
        )
        return story

    def _store_readings(self, analysis: Analysis) -> None:
        doc_id = analysis.document.id
        if analysis.places:
            self.con.executemany(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [doc_id, p.start, p.end, p.text, p.name, p.geonameid, p.lat, p.lon]
                    + [p.country, p.feature_code]
                    for p in analysis.places
                ],
            )
        if analysis.dates:
            self.con.executemany(
                "INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?)",
                [[doc_id, w.start, w.end, w.text, w.value, w.precision] for w in analysis.dates],
            )
        if analysis.people:
            self.con.executemany(
                "INSERT INTO person_notes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [doc_id, n.name, n.country, n.sector, n.published, n.evidence, n.start, n.end]
                    for n in analysis.people
                ],
            )
            actor_memory.remember(self.con, analysis.people, analysis.document.published)

    def _store_events(self, stored: list[tuple[Analysis, str]], stats: IngestStats) -> None:
        pending: list[_Pending] = []
        for analysis, story in stored:
            ids: set[str] = set()
            for e in analysis.events:
                if e.event_id in ids:
                    continue
                ids.add(e.event_id)
                key = event_key(e, story)
                pending.append(
                    _Pending(e, key, period_start(e.date), place_key(e.location), fingerprint(e))
                )
        if not pending:
            return
        slots = self._load_slots(sorted({p.key for p in pending}))
        new_events: list[list[object]] = []
        new_rows: dict[str, list[object]] = {}
        place_fills: list[tuple[str, Event, str]] = []
        mentions: list[list[object]] = []
        actors: list[list[object]] = []
        touched: set[str] = set()
        order = 1 << 60
        for p in pending:
            candidates = [s for s in slots.setdefault(p.key, []) if _compatible(s, p)]
            if candidates:
                slot = min(candidates, key=lambda s, p=p: _rank(s, p))  # type: ignore[misc]
                if slot.place is None and p.place is not None:
                    slot.place = p.place
                    if slot.id in new_rows:
                        row = event_row(p.event, p.key, p.day, p.place)
                        new_rows[slot.id][21:28] = row[21:28]
                        new_rows[slot.id][33] = row[33]
                    else:
                        place_fills.append((slot.id, p.event, p.place))
            else:
                order += 1
                slot = _Slot(p.event.event_id, p.day, p.event.date_precision, p.place, order)
                slots[p.key].append(slot)
                new_rows[slot.id] = event_row(p.event, p.key, p.day, p.place)
                new_events.append(new_rows[slot.id])
            slot.fingerprints.add(p.fp)
            touched.add(slot.id)
            mentions.append(mention_row(p.event, slot.id, p.fp))
            actors += actor_rows(p.event)
        if new_events:
            touched.update(self._unique_ids(new_events, mentions))
            self.con.executemany(INSERT_EVENT, new_events)
        for event_id, e, key in place_fills:
            loc = e.location
            assert loc is not None
            self.con.execute(
                "UPDATE events SET place_key = ?, place_name = ?, geonameid = ?, lat = ?, lon = ?, "
                "place_country = ?, feature_code = ?, place_mention_id = ? WHERE id = ?",
                [key, loc.name, loc.geonameid, loc.lat, loc.lon, loc.country, loc.feature_code]
                + [e.event_id, event_id],
            )
        self.con.executemany(f"INSERT INTO mentions VALUES ({', '.join('?' * 33)})", mentions)
        if actors:
            self.con.executemany(
                "INSERT INTO mention_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", actors
            )
        recount_events(self.con, sorted(touched))
        stats.mentions += len(mentions)
        stats.new_events += len(new_events)

    def _unique_ids(
        self, new_events: list[list[object]], mentions: list[list[object]]
    ) -> list[str]:
        """Rename new events whose id is already taken (by an event of a replaced document)."""
        ids = [str(row[0]) for row in new_events]
        taken = {
            str(r[0])
            for r in self.con.execute(
                "SELECT id FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            ).fetchall()
        }
        if not taken:
            return []
        renamed: dict[str, str] = {}
        for row in new_events:
            old = str(row[0])
            if old in taken:
                new = hashlib.sha1(f"{old}#{len(taken)}".encode()).hexdigest()[:16]
                renamed[old] = new
                row[0] = new
        for m in mentions:
            m[1] = renamed.get(str(m[1]), m[1])
        return list(renamed.values())

    def _load_slots(self, keys: list[str]) -> dict[str, list[_Slot]]:
        rows = self.con.execute(
            "SELECT id, key, day, date_precision, place_key, seq FROM events "
            "WHERE key IN (SELECT unnest(?::VARCHAR[]))",
            [keys],
        ).fetchall()
        slots: dict[str, list[_Slot]] = {}
        by_id: dict[str, _Slot] = {}
        for event_id, key, day, precision, place, seq in rows:
            slot = _Slot(str(event_id), day, precision, place, int(seq))
            slots.setdefault(str(key), []).append(slot)
            by_id[slot.id] = slot
        if by_id:
            for event_id, fp in self.con.execute(
                "SELECT event_id, fingerprint FROM mentions "
                "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                [list(by_id)],
            ).fetchall():
                by_id[str(event_id)].fingerprints.add(str(fp))
        return slots
