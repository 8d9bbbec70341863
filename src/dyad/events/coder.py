"""From a sentence's dependency parse and the story's actors to coded event mentions.

A trigger is a verb or event noun whose lemma heads a lexicon pattern (with the extra words
the pattern needs among its dependents). Its actor is the grammatical subject (followed up
through verb chains, relative clauses, participles and passives) or, for a noun, its
possessor, a "by"/"between" phrase or the subject of the verb that governs it. Its recipient
comes from the slots the pattern names (object, "with", "to", "against" ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from dyad.actors.lexicon import INTERNATIONAL_CODES
from dyad.actors.story import Story
from dyad.events.lexicon import Grammar, Lexicon, Pattern, load_grammar, load_lexicon
from dyad.events.modality import Modality, modality_of
from dyad.events.syntax import subject_of
from dyad.model import Actor
from dyad.ontology.cameo import CameoCode, lookup
from dyad.when_parse import words as time_words

# Dependents searched for a pattern's extra words: particles, objects, complements, and the
# object of a preposition.
_EXTRA_DEPS = frozenset(
    {
        "prt",
        "dobj",
        "nsubjpass",
        "prep",
        "acomp",
        "attr",
        "xcomp",
        "ccomp",
        "compound",
        "amod",
        "oprd",
        "dative",
        "pobj",
    }
)
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"})
_LOCATIVE = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "around", "during", "within", "throughout"}
)
_HEAD_POS = {"VERB": "V", "NOUN": "N", "ADJ": "A"}
# Where a predicate adjective ("was deeply troubled by the law") can stand.
_PREDICATIVE = frozenset({"acomp", "ROOT", "ccomp", "xcomp", "conj", "advcl"})
# Prepositions whose object can be the target of an attack ("strikes on Gaza", "fired into").
_TARGET_PREPS = frozenset({"on", "at", "into", "against", "upon", "toward", "towards", "near"})
# Adverbs the parser gives where a phrasal verb's particle belongs ("step down", "pull back").
_PARTICLES = frozenset({"back", "down", "out", "off", "up", "away", "aside", "over", "in"})
_DEFINITE = frozenset({"the", "these", "those", "this", "that"})
# Markers in Actor.how of actors resolved through the story, not named in the sentence.
_INDIRECT = ("refers back", "two parties")


@dataclass(slots=True)
class Coded:
    """An event mention as read from the parse, before its date and place are chosen."""

    pattern: Pattern
    code: CameoCode
    trigger: Token
    trigger_end: int
    actors: list[Actor]
    recipients: list[Actor]
    modality: Modality
    reason: str
    confidence: float
    anchor: Token = field(repr=False)
    #: character start of the place an attack targets, when its recipient came from it
    place_target: int | None = None

    @property
    def key(self) -> tuple[str, frozenset[str | None], bool, bool]:
        """Mentions in one sentence of the same type between the same countries: one event."""
        return (
            self.code.plover_type,
            frozenset(a.country for a in (*self.actors, *self.recipients)),
            self.modality.negated,
            self.modality.hypothetical,
        )


class EventCoder:
    """Codes every event a sentence reports, using the pattern lexicon and grammar rules."""

    def __init__(self, lexicon: Lexicon | None = None, grammar: Grammar | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.grammar = grammar or load_grammar()
        # Events coded so far in the current document, for event anaphora; and its story.
        self._seen: list[Coded] = []
        # Events coded so far in the current sentence ("blamed Iran, which Tehran denied").
        self._current: list[Coded] = []
        self._story: Story | None = None

    def code_doc(self, doc: Doc, story: Story) -> list[Coded]:
        """All event mentions of a document, sentence by sentence, in document order."""
        self._seen = []
        self._story = story
        out: list[Coded] = []
        for sent in doc.sents:
            coded = self.code_sentence(sent, story)
            out.extend(coded)
            self._seen.extend(coded)
        return out

    def code_sentence(self, sent: Span, story: Story) -> list[Coded]:
        """The events of one sentence, one per distinct (type, actors, recipients)."""
        if self.lexicon.is_boilerplate(sent.text):
            return []
        matches = [(tok, p) for tok in sent if (p := self.match(tok)) is not None]
        # "ordered an investigation", "approved a state of emergency": a light verb whose
        # object is an event noun is coded by the noun, which it therefore does not absorb.
        light = {tok.i for tok, p in matches if p.pos == "V" and self._light_with_event(tok)}
        verbs = {tok.i for tok, p in matches if p.pos != "N" and tok.i not in light}
        nouns = {tok.i for tok, p in matches if p.pos == "N"}
        coded: list[Coded] = []
        self._current = coded
        for tok, pattern in matches:
            if pattern.pos == "N" and (
                self._absorbed(tok, verbs) or self._topic_of_noun(tok, nouns) or self._manner(tok)
            ):
                continue
            if tok.i in light or self._motive_of(tok, verbs):
                continue
            event = self._code_trigger(tok, pattern, story)
            if event is not None:
                coded.append(event)
                if event.actors and event.recipients:
                    story.note_pair(event.actors, event.recipients)
        coded.extend(self._claims(coded, story))
        return _unique(coded, self.grammar.reciprocal)

    def _claims(self, coded: list[Coded], story: Story) -> list[Coded]:
        """ "The Tajik side said Kyrgyz troops had shelled a border outpost": to report
        another country's hostile act (grammar.tsv ``claimed_type``) is to accuse it
        (``claim_code``), besides the act itself. The claim must come before the act (a
        trailing "..., police said" names a source) and tell it as fact."""
        out: list[Coded] = []
        for event in coded:
            if not self.grammar.has("claimed_type", event.code.plover_type):
                continue
            if event.modality.negated or event.modality.hypothetical:
                continue
            clause = event.anchor
            while clause.dep_ == "conj" and clause.head is not clause:
                clause = clause.head
            verb = clause.head
            if clause.dep_ != "ccomp" or not self.grammar.has("reporting", verb.lemma_.lower()):
                continue
            if verb.i > clause.i:
                continue  # "..., witnesses said": a source, not a claim against anyone
            subj = subject_of(verb)
            speakers = _distinct(story.actors(subj)) if subj is not None else []
            acting = {a.country for a in event.actors}
            if not speakers or acting & {a.country for a in speakers}:
                continue
            code = lookup(self.grammar.one("claim_code"))
            reason = (
                f"claim: '{verb.text}' reports {event.code.plover_type} by another party → "
                f"{code.code} {code.name}; actor: subject '{subj.text if subj else ''}'; "
                f"recipient: the actor of '{event.trigger.text}'"
            )
            pattern = Pattern(code.code, "V", verb.lemma_.lower(), (), ("obj",), None, "", "claim")
            out.append(
                Coded(
                    pattern=pattern,
                    code=code,
                    trigger=verb,
                    trigger_end=verb.idx + len(verb.text),
                    actors=self._acting_organ(speakers, code),
                    recipients=list(event.actors),
                    modality=modality_of(verb, verb, self.grammar),
                    reason=reason,
                    confidence=0.6,
                    anchor=verb,
                )
            )
        return out

    # -- triggers ------------------------------------------------------------------------

    def match(self, tok: Token) -> Pattern | None:
        """The most specific pattern headed by ``tok`` whose extra words are all present, or
        the naming construction ("called the raid an authoritarian act")."""
        found = self._lexical(tok)
        if found is not None and not self._names_predicate(tok, found):
            return found
        return self._naming(tok)

    def _lexical(self, tok: Token) -> Pattern | None:
        pos = _HEAD_POS.get(tok.pos_)
        if pos is None or (pos == "A" and tok.dep_ not in _PREDICATIVE):
            return None
        if pos == "N" and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "protest leaders", "an emergency meeting": a noun modifying another noun names
            # a kind of thing, not an event.
            return None
        if pos == "V" and tok.tag_ == "VBN" and tok.dep_ in _PREDICATIVE:
            # "was deeply troubled by the law": a participle of feeling is the adjective.
            feeling = self.lexicon.candidates("A", tok.lower_)
            if feeling and any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
                return feeling[0]
        candidates = self.lexicon.candidates(pos, tok.lemma_.lower())
        if not candidates:
            return None
        around: set[str] | None = None
        for pattern in candidates:
            if not pattern.extras:
                return pattern
            if around is None:
                around = _dependent_lemmas(tok)
                if pos == "N" and tok.dep_ == "dobj" and self.grammar.has("light", tok.head.lemma_):
                    # "launched strikes on X": the preposition hangs from the light verb.
                    around |= _dependent_lemmas(tok.head) - {tok.lemma_.lower()}
            if all(w in around for w in pattern.extras):
                return self._prefer_predicate(tok, pattern, candidates, around)
        return None

    @staticmethod
    def _prefer_predicate(
        tok: Token, found: Pattern, candidates: tuple[Pattern, ...], around: set[str]
    ) -> Pattern:
        """Among equally specific matches, the one naming the object's predicate wins:
        "called the strike a crime" is an accusation (call crime), not a strike call."""
        predicates = {c.lemma_.lower() for c in tok.children if c.dep_ in ("oprd", "acomp")}
        if not predicates or predicates & set(found.extras):
            return found
        for other in candidates:
            if (
                len(other.extras) == len(found.extras)
                and predicates & set(other.extras)
                and all(w in around for w in other.extras)
            ):
                return other
        return found

    def _names_predicate(self, tok: Token, found: Pattern) -> bool:
        """ "called the election neither free nor fair": a naming verb whose pattern matched
        only its object, while the predicate it gives the object is what the act says."""
        if not self.grammar.has("naming_verb", tok.lemma_.lower()) or tok.pos_ != "VERB":
            return False
        predicate = _naming_predicate(tok)
        return predicate is not None and predicate.lemma_.lower() not in found.extras

    def _naming(self, tok: Token) -> Pattern | None:
        """ "Syria called the attack a flagrant violation", "described the verdict as
        politically motivated", "a move his opponents called a coup": to give an actor or
        an event a name is to judge it. A praising name (grammar.tsv ``praise_predicate``,
        not negated) is praise (``naming_praise_code``); any other is criticism
        (``naming_code``). The thing named must be an actor or an event the story told."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or not self.grammar.has("naming_verb", lemma):
            return None
        predicate = _naming_predicate(tok)
        if predicate is None:
            return None
        named = [c for c in tok.children if c.dep_ == "dobj"]
        if not named and tok.dep_ == "relcl":
            named = [tok.head]
        if not named or not self._judgeable(named[0]):
            return None
        words = {t.lower_ for t in predicate.subtree} | {predicate.lemma_.lower()}
        negated = any(self.grammar.has("negation", w) for w in words)
        praise = not negated and any(self.grammar.has("praise_predicate", w) for w in words)
        code = self.grammar.one("naming_praise_code" if praise else "naming_code")
        return Pattern(code, "V", lemma, (), ("obj",), None, "", "grammar.tsv naming_verb")

    def _judgeable(self, tok: Token) -> bool:
        """An actor, a pronoun, or a definite event noun: something a name can judge."""
        if tok.pos_ == "PRON" or (self._story is not None and self._story.actors(tok)):
            return True
        definite = any(
            c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children
        )
        event = self.grammar.has("event_noun", tok.lemma_.lower()) or (
            self._lexical(tok) is not None
        )
        return event and (definite or tok.dep_ == "appos" or tok.head.dep_ == "appos")

    def _manner(self, tok: Token) -> bool:
        """ "quit in protest", "walked out in solidarity": a bare noun after "in" that says
        why or how someone acted, not an event of its own (grammar.tsv ``manner_noun``)."""
        return (
            tok.dep_ == "pobj"
            and tok.head.lower_ == "in"
            and not any(c.dep_ in ("det", "poss") for c in tok.children)
            and self.grammar.has("manner_noun", tok.lemma_.lower())
        )

    def _topic_of_noun(self, tok: Token, nouns: set[int]) -> bool:
        """ "a condemnation of the raid", "talks on a ceasefire": an event noun in another
        event noun's "of"/"on"/"over" phrase (grammar.tsv ``topic_prep``) is its topic, not
        an event of the same actor."""
        head = tok.head
        return (
            tok.dep_ == "pobj"
            and head.dep_ == "prep"
            and self.grammar.has("topic_prep", head.lower_)
            and head.head.i in nouns
        )

    def _absorbed(self, tok: Token, verbs: set[int]) -> bool:
        """A noun event that is the object of another coded verb is that verb's topic."""
        head = tok.head
        if tok.dep_ == "dobj" and head.i in verbs:
            return True
        return (
            tok.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.head.i in verbs
            and (head.lower_ not in _LOCATIVE)
        )

    def _motive_of(self, tok: Token, verbs: set[int]) -> bool:
        """ "imposed sanctions on the senators, retaliating against Washington": a participle
        of reaction (grammar.tsv ``motive_verb``) hanging from a coded verb says why that act
        was done; it is no act of its own."""
        return (
            tok.dep_ == "advcl"
            and tok.tag_ == "VBG"
            and tok.head.i in verbs
            and self.grammar.has("motive_verb", tok.lemma_.lower())
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        )

    def _light_with_event(self, tok: Token) -> bool:
        """ "held talks": a light verb whose object is an event noun is coded by the noun."""
        if not self.grammar.has("light", tok.lemma_.lower()):
            return False
        own = self.match(tok)
        if own is not None and own.extras:
            return False  # "launched missile strikes": the verb's own specific pattern wins
        return any(c.dep_ == "dobj" and self.match(c) is not None for c in tok.children)

    # -- one trigger ---------------------------------------------------------------------

    def _code_trigger(self, tok: Token, pattern: Pattern, story: Story) -> Coded | None:
        told = self._told_event(tok) if pattern.pos == "N" else None
        if told is not None:
            # "The strikes targeted a research centre": the air strikes told before, not a
            # labour strike.
            pattern = told.pattern
        if pattern.pos != "N":
            actors, recipients, how, anchor = self._verb_roles(tok, pattern, story)
        else:
            actors, recipients, how, anchor = self._noun_roles(tok, pattern, story)
        if told is not None and not actors and tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT":
            # "The strikes targeted a research centre": told again with news of its own (not
            # "said the strikes were unjustified", which is about them).
            actors = list(told.actors)
            recipients = recipients or list(told.recipients)
            how = f"the event '{told.trigger.text}' told before; {how}"
        if not actors:
            return None
        actors = _distinct(actors)
        code = lookup(pattern.cameo)
        if self._internal_order(tok, code, actors, recipients):
            # "Putin ordered his government to lift sanctions": an order to one's own state
            # organs is no interaction; what it orders is coded on its own.
            return None
        own_side = bool(recipients) and {r.country for r in recipients} <= {
            a.country for a in actors
        }
        weak = not recipients or "fallback" in how or own_side
        countries = list(dict.fromkeys(a.country for a in actors))
        mutual = (
            code.plover_type in self.grammar.reciprocal
            or self.grammar.has("reciprocal_code", code.code)
        ) and not self.grammar.has("side_by_side_code", code.code)
        codes = list(dict.fromkeys(a.code for a in actors))
        paired = False  # the recipients are the second of two coordinated subjects
        if weak and len(countries) == 2 and mutual:
            # "A and B fought": a reciprocal event between the two sides.
            recipients = [a for a in actors if a.country == countries[1]]
            actors = [a for a in actors if a.country == countries[0]]
            how += "; two coordinated parties read as a reciprocal pair"
            paired = True
        elif weak and len(countries) == 1 and len(codes) == 2 and mutual and not own_side:
            # "Colombia's government and the ELN agreed a ceasefire": two sides of one country.
            recipients = [a for a in actors if a.code == codes[1]]
            actors = [a for a in actors if a.code == codes[0]]
            how += "; two coordinated parties of one country read as a reciprocal pair"
        two_sided = self.grammar.has("two_sided", tok.lemma_.lower())
        recipients = _tidy_recipients(recipients, actors, two_sided)
        if self.grammar.has("forces_not_target", code.plover_type):
            # "Kenya pledged 1,000 officers", "Russia massed troops": one's own forces offered
            # or sent are no target; a state that moves its forces acts as those forces.
            own = {a.country for a in actors}
            forces = [
                r
                for r in recipients
                if not r.name
                and r.country in own
                and self.grammar.has("state_force_sector", r.sector or "")
            ]
            recipients = [r for r in recipients if r not in forces]
            if forces and code.plover_type == "MOBILIZE":
                base, sector = forces[0].country, forces[0].sector
                actors = [
                    replace(a, sector=sector) if a.sector is None and a.country == base else a
                    for a in actors
                ]
        modality = modality_of(tok, anchor, self.grammar)
        place_target: int | None = None
        if not recipients and code.quad_class == 4:
            target = self._place_target(tok, actors)
            if target is not None:
                recipients = [target]
                place_target = target.start
                how += f"; recipient: {target.how}"
        if (
            not recipients
            and len(actors) == 1
            and pattern.pos != "N"
            and (
                code.plover_type not in self.grammar.one_party
                or code.quad_class in (1, 3)
                or self.grammar.has("counterpart_type", code.plover_type)
            )
            and not self._has_topic(tok, pattern)
        ):
            recipients = self._clause_counterpart(anchor, actors[0])
            if recipients:
                how += "; recipient: the other party of the clause that gives the reason"
            else:
                recipients = self._story_counterpart(actors[0])
                if recipients:
                    how += "; recipient: the other party of the story's latest event with it"

        accuser = self._accuser(tok, code, actors)
        if accuser:
            # "Rwanda denied any link with the rebels": a denial answers whoever accused it.
            recipients = accuser
            how += "; recipient: the party whose accusation it denies"
        if (
            not recipients
            and pattern.pos != "N"
            and self.grammar.has("reaction_type", code.plover_type)
            and not self._has_topic(tok, pattern)
        ):
            recipients = self._story_lead(actors)
            if recipients:
                how += "; recipient: the actor of the story's lead event, reacted to"
        if (
            not recipients
            and self.grammar.has("focus_target_type", code.plover_type)
            and self._story is not None
            and not _purpose_clause(tok)
        ):
            # "the United States dispatched two rescue teams" (to the quake-hit country the
            # story is about): aid with no named recipient goes to the story's country.
            own = {a.country for a in actors}
            focus = [c for c in self._story.focus_countries() if c and c not in own]
            if focus and focus[0] not in INTERNATIONAL_CODES:
                at = tok.idx
                why = f"implied: {focus[0]}, the country the story is about"
                recipients = [Actor("", at, at, None, focus[0], None, why)]
                how += f"; recipient: {focus[0]}, the country the story is about"
        if not recipients and self._domestic(code, actors):
            # "Army officers seized power", "police searched 130 properties": coercion with no
            # named target is done to the actor's own country (its state and people).
            country = actors[0].country
            at = actors[0].start
            people = (
                self.grammar.has("people_target_code", code.code) or code.plover_type == "ASSAULT"
            )
            sector = "CVL" if people else None
            how += f"; recipient: {country} itself, the target of domestic coercion"
            recipients = [Actor("", at, at, None, country, sector, "implied: its own country")]
        if not recipients and self.grammar.has("addresses_state", code.plover_type):
            home = {a.country for a in actors if a.sector != "GOV"}
            if len(home) == 1 and len(actors) == 1:
                country = next(iter(home))
                if country and country not in INTERNATIONAL_CODES:
                    at = actors[0].start
                    how += f"; recipient: the government of {country}, which a protest addresses"
                    implied = "implied: the government"
                    recipients = [Actor("", at, at, None, country, "GOV", implied)]
        if (
            (not recipients or self._into_open_water(tok))
            and self.grammar.has("launch_code", code.code)
            and any(self.grammar.has("launch_weapon", w) for w in pattern.extras)
        ):
            # "North Korea fired an intercontinental ballistic missile", "China fired missiles
            # into waters around Taiwan": a launch at no one, or into the sea, is a show of
            # force (MOBILIZE weapons) towards whoever the waters are near, not an attack.
            how += "; a launch at no named target → show of force"
            code = lookup(self.grammar.one("launch_to"))
        one_sided = not recipients and len(actors) < 2
        # "NATO leaders met in Vilnius", "African Union leaders opened a summit": an
        # international body's meeting is among its members (grammar.tsv ``members_meet``).
        bloc = (
            one_sided
            and actors[0].country in INTERNATIONAL_CODES
            and self.grammar.has("members_meet", code.code)
        )
        if (
            one_sided
            and not bloc
            and code.plover_type not in self.grammar.one_party
            and not modality.refusal
        ):
            return None
        reason = f"{pattern.pos} pattern '{pattern.phrase}' → {code.code} {code.name}; {how}"
        if modality.refusal:
            refused = self.grammar.refusal_code(code.code)
            if refused is not None:
                reason += f"; refused ({modality.why}) → {refused[0]} {refused[1]}"
                code = lookup(refused[0])
            else:
                # "refused to condemn the coup", "would stop attacking": refusing an act that is
                # no cooperation (negation.tsv has no code for it) is only its absence.
                reason += f"; refused ({modality.why}): not done"
                modality = Modality(True, False, False, modality.why)
        elif code.code.startswith("03") and (threat := self._promised_harm(tok)) is not None:
            # "vowed to retaliate": a promise of a hostile act is a threat.
            reason += f"; promise of '{threat[0]}' → threat {threat[1]}"
            code = lookup(threat[1])
        elif self._joint(code.code, actors, recipients, tok):
            reason += "; done by two or more states together → military cooperation"
            code = lookup(self.grammar.one("joint_to"))
            partners = [a for a in actors if a.country != actors[0].country]
            if partners:
                recipients = partners
                actors = [a for a in actors if a.country == actors[0].country]
        elif code.plover_mode == "visit" and self._all_in(actors, "armed_sector"):
            reason += "; armed forces arriving are a deployment, not a visit"
            code = lookup(self.grammar.one("armed_visit_code"))
        elif (
            self.grammar.has("riot_type", code.plover_type)
            and self._unarmed(actors)
            and not two_sided
        ):
            # PLOVER: violence by protesters, students or workers is a riot, not an assault.
            reason += "; violence by unarmed civilians → riot"
            code = lookup(self.grammar.one("riot_code"))
        elif self.grammar.armed_protest_code(code.code) and self._all_in(actors, "armed_sector"):
            # "Hooded gunmen stormed the studio", "armoured vehicles blocked roads": armed men
            # do not protest; storming is an assault, blocking is a restriction of movement.
            # "The army dissolved parliament": the army does not accede, it takes power.
            armed = self.grammar.armed_protest_code(code.code)
            if armed is not None:
                reason += f"; {code.name.lower()} by armed forces → {armed}"
                code = lookup(armed)
        elif code.plover_type == "MOBILIZE" and self._relief_purpose(tok):
            # "deployed the army to evacuate stranded families": forces sent for relief give
            # aid (PLOVER manual: mobilizing for disaster relief is AID), to the people there.
            reason += "; forces sent to bring relief → aid"
            code = lookup(self.grammar.one("relief_code"))
            if not recipients:
                country = actors[0].country
                at = actors[0].start
                recipients = [Actor("", at, at, None, country, "CVL", "implied: its people")]
                reason += f"; recipient: the people of {country}"
        elif self.grammar.has("unenforced_code", code.code) and all(
            a.country in INTERNATIONAL_CODES for a in actors
        ):
            # "The International Criminal Court issued an arrest warrant for Putin": a body
            # with no police of its own cannot arrest; its warrant threatens arrest (PLOVER).
            reason += "; arrest by an international body → threat of arrest"
            code = lookup(self.grammar.one("unenforced_to"))
        elif (
            code.plover_type == "REQUEST"
            and self.grammar.has("command", tok.lemma_.lower())
            and self._all_in(actors, "court_sector")
            and any(
                c.dep_ in ("xcomp", "ccomp") and self.grammar.has("payment_verb", c.lemma_.lower())
                for c in tok.children
            )
        ):
            # "The Supreme Court ordered Japanese companies to compensate the labourers": PLOVER
            # codes a party sanctioned via court order (court-ordered payments) as SANCTION.
            reason += "; ordered by a court → sanction by court order"
            code = lookup(self.grammar.one("court_order_code"))
        elif modality.announced and code.quad_class <= 2:
            intent = self.grammar.intent_code(code.code)
            if intent is not None:
                # "Germany said it would send tanks": the announcement is an expressed intent.
                reason += f"; announced ({modality.why}) → {intent[0]} {intent[1]}"
                code = lookup(intent[0])
                modality = Modality(modality.negated, False, False, modality.why, announced=True)
                # The event is the announcement: it is dated by the verb that reports it.
                if anchor.dep_ == "ccomp" and self.grammar.has("reporting", anchor.head.lemma_):
                    anchor = anchor.head
        elif (
            modality.announced
            and modality.why.startswith("modal ")
            and self.grammar.has("announced_decision_type", code.plover_type)
            and (anchor.dep_ != "ccomp" or self.grammar.has("reporting", anchor.head.lemma_))
        ):
            # "Britain will expel 23 diplomats", "Seoul said it would scrap the pact": a
            # reduction of relations announced by the party taking it is the decision itself.
            reason += f"; decision announced ({modality.why}) → the act itself"
            modality = Modality(modality.negated, False, False, modality.why, announced=True)
            if anchor.dep_ == "ccomp":
                anchor = anchor.head
        elif (
            modality.announced
            and self.grammar.has("announced_threat_type", code.plover_type)
            and "'would'" in modality.why
            and anchor.dep_ == "ccomp"
            and self.grammar.has("reporting", anchor.head.lemma_)
            and (threat := self.grammar.threat_code(code.code)) is not None
        ):
            # "said it would respond to any aggression", "said it would fight any foreign
            # force": a hostile act announced in reported speech is a threat.
            reason += f"; hostile act announced ({modality.why}) → threat {threat[0]}"
            code = lookup(threat[0])
            modality = Modality(modality.negated, False, False, modality.why, announced=True)
            anchor = anchor.head
        actors = self._acting_organ(actors, code)
        if paired and self.grammar.has("state_acts_mil_code", code.code):
            # "The Philippines and the United States began military exercises": in military
            # cooperation the other side acts too, through its military.
            recipients = self._acting_organ(recipients, code)
        confidence = 0.55 + 0.1 * min(len(pattern.extras), 2)
        if recipients:
            confidence += 0.15
        if any(marker in how for marker in _INFERRED):
            confidence -= 0.15
        if any(_COREF in a.how for a in (*actors, *recipients) for _COREF in _INDIRECT):
            # Resolved through the story rather than named here: weaker evidence.
            confidence -= 0.1
        if pattern.pos == "N":
            anchor = self._repeated_event(tok, code, actors, recipients) or anchor
        return Coded(
            pattern=pattern,
            code=code,
            trigger=tok,
            trigger_end=_trigger_end(tok, pattern),
            actors=actors,
            recipients=recipients,
            modality=modality,
            reason=reason,
            confidence=max(0.1, min(confidence, 0.95)),
            anchor=anchor,
            place_target=place_target,
        )

    def _verb_roles(
        self, tok: Token, pattern: Pattern, story: Story
    ) -> tuple[list[Actor], list[Actor], str, Token]:
        passive_subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        agents = [
            g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]
        if (passive_subj or agents) and pattern.pos == "V":
            actors = _first(story, agents)
            recipients = _first(story, passive_subj)
            how = "passive: actor from 'by', recipient from the subject"
            if not actors and self._implied_state(lookup(pattern.cameo)):
                actors = story.implied_state(tok, self._implied_organ(tok, pattern))
                how = "agentless passive: the story's state acts; recipient from the subject"
            if not recipients:
                recipients, rhow = self._recipients(tok, pattern, story)
                how += f"; {rhow}" if recipients else ""
            if not recipients and passive_subj:
                recipients = self._event_anaphor(passive_subj[0], story)
                how += "; recipient from the event the subject refers to" if recipients else ""
            return actors, recipients, how, tok
        subj = subject_of(tok)
        actors = story.actors(subj) if subj is not None else []
        if not actors and subj is not None and subj.dep_ in ("dobj", "dative"):
            # "used tear gas to push X back": not object control; the user's subject acts.
            subj = subject_of(subj.head)
            actors = story.actors(subj) if subj is not None else []
        how = f"actor: subject '{subj.text}'" if subj is not None else "no subject"
        recipients, rhow = self._recipients(tok, pattern, story, actors)
        if not recipients and actors:
            # "Moscow denounced the decision", "criticised the arrest": the party whose
            # earlier event the object names.
            for obj in (c for c in tok.children if c.dep_ == "dobj"):
                recipients = self._event_anaphor(obj, story, {a.country for a in actors})
                if recipients:
                    rhow = f"recipient: whoever did the event '{obj.text}' refers to"
                    break
        return actors, recipients, f"{how}; {rhow}", tok

    def _noun_roles(
        self, tok: Token, pattern: Pattern, story: Story
    ) -> tuple[list[Actor], list[Actor], str, Token]:
        between = _prep_objects(tok, "between")
        if between:
            parties = story.actors(between[0])
            if len(parties) >= 2:
                return [parties[0]], parties[1:], "noun: parties from 'between A and B'", tok
            if parties:
                gov = _governing_verb(tok)
                subj = subject_of(gov) if gov is not None else None
                others = story.actors(subj) if subj is not None else []
                return others or parties, parties if others else [], "noun: 'between'", gov or tok
        received = self._received(tok, story)
        if received is not None:
            return received
        own = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        by = _prep_objects(tok, "by")
        recipients, rhow = self._recipients(tok, pattern, story)
        actors = _first(story, by) or _all(story, own)
        gov = _governing_verb(tok)
        poss = [c for c in own if c.dep_ == "poss"]
        if actors and not by and poss and all(c.pos_ == "PRON" for c in poss):
            # "the troops began their exercises": the possessive repeats the light verb's
            # subject, which names every party ("South Korean and U.S. troops").
            subj = subject_of(gov) if gov is not None else None
            if (
                gov is not None
                and subj is not None
                and self._inherits_subject(tok, gov, bool(recipients))
            ):
                named = story.actors(subj)
                if len(named) > len(actors):
                    actors = named
        if not actors and not by:
            actors = [a for c in own for a in story.modifier_state(c)]
        if actors:
            return actors, recipients, f"noun: actor from its modifier or 'by'; {rhow}", tok
        if gov is None or not self._inherits_subject(tok, gov, bool(recipients)):
            if self.grammar.has("implied_public_type", lookup(pattern.cameo).plover_type):
                # "protests erupted against Sisi", "after weeks of protests": the public of
                # the story's country protests.
                public = story.implied_state(tok, "CVL")
                if public:
                    how = "noun without named actor: the public of the story's country"
                    return public, recipients, f"{how}; {rhow}", tok
            return [], recipients, "noun without actor", tok
        subj = subject_of(gov)
        actors = story.actors(subj) if subj is not None else []
        if not recipients:
            recipients, rhow = self._recipients(gov, pattern, story)
        how = f"noun governed by '{gov.text}': actor its subject; {rhow}"
        return actors, recipients, how, gov

    def _received(
        self, tok: Token, story: Story
    ) -> tuple[list[Actor], list[Actor], str, Token] | None:
        """ "The decision drew condemnation from the UN", "Georgia faced warnings from the
        EU": the "from" party acts; the subject of the receiving verb (grammar.tsv
        ``reception``), or the event it names, is the target."""
        verb = tok.head
        if tok.dep_ != "dobj" or not self.grammar.has("reception", verb.lemma_.lower()):
            return None
        sources = _prep_objects(tok, "from") or _prep_objects(verb, "from")
        actors = _first(story, sources)
        if not actors:
            return None
        subj = subject_of(verb)
        recipients = story.actors(subj) if subj is not None else []
        if not recipients and subj is not None:
            recipients = self._event_anaphor(subj, story, {a.country for a in actors})
        how = f"noun received by '{verb.text}': actor from 'from', recipient the receiver"
        return actors, recipients, how, verb

    def _inherits_subject(self, tok: Token, gov: Token, has_participant: bool) -> bool:
        """May a noun event take its actor from the subject of the verb it hangs from?

        Yes after a light verb ("held talks", "carried out an attack"), and for "in a meeting
        with X, he said" where the noun names its other participant; not for "during the war".
        """
        if self.grammar.has("light", gov.lemma_.lower()):
            subj = subject_of(gov)
            if gov.lemma_ == "be" and subj is not None and subj.pos_ in ("PRON", "DET"):
                # "It was the third school kidnapping": "it" names the event, not its actor.
                return False
            # Not when the verb is an event of its own ("hold Russia responsible for the attack"),
            # unless its object event is what it codes ("ordered an investigation").
            if tok.dep_ == "dobj" and tok.head.i == gov.i and self._light_with_event(gov):
                return True
            return self.match(gov) is None
        return has_participant and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "at")

    def _recipients(
        self,
        tok: Token,
        pattern: Pattern,
        story: Story,
        actors: list[Actor] | None = None,
        slots_only: bool = False,
    ) -> tuple[list[Actor], str]:
        """Recipients from the pattern's slots; a slot naming another party than the actor wins.

        The pattern's own words ("sent *troops* to X") are never recipients. A definite event
        noun as object ("condemned the attack") stands for the actor of that earlier event.
        """
        extras = set(pattern.extras)
        own = {a.country for a in actors or ()}
        # The pattern's own words ("sent *troops*") are not recipients, unless they name
        # another party ("summoned the Russian *ambassador*").
        objects = [
            c
            for c in tok.children
            if c.dep_ in ("dobj", "attr", "oprd")
            and (
                c.lemma_.lower() not in extras or any(a.country not in own for a in story.actors(c))
            )
        ]
        found_slots: list[tuple[str, list[Actor]]] = []
        for slot in pattern.recipient:
            if slot == "obj":
                found = _first(story, objects) or _inside(story, objects)
                if not found:
                    found = self._event_anaphor(objects[0], story) if objects else []
            elif slot == "dative":
                datives = [c for c in tok.children if c.dep_ == "dative"]
                datives += [g for c in datives if c.pos_ == "ADP" for g in c.children]
                found = _first(story, datives)
            else:
                pobjs = _prep_objects(tok, slot)
                for obj in tok.children:
                    if obj.dep_ in ("dobj", "attr", "oprd"):
                        for o in (obj, *obj.conjuncts):
                            pobjs += _prep_objects(o, slot)
                found = _first(story, pobjs) or _inside(story, pobjs)
            if found:
                if not own or any(a.country not in own for a in found):
                    return found, f"recipient from slot '{slot}'"
                found_slots.append((slot, found))
        if found_slots:
            slot, found = found_slots[0]
            return found, f"recipient from slot '{slot}'"
        if slots_only:
            return [], "no recipient"
        for comp, inner in self._promised_acts(tok):
            # "vowed to hit back at India", "pledged to invest in Kenya", "vowed to intensify
            # the offensive against the rebels": the target of the promised or threatened
            # act, found by that act's own pattern.
            found, _ = self._recipients(comp, inner, story, actors, slots_only=True)
            found = [a for a in found if a.country not in own]
            if found:
                return found, f"recipient of the complement '{comp.text}'"
        fallback = self._fallback_recipients(
            tok, story, verbal=lookup(pattern.cameo).quad_class in (1, 3)
        )
        if fallback:
            return fallback, "recipient by fallback search of the clause"
        return [], "no recipient"

    def _fallback_recipients(self, tok: Token, story: Story, verbal: bool = True) -> list[Actor]:
        """The first actor in the trigger's objects and non-locative phrases, or one verb down.

        For verbal events ("warned that organisers would be prosecuted") the subject of a
        reported clause is the target too.
        """
        frontier = [tok]
        for _ in range(3):
            nxt: list[Token] = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ in ("dobj", "dative", "attr"):
                        found = _first(story, [c]) or _inside(story, [c], clauses=False)
                        if found:
                            return found
                        nxt.append(c)
                    elif c.dep_ == "prep" and c.lower_ not in _LOCATIVE and c.lower_ != "by":
                        pobjs = [g for g in c.children if g.dep_ == "pobj"]
                        found = _first(story, pobjs) or _inside(story, pobjs, clauses=False)
                        if found:
                            return found
                    elif c.dep_ in ("xcomp", "acl"):
                        nxt.append(c)
                    elif c.dep_ == "ccomp" and verbal:
                        # "warned that organisers would be prosecuted": the complement's subject.
                        subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                        found = _first(story, subj)
                        if found:
                            return found
            frontier = nxt
        return []

    def _unarmed(self, actors: list[Actor]) -> bool:
        return self._all_in(actors, "unarmed_sector")

    def _all_in(self, actors: list[Actor], kind: str) -> bool:
        return bool(actors) and all(
            a.sector is not None and self.grammar.has(kind, a.sector) for a in actors
        )

    def _joint(self, cameo: str, actors: list[Actor], recipients: list[Actor], tok: Token) -> bool:
        """Joint exercises, drills or patrols: by several states, or called "joint"."""
        if not any(cameo.startswith(c) for c in self.grammar.kinds.get("joint_code", ())):
            return False
        states = {a.country for a in (*actors, *recipients)}
        named_joint = any(c.lower_ in ("joint", "combined") for c in tok.children)
        return len(states) >= 2 and (named_joint or len({a.country for a in actors}) >= 2)

    def _internal_order(
        self, tok: Token, code: CameoCode, actors: list[Actor], recipients: list[Actor]
    ) -> bool:
        """A command (grammar.tsv ``command``) from a government to its own subordinate
        organs (``subordinate_sector``)."""
        g = self.grammar
        if not recipients or not g.has("command", tok.lemma_.lower()):
            return False
        if code.code[:2] not in ("02", "10"):
            return False
        own = {a.country for a in actors}
        if any(a.sector not in (None, "GOV") for a in actors):
            return False
        return all(
            r.country in own and g.has("subordinate_sector", r.sector or "") for r in recipients
        )

    def _acting_organ(self, actors: list[Actor], code: CameoCode) -> list[Actor]:
        """A state named bare ("Algeria cut ties", "Russia struck Odesa") acts through its
        government or its military, as the event's type says (grammar.tsv ``state_acts_gov``,
        ``state_acts_mil``); the reason says the sector was inferred."""
        g = self.grammar
        sector = (
            "MIL"
            if g.has("state_acts_mil_code", code.code)
            else "GOV"
            if g.has("state_acts_gov", code.plover_type)
            else "MIL"
            if g.has("state_acts_mil", code.plover_type)
            else None
        )
        if sector is None:
            return actors
        return [
            replace(a, sector=sector, how=f"{a.how}; sector {sector} inferred from the act")
            if a.sector is None and a.country and a.country not in INTERNATIONAL_CODES
            else a
            for a in actors
        ]

    def _domestic(self, code: CameoCode, actors: list[Actor]) -> bool:
        """Is this coercion by one state's own organs, done at home (grammar.tsv
        ``domestic_type``, or ``domestic_police_type`` when the actor is its police)?"""
        countries = {a.country for a in actors}
        if len(countries) != 1 or not actors:
            return False
        country = actors[0].country
        if not country or country in INTERNATIONAL_CODES:
            return False
        if self.grammar.has("domestic_type", code.plover_type):
            return all(
                a.sector is None or self.grammar.has("state_organ", a.sector) for a in actors
            )
        return self.grammar.has("domestic_police_type", code.plover_type) and all(
            a.sector == "COP" for a in actors
        )

    def _implied_organ(self, tok: Token, pattern: Pattern) -> str:
        """The state organ an agentless passive implies: courts charge and convict (JUD),
        police arrest and detain (COP), the government does the rest (GOV)."""
        if self.grammar.has("judicial_verb", tok.lemma_.lower()):
            return "JUD"
        if self.grammar.has("implied_police_code", pattern.cameo):
            return "COP"
        return "GOV"

    def _implied_state(self, code: CameoCode) -> bool:
        """Does an agentless passive of this code have the story's state as its actor?"""
        return code.plover_type in self.grammar.implied_state or self.grammar.has(
            "implied_state_code", code.code
        )

    def _promised_harm(self, tok: Token) -> tuple[str, str] | None:
        """The threat code when a promise verb's complement is a hostile act ("vowed to strike")."""
        for act, p in self._promised_acts(tok):
            if lookup(p.cameo).quad_class >= 3:
                found = self.grammar.threat_code(p.cameo)
                if found is not None:
                    return act.text, found[0]
        return None

    def _promised_acts(self, tok: Token) -> list[tuple[Token, Pattern]]:
        """The acts a promise verb's complements name: the complement verb's own pattern, or
        its object's ("vowed to launch an offensive"). An aspectual verb (grammar.tsv
        ``aspectual``: "vowed to continue the war", "would keep targeting ships") names no act
        of its own: the act is its object or its complement."""
        out: list[tuple[Token, Pattern]] = []
        for c in tok.children:
            if c.dep_ not in ("xcomp", "ccomp"):
                continue
            current: Token | None = c
            for _ in range(3):
                if current is None:
                    break
                p = self.match(current)
                if p is not None:
                    out.append((current, p))
                    break
                objects = [o for o in current.children if o.dep_ == "dobj"]
                found = next(((o, q) for o in objects if (q := self.match(o)) is not None), None)
                if found is not None:
                    out.append(found)
                    break
                if not self.grammar.has("aspectual", current.lemma_.lower()):
                    break
                current = next((g for g in current.children if g.dep_ in ("xcomp", "ccomp")), None)
        return out

    def _relief_purpose(self, tok: Token) -> bool:
        """ "deployed troops and helicopters to reach cut-off villages": an infinitive of
        purpose whose verb brings relief (grammar.tsv ``relief_verb``)."""
        return any(
            c.dep_ in ("advcl", "xcomp")
            and self.grammar.has("relief_verb", c.lemma_.lower())
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in tok.children
        )

    def _into_open_water(self, tok: Token) -> bool:
        """ "fired missiles into waters around Taiwan", "off its east coast": the launch lands
        in the sea (grammar.tsv ``open_water``), not on a target."""
        return any(
            c.dep_ == "prep"
            and (c.lower_ in _TARGET_PREPS or c.lower_ == "off")
            and any(
                g.dep_ == "pobj" and self.grammar.has("open_water", g.lemma_.lower())
                for g in c.children
            )
            for c in tok.children
        )

    def _place_target(self, tok: Token, actors: list[Actor]) -> Actor | None:
        """ "Missiles struck the port of Odesa": an attack on a place targets its state."""
        story_tokens: list[Token] = []
        for c in tok.children:
            targeted = c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
            if c.dep_ in ("dobj", "dative") or targeted:
                story_tokens.extend(c.subtree)
        target = self._story.place_target(story_tokens) if self._story else None
        if target is None or any(a.country == target.country for a in actors):
            return None
        return target

    def _has_topic(self, tok: Token, pattern: Pattern) -> bool:
        """The verb's object is an issue ("opposes foreign interference"), not a party's act.

        A definite object ("denounced the decision") refers to something the story told, so
        the story's other party is its author; a bare one ("foreign interference") does not.
        """
        for c in tok.children:
            if c.dep_ != "dobj" or c.lemma_.lower() in pattern.extras or self.match(c) is not None:
                continue
            definite = any(d.dep_ in ("det", "poss") and d.lower_ != "a" for d in c.children)
            if not definite:
                return True
        return False

    def _told_event(self, tok: Token) -> Coded | None:
        """The earlier event a definite noun names again by its own word ("the strikes")."""
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
            return None
        lemma = tok.lemma_.lower()
        for prev in reversed(self._seen):
            if prev.trigger.lemma_.lower() == lemma and not prev.modality.hypothetical:
                return prev
        return None

    def _repeated_event(
        self, tok: Token, code: CameoCode, actors: list[Actor], recipients: list[Actor]
    ) -> Token | None:
        """ "the meeting between the two presidents": an event the story told before.

        A definite event noun with the same type and parties as an earlier event is that
        event again; it takes the earlier mention's clause for its date and place.
        """
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        parties = {a.country for a in (*actors, *recipients)}
        for prev in reversed(self._seen):
            same = {a.country for a in (*prev.actors, *prev.recipients)} == parties
            if same and prev.code.plover_type == code.plover_type:
                return prev.anchor
        return None

    def _clause_counterpart(self, clause: Token, actor: Actor) -> list[Actor]:
        """ "pledged to hit back after Washington raised duties": the other party of the
        subordinate clause that gives the reason."""
        story = self._story
        if story is None:
            return []
        heads = [clause, *(c for c in clause.children if c.dep_ in ("xcomp", "ccomp"))]
        for c in (c for h in heads for c in h.children):
            if c.dep_ != "advcl":
                continue
            for s in c.children:
                if s.dep_ in ("nsubj", "nsubjpass"):
                    other = [a for a in story.actors(s) if a.country != actor.country]
                    if other:
                        return other
        return []

    def _story_counterpart(self, actor: Actor) -> list[Actor]:
        """The party the actor last dealt with in this story ("Iran vowed revenge": on the US)."""
        for prev in reversed(self._seen[-8:]):
            if any(a.country == actor.country for a in prev.actors) and prev.recipients:
                other = [r for r in prev.recipients if r.country != actor.country]
            elif any(r.country == actor.country for r in prev.recipients):
                other = [a for a in prev.actors if a.country != actor.country]
            else:
                continue
            if other:
                return other
        return []

    def _accuser(self, tok: Token, code: CameoCode, actors: list[Actor]) -> list[Actor]:
        """The actors of the story's latest accusation against this actor, when ``tok`` is a
        denial (grammar.tsv ``denying``)."""
        if code.plover_type != "REJECT" or not self.grammar.has("denying", tok.lemma_.lower()):
            return []
        own = {a.country for a in actors}
        for prev in reversed([*self._seen, *self._current]):
            if prev.code.plover_type != "ACCUSE" or prev.trigger.i >= tok.i:
                continue
            if {r.country for r in prev.recipients} & own:
                return [a for a in prev.actors if a.country not in own]
        return []

    def _story_lead(self, actors: list[Actor]) -> list[Actor]:
        """The actors of the story's first reported event by other countries: what a
        reaction with no named target ("Britain expressed concern") is about."""
        own = {a.country for a in actors}
        for prev in self._seen:
            if prev.modality.hypothetical or prev.modality.negated:
                continue
            other = [a for a in prev.actors if a.country and a.country not in own]
            if other:
                return other
        return []

    def _event_anaphor(
        self, tok: Token, story: Story, not_by: set[str | None] | None = None
    ) -> list[Actor]:
        """ "The invitation was welcomed", "condemned the attack": that earlier event's actor.

        A generic event noun ("the decision", "the move", "the verdict": grammar.tsv kind
        ``event_noun``) refers to the latest earlier event by another party than ``not_by``.
        """
        if not any(c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children):
            return []
        own = self.match(tok)
        lemma = tok.lemma_.lower()
        stem = lemma[:5]
        generic = self.grammar.has("event_noun", lemma)
        for prev in reversed(self._seen):
            if prev.trigger.i >= tok.i or prev.modality.hypothetical or prev.modality.negated:
                continue
            if not_by and {a.country for a in prev.actors} & not_by:
                continue
            same_kind = own is not None and prev.code.plover_type == lookup(own.cameo).plover_type
            if same_kind or generic or (len(stem) == 5 and prev.trigger.lemma_.lower()[:5] == stem):
                return list(prev.actors)
        return []


# -- grammar helpers ----------------------------------------------------------------------


def _purpose_clause(tok: Token) -> bool:
    """ "arrived to help quell the uprising": an infinitive of purpose, whose target the
    story does not supply."""
    return tok.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    )


def _naming_predicate(tok: Token) -> Token | None:
    """The name a naming verb gives its object: "called X [a violation]", "described X
    [as illegal]"."""
    for c in tok.children:
        if c.dep_ == "oprd":
            return c
        if c.dep_ == "prep" and c.lower_ == "as":
            objects = [g for g in c.children if g.dep_ in ("pobj", "acomp", "amod")]
            if objects:
                return objects[0]
        if c.dep_ in ("advcl", "acomp", "xcomp") and any(
            g.lower_ == "as" and g.dep_ in ("advmod", "mark", "prep") for g in c.children
        ):
            return c
    return None


def _governing_verb(tok: Token) -> Token | None:
    """The verb a noun event hangs from: its verb, or the verb of the phrase it sits in."""
    current = tok
    for _ in range(4):
        head = current.head
        if head is current:
            return None
        if current.dep_ in ("nsubj", "nsubjpass"):
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if current.dep_ in ("dobj", "pobj", "prep", "appos", "compound", "conj"):
            current = head
            continue
        return None
    return None


def _prep_objects(tok: Token, word: str) -> list[Token]:
    """Objects of the preposition ``word`` on ``tok`` (the parser may call "to X" a dative)."""
    return [
        g
        for c in tok.children
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _first(story: Story, tokens: list[Token]) -> list[Actor]:
    for t in tokens:
        found = story.actors(t)
        if found:
            return found
    return []


def _all(story: Story, tokens: list[Token]) -> list[Actor]:
    out: list[Actor] = []
    for t in tokens:
        for a in story.actors(t):
            if all(a.code != b.code for b in out):
                out.append(a)
    return out


def _inside(story: Story, tokens: list[Token], clauses: bool = True) -> list[Actor]:
    """Actors inside noun phrases: "Israel's strikes", "a strip with Iran under Armenia's control".

    With ``clauses`` False, relative clauses are not searched (a fallback stays near the verb).
    """
    out: list[Actor] = []
    for t in tokens:
        skip: set[int] = set()
        for sub in t.subtree:
            if sub.i in skip:
                continue
            closed = sub.dep_ == "relcl" and not clauses
            if closed or (sub.dep_ in ("relcl", "acl") and _own_subject(story, sub)):
                # "a war in which Azeri troops drove ...": a clause with its own actors.
                skip.update(x.i for x in sub.subtree)
                continue
            if sub.i == t.i or sub.dep_ in _CLAUSE_DEPS and sub.dep_ != "relcl":
                continue
            for a in story.actors(sub):
                if all(a.code != b.code for b in out):
                    out.append(a)
    return out


def _own_subject(story: Story, clause: Token) -> bool:
    """Does a relative clause have a subject of its own that names an actor?"""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") and story.actors(c)
        for c in clause.children
    )


# Words of an event's reason that mark a party inferred from the story, not named in the clause.
_INFERRED = (
    "fallback",
    "other party of the",
    "lead event",
    "the country the story is about",
    "the target of domestic coercion",
    "accusation it denies",
    "whoever did",
    "of the complement",
)


def _is_time(tok: Token) -> bool:
    """A date or time word ("on Friday", "in March", "on Tuesday night"): not a pattern word."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    w = time_words()
    text = tok.text
    return text in w.weekdays or text in w.months or tok.lower_ in w.reldays or tok.like_num


def _dependent_lemmas(tok: Token) -> set[str]:
    """Lemmas a pattern's extra words may match: objects, particles, prepositions and theirs.

    A preposition that only introduces a time ("on Sunday") is not the "on" of "fire on".
    """
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ == "prep" and all(_is_time(g) for g in c.children):
            continue
        if c.dep_ == "prep" and load_grammar().has("circumstance_prep", c.lower_):
            # "threatened reprisals after the strike": the strike is when, not what.
            continue
        if c.dep_ in _EXTRA_DEPS or (c.dep_ == "advmod" and c.lower_ in _PARTICLES):
            out.add(c.lemma_.lower())
            for g in c.children:
                if g.dep_ in ("pobj", "prt", "dobj", "compound", "amod", "nmod", "conj"):
                    out.add(g.lemma_.lower())
    return out


def _trigger_end(tok: Token, pattern: Pattern) -> int:
    """Character end of the trigger words: the head plus adjacent pattern words."""
    end = tok.idx + len(tok.text)
    want = set(pattern.extras)
    for nxt in tok.doc[tok.i + 1 : tok.i + 1 + len(pattern.extras) + 2]:
        if nxt.lemma_.lower() in want or (nxt.pos_ == "DET" and want):
            if nxt.lemma_.lower() in want:
                end = nxt.idx + len(nxt.text)
                want.discard(nxt.lemma_.lower())
            continue
        break
    return end


def _same(a: Actor, b: Actor) -> bool:
    """The same actor twice: the same mention, or the same named party."""
    if a.code != b.code:
        return False
    return a.start == b.start or (a.name or a.text) == (b.name or b.text)


def _tidy_recipients(
    recipients: list[Actor], actors: list[Actor], two_sided: bool = False
) -> list[Actor]:
    """Recipients without the actors themselves, one per country where one has a sector.

    When other parties are named, the actor's own side is not among the recipients.
    ``two_sided``: a clash or fight, where the other side may have the actor's own code
    ("supporters clashed with opponents").
    """
    out = [r for r in _distinct(recipients) if not any(_same(r, a) for a in actors)]
    # "Taiwan's military scrambled jets": unnamed parts of the actor's own side are no target.
    codes = {a.code for a in actors}
    if not two_sided:
        out = [r for r in out if r.name or r.code not in codes or not r.sector]
    sectored = {r.country for r in out if r.sector}
    out = [r for r in out if r.sector or r.country not in sectored]
    own = {a.country for a in actors}
    others = [r for r in out if r.country not in own]
    return others or out


def _distinct(actors: list[Actor]) -> list[Actor]:
    """One actor per code; a named mention is kept over an unnamed one."""
    out: dict[str, Actor] = {}
    for a in actors:
        if a.code not in out or (a.name and not out[a.code].name):
            out[a.code] = a
    return list(out.values())


def _unique(coded: list[Coded], reciprocal: frozenset[str] = frozenset()) -> list[Coded]:
    """One event per key; the main-clause mention wins over one in a subordinate clause.

    For a ``reciprocal`` type the key is the set of countries involved ("A met B" and "the
    meeting between B and A" are one event); for the others the direction counts too: "India
    expelled a Canadian diplomat, hours after Canada expelled an Indian one" is two events.
    """
    best: dict[tuple[object, ...], Coded] = {}

    def rank(c: Coded) -> tuple[bool, int, float]:
        named = not any(m in a.how for a in (*c.actors, *c.recipients) for m in _INDIRECT)
        depth = sum(1 for _ in c.anchor.ancestors)
        return (named, -depth, c.confidence)

    for c in coded:
        k: tuple[object, ...] = c.key
        actors = frozenset(a.country for a in c.actors)
        recipients = frozenset(r.country for r in c.recipients)
        if c.code.plover_type not in reciprocal and recipients and not actors & recipients:
            k = (*k, actors)
        if k not in best or rank(c) > rank(best[k]):
            best[k] = c
    return sorted(best.values(), key=lambda c: c.trigger.i)
