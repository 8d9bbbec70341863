"""Exports of stored (deduplicated) events: CSV, Parquet by month, PLOVER JSONL, GDELT TSV.

See docs/store.md for the formats and docs/gdelt-export.md for the GDELT columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import duckdb
import pyarrow as pa

from dyad.errors import StoreError
from dyad.store.reader import EventFilter, mentions_by_id

Connection = duckdb.DuckDBPyConnection
FORMATS = ("csv", "parquet", "jsonl", "gdelt")


def table_sql(f: EventFilter, lists: bool) -> tuple[str, list[object]]:
    """One flat row per stored event (lists joined with ``;`` unless ``lists``)."""

    def col(name: str) -> str:
        return f"e.{name}" if lists else f"array_to_string(e.{name}, ';') AS {name}"

    where, params = f.where()
    sql = (
        "SELECT e.id AS event_id, e.seq, e.day, e.date, e.date_precision, e.event_type, e.mode, "
        f"{col('context')}, e.cameo, e.quad_class, e.goldstein, {col('actor_codes')}, "
        f"{col('actor_countries')}, {col('actor_names')}, {col('recipient_codes')}, "
        f"{col('recipient_countries')}, {col('recipient_names')}, e.place_name, e.geonameid, "
        "e.lat, e.lon, e.place_country, e.feature_code, e.negated, e.hypothetical, "
        "e.historical, e.confidence, e.num_mentions, e.num_sources, e.num_articles, "
        "e.first_doc, d.url AS source_url, m.sentence_text, m.trigger_text, e.added "
        "FROM events e LEFT JOIN mentions m ON m.id = e.mention_id "
        f"LEFT JOIN documents d ON d.id = e.first_doc WHERE {where} ORDER BY e.seq"
    )
    return sql, params


def to_arrow(con: Connection, f: EventFilter) -> pa.Table:
    """Stored events as an Arrow table (list columns kept as lists)."""
    sql, params = table_sql(f, lists=True)
    return con.cursor().sql(sql, params=params).to_arrow_table()


def export(con: Connection, fmt: str, output: Path, f: EventFilter | None = None) -> int:
    """Write stored events to ``output`` in ``fmt``; returns the number of events written."""
    f = f or EventFilter()
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "parquet":
        return _parquet(con, f, output)
    with _open(output) as out:
        if fmt == "csv":
            return _csv(con, f, out)
        if fmt == "jsonl":
            return _jsonl(con, f, out)
        return _gdelt(con, f, out)


def _open(output: Path) -> TextIO:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        return output.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise StoreError(f"cannot write {output}: {exc.strerror or exc}") from None


def _cursor_rows(con: Connection, sql: str, params: list[object]) -> Iterator[tuple[Any, ...]]:
    cur = con.execute(sql, params)
    while True:
        chunk = cur.fetchmany(5000)
        if not chunk:
            return
        yield from chunk


def _csv(con: Connection, f: EventFilter, out: TextIO) -> int:
    sql, params = table_sql(f, lists=False)
    cur = con.execute(sql, params)
    writer = csv.writer(out)
    writer.writerow([d[0] for d in cur.description])
    n = 0
    while chunk := cur.fetchmany(5000):
        writer.writerows(chunk)
        n += len(chunk)
    return n


def _parquet(con: Connection, f: EventFilter, output: Path) -> int:
    import pyarrow.dataset as ds

    if output.exists() and not output.is_dir():
        raise StoreError(f"--output {output} must be a directory for Parquet (one per month)")
    sql, params = table_sql(f, lists=True)
    sql = (
        f"SELECT *, coalesce(strftime(day, '%Y-%m'), 'undated') AS month FROM ({sql}) ORDER BY seq"
    )
    table = con.cursor().sql(sql, params=params).to_arrow_table()
    partitioning = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")
    ds.write_dataset(
        table,
        output,
        format="parquet",
        partitioning=partitioning,
        existing_data_behavior="delete_matching",
        basename_template="events-{i}.parquet",
    )
    return int(table.num_rows)


def _jsonl(con: Connection, f: EventFilter, out: TextIO) -> int:
    where, params = f.where()
    sql = (
        "SELECT e.id, e.mention_id, e.num_mentions, e.num_sources, e.num_articles "
        f"FROM events e WHERE {where} ORDER BY e.seq"
    )
    n = 0
    cur = con.execute(sql, params)
    while chunk := cur.fetchmany(2000):
        reps = mentions_by_id(con, [str(r[1]) for r in chunk])
        for event_id, mention_id, mentions, sources, articles in chunk:
            rep = reps.get(str(mention_id))
            record: dict[str, Any] = rep.to_plover() if rep else {}
            record.update(
                id=str(event_id),
                num_mentions=int(mentions),
                num_sources=int(sources),
                num_articles=int(articles),
            )
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                              "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                              "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                              "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                              "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{side}Geo_{c}" for side in ("Actor1", "Actor2", "Action")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
                "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

_GDELT_SQL = (
    "SELECT e.seq, coalesce(e.day, d.published) AS day, e.actor_codes[1], e.actor_names[1], "
    "e.actor_countries[1], e.recipient_codes[1], e.recipient_names[1], "
    "e.recipient_countries[1], m.sentence_index, e.cameo, e.quad_class, e.goldstein, "
    "e.num_mentions, e.num_sources, e.num_articles, e.place_name, e.place_country, e.lat, "
    "e.lon, e.geonameid, e.feature_code, e.added, coalesce(d.url, e.first_doc) "
    "FROM events e LEFT JOIN mentions m ON m.id = e.mention_id "
    "LEFT JOIN documents d ON d.id = e.first_doc WHERE {where} ORDER BY e.seq"
)
ROOT_SENTENCES = 3


def _actor(code: str | None, name: str | None, country: str | None) -> list[str]:
    """Actor Code, Name, CountryCode, five empty group/ethnic/religion codes, Type1..3."""
    code = (code or "").replace("---", "")
    country = "" if country in (None, "---") else country
    sector = code[len(country) :] if country and code.startswith(country) else code
    return [code, (name or "").upper(), country or "", "", "", "", "", sector[:3], "", ""]


def _geo_type(country: str | None, feature: str | None, lat: float | None) -> str:
    if lat is None:
        return ""
    feature = feature or ""
    if feature.startswith("PCL"):
        return "1"
    usa = country == "USA"
    if feature == "ADM1":
        return "2" if usa else "5"
    return "3" if usa else "4"


def _num(value: float | None, digits: int = 4) -> str:
    return "" if value is None else f"{value:.{digits}f}".rstrip("0").rstrip(".")


def gdelt_row(r: tuple[Any, ...]) -> list[str]:
    """One GDELT 2.0 event-table row (61 fields) from a row of ``_GDELT_SQL``."""
    seq, day, a_code, a_name, a_country, r_code, r_name, r_country, sent = r[:9]
    cameo, quad, goldstein, mentions, sources, articles = r[9:15]
    place, place_country, lat, lon, geonameid, feature, added, url = r[15:]
    when: date | None = day
    dates = ["", "", "", ""]
    if when is not None:
        fraction = when.year + (when.timetuple().tm_yday - 1) / 365
        dates = [when.strftime("%Y%m%d"), when.strftime("%Y%m"), str(when.year), f"{fraction:.4f}"]
    action = ["", "", "", "", "", "", "", ""]
    if place is not None:
        action = [
            _geo_type(place_country, feature, lat),
            place,
            place_country or "",
            "",
            "",
            _num(lat),
            _num(lon),
            "" if geonameid is None else str(geonameid),
        ]
    stamp: datetime | None = added
    row = [
        str(seq),
        *dates,
        *_actor(a_code, a_name, a_country),
        *_actor(r_code, r_name, r_country),
        "1" if sent is not None and sent < ROOT_SENTENCES else "0",
        cameo,
        cameo[:3],
        cameo[:2],
        str(quad),
        _num(goldstein, 1),
        str(mentions),
        str(sources),
        str(articles),
        "",
        *([""] * 16),
        *action,
        stamp.strftime("%Y%m%d%H%M%S") if stamp else "",
        url or "",
    ]
    return [v.replace("\t", " ").replace("\n", " ") for v in row]


def _gdelt(con: Connection, f: EventFilter, out: TextIO) -> int:
    where, params = f.where()
    n = 0
    for r in _cursor_rows(con, _GDELT_SQL.format(where=where), params):
        out.write("\t".join(gdelt_row(r)) + "\n")
        n += 1
    return n
