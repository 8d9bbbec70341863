"""Actors across a whole article: every mention coded in document order, with coreference.

One pass over the document resolves each noun phrase that can be an actor (names, titles,
group words, countries, capitals used as actors, pronouns, "the two sides") to a country and
sector. Later short names, pronouns and descriptions resolve to the actor introduced earlier.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from dyad.actors.lexicon import INTERNATIONAL_CODES, ActorLexicon, load_lexicon
from dyad.actors.phrase import Resolution, resolve_phrase
from dyad.events.lexicon import Grammar, load_grammar, sponsor_pattern
from dyad.events.syntax import subject_of
from dyad.model import Actor, PersonNote
from dyad.when_parse import words as time_words
from dyad.where_dateline import dateline_span

# Dependencies whose subtrees are not part of the noun phrase that names an actor.
_CUT_DEPS = frozenset(
    {"relcl", "acl", "conj", "cc", "prep", "punct", "advcl", "parataxis", "appos", "dep", "case"}
)
_NAME_POS = frozenset({"PROPN"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "from"})
# Sectors that do not take a home country from context (former leaders are named, not implied).
_NO_HOME = frozenset({"ELI", "REF"})


@dataclass(frozen=True, slots=True)
class Entity:
    """What a mention resolved to: enough to code it and to resolve later references."""

    name: str | None
    country: str
    sector: str | None
    person: bool


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved mention: its head token, span and the entities it stands for."""

    head: int
    start: int
    end: int
    entities: tuple[Entity, ...]
    how: str
    subject: bool
    locative: bool = False


class Story:
    """The actors of one document, resolved once in document order."""

    def __init__(
        self,
        doc: Doc,
        published: date | None,
        doc_id: str = "",
        memory: Mapping[str, Entity] | None = None,
        resolve: bool = True,
    ) -> None:
        self.doc = doc
        # spaCy rebuilds Doc.text from its tokens on every access: read it once.
        self.text = doc.text
        self.published = published
        self.doc_id = doc_id
        self.memory: Mapping[str, Entity] = memory or {}
        self.notes: list[PersonNote] = []
        self.lexicon: ActorLexicon = load_lexicon()
        self.grammar: Grammar = load_grammar()
        self._persons: dict[str, Entity] = {}
        self._mentions: dict[int, Mention] = {}
        self._order: list[Mention] = []
        self._last_pair: tuple[Entity, Entity] | None = None
        # A dateline ("NAIROBI, July 20 (Reuters) -") names a place and an agency, not actors.
        span = dateline_span(self.text[:400])
        self._dateline_end = span[1] if span else 0
        self._agent_words = _agent_words(self.lexicon)
        # grammar.tsv state_kind rows "noun=ISO3,...": the kinds of state ("the kingdom")
        self._state_kinds = {
            key: tuple(rest.split(","))
            for key, _, rest in (r.partition("=") for r in self.grammar.kinds.get("state_kind", ()))
        }
        self._state_heads = {key.split()[-1].lower() for key in self._state_kinds}
        self._persons_ending = {e.end - 1: e for e in doc.ents if e.label_ == "PERSON"}
        self._focus = self._doc_countries()
        self._places: list[tuple[int, str]] = []
        self._place_at: dict[int, tuple[int, int, str]] = {}
        self._resolved = False
        if resolve:
            self.resolve()

    def focus_countries(self) -> list[str]:
        """The states the document names, most often first."""
        return [k for k, _ in self._focus.most_common()]

    def add_places(self, places: Iterable[tuple[int, int, str]]) -> None:
        """Places below country level as (first token, end token, country).

        They give role-only actors a home ("police in Minsk") and attacks on a place a
        target ("missiles struck the port of Odesa").
        """
        for start, end, country in places:
            if country and _national(country):
                self._places.append((start, country))
                for i in range(start, end):
                    self._place_at[i] = (start, end, country)

    def places_of(self, tokens: Iterable[Token]) -> set[str]:
        """The states of the places among ``tokens``."""
        return {found[2] for t in tokens if (found := self._place_at.get(t.i)) is not None}

    def place_target(self, tokens: Iterable[Token]) -> Actor | None:
        """The state a place among ``tokens`` belongs to, as a target actor."""
        for t in tokens:
            found = self._place_at.get(t.i)
            if found is not None:
                start, end, country = found
                first, last = self.doc[start], self.doc[end - 1]
                a, b = first.idx, last.idx + len(last.text)
                how = f"the state of the place '{self.text[a:b]}'"
                return Actor(self.text[a:b], a, b, None, country, None, how)
        return None

    def add_focus(self, countries: Iterable[str | None]) -> None:
        """Count more evidence of the story's states (e.g. the countries of its places)."""
        for c in countries:
            if c and _national(c):
                self._focus[c] += 1

    def resolve(self) -> None:
        """Resolve every mention in document order (once)."""
        if self._resolved:
            return
        self._resolved = True
        for sent in self.doc.sents:
            self._resolve_sentence(sent)

    # -- queries used by the event coder -------------------------------------------------

    def mention(self, i: int) -> Mention | None:
        """The resolved mention headed by token ``i``, if it is an actor."""
        return self._mentions.get(i)

    def actors(self, tok: Token) -> list[Actor]:
        """Actors named by the phrase headed by ``tok`` and by its conjuncts."""
        out: list[Actor] = []
        for t in self._members(tok):
            m = self._mentions.get(t.i)
            if m is None:
                continue
            entities = m.entities
            if not entities and self._last_pair is not None:
                entities = self._last_pair
            if self.grammar.has("two_sides_role", t.lemma_.lower()) and len(entities) == 2:
                # "the two leaders", "both armies": the two parties in the role the noun names.
                term = self.lexicon.agent(t.lemma_)
                if term is not None and term.sector:
                    entities = tuple(replace(e, sector=term.sector) for e in entities)
            for ent in entities:
                actor = self._actor(m, ent)
                if all(a.code != actor.code or a.name != actor.name for a in out):
                    out.append(actor)
        return out

    def _members(self, tok: Token) -> list[Token]:
        """The heads of the parties a phrase names: itself and its conjuncts."""
        members = [tok, *tok.conjuncts]
        for c in tok.children:
            # "Azerbaijan, Russia, Turkey and Iran": the parser often reads a list as apposition.
            if c.dep_ == "appos" and c.i in self._mentions and c.pos_ == tok.pos_ == "PROPN":
                members.extend((c, *c.conjuncts))
            # "Minister X (4th L) and President Y meet": the first party read as a modifier
            # of the second, still carrying the "and".
            elif (
                c.dep_ in ("nmod",)
                and c.i < tok.i
                and c.i in self._mentions
                and any(g.dep_ == "cc" for g in c.children)
            ):
                members.insert(0, c)
        return members

    def modifier_state(self, tok: Token) -> list[Actor]:
        """ "Israeli air strikes", "a Russian missile strike": the state a demonym
        adjective that modifies an event noun names (the modifier heads no actor phrase). A
        place name there ("the Karabakh war") says where, not who."""
        if tok.dep_ != "amod" or tok.pos_ != "ADJ" or tok.head.pos_ != "NOUN":
            return []
        term = self.lexicon.country(tok.text, self.published)
        if term is None or not _national(term.country):
            return []
        how = f"'{tok.text}' modifying the event noun '{tok.head.text}'"
        return [Actor(tok.text, tok.idx, tok.idx + len(tok.text), None, term.country, None, how)]

    def implied_state(self, tok: Token, sector: str | None = None) -> list[Actor]:
        """The authorities of the story's state, for an agentless passive ("were arrested");
        ``sector`` when the verb says which (a court acquits: JUD)."""
        home = self._locative_state(tok) or self._context_country(tok)
        if home is None:
            return []
        start = tok.idx
        how = f"implied: the authorities of {home[0]} ({home[1]})"
        return [Actor("", start, start, None, home[0], sector, how)]

    def note_pair(self, a: Sequence[Actor], b: Sequence[Actor]) -> None:
        """Remember the latest two-party interaction, for "the two sides"."""
        if a and b and a[0].country and b[0].country and a[0].code != b[0].code:
            self._last_pair = (
                Entity(a[0].name, a[0].country, a[0].sector, False),
                Entity(b[0].name, b[0].country, b[0].sector, False),
            )

    # -- the mention pass ----------------------------------------------------------------

    def _actor(self, m: Mention, ent: Entity) -> Actor:
        doc = self.doc
        start_char = doc[m.start].idx
        last = doc[m.end - 1]
        end_char = last.idx + len(last.text)
        return Actor(
            text=self.text[start_char:end_char],
            start=start_char,
            end=end_char,
            name=ent.name,
            country=ent.country,
            sector=ent.sector,
            how=m.how,
        )

    def _resolve_sentence(self, sent: Span) -> None:
        for tok in sent:
            if tok.idx < self._dateline_end or not self._can_head(tok):
                continue
            mention = self._resolve(tok)
            if mention is not None and _locative(tok):
                mention = Mention(
                    mention.head,
                    mention.start,
                    mention.end,
                    mention.entities,
                    mention.how,
                    mention.subject,
                    locative=True,
                )
            if mention is not None:
                self._mentions[tok.i] = mention
                self._order.append(mention)

    def _may_name_actor(self, tok: Token, lo: int, hi: int) -> bool:
        """A cheap test before phrase resolution: most common nouns name no actor.

        A phrase may name an actor when its head is a title or group word ("police",
        "the two sides") or when it holds a proper noun or a country, demonym or
        organisation the gazetteer ruler marked.
        """
        if tok.pos_ == "PROPN" or tok.ent_type_:
            return True
        if tok.is_title and self._known_person(tok.text) is not None:
            return True  # "Lula accused police": a name the story introduced, tagged a noun
        lemma = tok.lemma_.lower()
        if lemma in self._agent_words or self.grammar.has("two_sides", lemma):
            return True
        if lemma in self._state_heads:
            return True  # "the kingdom", "the Jewish state"
        words = self._agent_words
        return any(
            t.pos_ == "PROPN" or t.ent_type_ or t.lemma_.lower() in words or t.lower_ in words
            for t in self.doc[lo:hi]
        )

    def _can_head(self, tok: Token) -> bool:
        if tok.dep_ in ("compound", "flat") and tok.head.pos_ in ("PROPN", "NOUN"):
            return False
        if _in_water_name(tok, self.grammar) or (
            tok.is_title and self.grammar.has("water_name", tok.lower_)
        ):
            return False  # "the Sea of Japan", "the Gulf of Oman": open water, no state
        if tok.pos_ == "PRON":
            return tok.lower_ in self._pronouns()
        if tok.pos_ == "PROPN":
            return True
        return tok.pos_ in ("NOUN", "ADJ") and tok.dep_ != "amod"

    def _pronouns(self) -> frozenset[str]:
        g = self.grammar.kinds
        return (
            g.get("pronoun_person", frozenset())
            | g.get("pronoun_group", frozenset())
            | g.get("pronoun_thing", frozenset())
        )

    def _span(self, tok: Token) -> tuple[int, int]:
        """Token range of the noun phrase headed by ``tok`` (without clauses and conjuncts)."""
        lo, hi = tok.i, tok.i + 1
        for child in tok.children:
            if child.dep_ == "nmod" and any(g.dep_ == "cc" for g in child.children):
                # "Minister X and President Y": the parser's modifier X is a party of its own.
                continue
            if child.dep_ in _CUT_DEPS or child.text.startswith("("):
                keep = (child.dep_ == "prep" and child.lower_ == "of" and child.i > tok.i) or (
                    child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i == hi
                )
                if not keep:
                    continue
                if child.dep_ == "prep":
                    # "dozens of rioters who tried to storm police buildings": the "of" phrase
                    # without the clauses inside it.
                    for pobj in (g for g in child.children if g.dep_ == "pobj"):
                        hi = max(hi, self._span(pobj)[1])
                    continue
            sub = list(child.subtree)
            if any(t.text in ("(", ")") for t in sub):
                continue
            lo = min(lo, sub[0].i)
            hi = max(hi, sub[-1].i + 1)
        return lo, hi

    def _resolve(self, tok: Token) -> Mention | None:
        # The agent of a passive ("welcomed by Bayramov") is as salient as a subject.
        subject = tok.dep_ in _SUBJECT_DEPS or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")
        if tok.pos_ == "PRON":
            return self._resolve_pronoun(tok, subject)
        lo, hi = self._span(tok)
        doc = self.doc
        if not self._may_name_actor(tok, lo, hi):
            return None
        text = self.text[doc[lo].idx : doc[hi - 1].idx + len(doc[hi - 1].text)]
        two = self._two_sides(tok)
        if two is not None:
            return Mention(
                tok.i, lo, hi, two, "the two parties of the story's latest dyad", subject
            )
        person_name = self._person_name(tok, lo, hi)
        lone_name = hi - lo == 1 and tok.is_title and tok.pos_ in ("NOUN", "PROPN")
        if lone_name or all(t.pos_ == "PROPN" for t in doc[lo:hi]):
            # A bare name the story introduced ("Sonko") is that person, whatever the
            # office-holder table says about namesakes (even where the name detector did not
            # tag this occurrence: "offer Morales asylum").
            bare = person_name or text
            known = self._known_person(bare)
            if known is not None:
                return Mention(tok.i, lo, hi, (known,), f"{bare}: named earlier", subject)
        neighbour = self._neighbour(tok)
        if neighbour is not None:
            return Mention(tok.i, lo, hi, (neighbour[0],), neighbour[1], subject)
        first = doc[lo]
        opens = first.is_sent_start or (first.i > 0 and doc[first.i - 1].is_quote)
        if (
            opens
            and first.pos_ != "PROPN"
            and text[:1].isupper()
            and self.lexicon.country(first.text) is None  # "Indian warplanes struck"
        ):
            # "Such regional formats": a capital that only starts the sentence is no name.
            text = text[:1].lower() + text[1:]
        res = resolve_phrase(text, self.published)
        if res is None or sponsor_pattern().search(text) or not res.country:
            group = self._group_anaphor(tok, "group_anaphor", "group_sector")
            group = group or self._group_anaphor(tok, "business_anaphor", "business_actor")
            if group is not None:
                how = f"'{tok.text}' refers back to {group.name or group.country} ({group.sector})"
                return Mention(tok.i, lo, hi, (group,), how, subject)
            state = self._state_anaphor(tok) or self._state_noun(tok)
            if state is not None:
                sector = res.sector if res is not None else None
                how = f"'{tok.text}' refers back to {state[0]} ({state[1]})"
                ent = Entity(None, state[0], sector, False)
                return Mention(tok.i, lo, hi, (ent,), how, subject)
        if res is not None and res.sector and not res.country:
            parties = self._of_parties(tok)
            if parties is not None:
                # "the defence ministers of the three countries": one per party, with the
                # title's sector.
                ents = tuple(Entity(None, e.country, res.sector, False) for e in parties)
                return Mention(tok.i, lo, hi, ents, f"{res.why}; of the story's parties", subject)
        if res is not None and res.sector and not res.country:
            code = self._stateless_code(res.sector)
            words = self._agent_words
            nouns = [tok, *(c for c in tok.children if c.dep_ == "compound")]
            if code is not None and any(t.lemma_.lower() in words for t in nouns):
                # "Rights groups accused the government": a non-governmental body whose
                # nationality is not given is coded as such, not as the story's country (not
                # an adjective that only describes a thing: "a humanitarian truce").
                res = Resolution(code, None, res.name, f"{res.why}; {code}: no nationality given")
        if res is not None and res.sector and not res.country and res.sector not in _NO_HOME:
            origins = self._from_states(tok)
            if len(origins) >= 2:
                # "Envoys from Ethiopia and Egypt": one party per state they come from.
                ents = tuple(
                    Entity(None, c, res.sector if _national(c) else None, False) for c in origins
                )
                why = f"{res.why}; the states they come from"
                return Mention(tok.i, lo, hi, ents, why, subject)
            home = ((origins[0], "the state they come from") if origins else None) or (
                self._possessor_state(tok)
                or self._sender(tok, res.sector)
                or self._context_country(tok)
            )
            if home is not None:
                why = f"{res.why}; country {home[0]} from {home[1]}"
                # an international body's envoys are the body itself ("a delegation from the IMF")
                sector = res.sector if _national(home[0]) else None
                res = Resolution(home[0], sector, res.name, why)
        if res is not None and res.country:
            ents = self._coordinated(tok, res.country, res.sector)
            named = person_name is not None
            if person_name is None and ("office holder" in res.why or self._names_person(tok)):
                person_name = res.name or _clean_name(tok.text)
            name = person_name or res.name
            is_person = person_name is not None
            entity = Entity(name, res.country, res.sector, is_person)
            if is_person and person_name:
                self._remember_person(person_name, entity)
                titled = hi - lo > len(person_name.split())
                if named and titled and "office holder" not in res.why:
                    self._note(person_name, entity, lo, hi)
            if ents:
                return Mention(
                    tok.i, lo, hi, ents, res.why + "; coordinated nationalities", subject
                )
            if tok.lower_ == "counterpart" or (res.sector is None and self._is_counterpart(tok)):
                entity = self._counterpart(tok, entity)
            return Mention(tok.i, lo, hi, (entity,), res.why, subject)
        if person_name is None and self._names_person(tok):
            person_name = _clean_name(doc[lo:hi].text)
        if person_name:
            known = self._known_person(person_name)
            if known is not None:
                return Mention(tok.i, lo, hi, (known,), f"{person_name}: named earlier", subject)
            remembered = self._remembered(person_name)
            if remembered is not None:
                how = f"{person_name}: remembered from earlier articles"
                return Mention(tok.i, lo, hi, (remembered,), how, subject)
        return None

    def _remembered(self, name: str) -> Entity | None:
        """A person learned from earlier articles (actor memory), by full name or surname."""
        for key in _name_keys(name):
            found = self.memory.get(key)
            if found is not None:
                return found
        return None

    def _note(self, name: str, entity: Entity, lo: int, hi: int) -> None:
        doc = self.doc
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        self.notes.append(
            PersonNote(
                name=name,
                country=entity.country,
                sector=entity.sector,
                doc_id=self.doc_id,
                published=self.published,
                evidence=self.text[start:end],
                start=start,
                end=end,
            )
        )

    # -- pieces of resolution --------------------------------------------------------------

    def _doc_countries(self) -> Counter[str]:
        """How often each state is named in the document (its focus), from entity mentions."""
        counts: Counter[str] = Counter()
        person_ends = {e.end for e in self.doc.ents if e.label_ == "PERSON"}
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "NORP"):
                continue
            term = self.lexicon.country(ent.text, self.published)
            if term is not None and term.ambiguous and ent.start in person_ends:
                continue  # "Juan Arnes Salvador": a surname the tagger split from its person
            if term is not None and _national(term.country):
                counts[term.country] += 1
        return counts

    def _from_states(self, tok: Token, preps: tuple[str, ...] = ("from",)) -> list[str]:
        """ "Envoys from Ethiopia and Egypt", "troops from Australia": the states named after
        "from" (or ``preps``) on a role noun."""
        out: list[str] = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for t in (obj, *obj.conjuncts):
                    words = [c.text for c in t.lefts if c.dep_ == "compound"] + [t.text]
                    term = self.lexicon.country(" ".join(words))
                    # "a delegation from the IMF": a body is an origin too
                    if term is not None and term.country and term.country not in out:
                        out.append(term.country)
        return out

    def _sender(self, tok: Token, sector: str) -> tuple[str, str] | None:
        """ "Rwanda deployed soldiers": forces a state sends or commands are its own."""
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head  # "deployed soldiers and police"
        if tok.dep_ != "dobj" or not self.grammar.has("armed_sector", sector):
            return None
        if not self.grammar.has("deploy_verb", tok.head.lemma_.lower()):
            return None  # "Indian warplanes struck a militant camp": the camp is no Indian's
        for c in tok.head.children:
            if c.dep_ == "nsubj":
                m = self._mentions.get(c.i)
                if m is not None and len(m.entities) == 1 and _national(m.entities[0].country):
                    return m.entities[0].country, f"the subject '{c.text}' that deploys them"
        return None

    def _possessor_state(self, tok: Token) -> tuple[str, str] | None:
        """ "its fighters", "their troops", "Hamas, whose fighters ...": forces or officials
        belong to the state or group the possessive refers to."""
        for c in tok.children:
            if c.dep_ != "poss":
                continue
            owner = c
            if c.lower_ == "whose":
                clause = tok
                while clause.dep_ != "relcl" and clause.head is not clause:
                    clause = clause.head
                if clause.dep_ != "relcl":
                    return None
                owner = clause.head  # the relative's antecedent
            m = self._mentions.get(owner.i)
            if m is None or len(m.entities) != 1 or m.entities[0].person:
                return None
            if not _national(m.entities[0].country):
                return None  # "the UN ... its peacekeeping mission in Mali": where, not whose
            return m.entities[0].country, f"the possessive '{c.text}'"
        return None

    def _locative_state(self, tok: Token) -> tuple[str, str] | None:
        """The state of a place phrase in the sentence ("sentenced to nine years in a Russian
        penal colony", "held in Iranian custody"): where an agentless act of a state was done."""
        sent = tok.sent
        for m in self._order:
            if not sent.start <= m.head < sent.end or not m.locative or len(m.entities) != 1:
                continue
            country = m.entities[0].country
            if _national(country) and not m.entities[0].person:
                return country, "a place phrase in the sentence"
        return None

    def _context_country(self, tok: Token) -> tuple[str, str] | None:
        """The country of an actor named only by its role ("police", "protesters", "the army").

        The state of a place named in the same sentence ("police in Minsk", "killed 24 people
        in Gaza"), else the latest state named earlier in the sentence, else the state the
        story names most.
        """
        start = tok.sent.start
        end = tok.sent.end
        # "announced that the army had deposed him while he was at a summit in Tanzania": a
        # place in a subordinate clause of its own is where something else happened.
        clause = _clause_of(tok)
        near = [
            (abs(i - tok.i), c)
            for i, c in self._places
            if start <= i < end and not _other_clause(self.doc[i], clause)
        ]
        # "Honiara's Chinatown": a place in a country the story never names is a namesake
        # abroad; the sentence's places in the story's own countries come first.
        top = self._focus.most_common(1)[0][1] if self._focus else 0
        told = [(d, c) for d, c in near if self._focus.get(c, 0) * 2 > top]
        if told:
            return min(told)[1], "a place in the sentence"
        partner = self._conjoined_subject(tok)
        if partner is not None:
            return partner, "the subject of the clause it is joined to"
        # "military bases in Ukraine", "a camp near Balakot in Pakistan": a country named as
        # the place of the phrase itself.
        for t in tok.doc[tok.i + 1 : end]:
            if (
                t.dep_ == "pobj"
                and t.head.lower_ in _LOCATIVE_PREPS
                and t.head.lower_ != "from"
                and not _other_clause(t, clause)
            ):
                term = self.lexicon.country(t.text)
                if term is not None and _national(term.country):
                    return term.country, "the country named as the place after it"
        for m in reversed(self._order):
            if m.head < start:
                break
            if m.locative or m.head >= tok.i or len(m.entities) != 1:
                continue
            if self._subject_elsewhere(m, tok):
                continue
            if _national(m.entities[0].country):
                return m.entities[0].country, "the sentence"
        if self._focus:
            return self._focus.most_common(1)[0][0], "the story's focus"
        return None

    def _subject_elsewhere(self, m: Mention, tok: Token) -> bool:
        """A subject whose state is no cue for ``tok``: the actor of ``tok``'s own clause when
        ``tok`` is its target ("Bush announced sanctions against the military leaders"), or
        of a clause ``tok``'s clause is only adverbial to ("..., after the junta agreed").
        A speaker's state does carry into what it reports ("Ruto said police arrested ...")."""
        subj = self.doc[m.head]
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = subj.head
        current = _clause_of(tok)
        if current.i == verb.i:
            # "dispatched two rescue teams", "sent troops": what one sends is one's own.
            own = tok.dep_ == "dobj" and self.grammar.has("deploy_verb", verb.lemma_.lower())
            return tok.dep_ not in ("nsubj", "nsubjpass") and not own
        for _ in range(8):
            if current.dep_ not in ("ccomp", "xcomp", "conj", "parataxis"):
                return True
            current = _clause_of(current.head)
            if current.i == verb.i:
                return False
        return True

    def _conjoined_subject(self, tok: Token) -> str | None:
        """ "Israeli warplanes bombed Beirut and the navy imposed a blockade", "Olmert called
        the capture an act of war, and the army called up reservists": the subject of a clause
        joined to this one names whose forces these are."""
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = tok.head
        if verb.dep_ != "conj":
            return None
        for c in verb.head.children:
            if c.dep_ not in ("nsubj", "nsubjpass"):
                continue
            m = self._mentions.get(c.i)
            if m is None or len(m.entities) != 1:
                return None
            country = m.entities[0].country
            return country if _national(country) else None
        return None

    def _person_name(self, tok: Token, lo: int, hi: int) -> str | None:
        """The PERSON name inside the phrase, when the phrase names a person."""
        doc = self.doc
        ent = self._persons_ending.get(tok.i)
        if ent is not None and ent.start >= lo and ent.end <= hi:
            return _clean_name(ent.text)
        if tok.pos_ in _NAME_POS and tok.ent_type_ in ("", "PERSON") and tok.is_title:
            names = [t for t in doc[lo:hi] if t.pos_ == "PROPN" and t.i <= tok.i]
            chain: list[Token] = []
            for t in reversed(names):
                if chain and t.i != chain[-1].i - 1:
                    break
                chain.append(t)
            if chain and tok.ent_type_ == "PERSON":
                return _clean_name(" ".join(t.text for t in reversed(chain)))
        return None

    def _names_person(self, tok: Token) -> bool:
        """A proper name that is not a country, capital, organisation or place: a person."""
        if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON"):
            return False
        lex = self.lexicon
        return lex.country(tok.text) is None and lex.agent(tok.text) is None

    def _remember_person(self, name: str, entity: Entity) -> None:
        for key in _name_keys(name):
            self._persons.setdefault(key, entity)
        # "Prabowo Subianto" ... "Prabowo", "Luiz Inacio Lula da Silva" ... "Lula": in many
        # naming customs the short form is the first or a middle name.
        for part in name.split()[:-1]:
            if len(part) >= 4 and part[:1].isupper():
                self._persons.setdefault(part.lower(), entity)

    def _known_person(self, name: str) -> Entity | None:
        for key in _name_keys(name):
            found = self._persons.get(key)
            if found is not None:
                return found
        return None

    def _coordinated(self, tok: Token, country: str, sector: str | None) -> tuple[Entity, ...]:
        """ "the Iranian and Azerbaijani presidents": one entity per coordinated nationality."""
        if tok.tag_ not in ("NNS", "NNPS"):
            return ()
        out: list[Entity] = []
        for child in tok.children:
            if child.dep_ not in ("amod", "compound", "nmod"):
                continue
            for t in (child, *child.conjuncts, *_listed_before(child)):
                # "South Sudanese": the word with its own modifiers first
                words = [g.text for g in t.lefts if g.dep_ in ("amod", "compound")]
                term = (self.lexicon.country(" ".join([*words, t.text])) if words else None) or (
                    self.lexicon.country(t.text)
                )
                if term is not None and all(e.country != term.country for e in out):
                    out.append(Entity(None, term.country, sector, False))
        if len(out) < 2:
            # "the foreign ministers of Armenia and Azerbaijan", "envoys from Ethiopia and Egypt"
            out = [Entity(None, c, sector, False) for c in self._from_states(tok, ("of", "from"))]
        return tuple(out) if len(out) >= 2 else ()

    def _neighbour(self, tok: Token) -> tuple[Entity, str] | None:
        """ "Nigeria cut supplies to its neighbour": the country the story names most that
        borders the possessor's (grammar.tsv ``neighbour_noun``; borders from GeoNames)."""
        if not self.grammar.has("neighbour_noun", tok.lemma_.lower()):
            return None
        owners = [c for c in tok.children if c.dep_ == "poss"]
        if not owners:
            return None
        owner = owners[0]
        if owner.pos_ == "PRON":
            ent = self._clause_subject(tok) or self._latest(owner.i, person=False)
            home = ent.country if ent is not None else None
        else:
            term = self.lexicon.country(owner.text)
            home = term.country if term is not None else None
        if not home:
            return None
        from dyad.where_gazetteer import gazetteer

        borders = gazetteer().neighbours.get(home, frozenset())
        for country, _ in self._focus.most_common():
            if country in borders:
                why = f"'{tok.text}' of {home}: {country}, the neighbour the story names most"
                return Entity(None, country, None, False), why
        return None

    def _clause_subject(self, tok: Token) -> Entity | None:
        """The resolved subject of the clause ``tok`` is in ("Congo suspended its agreements,
        accusing its neighbour": Congo)."""
        verb = tok
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        subj = subject_of(verb)
        m = self._mentions.get(subj.i) if subj is not None else None
        return m.entities[0] if m is not None and m.entities else None

    def _is_counterpart(self, tok: Token) -> bool:
        return tok.lemma_.lower() == "counterpart"

    def _counterpart(self, tok: Token, entity: Entity) -> Entity:
        """ "his Azeri counterpart": the office of the one the possessive refers to."""
        for child in tok.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                ref = self._latest(child.i, person=True)
                if ref is not None:
                    sector = entity.sector or ref.sector
                    return Entity(entity.name, entity.country, sector, True)
        return entity

    def _two_sides(self, tok: Token) -> tuple[Entity, ...] | None:
        """ "the two sides", "both countries", "the warring parties" (grammar.tsv
        ``two_sides_marker``), "the two countries' parliaments".

        The two parties named earlier in the sentence, else () to be read later, when events
        are coded, as the two parties of the story's latest two-party event.
        """
        if not self.grammar.has("two_sides", tok.lemma_.lower()):
            return None
        count = _count(tok)
        if count is not None and count > 2:
            # "the three countries", "the four nations": the latest list of that many parties.
            listed = self._latest_list(tok, count)
            return listed or None
        if not any(self.grammar.has("two_sides_marker", c.lower_) for c in tok.children):
            return None
        local = self._sentence_parties(tok)
        if len(local) == 2:
            return (local[0], local[1])
        return ()

    def _stateless_code(self, sector: str) -> str | None:
        """The actor code of a sector that takes no home country (grammar.tsv
        ``stateless_sector`` rows "sector=code": "SOC=NGO")."""
        for row in self.grammar.kinds.get("stateless_sector", ()):
            key, _, code = row.partition("=")
            if key == sector:
                return code
        return None

    def _of_parties(self, tok: Token) -> tuple[Entity, ...] | None:
        """ "the leaders of the two countries", "ministers of the three countries": the
        parties the "of" phrase refers back to (() when they are the story's latest pair,
        read when events are coded)."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        parties = self._two_sides(pobj)
                        if parties is not None:
                            return parties
        return None

    def _latest_list(self, tok: Token, count: int) -> tuple[Entity, ...]:
        """The latest coordinated list of exactly ``count`` parties before ``tok``
        ("Indonesia, Malaysia and the Philippines ... the three countries")."""
        national = self.grammar.has("state_noun", tok.lemma_.lower())
        seen: set[int] = set()
        for m in reversed(self._order):
            if m.head >= tok.i or m.head in seen:
                continue
            if tok.i - m.head > 400:
                break
            top = self.doc[m.head]
            while top.dep_ in ("conj", "appos") and top.head.i in self._mentions:
                top = top.head  # "Saudi Arabia, the UAE, Bahrain and Egypt": a list's first
            if top.i in seen:
                continue
            seen.add(top.i)
            out: list[Entity] = []
            for t in self._members(top):
                member = self._mentions.get(t.i)
                for ent in member.entities if member is not None else ():
                    if national and (ent.person or not _national(ent.country)):
                        continue
                    if all(ent.country != e.country for e in out):
                        out.append(ent)
            if len(out) == count:
                return tuple(out)
        return ()

    def _sentence_parties(self, tok: Token) -> list[Entity]:
        """Parties named earlier in the sentence ("between A and B, the two sides").

        The subjects of the verb that "the two sides" depends on are not the two sides
        ("A and B urged both sides").
        """
        start = tok.sent.start
        excluded = {
            t.i for c in tok.head.children if c.dep_ in _SUBJECT_DEPS for t in (c, *c.conjuncts)
        }
        out: list[Entity] = []
        local = [m for m in self._order if start <= m.head < tok.i and m.head not in excluded]
        # "Speaker of Azerbaijan's National Assembly X" is one party, not three.
        local = [
            m
            for m in local
            if not any(o is not m and o.start <= m.start and m.end <= o.end for o in local)
        ]
        for m in local:
            if m.locative:
                continue
            for ent in m.entities:
                if all((ent.country, ent.sector) != (e.country, e.sector) for e in out):
                    out.append(ent)
        return out

    def _resolve_pronoun(self, tok: Token, subject: bool) -> Mention | None:
        word = tok.lower_
        g = self.grammar
        if g.has("pronoun_person", word):
            # "Merkel phoned Putin and urged him": an object pronoun is not its own clause's
            # subject (a reflexive would be).
            own = None if subject or tok.dep_ == "poss" else self._clause_subject(tok)
            ent = self._speaker(tok, person=True) or self._latest(tok.i, person=True, not_this=own)
        elif g.has("pronoun_thing", word):
            ent = self._speaker(tok, person=False) or self._latest(tok.i, person=False)
        else:
            group = self._latest_group(tok.i)
            if not group:
                return None
            return Mention(
                tok.i, tok.i, tok.i + 1, group, f"pronoun '{tok.text}' refers back", subject
            )
        if ent is None:
            return None
        return Mention(
            tok.i, tok.i, tok.i + 1, (ent,), f"pronoun '{tok.text}' refers back", subject
        )

    def _speaker(self, tok: Token, person: bool) -> Entity | None:
        """ "Saudi Arabia announced it had detained 18 suspects", "he said he would resign":
        the subject pronoun of a complement clause is the subject of the verb that governs
        the clause, when that subject is of the pronoun's kind (a person or not)."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
            return None
        subj = subject_of(tok.head.head)
        if subj is None or subj.i >= tok.i:
            return None
        m = self._mentions.get(subj.i)
        if m is None or len(m.entities) != 1 or m.entities[0].person != person:
            return None
        return m.entities[0]

    def _latest(self, before: int, person: bool, not_this: Entity | None = None) -> Entity | None:
        """The most salient earlier mention: latest subject of the kind, else latest of the kind
        (other than ``not_this``)."""
        sent_start = self.doc[before].sent.start
        fallback: Entity | None = None
        for m in reversed(self._order):
            if m.head >= before or len(m.entities) != 1:
                continue
            ent = m.entities[0]
            if ent.person != person or (not_this is not None and ent == not_this):
                continue
            if before - m.head > 400:
                break
            if m.subject or (m.head >= sent_start and not person):
                return ent
            if fallback is None:
                fallback = ent
        return fallback

    def _group_anaphor(self, tok: Token, nouns: str, kinds: str) -> Entity | None:
        """ "the group", "the Iran-backed movement" (grammar.tsv ``group_anaphor``): the
        latest armed or militant group the story named (``group_sector``); "the company",
        "the social media firm" (``business_anaphor``): the latest business or
        multinational (``business_actor``)."""
        if not self.grammar.has(nouns, tok.lemma_.lower()):
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            return None
        for m in reversed(self._order):
            if m.head >= tok.i or len(m.entities) != 1:
                continue
            if tok.i - m.head > 400:
                break
            ent = m.entities[0]
            if ent.person:
                continue
            if self.grammar.has(kinds, ent.sector or "") or self.grammar.has(kinds, ent.country):
                return ent
        return None

    def _state_noun(self, tok: Token) -> tuple[str, str] | None:
        """ "The UAE expressed support for the kingdom", "the sultanate": a definite noun for
        a kind of state (grammar.tsv ``state_kind`` rows "noun=ISO3,ISO3...") is the latest
        such state the story named before it, else the one it names most."""
        lemma = tok.lemma_.lower()
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod")]
        phrase = " ".join(t.text for t in tok.doc[min([tok.i, *(c.i for c in mods)]) : tok.i + 1])
        # A capitalised key matches only as written ("the South" of Korea, not "the south");
        # a key of several words matches the whole phrase ("the Jewish state").
        kinds = [
            (key, countries)
            for key, countries in self._state_kinds.items()
            if key == phrase or (key in (lemma, tok.text) and (key.islower() or key == tok.text))
        ]
        definite = any(
            c.dep_ == "det" and self.grammar.has("definite", c.lower_) for c in tok.children
        )
        if not kinds or not definite:
            return None
        if " " not in kinds[0][0] and mods or any(c.dep_ == "poss" for c in tok.children):
            return None  # "the Hashemite kingdom" names itself; "Britain's kingdom" is no anaphor
        allowed = set(kinds[0][1])
        # "The UAE and Bahrain expressed support for the kingdom": not its own subject.
        subj = subject_of(_clause_of(tok)) if tok.dep_ not in ("nsubj", "nsubjpass") else None
        own = {t.i for t in self._members(subj)} if subj is not None else set()
        for m in reversed(self._order):
            if m.head >= tok.i or len(m.entities) != 1 or m.entities[0].person:
                continue
            if m.head in own:
                continue
            if m.entities[0].country in allowed:
                return m.entities[0].country, f"the latest {lemma} the story named"
        for country, _ in self._focus.most_common():
            if country in allowed:
                return country, f"the {lemma} the story names most"
        return None

    def _state_anaphor(self, tok: Token) -> tuple[str, str] | None:
        """ "Lukashenko said the country would not back down" (grammar.tsv
        ``state_anaphor``): the subject of a reported clause is the speaker's state.

        Elsewhere the noun is left alone: "took control of the country" is the actor's own
        state, "sent rescue teams to the country" another's, and the sentence does not say
        which."""
        if not self.grammar.has("state_anaphor", tok.lemma_.lower()) or tok.tag_ != "NN":
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
            return None
        subj = subject_of(tok.head.head)
        if subj is None or subj.i >= tok.i:
            return None
        own: set[str] = set()
        for t in self._members(subj):
            m = self._mentions.get(t.i)
            if m is not None:
                own.update(e.country for e in m.entities if _national(e.country))
        if len(own) != 1:
            return None
        return next(iter(own)), "the state of the speaker"

    def _latest_group(self, before: int) -> tuple[Entity, ...]:
        """The latest subject before ``before``, with its conjuncts: "Germany and the United
        States said they would ..." (they = both)."""
        for m in reversed(self._order):
            if m.head < before and m.subject and m.entities:
                group = [m.entities[0]]
                for c in self.doc[m.head].conjuncts:
                    other = self._mentions.get(c.i)
                    if other is not None and other.entities and c.i < before:
                        group.extend(e for e in other.entities[:1] if e not in group)
                return tuple(group)
        return ()


@lru_cache(maxsize=4)
def _agent_words(lexicon: ActorLexicon) -> frozenset[str]:
    """Last words of every title and group phrase, singular and as written ("troops")."""
    words: set[str] = set()
    for agent in lexicon.agents:
        last = agent.phrase.lower().split()[-1]
        words.update((last, last + "s", last + "es"))
    return frozenset(words)


def _count(tok: Token) -> int | None:
    """The number a numeral before the noun gives ("the three countries": 3)."""
    for c in tok.children:
        if c.dep_ == "nummod":
            word = c.lower_
            if word.isdigit():
                return int(word)
            return time_words().numbers.get(word)
    return None


def _listed_before(tok: Token) -> list[Token]:
    """Headline lists the parser leaves loose: "Iran, Azerbaijan FMs" (Iran before the comma)."""
    out: list[Token] = []
    i = tok.i
    doc = tok.doc
    while i >= 2 and doc[i - 1].text in (",", "&", "and") and doc[i - 2].pos_ == "PROPN":
        out.append(doc[i - 2])
        i -= 2
    return out


def _locative(tok: Token) -> bool:
    """A name in a place phrase ("in Baku", "at the border"): a place, not a party."""
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE_PREPS


def _national(code: str) -> bool:
    """A state's ISO code, not an international or transnational actor code."""
    return code not in INTERNATIONAL_CODES


def _clean_name(name: str) -> str:
    return name.replace("\u2019s", "").replace("'s", "").strip()


def _name_keys(name: str) -> list[str]:
    """Full name, then the surname: how a person is referred to later in a story."""
    parts = name.split()
    keys = [name.lower()]
    if len(parts) > 1:
        keys.append(parts[-1].lower())
    return keys


def _other_clause(place: Token, clause: Token) -> bool:
    """A place in a clause joined to ``clause`` or adverbial to it ("bombed Beirut and the navy
    imposed a blockade", "while the president was at a summit in Tanzania"): not its place."""
    other = _clause_of(place)
    if other.i == clause.i:
        return False
    if other.dep_ == "conj" and other.head.i == clause.i:
        return True
    if clause.dep_ == "conj" and clause.head.i == other.i:
        return True
    return other.dep_ == "advcl" and other.head.i == clause.i


def _clause_of(tok: Token) -> Token:
    """The verb heading the clause a token sits in (the token itself when it is one)."""
    current = tok
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") or current.head is current:
            return current
        current = current.head
    return current


def _in_water_name(tok: Token, grammar: Grammar) -> bool:
    """Is ``tok`` the "of" object in the name of a sea, gulf or strait (grammar.tsv
    ``water_name``: "the Sea of Japan", "the Strait of Hormuz")?"""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return False
    water = prep.head
    return water.is_title and grammar.has("water_name", water.lower_)
