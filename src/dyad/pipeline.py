"""Pipeline: the one orchestrator, from Documents to Events.

It loads everything once (spaCy model, gazetteers, lexicons) and turns documents into events
in batches with ``nlp.pipe``. Everything here is a pure function of the document and the
knowledge files, so the same code runs in one process, a process pool or a Dask worker.
"""

from __future__ import annotations

import logging
from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Token

from dyad.actors.lexicon import INTERNATIONAL_CODES
from dyad.actors.story import Entity, Story
from dyad.events.coder import Coded, EventCoder
from dyad.events.lexicon import load_grammar
from dyad.language import load_nlp
from dyad.model import Document, Event, PersonNote, Place, Sentence, Span, When
from dyad.ontology.plover import event_type
from dyad.when import TimeExpr, date_for_event, find_dates
from dyad.where import PlaceMention, find_places, locatable, place_for_event
from dyad.where_dateline import dateline_places
from dyad.where_gazetteer import COARSE_CODES, gazetteer

# Texts longer than this are parsed in pieces cut at paragraph breaks and joined back
# (spaCy's own limit is higher, but its memory grows with the longest text in a batch).
MAX_CHARS = 200_000
# No news article comes near this; a larger input (a dump, a book) is coded up to here, with
# a warning, so that one huge document cannot hold a run for many minutes.
MAX_CODED_CHARS = 1_000_000
log = logging.getLogger("dyad")
# An event dated this long before publication is background history.
HISTORY_DAYS = 60
# Coded once by ``Pipeline.warm`` so that every knowledge table (gazetteer, actors, office
# holders, lexicon) is loaded before the first real document.
WARM_UP_TEXT = "Iran's foreign minister met Azerbaijani officials in Baku on Wednesday."


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline read from one document."""

    document: Document
    events: tuple[Event, ...]
    dates: tuple[When, ...]
    places: tuple[Place, ...]
    people: tuple[PersonNote, ...] = ()


class Pipeline:
    """Loads the model and knowledge once; codes documents into events."""

    def __init__(
        self,
        nlp: Language | None = None,
        batch_size: int = 16,
        memory: Mapping[str, Entity] | None = None,
    ) -> None:
        self.nlp = nlp or load_nlp()
        self.coder = EventCoder()
        self.batch_size = batch_size
        # Actor memory: people learned from earlier articles, keyed by lower-case full name
        # and surname; the store's memory when given, plus what this run learns as it goes.
        self.memory: Mapping[str, Entity] = memory or {}
        self._learned: dict[str, Entity] = {}
        self._clashes: set[str] = set()

    def code(self, text: str, published: date | None = None, doc_id: str = "text") -> list[Event]:
        """Events of one text (convenience for notebooks and tests)."""
        source = "given" if published else "none"
        document = Document(id=doc_id, text=text, published=published, published_source=source)
        return list(self.analyse(document).events)

    def warm(self) -> None:
        """Load the knowledge tables now rather than on the first document; learns nothing."""
        learned, clashes = dict(self._learned), set(self._clashes)
        self.analyse(Document("dyad-warm-up", WARM_UP_TEXT, date(2000, 1, 5), "given"))
        self._learned, self._clashes = learned, clashes

    def analyse(self, document: Document) -> Analysis:
        """Events, dates and places of one document."""
        return next(self.analyse_many([document]))

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        """Analyses in input order, parsing in batches."""
        # A long text goes through the batch as "" and is parsed in pieces on its own.
        pairs = ((d.text if len(d.text) <= MAX_CHARS else "", d) for d in documents)
        for parsed, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            if len(document.text) > MAX_CHARS:
                parsed = self._parse_long(document.text)
            yield self._analyse_parsed(document, parsed)

    def _parse_long(self, text: str) -> Doc:
        """A very long text parsed in pieces cut at paragraph breaks, joined back into one Doc.

        Offsets stay those of the whole text; memory stays bounded by the piece size.
        """
        if len(text) > MAX_CODED_CHARS:
            log.warning(
                "document of %d characters: coding its first %d only", len(text), MAX_CODED_CHARS
            )
            text = text[:MAX_CODED_CHARS]
        pieces: list[str] = []
        start = 0
        while start < len(text):
            end = min(start + MAX_CHARS, len(text))
            if end < len(text):
                cut = text.rfind("\n\n", start, end)
                end = cut + 2 if cut > start else end
            pieces.append(text[start:end])
            start = end
        docs = list(self.nlp.pipe(pieces, batch_size=self.batch_size))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def events(self, documents: Iterable[Document]) -> Iterator[Event]:
        """Events of many documents, in document order."""
        for analysis in self.analyse_many(documents):
            yield from analysis.events

    # -- one parsed document -----------------------------------------------------------

    def _analyse_parsed(self, document: Document, doc: Doc) -> Analysis:
        published = document.published
        memory = ChainMap(self._learned, dict(self.memory)) if self._learned else self.memory
        story = Story(doc, published, document.id, memory, resolve=False)
        # Places first: the countries of the story's places help to decide ambiguous names
        # and give role-only actors ("police", "militants") a home.
        places = find_places(doc, story.focus_countries())
        story.add_focus(p.place.country for p in places if p.role == "place" and p.place.country)
        datelines = dateline_places(document.text[:300])
        if len(datelines) == 1:
            # Where the report was filed weighs as three mentions of its country: role-only
            # actors ("the army", "loyalist troops") are most often its own. A shared
            # dateline ("SEOUL/TOKYO") says no such thing.
            story.add_focus([datelines[0].country] * 3)
        story.add_places(
            (p.start_token, p.end_token, p.place.country)
            for p in places
            if p.role == "place" and p.place.country and p.place.feature_code != "PCLI"
        )
        story.resolve()
        coded = self.coder.code_doc(doc, story)
        dates = find_dates(doc, published)
        sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        events = tuple(
            self._event(document, doc, c, dates, places, datelines, sent_index) for c in coded
        )
        self._learn(story.notes)
        return Analysis(
            document=document,
            events=events,
            dates=tuple(t.when for t in dates),
            places=tuple(p.place for p in places),
            people=tuple(story.notes),
        )

    def _learn(self, notes: Iterable[PersonNote]) -> None:
        """Remember people introduced with title and nationality for later documents.

        A surname shared by people of different countries is forgotten, not guessed.
        """
        for note in notes:
            entity = Entity(note.name, note.country, note.sector, True)
            parts = note.name.split()
            keys = [note.name.lower()] + ([parts[-1].lower()] if len(parts) > 1 else [])
            for key in keys:
                if key in self._clashes:
                    continue
                known = self._learned.get(key)
                if known is not None and known.country != entity.country:
                    del self._learned[key]
                    self._clashes.add(key)
                else:
                    self._learned[key] = entity

    def _event(
        self,
        document: Document,
        doc: Doc,
        c: Coded,
        dates: list[TimeExpr],
        places: list[PlaceMention],
        datelines: list[Place],
        sent_index: dict[int, int],
    ) -> Event:
        published = document.published
        anchor = c.anchor.i
        when = date_for_event(doc, anchor, dates, published, historical=False)
        if (
            when is None
            and published is not None
            and (c.modality.refusal or (c.modality.announced and not c.modality.hypothetical))
        ):
            # An announcement (or refusal) of what will happen is an event of the day it is made.
            when = When("", 0, 0, published.isoformat(), "day")
        where = _location(doc, c, places, datelines)
        historical = _historical(when, published, c)
        sent = c.trigger.sent
        reason = c.reason
        if when is not None and when.text == "" and when.value:
            reason += "; date: publication date"
        elif when is not None and when.value:
            reason += f"; date: '{when.text}'"
        if where is not None:
            reason += f"; place: '{where.text}'"
        if c.modality.why:
            reason += f"; modality: {c.modality.why}"
        code = c.code
        mode = c.pattern.mode if c.pattern.cameo == code.code and c.pattern.mode else None
        return Event(
            doc_id=document.id,
            event_type=event_type(code.plover_type, mode),
            mode=mode or code.plover_mode,
            context=code.plover_context,
            cameo=code.code,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            actor=tuple(c.actors),
            recipient=tuple(c.recipients),
            date=when.value if when else None,
            date_precision=when.precision if when else None,
            location=where,
            sentence=Sentence(
                index=sent_index.get(sent.start, 0),
                start=sent.start_char,
                end=sent.end_char,
                text=sent.text,
            ),
            trigger=Span(
                start=c.trigger.idx,
                end=c.trigger_end,
                text=document.text[c.trigger.idx : c.trigger_end],
            ),
            negated=c.modality.negated,
            hypothetical=c.modality.hypothetical,
            historical=historical,
            confidence=c.confidence,
            reason=reason,
            published=published.isoformat() if published else None,
            published_source=document.published_source,
        )


def _location(
    doc: Doc, c: Coded, places: list[PlaceMention], datelines: list[Place]
) -> Place | None:
    """Where the event happened: its clause's place, the place it targets, or the dateline.

    The dateline (where the report was filed) stands for the event's place only when it
    lies in a country the event involves and the event is not a visit to another country.
    """
    involved = {a.country for a in (*c.actors, *c.recipients)}
    # Of a shared dateline ("SEOUL/TOKYO"), the place in a country the event involves.
    dateline = next((d for d in datelines if d.country in involved), None) or (
        datelines[0] if datelines else None
    )
    where = place_for_event(doc, c.anchor.i, places, None)
    if where is not None:
        if where.country is None:
            # "the town of Oshnavieh", unknown to the gazetteer: in the one country the
            # event involves, if there is one; else in the dateline's country when the event
            # involves it ("BAMAKO - Malian and French troops fought near Konna").
            countries = {a.country for a in (*c.actors, *c.recipients) if a.country}
            if len(countries) != 1 and dateline is not None and dateline.country in countries:
                countries = {dateline.country}
            if len(countries) == 1:
                where = replace(where, country=next(iter(countries)))
        return where
    if c.code.plover_mode == "visit" or c.code.plover_type == "MOBILIZE":
        # "a visit to Kyiv", "sent warships to the Black Sea": the destination.
        for head in (c.trigger, c.anchor):
            for child in head.children:
                visited = c.code.plover_mode == "visit" and child.dep_ == "dobj"
                if visited or (child.dep_ == "prep" and child.lower_ in ("to", "into")):
                    # "a visit to Kyiv", "visiting Warsaw"
                    span = {t.i for t in child.subtree}
                    for p in places:
                        if p.start_token in span:
                            return p.place
    if c.place_target is not None:
        for p in places:
            if p.place.start == c.place_target:
                return p.place
    inside = _object_place(c, places)
    if inside is not None:
        return inside
    capital = _capital_named(c, involved, dateline) or _place_anaphor(c, places)
    if capital is not None:
        return capital
    if dateline is None or dateline.country is None:
        return None
    visit_abroad = c.code.plover_mode == "visit" and any(
        r.country != dateline.country for r in c.recipients
    )
    return dateline if dateline.country in involved and not visit_abroad else None


def _definite_nouns(c: Coded, kind: str) -> Iterator[Token]:
    """Nouns of a grammar.tsv ``kind`` with a definite determiner in the event's clause ("the
    capital", "in the city")."""
    grammar = load_grammar()
    for tok in c.anchor.subtree:
        definite = any(d.dep_ == "det" and grammar.has("definite", d.lower_) for d in tok.children)
        if tok.pos_ == "NOUN" and grammar.has(kind, tok.lemma_.lower()) and definite:
            yield tok


def _capital_named(c: Coded, involved: set[str | None], dateline: Place | None) -> Place | None:
    """ "fired tear gas at protesters in the capital", "shelled the capital's suburbs": the
    capital (grammar.tsv ``capital_noun``, definite and unnamed) of the one state the event
    involves, or of the dateline's state when the event involves it."""
    states = {s for s in involved if s and s not in INTERNATIONAL_CODES}
    if dateline is not None and dateline.country in states:
        states = {dateline.country}
    if len(states) != 1:
        return None
    for tok in _definite_nouns(c, "capital_noun"):
        if any(d.dep_ in ("appos", "compound") and d.pos_ == "PROPN" for d in tok.children):
            continue  # "the capital Sanaa" names itself
        gaz = gazetteer()
        entry = gaz.capital.get(next(iter(states)))
        if entry is None:
            return None
        g = gaz.entries[entry]
        start, end = tok.idx, tok.idx + len(tok.text)
        where = (g.name, g.geonameid, g.lat, g.lon, g.country, g.feature_code)
        return Place(tok.text, start, end, *where)
    return None


def _place_anaphor(c: Coded, places: Sequence[PlaceMention]) -> Place | None:
    """ "fighting in the city", "troops entered the town": a definite place noun (grammar.tsv
    ``town_noun``) in a locative phrase of the event's clause names the latest town the
    story placed before it."""
    for tok in _definite_nouns(c, "town_noun"):
        if tok.dep_ not in ("pobj", "dobj"):
            continue
        if any(d.dep_ in ("prep", "appos", "compound", "amod") for d in tok.children):
            continue  # "the city of Goma", "the port city": it names its own
        earlier = [
            p
            for p in places
            if p.start_token < tok.i
            and p.role == "place"
            and locatable(p.place)
            and p.place.feature_code not in COARSE_CODES
            and (p.place.feature_code or "").startswith("PPL")
        ]
        if earlier:
            return max(earlier, key=lambda p: p.start_token).place
    return None


def _object_place(c: Coded, places: Sequence[PlaceMention]) -> Place | None:
    """ "took control of the oil city of Kirkuk": a force used on a place happens there; and
    "clashed with police in the regional capital Nukus": a place phrase inside the "with"
    party is the scene too. Only places finer than a country count."""
    spans: list[set[int]] = []
    for head in dict.fromkeys((c.trigger, c.anchor)):
        for child in head.children:
            if child.dep_ == "dobj" and c.code.quad_class == 4:
                spans.append({t.i for t in child.subtree})
            elif child.dep_ == "prep" and child.lower_ == "with":
                spans.extend(
                    {t.i for t in g.subtree}
                    for pobj in child.children
                    for g in pobj.children
                    if g.dep_ == "prep" and g.lower_ in ("in", "at", "near")
                )
    for span in spans:
        for p in places:
            fine = locatable(p.place) and p.place.feature_code not in COARSE_CODES
            if p.role == "place" and fine and p.start_token in span:
                return p.place
    return None


def _historical(when: When | None, published: date | None, c: Coded) -> bool:
    """Background history: dated well before publication, or told in the past perfect."""
    tok = c.anchor
    if any(ch.dep_ == "aux" and ch.lower_ == "had" for ch in tok.children) and tok.tag_ == "VBN":
        return True
    if when is None or not when.value or published is None:
        return False
    end = _period_end(when.value)
    return end is not None and end < published - timedelta(days=HISTORY_DAYS)


def _period_end(value: str) -> date | None:
    """The last day of a day, month or year value."""
    try:
        if len(value) == 4:
            return date(int(value), 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
