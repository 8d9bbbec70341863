"""Throughput of dyad against a spaCy-only baseline on the same news articles.

    python benchmarks/throughput.py [--workers 1 2] [--repeat 2] [--json results.json]

Codes the corpus in ``benchmarks/corpus/`` (real-length English news articles, one per .txt
file) with:

- ``spacy``: the same model (``dyad.language.load_model()``: every pipe, no dyad additions)
  over the same texts with ``nlp.pipe`` (``n_process=N`` for N workers);
- ``spacy+ruler``: the model as dyad loads it (``load_nlp()``: plus the gazetteer entity ruler
  and the line-break sentence rule), still parsing only;
- ``dyad``: the full pipeline (``analyse_local`` in this process for 1 worker, a warmed
  ``dyad.scale.pool.WorkerPool`` for more).

Every configuration runs in a fresh process so that memory figures do not mix; times are wall
times over the corpus repeated ``--repeat`` times, with the model and dyad's knowledge loaded
before the clock starts (in every worker of a dyad pool too: ``WorkerPool.warm``). spaCy's
``n_process`` workers load inside the timed run; ``steady/s`` (first result to last) leaves
that start-up out.
Peak memory is the peak resident set size of each process doing the work (the main process
for 1 worker; each worker for a pool), sampled every 50 ms with psutil. ``cores`` is the CPU
time of all those processes divided by the wall time: how many cores the run really got
(on a machine shared with other jobs, a 2-worker run may get fewer than 2).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Result:
    """One configuration's figures."""

    engine: str
    workers: int
    articles: int
    words: int
    events: int
    seconds: float
    peak_rss_mb: list[float]
    cpu_seconds: float = 0.0
    #: seconds from the first result to the last: excludes each worker's start-up
    steady_seconds: float = 0.0

    @property
    def steady_articles_per_s(self) -> float:
        """Articles per second once results flow (workers loaded): the scaling figure."""
        return (self.articles - 1) / self.steady_seconds if self.steady_seconds else 0.0

    @property
    def parallelism(self) -> float:
        """CPU seconds per wall second: how many cores the run actually got."""
        return self.cpu_seconds / self.seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    @property
    def events_per_s(self) -> float:
        return self.events / self.seconds


def load_corpus() -> list[tuple[str, str]]:
    """(file name, text) of every article in the corpus, in name order."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


class PeakMemory:
    """Samples the RSS of this process and its children; keeps each process's peak."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for proc in [me, *me.children(recursive=True)]:
                try:
                    rss = proc.memory_info().rss
                    times = proc.cpu_times()
                except psutil.Error:
                    continue
                self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
                self.cpu[proc.pid] = times.user + times.system
            self._stop.wait(self.interval)

    def snapshot_cpu(self) -> dict[int, float]:
        """CPU seconds used so far by this process and each live child, read now."""
        me = psutil.Process()
        for proc in [me, *me.children(recursive=True)]:
            try:
                times = proc.cpu_times()
            except psutil.Error:
                continue
            self.cpu[proc.pid] = times.user + times.system
        return dict(self.cpu)

    def cpu_since(self, start: dict[int, float]) -> float:
        """CPU seconds since ``start`` (a snapshot), counting children that have exited
        since at their last sample."""
        now = self.snapshot_cpu()
        return sum(seconds - start.get(pid, 0.0) for pid, seconds in now.items())

    def workers_mb(self, workers: int) -> list[float]:
        """Peaks in MB of the processes that did the work: this one for 1 worker, else the
        ``workers`` largest child processes."""
        me = psutil.Process().pid
        if workers <= 1:
            return [round(self.peaks.get(me, 0) / 2**20, 1)]
        children = sorted((v for k, v in self.peaks.items() if k != me), reverse=True)
        return [round(b / 2**20, 1) for b in children[:workers]]


def run_config(engine: str, workers: int, repeat: int) -> Result:
    """Run one configuration in this process (called in a fresh child process)."""
    from datetime import date

    from dyad.model import Document

    corpus = load_corpus() * repeat
    texts = [t for _, t in corpus]
    words = sum(len(t.split()) for t in texts)
    events = 0
    with PeakMemory() as mem:
        # Everything is loaded (and warmed on one article) before the clock starts: for one
        # worker in this process; for a dyad pool in every worker (``WorkerPool.warm``), so
        # that 1 and N workers are compared on coding, not on start-up. spaCy's own
        # ``n_process`` pool cannot be warmed: its workers load inside the timed run, which
        # is why the table also gives its steady rate (first result to last).
        warm = texts[:1]
        pool = None
        if engine in ("spacy", "spacy+ruler"):
            from dyad.language import load_model, load_nlp

            nlp = load_model() if engine == "spacy" else load_nlp()
            n_process = workers if workers > 1 else 1
            list(nlp.pipe(warm))
            start_cpu = mem.snapshot_cpu()
            started = time.perf_counter()
            for i, _ in enumerate(nlp.pipe(texts, batch_size=16, n_process=n_process)):
                if i == 0:
                    first = time.perf_counter()
        else:
            from dyad.pipeline import Analysis, Pipeline
            from dyad.scale import analyse_local
            from dyad.scale.pool import WorkerPool

            docs = [
                Document(f"{i}-{name}", text, date(2023, 6, 1), "given")
                for i, (name, text) in enumerate(corpus)
            ]
            if workers == 1:
                pipeline = Pipeline()
                pipeline.warm()
                runs = analyse_local(docs, pipeline)
            else:
                pool = WorkerPool(workers)
                pool.warm()
                runs = pool.analyse(docs)
            start_cpu = mem.snapshot_cpu()
            started = time.perf_counter()
            for i, result in enumerate(runs):
                if i == 0:
                    first = time.perf_counter()
                if isinstance(result, Analysis):
                    events += len(result.events)
                else:
                    print(f"failure: {result.where}: {result.reason}", file=sys.stderr)
        ended = time.perf_counter()
        seconds = ended - started
        cpu = mem.cpu_since(start_cpu)
        if pool is not None:
            pool.close()
    peaks = mem.workers_mb(workers)
    return Result(
        engine, workers, len(texts), words, events, seconds, peaks, round(cpu, 1), ended - first
    )


def _child(engine: str, workers: int, repeat: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]  # noqa: E501
    queue.put(asdict(run_config(engine, workers, repeat)))


def run_isolated(engine: str, workers: int, repeat: int) -> Result:
    """Run one configuration in a fresh spawned process and return its figures."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(engine, workers, repeat, queue))
    proc.start()
    data = queue.get()
    proc.join()
    return Result(**data)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2, help="times the corpus is coded")
    parser.add_argument("--engines", nargs="+", default=["spacy", "spacy+ruler", "dyad"])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    corpus = load_corpus()
    words = [len(t.split()) for _, t in corpus]
    print(
        f"corpus: {len(corpus)} articles, {sum(words)} words "
        f"({min(words)}-{max(words)} per article), x{args.repeat}; "
        f"{psutil.cpu_count()} CPUs; python {sys.version.split()[0]}"
    )
    results: list[Result] = []
    header = f"{'engine':12} {'workers':>7} {'art/s':>7} {'words/s':>8} {'events/s':>8}"
    print(f"{header} {'seconds':>8} {'cores':>5} {'steady/s':>8}  peak RSS per worker (MB)")
    for workers in args.workers:
        for engine in args.engines:
            r = run_isolated(engine, workers, args.repeat)
            results.append(r)
            print(
                f"{r.engine:12} {r.workers:>7} {r.articles_per_s:>7.2f} {r.words_per_s:>8.0f} "
                f"{r.events_per_s:>8.1f} {r.seconds:>8.1f} {r.parallelism:>5.2f} "
                f"{r.steady_articles_per_s:>8.2f}  {r.peak_rss_mb}",
                flush=True,
            )
    by = {(r.engine, r.workers): r for r in results}
    for workers in args.workers:
        dyad, base = by.get(("dyad", workers)), by.get(("spacy", workers))
        if dyad and base:
            ratio = dyad.articles_per_s / base.articles_per_s
            print(f"dyad / spacy on {workers} worker(s): {ratio:.2f}")
    for engine in args.engines:
        one, two = by.get((engine, 1)), by.get((engine, 2))
        if one and two:
            gain = two.articles_per_s / one.articles_per_s
            steady = two.steady_articles_per_s / one.steady_articles_per_s
            print(f"{engine}: 1 -> 2 workers: x{gain:.2f} (steady, after start-up: x{steady:.2f})")
    if args.json:
        rows = [
            {
                **asdict(r),
                "articles_per_s": r.articles_per_s,
                "words_per_s": r.words_per_s,
                "events_per_s": r.events_per_s,
                "parallelism": r.parallelism,
            }
            for r in results
        ]
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
