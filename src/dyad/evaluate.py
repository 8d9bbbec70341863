"""Gold files and scores: ``dyad eval``.

A predicted event matches a gold event in the same sentence when its type is accepted, an
actor country agrees and, where the gold names recipients, a recipient country agrees
(either way round for symmetric gold events). Negated and hypothetical predictions are left
out. Matching is one-to-one (a maximum matching, required gold events first); optional gold
events are neither required nor counted against precision.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from dyad.errors import InputError
from dyad.model import Document, Event
from dyad.pipeline import Pipeline


@dataclass(slots=True)
class GoldEvent:
    """One hand-coded event and where its sentence lies in the text."""

    doc_id: str
    sentence: str
    start: int
    end: int
    types: tuple[str, ...]
    actors: tuple[dict[str, Any], ...]
    recipients: tuple[dict[str, Any], ...]
    symmetric: bool
    optional: bool
    date: str | None
    location: dict[str, Any] | None
    mode: str | None


@dataclass(slots=True)
class TypeScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0


@dataclass(slots=True)
class Report:
    """Scores over a gold file, with the misses kept for ``--show-misses``."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    true_positives: int = 0
    sector: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    locations: list[bool] = field(default_factory=list)
    per_type: dict[str, TypeScore] = field(default_factory=lambda: defaultdict(TypeScore))
    misses: list[GoldEvent] = field(default_factory=list)
    false_positives: list[Event] = field(default_factory=list)
    wrong_details: list[str] = field(default_factory=list)
    #: (kind, gold event, what the coder said instead) for every miss; see ``diagnose``
    diagnoses: list[tuple[str, GoldEvent, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        def acc(xs: list[bool]) -> float | None:
            return round(sum(xs) / len(xs), 4) if xs else None

        return {
            "documents": self.documents,
            "gold_events": self.gold,
            "predicted_events": self.predicted,
            "true_positives": self.true_positives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "sector_accuracy": acc(self.sector),
            "date_accuracy": acc(self.dates),
            "location_accuracy": acc(self.locations),
            "sector_n": len(self.sector),
            "date_n": len(self.dates),
            "location_n": len(self.locations),
            "per_type": {
                t: {
                    "gold": s.gold,
                    "predicted": s.predicted,
                    "matched": s.matched,
                    "precision": round(s.matched / s.predicted, 4) if s.predicted else None,
                    "recall": round(s.matched / s.gold, 4) if s.gold else None,
                }
                for t, s in sorted(self.per_type.items())
            },
        }


def load_gold(path: Path) -> list[tuple[Document, list[GoldEvent]]]:
    """Documents and their gold events; a malformed line raises InputError naming it."""
    out: list[tuple[Document, list[GoldEvent]]] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
                text = record["text"]
                published = (
                    date.fromisoformat(record["published"]) if record.get("published") else None
                )
                doc = Document(record["id"], text, published, "given" if published else "none")
                events = [_gold_event(doc, e) for e in record.get("events", [])]
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(where, f"not a gold record: {exc}") from None
            out.append((doc, events))
    return out


def _gold_event(doc: Document, e: dict[str, Any]) -> GoldEvent:
    sentence = e["sentence"]
    start = doc.text.find(sentence)
    if start < 0:
        raise ValueError(f"sentence not in text: {sentence[:60]!r}")
    types = e["event_type"]
    return GoldEvent(
        doc_id=doc.id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        types=tuple(types) if isinstance(types, list) else (types,),
        actors=tuple(e.get("actor", [])),
        recipients=tuple(e.get("recipient", [])),
        symmetric=bool(e.get("symmetric", False)),
        optional=bool(e.get("optional", False)),
        date=e.get("date"),
        location=e.get("location"),
        mode=e.get("mode"),
    )


def evaluate(gold_path: Path, pipeline: Pipeline | None = None) -> Report:
    """Code every gold document and score the predictions against the gold events."""
    pipe = pipeline or Pipeline()
    gold = load_gold(gold_path)
    report = Report()
    analyses = pipe.analyse_many(doc for doc, _ in gold)
    for (_doc, golds), analysis in zip(gold, analyses, strict=True):
        report.documents += 1
        preds = [e for e in analysis.events if not e.negated and not e.hypothetical]
        missed = _score_document(report, golds, preds)
        report.diagnoses.extend(diagnose(g, list(analysis.events)) for g in missed)
    return report


# Kinds of miss, in the order ``diagnose`` tries them.
MISS_KINDS = {
    "no-event": "no event coded in the gold sentence",
    "modality": "coded, but as negated or hypothetical",
    "type": "right actors, another type",
    "roles": "right type, other actors or recipients",
    "other": "events in the sentence, neither type nor roles right",
    "taken": "a matching event was matched to another gold event",
}


def diagnose(g: GoldEvent, events: list[Event]) -> tuple[str, GoldEvent, str]:
    """Why gold event ``g`` was missed, given every event coded in its document."""
    here = [e for e in events if e.sentence.end > g.start and e.sentence.start < g.end]
    said = "; ".join(_roles(e) + f" '{e.trigger.text}'" for e in here)
    if not here:
        return "no-event", g, ""
    if any(matches(g, e) and (e.negated or e.hypothetical) for e in here):
        return "modality", g, said
    plain = [e for e in here if not e.negated and not e.hypothetical]
    if any(matches(g, e) for e in plain):
        return "taken", g, said
    retyped = [replace(e, event_type=g.types[0]) for e in plain]
    if any(matches(g, e) for e in retyped):
        return "type", g, said
    if any(e.event_type in g.types for e in plain):
        return "roles", g, said
    return "other", g, said


def _score_document(report: Report, golds: list[GoldEvent], preds: list[Event]) -> list[GoldEvent]:
    """Score one document's predictions; returns the required gold events it missed."""
    required = [g for g in golds if not g.optional]
    optional = [g for g in golds if g.optional]
    match = _max_matching(required, preds)
    used = set(match.values())
    rest = [i for i in range(len(preds)) if i not in used]
    extra = _max_matching(optional, [preds[i] for i in rest])
    used |= {rest[j] for j in extra.values()}
    report.gold += len(required)
    report.predicted += len(preds) - len(extra)
    report.true_positives += len(match)
    matched_types = {gi: preds[pi].event_type for gi, pi in match.items()}
    for gi, g in enumerate(required):
        report.per_type[matched_types.get(gi, g.types[0])].gold += 1
    optional_hits = {rest[j] for j in extra.values()}
    for i, p in enumerate(preds):
        if i not in optional_hits:
            report.per_type[p.event_type].predicted += 1
    for gi, pi in match.items():
        g, p = required[gi], preds[pi]
        report.per_type[p.event_type].matched += 1
        _score_details(report, g, p)
    missed = [g for gi, g in enumerate(required) if gi not in match]
    report.misses.extend(missed)
    report.false_positives.extend(p for i, p in enumerate(preds) if i not in used)
    return missed


def _max_matching(golds: list[GoldEvent], preds: list[Event]) -> dict[int, int]:
    """Maximum one-to-one matching of gold events to predictions (augmenting paths)."""
    edges = [[j for j, p in enumerate(preds) if matches(g, p)] for g in golds]
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pj in edges[gi]:
            if pj in seen:
                continue
            seen.add(pj)
            if pj not in owner or augment(owner[pj], seen):
                owner[pj] = gi
                return True
        return False

    for gi in range(len(golds)):
        augment(gi, set())
    return {gi: pj for pj, gi in owner.items()}


def matches(g: GoldEvent, p: Event) -> bool:
    """Does prediction ``p`` match gold event ``g`` (contract rule)?"""
    if p.sentence.end <= g.start or p.sentence.start >= g.end:
        return False
    if p.event_type not in g.types:
        return False
    gold_a = {a.get("country") for a in g.actors}
    gold_r = {r.get("country") for r in g.recipients}
    pa = {a.country for a in p.actor}
    pr = {r.country for r in p.recipient}
    if _roles_agree(gold_a, gold_r, pa, pr):
        return True
    if g.symmetric:
        if not gold_r:
            return bool((pa | pr) & gold_a)
        return _roles_agree(gold_a, gold_r, pr, pa)
    return False


def _roles_agree(gold_a: set[Any], gold_r: set[Any], pa: set[Any], pr: set[Any]) -> bool:
    return bool(pa & gold_a) and (not gold_r or bool(pr & gold_r))


def _sector_checks(g: GoldEvent, pred_actors: list[Any], pred_recips: list[Any]) -> list[bool]:
    """Per gold country with a sector on each side: does a predicted party of that country
    have one of its sectors? Two codes listed for one country ("TUR/COP TUR/GOV") are
    alternatives, as the gold format says: either is accepted."""
    checks: list[bool] = []
    for gold_side, pred_side in ((g.actors, pred_actors), (g.recipients, pred_recips)):
        wanted: dict[Any, set[Any]] = defaultdict(set)
        for ga in gold_side:
            if ga.get("sector"):
                wanted[ga.get("country")].add(ga["sector"])
        for country, sectors in wanted.items():
            same = [a for a in pred_side if a.country == country]
            if same:
                checks.append(any(a.sector in sectors for a in same))
    return checks


def _score_details(report: Report, g: GoldEvent, p: Event) -> None:
    forward = _roles_agree(
        {a.get("country") for a in g.actors},
        {r.get("country") for r in g.recipients},
        {a.country for a in p.actor},
        {r.country for r in p.recipient},
    )
    orientations = []
    if forward:
        orientations.append(_sector_checks(g, list(p.actor), list(p.recipient)))
    if g.symmetric:
        # Either side of a symmetric event may be the actor: score the better reading.
        orientations.append(_sector_checks(g, list(p.recipient), list(p.actor)))
    sector_checks = max(orientations, key=lambda c: (sum(c), sum(c) - len(c)), default=[])
    if sector_checks:
        ok = all(sector_checks)
        report.sector.append(ok)
        if not ok:
            report.wrong_details.append(f"sector: {g.sentence[:70]!r} → {_roles(p)}")
    if g.date:
        ok = _date_ok(g.date, p.date)
        report.dates.append(ok)
        if not ok:
            report.wrong_details.append(f"date: {g.sentence[:70]!r} gold {g.date} got {p.date}")
    if g.location:
        ok = _place_ok(g.location, p)
        report.locations.append(ok)
        if not ok:
            got = p.location.name if p.location else None
            report.wrong_details.append(
                f"location: {g.sentence[:70]!r} gold {g.location.get('name')} got {got}"
            )


def _date_ok(gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    if len(gold) == 10 and len(pred) == 10:
        try:
            return abs((date.fromisoformat(gold) - date.fromisoformat(pred)).days) <= 1
        except ValueError:
            return False
    return pred.startswith(gold)


def _place_ok(gold: dict[str, Any], p: Event) -> bool:
    loc = p.location
    if loc is None:
        return False
    names = {loc.name.lower(), loc.text.lower()}
    if str(gold.get("name", "")).lower() not in names:
        return False
    return not gold.get("country") or gold["country"] == loc.country


def _roles(p: Event) -> str:
    a = ",".join(x.code for x in p.actor)
    r = ",".join(x.code for x in p.recipient)
    return f"{p.event_type} {a} → {r}"


def format_diagnosis(report: Report) -> list[str]:
    """The misses sorted by kind: a count table by gold type, then each miss."""
    kinds = list(MISS_KINDS)
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, g, _ in report.diagnoses:
        table[g.types[0]][kind] += 1
    lines = ["", "misses by kind:"]
    lines.extend(f"  {k:<9} {v}" for k, v in MISS_KINDS.items())
    lines.append(f"{'type':<10} " + " ".join(f"{k:>8}" for k in kinds))
    for t in sorted(table):
        lines.append(f"{t:<10} " + " ".join(f"{table[t][k]:>8}" for k in kinds))
    total = Counter(kind for kind, _, _ in report.diagnoses)
    lines.append(f"{'all':<10} " + " ".join(f"{total[k]:>8}" for k in kinds))
    for kind in kinds:
        rows = [(g, said) for k, g, said in report.diagnoses if k == kind]
        if not rows:
            continue
        lines.append("")
        lines.append(f"{kind} ({len(rows)}): {MISS_KINDS[kind]}")
        for g, said in rows:
            actors = ",".join(str(a.get("country")) for a in g.actors)
            recips = ",".join(str(r.get("country")) for r in g.recipients)
            lines.append(
                f"  [{g.doc_id}] gold {'/'.join(g.types)} {actors} → {recips}: {g.sentence}"
            )
            if said:
                lines.append(f"      coded: {said}")
    return lines


def format_report(report: Report, show_misses: bool = False, diagnose: bool = False) -> str:
    """A plain-text account of the scores (and the misses, or their diagnosis, when asked)."""
    d = report.to_dict()
    lines = [
        f"documents {d['documents']}  gold events {d['gold_events']}  "
        f"predicted {d['predicted_events']}",
        f"precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}",
        "sector accuracy {}  date accuracy {}  location accuracy {}".format(
            _fmt(d["sector_accuracy"], d["sector_n"]),
            _fmt(d["date_accuracy"], d["date_n"]),
            _fmt(d["location_accuracy"], d["location_n"]),
        ),
        "",
        f"{'type':<10} {'gold':>5} {'pred':>5} {'match':>6} {'prec':>6} {'recall':>6}",
    ]
    for t, s in d["per_type"].items():
        prec = "-" if s["precision"] is None else f"{s['precision']:.2f}"
        rec = "-" if s["recall"] is None else f"{s['recall']:.2f}"
        lines.append(
            f"{t:<10} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>6} {prec:>6} {rec:>6}"
        )
    if show_misses:
        lines.append("")
        lines.append(f"missed gold events ({len(report.misses)}):")
        for g in report.misses:
            actors = ",".join(str(a.get("country")) for a in g.actors)
            recips = ",".join(str(r.get("country")) for r in g.recipients)
            lines.append(f"  [{g.doc_id}] {'/'.join(g.types)} {actors} → {recips}: {g.sentence}")
        lines.append(f"false positives ({len(report.false_positives)}):")
        for p in report.false_positives:
            lines.append(f"  [{p.doc_id}] {_roles(p)} '{p.trigger.text}': {p.sentence.text[:160]}")
            lines.append(f"      reason: {p.reason}")
        if report.wrong_details:
            lines.append("wrong details on matched events:")
            lines.extend(f"  {w}" for w in report.wrong_details)
    if diagnose:
        lines.extend(format_diagnosis(report))
    return "\n".join(lines)


def _fmt(value: float | None, n: int) -> str:
    return "-" if value is None else f"{value:.3f} (n={n})"
