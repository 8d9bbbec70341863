"""Evidence highlighting: a text with marked spans as safe, escaped HTML.

Every piece of article text goes through ``markupsafe.escape``; only the ``<mark>`` tags are
ours. Overlapping spans are split at every boundary, so each stretch of text is wrapped once
with the classes of all spans covering it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

KINDS = ("trigger", "actor", "recipient", "place", "date")


@dataclass(frozen=True, slots=True)
class Mark:
    """A span to highlight: absolute offsets, its kind (one of KINDS) and a tooltip."""

    start: int
    end: int
    kind: str
    label: str


def highlight(text: str, marks: Iterable[Mark], base: int = 0) -> Markup:
    """``text`` (which starts at offset ``base`` of its document) with ``marks`` wrapped.

    Marks outside the text are clipped or ignored. Each marked stretch becomes
    ``<mark class="hl hl-KIND ..." title="...">`` with the escaped text inside.
    """
    spans = []
    for m in marks:
        start, end = max(m.start - base, 0), min(m.end - base, len(text))
        if start < end and m.kind in KINDS:
            spans.append((start, end, m))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[left:right])
        covering = [m for s, e, m in spans if s <= left and right <= e]
        if not covering:
            out.append(piece)
            continue
        covering.sort(key=lambda m: KINDS.index(m.kind))
        kinds = list(dict.fromkeys(m.kind for m in covering))
        classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
        title = "; ".join(dict.fromkeys(m.label for m in covering))
        out.append(f'<mark class="{classes}" title="{escape(title)}">{piece}</mark>')
    return Markup("".join(out))


def _actor_label(role: str, actor: Mapping[str, Any]) -> str:
    name = actor.get("name") or actor.get("text") or ""
    return f"{role}: {actor.get('code', '')} {name}".strip()


def event_marks(event: Mapping[str, Any], dates: Sequence[Mapping[str, Any]] = ()) -> list[Mark]:
    """Marks for one contract event object: actors, recipients, trigger, place and date.

    The date is marked where one of the document's time expressions (``dates``, with
    offsets) lies in the event's sentence and has the event's date as its value.
    """
    marks: list[Mark] = []
    for role in ("actor", "recipient"):
        for a in event.get(role) or ():
            if a.get("start") is not None and a.get("end") is not None:
                marks.append(Mark(a["start"], a["end"], role, _actor_label(role, a)))
    trigger = event.get("trigger")
    if trigger:
        label = f"{event.get('event_type')} (CAMEO {event.get('cameo')})"
        marks.append(Mark(trigger["start"], trigger["end"], "trigger", label))
    place = event.get("location")
    if place and place.get("start") is not None and place.get("end"):
        marks.append(Mark(place["start"], place["end"], "place", f"place: {place.get('name')}"))
    sentence = event.get("sentence")
    value = event.get("date")
    if sentence and value:
        for d in dates:
            if (
                d.get("value") == value
                and d.get("start") is not None
                and sentence["start"] <= d["start"]
                and d["end"] <= sentence["end"]
            ):
                marks.append(Mark(d["start"], d["end"], "date", f"date: {value}"))
    return marks


def sentence_html(event: Mapping[str, Any], dates: Sequence[Mapping[str, Any]] = ()) -> Markup:
    """The event's sentence with its evidence highlighted (empty when it has no sentence)."""
    sentence = event.get("sentence")
    if not sentence:
        return Markup("")
    return highlight(sentence["text"], event_marks(event, dates), base=sentence["start"])


def document_html(
    text: str,
    events: Sequence[Mapping[str, Any]],
    places: Sequence[Mapping[str, Any]] = (),
    dates: Sequence[Mapping[str, Any]] = (),
) -> Markup:
    """A whole document with every event's evidence, place and time expression marked."""
    marks: list[Mark] = []
    for event in events:
        marks.extend(event_marks(event, dates))
    for p in places:
        if p.get("start") is not None and p.get("lat") is not None:
            marks.append(Mark(p["start"], p["end"], "place", f"place: {p.get('name')}"))
    for d in dates:
        if d.get("start") is not None and d.get("value"):
            marks.append(Mark(d["start"], d["end"], "date", f"date: {d['value']}"))
    return highlight(text, marks)
