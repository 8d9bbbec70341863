"""Benchmark the event store on a synthetic million events.

Loads N synthetic events (with one mention and its actors each) in bulk with numpy and
pyarrow, not through the pipeline, then times, best of several runs:

- baseline: a full scan (``SELECT sum(goldstein) FROM events``) and ``count(*)``;
- a dyad-month aggregation (``EventStore.top_dyads(by="month", limit=None)``);
- a filtered query (``EventStore.events(actor=..., recipient=..., since=..., limit=100)``)
  and its ``count``;

and prints each time with its ratio to the baseline scan measured in the same run.

    python benchmarks/store_bench.py [--events 1000000] [--db PATH]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

from dyad.store import EventStore

_COUNTRY_CODES = (
    "IRN AZE ARM TUR RUS USA CHN ISR SAU IRQ SYR UKR GEO PAK AFG IND EGY JOR LBN QAT "
     "ARE OMN YEM KAZ UZB TKM GBR FRA DEU ITA ESP POL JPN KOR PRK VNM IDN PHL NGA KEN "
     "ETH SDN ZAF BRA MEX COL VEN ARG CAN AUS"
)  # fmt: skip
COUNTRIES = np.array(_COUNTRY_CODES.split())
SECTORS = np.array(["GOV", "MIL", "LEG", "COP", "REB", "OPP", "CVL", "BUS", "MED", ""])
_TYPE_NAMES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
     "PROTEST SANCTION MOBILIZE COERCE ASSAULT"
)  # fmt: skip
TYPES = np.array(_TYPE_NAMES.split())
CAMEO = np.array(["03", "04", "05", "08", "06", "07", "08", "10", "11", "12", "13",
                  "14", "16", "15", "17", "18"])  # fmt: skip
QUAD = np.array([1, 1, 1, 2, 2, 2, 2, 1, 3, 3, 3, 3, 4, 4, 4, 4])
GOLDSTEIN = np.array([4.0, 1.0, 3.0, 6.0, 6.0, 7.0, 5.0, -0.1, -2.0, -4.0, -6.0, -6.5,
                      -8.0, -7.2, -7.0, -9.0])  # fmt: skip


def _lists(values: np.ndarray) -> pa.Array:
    """One-element list per row."""
    offsets = pa.array(np.arange(len(values) + 1, dtype=np.int32))
    return pa.ListArray.from_arrays(offsets, pa.array(values))


def synthetic(n: int, seed: int = 7) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Events, mentions and mention_actors tables of ``n`` synthetic events."""
    rng = np.random.default_rng(seed)
    # Skewed actor popularity, as in real news.
    weights = 1.0 / np.arange(1, len(COUNTRIES) + 1)
    weights /= weights.sum()
    a_country = rng.choice(COUNTRIES, n, p=weights)
    r_country = rng.choice(COUNTRIES, n, p=weights)
    a_code = np.char.add(a_country, rng.choice(SECTORS, n))
    r_code = np.char.add(r_country, rng.choice(SECTORS, n))
    kind = rng.integers(0, len(TYPES), n)
    start = np.datetime64("2015-01-01")
    day = start + rng.integers(0, 10 * 365, n).astype("timedelta64[D]")
    day_str = day.astype(str)
    ids = np.char.add("e", np.arange(n).astype(str))
    lat = rng.uniform(-60, 70, n)
    lon = rng.uniform(-180, 180, n)
    has_place = rng.random(n) < 0.4
    names = np.char.add("Place ", (np.abs(lat) * 10).astype(int).astype(str))
    place = pa.array(names, pa.string(), mask=~has_place)
    mentions = rng.integers(1, 6, n)
    sources = np.minimum(mentions, rng.integers(1, 4, n))
    cameo = np.char.add(CAMEO[kind], "0")
    sep = np.full(n, ",")
    actor_key = np.char.add(np.char.add(sep, a_code), sep)
    recipient_key = np.char.add(np.char.add(sep, r_code), sep)
    countries = np.char.add(
        np.char.add(np.char.add(np.char.add(sep, a_country), sep), r_country), sep
    )
    none = pa.nulls(n, pa.string())
    events = pa.table(
        {
            "id": ids,
            "seq": np.arange(1, n + 1),
            "key": np.char.add(actor_key, TYPES[kind]),
            "event_type": TYPES[kind],
            "mode": none,
            "context": pa.ListArray.from_arrays(
                pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string())
            ),
            "cameo": cameo,
            "quad_class": QUAD[kind].astype(np.int32),
            "goldstein": GOLDSTEIN[kind],
            "actor_key": actor_key,
            "recipient_key": recipient_key,
            "countries": countries,
            "sectors": np.full(n, ",GOV,"),
            "actor_codes": _lists(a_code),
            "recipient_codes": _lists(r_code),
            "actor_countries": _lists(a_country),
            "recipient_countries": _lists(r_country),
            "actor_names": _lists(a_code),
            "recipient_names": _lists(r_code),
            "date": day_str,
            "date_precision": np.full(n, "day"),
            "day": pa.array(day, pa.date32()),
            "place_key": place,
            "place_name": place,
            "geonameid": pa.nulls(n, pa.int64()),
            "lat": pa.array(np.where(has_place, lat, np.nan), from_pandas=True),
            "lon": pa.array(np.where(has_place, lon, np.nan), from_pandas=True),
            "place_country": none,
            "feature_code": none,
            "negated": np.zeros(n, dtype=bool),
            "hypothetical": rng.random(n) < 0.05,
            "historical": np.zeros(n, dtype=bool),
            "confidence": rng.uniform(0.3, 0.9, n),
            "mention_id": ids,
            "place_mention_id": none,
            "first_doc": np.char.add("doc", (np.arange(n) // 10).astype(str)),
            "num_mentions": mentions.astype(np.int32),
            "num_sources": sources.astype(np.int32),
            "num_articles": sources.astype(np.int32),
            "added": pa.array(np.full(n, np.datetime64("2026-01-01T00:00:00", "us"))),
        }
    )
    sentence = np.char.add(np.char.add(a_code, " and "), r_code)
    mention_table = pa.table(
        {
            "id": ids,
            "event_id": ids,
            "doc_id": events["first_doc"],
            "fingerprint": ids,
            "event_type": TYPES[kind],
            "cameo": cameo,
            "quad_class": QUAD[kind].astype(np.int32),
            "goldstein": GOLDSTEIN[kind],
            "date": day_str,
            "date_precision": np.full(n, "day"),
            "sentence_index": np.zeros(n, dtype=np.int32),
            "sentence_start": np.zeros(n, dtype=np.int32),
            "sentence_end": np.char.str_len(sentence).astype(np.int32),
            "sentence_text": sentence,
            "trigger_start": np.zeros(n, dtype=np.int32),
            "trigger_end": np.zeros(n, dtype=np.int32),
            "trigger_text": np.full(n, ""),
            "negated": np.zeros(n, dtype=bool),
            "hypothetical": events["hypothetical"],
            "historical": np.zeros(n, dtype=bool),
        }
    )
    actors = pa.table(
        {
            "mention_id": np.concatenate([ids, ids]),
            "role": np.concatenate([np.full(n, "actor"), np.full(n, "recipient")]),
            "position": np.zeros(2 * n, dtype=np.int32),
            "country": np.concatenate([a_country, r_country]),
            "code": np.concatenate([a_code, r_code]),
        }
    )
    return events, mention_table, actors


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """Best wall time of ``runs`` calls, in seconds."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    """Load, time, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        events, mentions, actors = synthetic(args.events)
        generated = time.perf_counter() - t0
        with EventStore(db) as store:
            t0 = time.perf_counter()
            con = store.con
            for name, table in (("events", events), ("mentions", mentions),
                                ("mention_actors", actors)):  # fmt: skip
                con.register("bulk", table)
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM bulk")
                con.unregister("bulk")
            con.execute("CHECKPOINT")
            loaded = time.perf_counter() - t0
            print(
                f"generated {args.events:,} events in {generated:.1f} s, loaded in {loaded:.1f} s"
            )

            def scan() -> object:
                return con.execute("SELECT sum(goldstein) FROM events").fetchall()

            def count_all() -> object:
                return con.execute("SELECT count(*) FROM events").fetchall()

            def dyad_months() -> object:
                return store.top_dyads_arrow(limit=None, by="month")

            def dyad_months_dicts() -> object:
                return store.top_dyads(limit=None, by="month")

            since, until = date(2019, 1, 1), date(2020, 12, 31)

            def filtered() -> object:
                return store.events(actor="IRN", recipient="AZE", since=since, until=until,
                                    limit=100)  # fmt: skip

            def filtered_count() -> object:
                return store.count(actor="IRNGOV", quad=4, since=since, until=until)

            base = best_of(args.runs, scan)
            rows = dyad_months().num_rows  # type: ignore[attr-defined]
            found = store.count(actor="IRN", recipient="AZE", since=since, until=until)
            print(f"baseline full scan (sum of goldstein): {base * 1000:8.1f} ms")
            for label, fn in (
                ("count(*)", count_all),
                (f"dyad-month aggregation ({rows:,} rows, Arrow)", dyad_months),
                ("dyad-month aggregation (same, as Python dicts)", dyad_months_dicts),
                (f"filtered query, first 100 of {found:,} IRN->AZE 2019-2020", filtered),
                ("filtered count (IRNGOV, quad 4, 2019-2020)", filtered_count),
            ):
                t = best_of(args.runs, fn)
                print(f"{label}: {t * 1000:8.1f} ms  ({t / base:.1f}x baseline)")


if __name__ == "__main__":
    main()
