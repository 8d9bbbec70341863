"""Load test for ``dyad serve``: many concurrent clients against a running server.

    dyad serve --db events.duckdb &              # in another terminal
    python benchmarks/api_load.py --url http://127.0.0.1:8000 --clients 32 --duration 15

Each client (an ``httpx.AsyncClient`` task) sends requests back to back, cycling through a
mix of API reads (event pages and filters, one event with its evidence, a dyad series,
actors, the network, health; ``--pages`` adds the dashboard's HTML pages). Reports
requests per second, p50/p90/p99 latency and errors (non-2xx and transport failures),
overall and per endpoint; ``--json`` prints the same as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx

API_MIX = (
    "/api/events?limit=50",
    "/api/events?limit=50&offset=50&sort=sources",
    "/api/events?actor=IRN&recipient=AZE&limit=100",
    "/api/events?text=meeting&limit=20",
    "/api/events?since=2021-01-01&until=2021-12-31&quad=1&limit=50",
    "/api/dyads/IRN/AZE/series?by=month&both=true",
    "/api/actors?limit=20",
    "/api/network?min_events=1",
    "/api/health",
)
PAGE_MIX = ("/", "/timeline", "/network", "/map")


@dataclass
class Stats:
    """Latencies (seconds) and errors, per endpoint."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _discover(client: httpx.AsyncClient) -> list[str]:
    """Paths of a few stored events and documents, to include their detail pages."""
    response = await client.get("/api/events", params={"limit": 5, "sort": "mentions"})
    response.raise_for_status()
    events = response.json()["events"]
    paths = [f"/api/events/{e['event_id']}" for e in events[:3]]
    paths += [f"/api/documents/{e['doc_id']}" for e in events[:1] if e.get("doc_id")]
    return paths


async def _client(
    n: int, base: str, paths: list[str], stop: float, stats: Stats, timeout: float
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
        i = n
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += 1
            key = path.split("?")[0]
            started = time.perf_counter()
            try:
                response = await client.get(path)
                await response.aread()
            except httpx.HTTPError:
                stats.errors[key] += 1
                continue
            stats.latencies[key].append(time.perf_counter() - started)
            stats.statuses[response.status_code] += 1
            if response.status_code >= 400:
                stats.errors[key] += 1


async def run(
    base: str, clients: int, duration: float, pages: bool, timeout: float
) -> dict[str, Any]:
    """Drive the server for ``duration`` seconds; return the report as a dict."""
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as probe:
        health = await probe.get("/api/health")
        health.raise_for_status()
        paths = list(API_MIX) + await _discover(probe)
    if pages:
        paths += PAGE_MIX
    stats = Stats()
    started = time.perf_counter()
    stop = started + duration
    await asyncio.gather(*(_client(n, base, paths, stop, stats, timeout) for n in range(clients)))
    elapsed = time.perf_counter() - started
    every = [v for values in stats.latencies.values() for v in values]
    errors = sum(stats.errors.values())
    transport_errors = errors - sum(c for s, c in stats.statuses.items() if s >= 400)
    report = {
        "url": base,
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": sum(stats.statuses.values()) + transport_errors,
        "requests_per_second": round(len(every) / elapsed, 1),
        "p50_ms": round(_quantile(every, 0.50) * 1000, 1),
        "p90_ms": round(_quantile(every, 0.90) * 1000, 1),
        "p99_ms": round(_quantile(every, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(every) * 1000, 1) if every else None,
        "errors": errors,
        "statuses": {str(k): v for k, v in sorted(stats.statuses.items())},
        "endpoints": {
            key: {
                "requests": len(values),
                "p50_ms": round(_quantile(values, 0.50) * 1000, 1),
                "p99_ms": round(_quantile(values, 0.99) * 1000, 1),
                "errors": stats.errors.get(key, 0),
            }
            for key, values in sorted(stats.latencies.items())
        },
    }
    return report


def _print(report: dict[str, Any]) -> None:
    print(
        f"{report['url']}: {report['clients']} clients for {report['seconds']} s\n"
        f"  {report['requests_per_second']} requests/s   p50 {report['p50_ms']} ms   "
        f"p90 {report['p90_ms']} ms   p99 {report['p99_ms']} ms   errors {report['errors']}   "
        f"statuses {report['statuses']}"
    )
    width = max(len(k) for k in report["endpoints"]) if report["endpoints"] else 10
    print(f"  {'endpoint':<{width}}  {'requests':>8}  {'p50 ms':>8}  {'p99 ms':>8}  errors")
    for key, row in report["endpoints"].items():
        print(
            f"  {key:<{width}}  {row['requests']:>8}  {row['p50_ms']:>8}  {row['p99_ms']:>8}  "
            f"{row['errors']}"
        )


def main() -> int:
    """Parse the arguments, run the load, print the report; exit 1 when any request failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="server base URL")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds to run")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout (s)")
    parser.add_argument("--pages", action="store_true", help="also load the HTML pages")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    try:
        report = asyncio.run(run(args.url, args.clients, args.duration, args.pages, args.timeout))
    except httpx.HTTPError as exc:
        print(f"error: cannot reach {args.url}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
