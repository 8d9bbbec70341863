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
# Markers in Actor.how of actors resolved through the story, not named in the sentence.
_INDIRECT = ("refers back", "two parties", "implied:")


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
        # Every mention so far, also those merged into another in their sentence ("launched
        # drones ... in its first attack"), which a later "the attack" may name by its word.
        self._told: list[Coded] = []
        self._story: Story | None = None
        self._judgement_words: frozenset[str] | None = None

    def code_doc(self, doc: Doc, story: Story) -> list[Coded]:
        """All event mentions of a document, sentence by sentence, in document order."""
        self._seen = []
        self._told = []
        self._story = story
        out: list[Coded] = []
        for sent in doc.sents:
            coded = self.code_sentence(sent, story)
            out.extend(coded)
            self._seen.extend(coded)
            self._told.extend(self._current)
        return out

    def code_sentence(self, sent: Span, story: Story) -> list[Coded]:
        """The events of one sentence, one per distinct (type, actors, recipients)."""
        self._current = []
        if self.lexicon.is_boilerplate(sent.text):
            return []
        headline = _headline(sent)
        matches = [
            (tok, p)
            for tok in sent
            if (headline or not _inside_name(tok)) and (p := self.match(tok)) is not None
        ]
        # "ordered an investigation", "approved a state of emergency": a light verb whose
        # object is an event noun is coded by the noun, which it therefore does not absorb.
        light = {tok.i for tok, p in matches if p.pos == "V" and self._light_with_event(tok)}
        verbs = {tok.i for tok, p in matches if p.pos != "N" and tok.i not in light}
        nouns = {tok.i for tok, p in matches if p.pos == "N"}
        coded: list[Coded] = []
        self._current = coded
        for tok, pattern in matches:
            if pattern.pos == "N" and (
                self._absorbed(tok, verbs)
                or self._topic_of_noun(tok, nouns)
                or self._manner(tok)
                or self._medium(tok)
                or self._modifier_noun(tok)
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
        coded.extend(self._allies(coded))
        coded.extend(self._blames(sent, story, coded))
        directed = self.grammar.kinds.get("directed_code", frozenset())
        return _unique(coded, self.grammar.reciprocal, directed)

    def _blames(self, sent: Span, story: Story, coded: list[Coded]) -> list[Coded]:
        """Judgements told in reported speech. "Britain said Russia was responsible for the
        poisoning", "Babis said there was evidence that Russian officers were involved in the
        blasts": to report that another party is to blame (grammar.tsv ``blame_predicate``)
        is to accuse it (``claim_code``). "Netanyahu said the charge of genocide was
        outrageous": to judge a claim (``claim_noun`` with a predicate that is no
        ``true_predicate``) is to deny it (``naming_claim_code``), answering the accuser."""
        out: list[Coded] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if self.grammar.has("blame_predicate", tok.lower_) and tok.dep_ != "ROOT":
                clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
                subj = subject_of(clause)
                blamed = _distinct(story.actors(subj)) if subj is not None else []
                code = lookup(self.grammar.one("claim_code"))
            elif (
                self.grammar.has("claim_noun", lemma)
                and tok.dep_ == "nsubj"
                and tok.head.lemma_ == "be"
                and any(
                    c.dep_ in ("acomp", "attr")
                    and not self.grammar.has("true_predicate", c.lemma_.lower())
                    for c in tok.head.children
                )
            ):
                clause = tok.head
                blamed = []
                code = lookup(self.grammar.one("naming_claim_code"))
            elif (
                tok.dep_ == "nsubj"
                and tok.head.lemma_ == "be"
                and not self.grammar.has("claim_noun", lemma)
                and self._judgeable(tok)
                and not story.actors(tok)
                and (judgement := self._judgement(tok.head)) is not None
            ):
                # "Erdogan told parliament the raid was 'state terrorism'", "Iran said the
                # intervention was unacceptable": a judged event, as with "called the raid".
                clause = tok.head
                code = lookup(judgement)
                blamed = []
            else:
                continue
            verb, steps = clause, 0
            while not self.grammar.has("reporting", verb.lemma_.lower()) and steps < 5:
                if verb.head is verb:
                    break
                verb, steps = verb.head, steps + 1
            if not self.grammar.has("reporting", verb.lemma_.lower()) or verb.i > clause.i:
                continue  # "..., officials said": a source, not a judgement by anyone
            speaker = subject_of(verb)
            speakers = _distinct(story.actors(speaker)) if speaker is not None else []
            if not speakers:
                continue
            if code.plover_type == "REJECT":
                blamed = self._accuser(verb, code, speakers, denial=True)
            elif not blamed:
                own = {a.code for a in speakers}
                blamed = self._event_anaphor(tok, story, not_by=set(own))
            if not blamed or {a.country for a in speakers} & {a.country for a in blamed}:
                continue
            modality = modality_of(clause, clause, self.grammar)
            if modality.negated or modality.hypothetical:
                continue
            reason = (
                f"judgement: '{verb.text}' reports that '{tok.text}' ... → {code.code} "
                f"{code.name}; actor: subject '{speaker.text if speaker else ''}'"
            )
            out.append(self._speech_event(verb, code, speakers, blamed, reason, "blame"))
        return out

    def _speech_event(
        self,
        verb: Token,
        code: CameoCode,
        speakers: list[Actor],
        recipients: list[Actor],
        reason: str,
        source: str,
    ) -> Coded:
        """An event made by saying something (a claim, a judgement): the reporting verb is its
        trigger and its subject's organ that speaks for such acts is its actor."""
        pattern = Pattern(code.code, "V", verb.lemma_.lower(), (), ("obj",), None, "", source)
        return Coded(
            pattern=pattern,
            code=code,
            trigger=verb,
            trigger_end=verb.idx + len(verb.text),
            actors=self._acting_organ(speakers, code),
            recipients=recipients,
            modality=modality_of(verb, verb, self.grammar),
            reason=reason,
            confidence=0.6,
            anchor=verb,
        )

    def _judgement(self, copula: Token) -> str | None:
        """The code of the judgement a copula's predicate passes: praise (``naming_praise_code``)
        for a ``praise_predicate``, criticism (``naming_code``) for a word the lexicon knows as
        a judgement of what is named ("call unacceptable") or for any quoted predicate
        ("was 'state terrorism'"); None for a plain statement ("was the largest")."""
        for c in copula.children:
            if c.dep_ not in ("acomp", "attr"):
                continue
            words = {t.lower_ for t in c.subtree} | {c.lemma_.lower()}
            negated = any(self.grammar.has("negation", w) for w in words)
            if not negated and any(self.grammar.has("praise_predicate", w) for w in words):
                return self.grammar.one("naming_praise_code")
            quote = self.grammar.kinds.get("quote_mark", frozenset())
            quoted = any(t.text in quote for t in c.subtree) or (
                c.i > 0 and c.doc[c.i - 1].text in quote
            )
            if quoted or c.lemma_.lower() in self._judgements():
                return self.grammar.one("naming_code")
        return None

    def _judgements(self) -> frozenset[str]:
        """Words the lexicon codes as a judgement after a naming verb ("call unacceptable")."""
        if self._judgement_words is None:
            naming = self.grammar.kinds.get("naming_verb", frozenset())
            self._judgement_words = frozenset(
                w
                for p in self.lexicon.patterns
                if p.pos == "V" and p.head in naming and lookup(p.cameo).quad_class == 3
                for w in p.extras
            )
        return self._judgement_words

    def _allies(self, coded: list[Coded]) -> list[Coded]:
        """ "Nigerian and Cameroonian troops carried out joint operations against Boko Haram":
        two states that use force together (grammar.tsv ``joint_marker``) also cooperate with
        each other (``joint_action_code``), besides the act against their target."""
        out: list[Coded] = []
        for event in coded:
            countries = list(dict.fromkeys(a.country for a in event.actors))
            if len(countries) != 2 or event.code.quad_class != 4 or not event.recipients:
                continue
            if not self._jointly(event.trigger):
                continue
            code = lookup(self.grammar.one("joint_action_code"))
            first = [a for a in event.actors if a.country == countries[0]]
            second = [a for a in event.actors if a.country == countries[1]]
            reason = (
                f"allies: '{event.trigger.text}' is done jointly by two states → {code.code} "
                f"{code.name} between them"
            )
            out.append(
                replace(
                    event,
                    pattern=replace(event.pattern, cameo=code.code, source="joint_marker"),
                    code=code,
                    actors=first,
                    recipients=second,
                    reason=reason,
                )
            )
        return out

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
            out.append(
                self._speech_event(verb, code, speakers, list(event.actors), reason, "claim")
            )
        return out

    # -- triggers ------------------------------------------------------------------------

    def match(self, tok: Token) -> Pattern | None:
        """The most specific pattern headed by ``tok`` whose extra words are all present, or
        the naming construction ("called the raid an authoritarian act")."""
        found = self._lexical(tok)
        if found is None or self._names_predicate(tok, found):
            found = self._naming(tok) or self._deadline_to_leave(tok) or self._sanctioning(tok)
        if found is not None and self._judges_claim(tok, found):
            # "Moscow called the accusations absurd": to judge a claim is to deny it.
            code = self.grammar.one("naming_claim_code")
            return Pattern(code, "V", found.head, (), ("obj",), None, "", "grammar.tsv claim_noun")
        return found

    def _stoppage_that_wounds(self, tok: Token, found: Pattern) -> bool:
        """ "The strikes also destroyed four hideouts": a noun read as a protest (a labour
        strike) whose verb is violence is the military sense of the word, a repeat mention of
        an attack, not a stoppage by the public."""
        if found.pos != "N" or lookup(found.cameo).plover_type != "PROTEST":
            return False
        if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB":
            return False
        verb = self._lexical(tok.head)
        return verb is not None and lookup(verb.cameo).plover_type == "ASSAULT"

    def _jointly(self, tok: Token) -> bool:
        """An act done together (grammar.tsv ``joint_marker``): "fought side by side",
        "jointly patrolled", "joint operations", "carried out combined raids"."""
        words = {c.lower_ for c in tok.children if c.dep_ in ("advmod", "amod", "npadvmod")}
        if tok.pos_ == "NOUN" and tok.head.pos_ == "VERB":
            words |= {c.lower_ for c in tok.head.children if c.dep_ in ("advmod", "npadvmod")}
        return any(self.grammar.has("joint_marker", w) for w in words)

    def _deadline_to_leave(self, tok: Token) -> Pattern | None:
        """ "gave Kenyan diplomats seven days to leave", "Qatari citizens were given two weeks
        to leave": a deadline to leave (grammar.tsv ``deadline_verb``, ``leave_verb``) is an
        expulsion, of diplomats (``envoy_noun``) a break in relations."""
        if tok.pos_ != "VERB" or not self.grammar.has("deadline_verb", tok.lemma_.lower()):
            return None
        spans = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "npadvmod"))]
        leaving = any(
            c.dep_ in ("xcomp", "advcl", "relcl", "acl")
            and self.grammar.has("leave_verb", c.lemma_.lower())
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for t in spans
            for c in t.children
        )
        if not leaving:
            return None
        given = [c for c in tok.children if c.dep_ in ("dative", "nsubjpass", "iobj")]
        envoys = any(self.grammar.has("envoy_noun", g.lemma_.lower()) for g in given)
        code = self.grammar.one("expel_envoy_code" if envoys else "expel_code")
        return Pattern(code, "V", tok.lemma_.lower(), (), ("obj",), None, "", "grammar.tsv")

    def _sanctioning(self, tok: Token) -> Pattern | None:
        """ "The Treasury's Office of Foreign Assets Control designated seven oligarchs": a
        verb that, done by a sanctions office (grammar.tsv ``sanctions_body`` words in its
        subject), imposes sanctions (``sanctions_verb`` "lemma=code")."""
        if tok.pos_ != "VERB":
            return None
        code = next(
            (
                c
                for row in self.grammar.kinds.get("sanctions_verb", ())
                for lemma, _, c in [row.partition("=")]
                if lemma == tok.lemma_.lower()
            ),
            None,
        )
        subj = subject_of(tok) if code is not None else None
        if code is None or subj is None or subj.dep_ not in ("nsubj", "nsubjpass"):
            return None
        agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children]
        body = subj if subj.dep_ == "nsubj" else (agents[0] if agents else None)
        if body is None or not any(
            self.grammar.has("sanctions_body", t.lower_) for t in body.subtree
        ):
            return None
        return Pattern(code, "V", tok.lemma_.lower(), (), ("obj",), None, "", "grammar.tsv")

    def _judges_claim(self, tok: Token, found: Pattern) -> bool:
        """A naming verb whose object is a claim (grammar.tsv ``claim_noun``: "called the
        accusations absurd", "described the charges as politically motivated") and whose
        judgement is criticism (the ``naming_code`` root), not praise."""
        if not self.grammar.has("naming_verb", tok.lemma_.lower()) or tok.pos_ != "VERB":
            return False
        if found.cameo[:2] != self.grammar.one("naming_code")[:2]:
            return False
        return any(
            c.dep_ == "dobj" and self.grammar.has("claim_noun", c.lemma_.lower())
            for c in tok.children
        )

    def _lexical(self, tok: Token) -> Pattern | None:
        if tok.pos_ == "NOUN" and any(
            c.dep_ in ("compound", "amod")
            and self.grammar.has("press_event", f"{c.lemma_.lower()} {tok.lemma_.lower()}")
            for c in tok.children
        ):
            return None  # "held a news conference": a statement to the press, not talks
        pos = _HEAD_POS.get(tok.pos_)
        verb_lemma = self._mistagged_verb(tok)
        if verb_lemma is not None:
            pos = "V"
        elif pos is None or (pos == "A" and tok.dep_ not in _PREDICATIVE):
            return None
        if pos == "V" and tok.tag_ == "VBN" and tok.dep_ in _PREDICATIVE:
            # "was deeply troubled by the law": a participle of feeling is the adjective.
            feeling = self.lexicon.candidates("A", tok.lower_)
            if feeling and any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
                return feeling[0]
        candidates = self.lexicon.candidates(pos, verb_lemma or tok.lemma_.lower())
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

    def _mistagged_verb(self, tok: Token) -> str | None:
        """ "said soldiers assaulted members of his team": a past tense the tagger calls an
        adjective, though it has a subject and an object, is the verb the lexicon knows."""
        if tok.pos_ != "ADJ" or not tok.lower_.endswith("ed"):
            return None
        deps = {c.dep_ for c in tok.children}
        if "nsubj" not in deps or "dobj" not in deps:
            return None
        for lemma in (tok.lower_[:-2], tok.lower_[:-1]):
            if self.lexicon.candidates("V", lemma):
                return lemma
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
        if not named and predicate.dep_ == "oprd" and predicate.conjuncts:
            # 'called the North's test "unacceptable" and a "grave threat"': quotation marks
            # lead the parser to read the thing named as the first name, the name as its
            # conjunct.
            named, predicate = [predicate], predicate.conjuncts[-1]
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

    def _medium(self, tok: Token) -> bool:
        """ "said in a statement", "told in an interview": the medium of a saying, not an event
        of its own (grammar.tsv ``medium_noun`` after "in" under a ``reporting`` verb)."""
        head = tok.head
        return (
            tok.dep_ == "pobj"
            and self.grammar.has("medium_prep", head.lower_)
            and self.grammar.has("medium_noun", tok.lemma_.lower())
            and self.grammar.has("reporting", head.head.lemma_.lower())
        )

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

    def _requested(self, actors: list[Actor], recipients: list[Actor]) -> bool:
        """Did the government of a foreign recipient ask for help (a REQUEST earlier in the
        story for troops, help or an intervention, addressed to the sender or to no one
        named)?"""
        senders = {a.country for a in actors}
        hosts = {
            r.country
            for r in recipients
            if r.country not in senders and r.country not in INTERNATIONAL_CODES
        }
        if not hosts:
            return False
        for prev in [*self._seen, *self._current]:
            if prev.code.plover_type != "REQUEST" or prev.modality.negated:
                continue
            asked = {r.country for r in prev.recipients}
            if not {a.country for a in prev.actors} & hosts or (asked and not asked & senders):
                continue
            # ... asked for troops, help or an intervention (grammar.tsv ``help_noun``)
            if any(
                self.grammar.has("help_noun", t.lemma_.lower())
                for t in prev.trigger.subtree
                if t.i != prev.trigger.i
            ):
                return True
        return False

    def _sent_to_help(self, tok: Token) -> bool:
        """ "deployed troops to help flood victims": a deployment whose infinitive of purpose
        is an aid event."""
        for c in tok.children:
            if c.dep_ not in ("advcl", "xcomp") or not any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children
            ):
                continue
            for verb in (c, *(g for g in c.children if g.dep_ == "xcomp")):
                if self.grammar.has("relief_verb", verb.lemma_.lower()):
                    return True  # "to reach cut-off villages"
                inner = self.match(verb)
                if inner is not None and lookup(inner.cameo).plover_type == "AID":
                    return True
        return False

    def _driver(self, fleeing: Actor) -> list[Actor]:
        """Who drove people out: the actor of the story's latest hostile act (quad class 4) on
        their country, else that country's state."""
        country = fleeing.country
        for prev in reversed([*self._seen, *self._current]):
            hit = {r.country for r in prev.recipients}
            if prev.code.quad_class == 4 and country in hit and not prev.modality.hypothetical:
                return list(prev.actors)
        if not country or country in INTERNATIONAL_CODES:
            return []
        at = fleeing.start
        return [Actor("", at, at, None, country, None, "implied: the state they fled")]

    def _mere_travel(self, tok: Token, code: CameoCode, actors: list[Actor]) -> bool:
        """ "Tsikhanouskaya left for Lithuania", "flew them to the United States": a journey
        (grammar.tsv ``travel_verb``) is a visit only when an official of a state or a body
        (``visiting_sector``) makes it, and not when someone is carried there. Armed forces
        arriving are a deployment (``armed_visit_code``)."""
        if code.plover_mode != "visit" or not self.grammar.has("travel_verb", tok.lemma_.lower()):
            return False
        if any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
            return True
        if self._all_in(actors, "armed_sector"):
            return False  # troops arriving: a deployment, coded below
        return not any(
            a.country in INTERNATIONAL_CODES or self.grammar.has("visiting_sector", a.sector or "")
            for a in actors
        )

    def _not_people(self, tok: Token, pattern: Pattern, story: Story) -> bool:
        """ "releasing an immediate disbursement of $600 million": a bare pattern whose code
        frees people (grammar.tsv ``person_object_code``) needs people as its object."""
        if pattern.extras or not self.grammar.has("person_object_code", pattern.cameo):
            return False
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        return bool(objects) and all(o.pos_ != "PRON" and not story.actors(o) for o in objects)

    def _modifier_noun(self, tok: Token) -> bool:
        """ "an emergency meeting", "protest leaders": an event noun that modifies another
        noun names a kind of thing, not an event, unless the head is an attempt at it or its
        means (grammar.tsv ``event_head_noun``: "a coup attempt", "relief flights")."""
        return (
            tok.dep_ in ("compound", "amod")
            and tok.head.pos_ in ("NOUN", "PROPN")
            and not self.grammar.has("event_head_noun", tok.head.lemma_.lower())
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
            # "fled after mass protests": a time phrase's event is its own, not a topic
            and not self.grammar.has("asserting_prep", head.lower_)
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
        told = self._told_event(tok, pattern) if pattern.pos == "N" else None
        main_subject = tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT"
        if told is not None and not main_subject:
            # "no justification for the coup", "since the attack": a mention of an event the
            # story told before, not a new one.
            return None
        if told is not None and told.trigger.lemma_.lower() != tok.lemma_.lower():
            told = None  # "The pact comes as ...": the subject's own clause tells of it
        if told is not None:
            # "The strikes targeted a research centre": the air strikes told before, not a
            # labour strike.
            pattern = told.pattern
        elif self._stoppage_that_wounds(tok, pattern):
            return None
        if pattern.pos != "N":
            actors, recipients, how, anchor = self._verb_roles(tok, pattern, story)
        else:
            actors, recipients, how, anchor = self._noun_roles(tok, pattern, story)
        if told is not None and not actors and main_subject:
            # "The strikes targeted a research centre": told again with news of its own (not
            # "said the strikes were unjustified", which is about them).
            actors = list(told.actors)
            recipients = recipients or list(told.recipients)
            how = f"the event '{told.trigger.text}' told before; {how}"
        if not actors:
            return None
        actors = _distinct(actors)
        code = lookup(pattern.cameo)
        if self._mere_travel(tok, code, actors) or self._not_people(tok, pattern, story):
            return None
        if self.grammar.has("flight_verb", tok.lemma_.lower()):
            # PLOVER manual: refugees fleeing are coded SANCTION expel, with the agent that
            # drove them out as the actor; a leader fleeing is no such event.
            reported = any(c.dep_ == "nsubj" for c in tok.children) and (
                tok.tag_ != "VBG" or any(c.dep_ == "aux" for c in tok.children)
            )  # "thousands fled", "are fleeing"; not "help people fleeing the city"
            if not reported or not self._all_in(actors, "fleeing_sector"):
                return None
            recipients, actors = actors, self._driver(actors[0])
            if not actors:
                return None
            how += "; people fleeing: the state that drove them out acts"
        if code.plover_type == "MOBILIZE" and self._sent_to_help(tok):
            # "deployed the army to evacuate stranded families": forces sent to bring relief
            # are aid, whatever a deployment is otherwise.
            how += "; forces sent for relief → humanitarian aid"
            code = lookup(self.grammar.one("relief_deploy_code"))
            helper = actors[0].country
            recipients = [r for r in recipients if r.country != helper]
            if not recipients:
                at = actors[0].start
                helped = "implied: the people helped"
                recipients = [Actor("", at, at, None, helper, "CVL", helped)]
        if (
            self.grammar.has("labour_verb", tok.lemma_.lower())
            and self._unarmed(actors)
            and not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
        ):
            # "Unions said they would strike": workers striking stop work; they hit no one.
            how += "; a strike by workers or civilians → strike"
            code = lookup(self.grammar.one("labour_strike_code"))
        if self._internal_order(tok, code, actors, recipients):
            # "Putin ordered his government to lift sanctions": an order to one's own state
            # organs is no interaction; what it orders is coded on its own.
            return None
        own_side = bool(recipients) and {r.country for r in recipients} <= {
            a.country for a in actors
        }
        weak = not recipients or "fallback" in how or own_side
        countries = list(dict.fromkeys(a.country for a in actors))
        targets = [r for r in recipients if r.code not in {a.code for a in actors}]
        together = len(countries) == 2 and code.quad_class == 4 and self._jointly(tok)
        if together and not targets:
            # "Malian and French troops were fighting side by side", "Nigerian and
            # Cameroonian troops carried out joint operations": allies in arms, not enemies.
            how += "; two states acting jointly against no named target → cooperation"
            code = lookup(self.grammar.one("joint_action_code"))
        mutual = (
            code.plover_type in self.grammar.reciprocal
            or self.grammar.has("reciprocal_code", code.code)
        ) and not self.grammar.has("side_by_side_code", code.code)
        codes = list(dict.fromkeys(a.code for a in actors))
        paired = False  # the recipients are the second of two coordinated subjects
        if weak and len(countries) == 2 and mutual and not (together and targets):
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
        if recipients and self.grammar.has("custody_code", code.code):
            holder = self._holder(tok, recipients)
            if holder:
                # "demanded his release", "sought consular access to him": asked of whoever
                # holds him.
                recipients = holder
                how += "; recipient: the party holding them (the story's earlier arrest)"
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
        if modality.hypothetical and self._commanded(anchor, story):
            # "Putin ordered his government to start lifting sanctions": a head of state's
            # order to his own state organs is the state's decision, told as done.
            modality = replace(modality, hypothetical=False, why=modality.why + "; ordered")
        place_target: int | None = None
        # The clause named only the actor's own side: a party the story supplies comes first.
        kept: list[Actor] = []
        if _OWN_SIDE in how and self._own_side(recipients, actors):
            kept, recipients = recipients, []
        if not recipients and (code.quad_class == 4 or self._leaving_code(code)):
            target = self._place_target(tok, actors, leaving=self._leaving_code(code))
            if target is not None:
                recipients = [target]
                place_target = target.start
                how += f"; recipient: {target.how}"
        # "South Korea's military responded with a live-fire drill": a noun event whose actor is
        # its governing verb's subject is told like a verb ("organised protests" still
        # address the actor's own state, grammar.tsv ``addresses_state``).
        verbal = pattern.pos != "N" or (
            anchor is not tok and not self.grammar.has("addresses_state", code.plover_type)
        )
        if (
            not recipients
            and len(actors) == 1
            and verbal
            and (
                code.plover_type not in self.grammar.one_party
                or code.quad_class in (1, 3)
                or self.grammar.has("counterpart_type", code.plover_type)
            )
            and not self._has_topic(tok, pattern)
            and not self._addresses_state(code, actors)
        ):
            recipients = self._clause_counterpart(anchor, actors[0])
            if recipients:
                how += "; recipient: the other party of the clause that gives the reason"
            else:
                recipients = self._story_counterpart(actors[0])
                if recipients:
                    how += "; recipient: the other party of the story's latest event with it"
        if (
            self._leaving_code(code)
            and recipients
            and all(r.country in INTERNATIONAL_CODES and not r.sector for r in recipients)
            and not any(a.country in INTERNATIONAL_CODES for a in actors)
        ):
            # "Mali withdrew from the G5 Sahel force": a state leaving a body cuts its ties.
            how += "; a state leaving an international body → reduced relations"
            code = lookup(self.grammar.one("leave_body_code"))
        if code.plover_type == "MOBILIZE" and self._requested(actors, recipients):
            # "Malaysia was sending 500 troops" to East Timor, whose government had asked for
            # foreign forces: troops sent at a government's request are aid (PLOVER: AID).
            how += "; forces sent to a state that asked for them → protection"
            code = lookup(self.grammar.one("requested_deploy_code"))

        asker = self._asker(tok, code, actors, recipients, modality)
        if asker:
            # "Moscow has refused to extradite the suspects": a refusal answers whoever asked,
            # not the actor's own people the refused act was about.
            recipients = asker
            how += "; recipient: the party that asked for what is refused"
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
            and not self._story.places_of(anchor.subtree) & {a.country for a in actors}
        ):
            # Not when the clause names a place at home ("troops were deployed in Cairo").
            # "the United States dispatched two rescue teams" (to the quake-hit country the
            # story is about): aid with no named recipient goes where the story's earlier aid
            # went ("Germany will send tanks to Ukraine. The US followed, announcing it would
            # supply 31 tanks"), else to the story's country.
            own = {a.country for a in actors}
            focus = [c for c in self._story.focus_countries() if c and c not in own]
            earlier = self._earlier_recipients(tok, code.plover_type, own)
            if earlier:
                recipients = earlier
                how += "; recipient: that of the story's earlier event of the kind"
            elif focus and focus[0] not in INTERNATIONAL_CODES:
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
            if self.grammar.has("government_target_code", code.code):
                sector = "GOV"  # "army officers seized power": a coup is done to the government
            how += f"; recipient: {country} itself, the target of domestic coercion"
            recipients = [Actor("", at, at, None, country, sector, "implied: its own country")]
        if not recipients and (
            self.grammar.has("addresses_state", code.plover_type)
            or self._addresses_state(code, actors)
        ):
            home = {a.country for a in actors if a.sector != "GOV"}
            if len(home) == 1 and len(actors) == 1:
                country = next(iter(home))
                if country and country not in INTERNATIONAL_CODES:
                    at = actors[0].start
                    how += f"; recipient: the government of {country}, which a protest addresses"
                    implied = "implied: the government"
                    recipients = [Actor("", at, at, None, country, "GOV", implied)]
        if not recipients and kept:
            recipients = kept
            how += "; no other party: the actor's own side stays"
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
        # "Saudi Arabia and the United States, which are mediating": co-mediators are no
        # parties to each other, so a mediation with no one mediated between is one-sided.
        one_sided = not recipients and (
            len(actors) < 2 or self.grammar.has("side_by_side_code", code.code)
        )
        # "NATO leaders met in Vilnius", "African Union leaders opened a summit": an
        # international body's meeting is among its members (grammar.tsv ``members_meet``).
        bloc = (
            one_sided
            and actors[0].country in INTERNATIONAL_CODES
            and self.grammar.has("members_meet", code.code)
            and not self._at_venue(tok)
        )
        if (
            one_sided
            and not bloc
            and code.plover_type not in self.grammar.one_party
            and not modality.refusal
        ):
            return None
        if self.grammar.has("audience_type", code.plover_type) and (
            recipients and self._all_in(recipients, "audience_sector")
        ):
            return None  # "officials briefed reporters": talking to the press consults no one
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
        elif (
            code.plover_type == "THREATEN"
            and self.grammar.has("warning_verb", tok.lemma_.lower())
            and _past_complement(tok, self.grammar)
        ):
            # "rights groups warned that the measures opened the door to abuses": a warning
            # about what has already happened threatens nothing; it criticises.
            reason += "; a warning about what has happened → criticism"
            code = lookup(self.grammar.one("past_warning_code"))
        elif (
            code.code.startswith("03")
            and not self.grammar.has("consent_verb", tok.lemma_.lower())
            and (threat := self._promised_harm(tok)) is not None
        ):
            # "vowed to retaliate": a promise of a hostile act is a threat; what one agrees
            # to do ("agreed to send troops to Mali", grammar.tsv consent_verb) is no threat.
            reason += f"; promise of '{threat[0]}' → threat {threat[1]}"
            code = lookup(threat[1])
        elif self._joint(code.code, actors, recipients, tok):
            reason += "; done by two or more states together → military cooperation"
            code = lookup(self.grammar.one("joint_to"))
            partners = [a for a in actors if a.country != actors[0].country]
            if partners:
                recipients = partners
                actors = [a for a in actors if a.country == actors[0].country]
        elif (
            code.plover_mode == "visit"
            and self._all_in(actors, "armed_sector")
            and not self.grammar.has("hosting_code", code.code)
            and not self._delegates(tok)
        ):
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
        elif (armed_verb := self._armed_verb_code(tok, code.code)) is not None and self._all_in(
            actors, "armed_sector"
        ):
            # "supporters were blocked by hundreds of soldiers": forces bar people's way.
            reason += f"; '{tok.lemma_}' by armed forces → {armed_verb}"
            code = lookup(armed_verb)
        elif self.grammar.recode("state_riot_code", code.code) and not self._unarmed(actors):
            # "Ouattara's forces stormed the bunker", "Israel stormed the ship": a state that
            # storms a place uses force; only crowds riot.
            forced = self.grammar.recode("state_riot_code", code.code)
            if forced is not None:
                reason += f"; {code.name.lower()} by a state → {forced}"
                code = lookup(forced)
        elif self.grammar.recode("unarmed_force_code", code.code) and self._unarmed(actors):
            # "Tens of thousands of supporters massed outside the palace", "villagers occupied
            # the road": civilians showing force or holding ground protest.
            unarmed = self.grammar.recode("unarmed_force_code", code.code)
            if unarmed is not None:
                reason += f"; {code.name.lower()} by unarmed civilians → {unarmed}"
                code = lookup(unarmed)
        elif (
            any(code.code.startswith(k) for k in self.grammar.kinds.get("court_order_prefix", ()))
            and self._all_in(actors, "court_sector")
            and recipients
            and not self._all_in(recipients, "court_sector")
            and any(
                c.dep_ in ("xcomp", "ccomp") and self.grammar.has("payment_verb", c.lemma_.lower())
                for c in tok.children
            )
        ):
            # "The Supreme Court ordered Japanese companies to compensate": PLOVER codes a
            # court-ordered payment as SANCTION; other court orders stay demands.
            reason += "; a court's order against a party → ruling"
            code = lookup(self.grammar.one("court_order_code"))
        elif (
            modality.announced
            and self.grammar.has("announced_act_type", code.plover_type)
            and (anchor.dep_ != "ccomp" or self.grammar.has("reporting", anchor.head.lemma_))
        ):
            # "Britain will expel 23 Russian diplomats", "said it would send troops": a state's
            # announced sanction or deployment is the decision itself, told as done.
            reason += f"; announced ({modality.why}): the decision itself"
            modality = Modality(modality.negated, False, False, modality.why, announced=True)
            if anchor.dep_ == "ccomp" and self.grammar.has("reporting", anchor.head.lemma_):
                anchor = anchor.head  # dated by the verb that announces it
        elif self.grammar.has("unenforced_code", code.code) and all(
            a.country in INTERNATIONAL_CODES for a in actors
        ):
            # "The International Criminal Court issued an arrest warrant for Putin": a body
            # with no police of its own cannot arrest; its warrant threatens arrest (PLOVER).
            reason += "; arrest by an international body → threat of arrest"
            code = lookup(self.grammar.one("unenforced_to"))
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
        if code.quad_class == 4:
            recipients = [self._site_sector(r) for r in recipients]
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
        passive_subj = [c for c in tok.children if c.dep_ == "nsubjpass"] or _gapped_passive(tok)
        if not passive_subj and tok.dep_ == "acl" and tok.tag_ == "VBN":
            passive_subj = [tok.head]  # "dozens of activists detained during the protests"
        agents = [
            g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]
        # "conferred by telephone": a "by" naming no party in an active clause is a means.
        if (passive_subj or (agents and _first(story, agents))) and pattern.pos == "V":
            actors = _first(story, agents)
            # "Sweden's bid remains blocked by Ankara": the subject's possessor, if it names
            # no party itself.
            recipients = _first(story, passive_subj) or _inside(story, passive_subj, False)
            how = "passive: actor from 'by', recipient from the subject"
            if not actors and passive_subj and self.grammar.has("deploy_verb", tok.lemma_):
                # "30,000 troops had been pulled back", "troops were deployed": a state moves
                # its own forces; the forces stand for it.
                forces = _first(story, passive_subj)
                if forces and all(
                    self.grammar.has("state_force_sector", a.sector or "") for a in forces
                ):
                    actors = forces
                    recipients = []
                    how = "agentless passive: the forces moved act for their state"
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
                recipients = self._event_anaphor(obj, story, {a.code for a in actors})
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
            if gov is not None and subj is not None:
                named = story.actors(subj)
                if self._restates(tok, gov, pattern):
                    # "Iran launched 300 drones at Israel in its first direct attack": the
                    # verb's own event told again by a noun; its possessive is the subject.
                    actors = named or actors
                elif self._inherits_subject(tok, gov, bool(recipients)) and len(named) > len(
                    actors
                ):
                    actors = named
        if not actors and not by:
            actors = [a for c in own for a in story.modifier_state(c)]
        if not actors and self.grammar.has("source_type", lookup(pattern.cameo).plover_type):
            # "aid from Japan", "the first aid flights from New Zealand and Australia": the
            # source of what is given gives it.
            holders = [tok, tok.head] if tok.dep_ == "compound" else [tok]
            actors = _first(story, [g for h in holders for g in _prep_objects(h, "from")])
            # "rescue teams from Turkey worked in Antakya": the stricken country's own teams
            # bring it no aid from outside.
            home = story.focus_countries()[:1]
            actors = [a for a in actors if a.country not in home]
            if actors:
                return actors, recipients, f"noun: actor from 'from'; {rhow}", tok
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
            recipients = self._event_anaphor(subj, story, {a.code for a in actors})
        how = f"noun received by '{verb.text}': actor from 'from', recipient the receiver"
        return actors, recipients, how, verb

    def _restates(self, tok: Token, gov: Token, pattern: Pattern) -> bool:
        """Is the noun event ``tok``, in a phrase of the verb ``gov``, that verb's own event
        told again (the same type: "launched drones ... in its first attack")?"""
        if tok.dep_ != "pobj" or gov.pos_ != "VERB":
            return False
        kind = lookup(pattern.cameo).plover_type
        verb = self.match(gov)
        if verb is not None and verb.pos == "V" and lookup(verb.cameo).plover_type == kind:
            return True
        # "launched strikes on Armenian positions in its heaviest attack": the light verb's
        # object noun is the event.
        return self.grammar.has("light", gov.lemma_.lower()) and any(
            c.dep_ == "dobj"
            and (found := self.match(c)) is not None
            and lookup(found.cameo).plover_type == kind
            for c in gov.children
        )

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
        # Slots whose only party is the actor's own side as a possessor or modifier ("forced
        # *their* way", "the use of *force*").
        own_slots: list[tuple[str, list[Actor]]] = []
        for slot in pattern.recipient:
            inside = False
            if slot == "obj":
                found = _first(story, objects)
                if not found:
                    found = _inside(story, objects)
                    inside = bool(found)
                    holder = self._holder(tok, found, objects[0]) if found else []
                    if holder:
                        # "condemned his detention": the detention's doer, not the detainee.
                        return holder, "recipient: the doer of the event the object names"
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
                if not pobjs and pattern.pos == "N":
                    # "the visit by Xi Jinping to Moscow": the parser hangs the slot on the
                    # agent after "by".
                    for agent in _prep_objects(tok, "by"):
                        pobjs += _prep_objects(agent, slot)
                found = _first(story, pobjs)
                if not found:
                    found = _inside(story, pobjs)
                    inside = bool(found)
            if found:
                if not own or any(a.country not in own for a in found):
                    return found, f"recipient from slot '{slot}'"
                if inside and self._own_side(found, actors):
                    # "police forced their way into the embassy": the clause's other
                    # parties, if any, come first.
                    own_slots.append((slot, found))
                else:
                    found_slots.append((slot, found))
        if found_slots:
            slot, found = found_slots[0]
            return found, f"recipient from slot '{slot}'"
        if slots_only:
            if own_slots:
                return own_slots[0][1], f"recipient from slot '{own_slots[0][0]}'"
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
            tok, story, verbal=lookup(pattern.cameo).quad_class in (1, 3), actors=actors
        )
        if fallback:
            if self._own_side(fallback, actors):
                return fallback, f"recipient by fallback search of the clause: {_OWN_SIDE}"
            return fallback, "recipient by fallback search of the clause"
        if own_slots:
            # "police forced their way into the embassy" found nothing else: the actor's own
            # side is all the slots name.
            return own_slots[0][1], f"recipient from slot '{own_slots[0][0]}'"
        return [], "no recipient"

    def _fallback_recipients(
        self,
        tok: Token,
        story: Story,
        verbal: bool = True,
        actors: list[Actor] | None = None,
    ) -> list[Actor]:
        """The first actor in the trigger's objects and non-locative phrases, or one verb down.

        For verbal events ("warned that organisers would be prosecuted") the subject of a
        reported clause is the target too. The actor's own side is passed over: the actor
        itself or, for a state, its own organs ("Erdogan warned that Turkish forces could
        cross the border to clear out Kurdish fighters": the fighters, not the forces). A
        party whose country the text names wins over one whose country was only guessed from
        the context ("released 24 hostages, including 13 Israelis").
        """
        guessed: list[Actor] = []
        own_side: list[Actor] = []
        frontier = [tok]
        for _ in range(3):
            nxt: list[Token] = []
            for t in frontier:
                for c in t.children:
                    found: list[Actor] = []
                    if c.dep_ in ("dobj", "dative", "attr"):
                        found = _first(story, [c]) or _inside(story, [c], clauses=False)
                        nxt.append(c)
                    elif c.dep_ == "prep" and c.lower_ not in _LOCATIVE and c.lower_ != "by":
                        pobjs = [g for g in c.children if g.dep_ == "pobj"]
                        found = _first(story, pobjs) or _inside(story, pobjs, clauses=False)
                        if found and self._own_side(found, actors):
                            # "threatened the use of force against Ukraine"
                            nxt.extend(pobjs)
                    elif c.dep_ in ("xcomp", "acl"):
                        nxt.append(c)
                    elif (c.dep_ == "ccomp" or _clause_marks(c)) and verbal:
                        # "warned that organisers would be prosecuted": the complement's subject.
                        subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                        found = _first(story, subj)
                        if found and self._own_side(found, actors):
                            nxt.append(c)
                    if not found:
                        continue
                    if self._own_side(found, actors):
                        own_side = own_side or found
                        continue
                    if not all(_COUNTRY_GUESSED in a.how for a in found):
                        return found
                    guessed = guessed or found
            frontier = nxt
        # The actor's own side only when the clause names no other party ("Haiti's police
        # investigated the assassination of the president").
        return guessed or own_side

    def _own_side(self, found: list[Actor], actors: list[Actor] | None) -> bool:
        """Are the found parties the actor itself, or a state actor's own organs (grammar.tsv
        ``state_organ``) or the state named bare? Either way they are no target of its act."""
        if not actors:
            return False
        codes = {a.code for a in actors}
        states = {
            a.country
            for a in actors
            if a.country
            and a.country not in INTERNATIONAL_CODES
            and (a.sector is None or self.grammar.has("state_organ", a.sector))
        }
        return all(
            f.code in codes
            or (
                f.country in states
                and (f.sector is None or self.grammar.has("state_organ", f.sector))
            )
            for f in found
        )

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
        named_joint = any(self.grammar.has("joint_marker", c.lower_) for c in tok.children)
        return len(states) >= 2 and (named_joint or len({a.country for a in actors}) >= 2)

    def _commanded(self, clause: Token, story: Story) -> bool:
        """Is ``clause`` what a government commands its own organs to do ("ordered his
        government to start lifting sanctions": through aspectual verbs)?"""
        while (
            clause.dep_ == "xcomp"
            and self.grammar.has("aspectual", clause.head.lemma_.lower())
            and clause.head.dep_ == "xcomp"
        ):
            clause = clause.head
        verb = clause.head
        if clause.dep_ != "xcomp" or not self.grammar.has("command", verb.lemma_.lower()):
            return False
        subj = subject_of(verb)
        bosses = story.actors(subj) if subj is not None else []
        told = [a for c in verb.children if c.dep_ in ("dobj", "dative") for a in story.actors(c)]
        if not bosses or not told or any(a.sector not in (None, "GOV") for a in bosses):
            return False
        own = {a.country for a in bosses}
        return all(
            r.country in own and self.grammar.has("subordinate_sector", r.sector or "")
            for r in told
        )

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

    def _addresses_state(self, code: CameoCode, actors: list[Actor]) -> bool:
        """ "The opposition called off its protests": easing dissent (grammar.tsv
        ``addresses_state_code``) by the public or the opposition answers its own state."""
        return self._unarmed(actors) and any(
            code.code.startswith(c) for c in self.grammar.kinds.get("addresses_state_code", ())
        )

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

    def _site_sector(self, target: Actor) -> Actor:
        """ "fired rockets at three Israeli positions": force used on a state's military site
        (grammar.tsv ``military_site``) is used on its military."""
        if target.sector is not None or not target.text or self._story is None:
            return target
        span = self._story.doc.char_span(target.start, target.end, alignment_mode="expand")
        head = span.root if span is not None else None
        if head is None or not (
            self.grammar.has("military_site", head.lemma_.lower())
            or self.grammar.has("military_site", head.lower_)
        ):
            return target
        return replace(target, sector=self.grammar.one("military_site_sector"))

    def _at_venue(self, tok: Token) -> bool:
        """ "Speaking at a news conference": a statement made at a venue for one (grammar.tsv
        ``statement_venue``), not a meeting."""
        return any(
            c.dep_ == "prep"
            and c.lower_ == "at"
            and any(
                g.dep_ == "pobj" and self.grammar.has("statement_venue", g.lemma_.lower())
                for g in c.children
            )
            for c in tok.children
        )

    def _delegates(self, tok: Token) -> bool:
        """ "A delegation of Houthi officials visited Riyadh": envoys of an armed group visit;
        they do not deploy (grammar.tsv ``delegate_noun``)."""
        subj = subject_of(tok)
        return subj is not None and self.grammar.has("delegate_noun", subj.lemma_.lower())

    def _leaving_code(self, code: CameoCode) -> bool:
        """A withdrawal (grammar.tsv ``leaving_code``): made to the state of the place left."""
        return any(code.code.startswith(c) for c in self.grammar.kinds.get("leaving_code", ()))

    def _place_target(self, tok: Token, actors: list[Actor], leaving: bool = False) -> Actor | None:
        """ "Missiles struck the port of Odesa": an attack on a place targets its state;
        "troops withdrew from the city of Kherson" (``leaving``): a withdrawal is made to the
        state of the place left."""
        story_tokens: list[Token] = []
        for c in tok.children:
            targeted = c.dep_ == "prep" and (
                c.lower_ in _TARGET_PREPS
                or (leaving and self.grammar.has("leaving_prep", c.lower_))
            )
            if c.dep_ in ("dobj", "dative") or targeted:
                # not inside a relative clause: "fired a missile that fell west of Hokkaido"
                clauses = [g for g in c.subtree if g.dep_ == "relcl" and g.i != c.i]
                inside = {t.i for g in clauses for t in g.subtree}
                story_tokens.extend(t for t in c.subtree if t.i not in inside)
        target = self._story.place_target(story_tokens) if self._story else None
        if target is None:
            target = self._country_struck(tok)
        if target is None or any(a.country == target.country for a in actors):
            return None
        return target

    def _country_struck(self, tok: Token) -> Actor | None:
        """ "Warplanes pounded air bases across Syria", "struck targets in Iraq": a country
        named as where force was used (grammar.tsv ``area_prep``) is its target."""
        if self._story is None:
            return None
        heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or not self.grammar.has("area_prep", prep.lower_):
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    found = [
                        a
                        for a in self._story.actors(pobj)
                        if a.sector is None and a.country not in INTERNATIONAL_CODES
                    ]
                    if len(found) == 1:
                        # "pounded air bases across Syria": its military, when what was hit
                        # is a military site (grammar.tsv ``military_site``).
                        sites = (
                            [c for c in head.children if c.dep_ == "dobj"]
                            if head is tok
                            else [head]
                        )
                        military = any(
                            self.grammar.has("military_site", t.lemma_.lower())
                            or self.grammar.has("military_site", t.lower_)
                            for site in sites
                            for t in (site, *site.conjuncts)
                        )
                        return replace(
                            found[0],
                            sector=self.grammar.one("military_site_sector")
                            if military
                            else found[0].sector,
                            how=f"the country where force was used: {found[0].how}",
                        )
        return None

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

    def _told_event(self, tok: Token, pattern: Pattern) -> Coded | None:
        """The earlier event a definite noun names again: by its own word ("the strikes"),
        else the latest of its type ("seized power in a coup ... the coup")."""
        dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
        if not any(self.grammar.has("definite", d) for d in dets):
            return None
        lemma = tok.lemma_.lower()
        told = [p for p in self._seen if not p.modality.hypothetical]
        for prev in reversed(told):
            if prev.trigger.lemma_.lower() == lemma:
                return prev
        kind = lookup(pattern.cameo).plover_type
        for prev in reversed(told):
            if prev.code.plover_type == kind:
                return replace(prev, pattern=pattern)
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

    def _earlier_recipients(self, tok: Token, kind: str, own: set[str | None]) -> list[Actor]:
        """The recipients of the story's latest earlier event of the kind ``kind`` (by its
        pattern, before an announcement made it an intent), other than ``own``."""
        for prev in reversed([*self._seen, *self._current]):
            if prev.trigger.i >= tok.i or lookup(prev.pattern.cameo).plover_type != kind:
                continue
            found = [r for r in prev.recipients if r.country not in own]
            if found:
                return found
        return []

    def _asker(
        self,
        tok: Token,
        code: CameoCode,
        actors: list[Actor],
        recipients: list[Actor],
        modality: Modality,
    ) -> list[Actor]:
        """The other party of a state's refusal whose recipients are its own people (not its
        organs or armed groups): the latest foreign party that asked it for something, else
        its latest foreign counterpart."""
        refused = modality.refusal and self.grammar.refusal_code(code.code) is not None
        if not recipients or not (code.plover_type == "REJECT" or refused):
            return []
        if len(actors) != 1 or actors[0].country in INTERNATIONAL_CODES or not actors[0].country:
            return []
        state = actors[0]
        if state.sector is not None and not self.grammar.has("state_organ", state.sector):
            return []
        if any(
            r.country != state.country
            or self.grammar.has("state_organ", r.sector or "")
            or self.grammar.has("armed_sector", r.sector or "")
            for r in recipients
        ):
            return []  # its own organs, or rebels it fights at home: a domestic refusal
        for prev in reversed([*self._seen, *self._current]):
            if prev.code.plover_type != "REQUEST" or prev.trigger.i >= tok.i:
                continue
            if any(r.country == state.country for r in prev.recipients):
                askers = [a for a in prev.actors if a.country != state.country]
                if askers:
                    return askers
        return [a for a in self._story_counterpart(state) if a.country != state.country]

    def _accuser(
        self, tok: Token, code: CameoCode, actors: list[Actor], denial: bool = False
    ) -> list[Actor]:
        """The actors of the story's latest accusation against this actor, when ``tok`` is a
        denial (grammar.tsv ``denying``, or ``denial`` told by the caller)."""
        denial = (
            denial
            or self.grammar.has("denying", tok.lemma_.lower())
            or (
                self.grammar.has("naming_verb", tok.lemma_.lower())
                and any(self.grammar.has("claim_noun", c.lemma_.lower()) for c in tok.children)
            )
        )
        if code.plover_type != "REJECT" or not denial:
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

        The noun names the earlier event by its own word ("the arrest" after "arrested",
        "the agreement" after "signed an agreement") or, failing that, by its kind ("the
        attack" after "strikes"); a generic event noun ("the decision", "the move", "the verdict":
        grammar.tsv kind ``event_noun``) refers to the latest earlier act by another party
        than ``not_by``, a reaction (``reaction_type``) only when no act is told. An agreement,
        meeting or other reciprocal event is both its parties' ("welcomed the agreement").
        """
        if not any(self.grammar.has("definite", c.lower_) for c in tok.children):
            return []
        own = self.match(tok)
        kind = lookup(own.cameo).plover_type if own is not None else None
        lemma = tok.lemma_.lower()
        stem = lemma[:5]
        earlier = [
            prev
            for prev in reversed(self._told)
            if prev.trigger.i < tok.i
            and not prev.modality.hypothetical
            and not prev.modality.negated
            and not (not_by and {a.code for a in prev.actors} & not_by)
        ]
        generic = self.grammar.has("event_noun", lemma)

        def rank(prev: Coded) -> int:
            """0: named by its own word; 1: of the noun's kind; 2: an act; 3: any event."""
            if (len(stem) == 5 and prev.trigger.lemma_.lower()[:5] == stem) or (
                (own is not None or generic) and lemma in prev.pattern.extras
            ):
                return 0
            if kind is not None and prev.code.plover_type == kind:
                return 1
            if generic:
                return 3 if self.grammar.has("reaction_type", prev.code.plover_type) else 2
            return 4

        ranked = [(rank(prev), n, prev) for n, prev in enumerate(earlier)]
        best = min(ranked, key=lambda r: (r[0], r[1]), default=None)
        if best is None or best[0] == 4:
            return []
        return self._parties(best[2])

    def _armed_verb_code(self, tok: Token, cameo: str) -> str | None:
        """The code grammar.tsv ``armed_verb_code`` ("block=191") gives a verb done by
        armed forces, if it differs from ``cameo``."""
        for row in self.grammar.kinds.get("armed_verb_code", ()):
            lemma, _, code = row.partition("=")
            if lemma == tok.lemma_.lower() and tok.pos_ == "VERB" and code != cameo:
                return code
        return None

    def _holder(self, tok: Token, held: list[Actor], noun: Token | None = None) -> list[Actor]:
        """The actors of the story's latest earlier ``holding_code`` act (arrest, abduction)
        done to ``held`` by another party; with ``noun``, one that noun names by its word or
        kind ("his detention" after "arrested him")."""
        codes = {a.code for a in held}
        kind: str | None = None
        if noun is not None:
            own = self.match(noun)
            if own is None:
                return []
            kind = lookup(own.cameo).plover_type
        stem = noun.lemma_.lower()[:5] if noun is not None else ""
        earlier = [*self._told, *(c for c in self._current if c.trigger.i < tok.i)]
        for prev in reversed(earlier):
            if prev.trigger.i >= tok.i or prev.modality.hypothetical or prev.modality.negated:
                continue
            if not codes & {r.code for r in prev.recipients}:
                continue
            if not prev.actors or codes & {a.code for a in prev.actors}:
                continue
            ok = self.grammar.has("holding_code", prev.code.code)
            if noun is not None:
                ok = ok and (
                    prev.code.plover_type == kind
                    or (len(stem) == 5 and prev.trigger.lemma_.lower()[:5] == stem)
                )
            if ok:
                return list(prev.actors)
        return []

    def _parties(self, event: Coded) -> list[Actor]:
        """The actors of an event, and for a reciprocal cooperative one (an agreement, a
        meeting) its recipients too; a fight or an attack is its attacker's."""
        code = event.code
        mutual = code.plover_type in self.grammar.reciprocal or self.grammar.has(
            "reciprocal_code", code.code
        )
        if mutual and code.quad_class <= 2 and not self.grammar.has("side_by_side_code", code.code):
            return _distinct([*event.actors, *event.recipients])
        return list(event.actors)


# -- grammar helpers ----------------------------------------------------------------------


def _gapped_passive(tok: Token) -> list[Token]:
    """ "Five people were killed and 19 officers injured": a participle conjoined to a
    passive verb shares its "were"; the subject the parser gives it is its patient."""
    head = tok.head
    if tok.dep_ != "conj" or tok.tag_ not in ("VBN", "VBD") or head.i >= tok.i:
        return []
    if not any(c.dep_ == "auxpass" for c in head.children):
        return []
    if any(c.dep_ in ("aux", "auxpass", "dobj", "nsubjpass") for c in tok.children):
        return []
    # a count of people ("19", "three others", "19 police officers"), as casualty lists give
    return [
        c
        for c in tok.children
        if c.dep_ == "nsubj"
        and c.i > head.i
        and (c.pos_ == "NUM" or any(g.dep_ == "nummod" for g in c.children))
    ]


def _purpose_clause(tok: Token) -> bool:
    """ "arrived to help quell the uprising": an infinitive of purpose, whose target the
    story does not supply."""
    return tok.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    )


def _headline(sent: Span) -> bool:
    """A title-case line ("Iran Condemns Israeli Strike"), where capitals mark no names."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) > 0.8 * len(words)


def _inside_name(tok: Token) -> bool:
    """A capitalised word inside a sentence is part of a name ("the Group to Support Islam
    and Muslims", "the Front for Change and Concord"), not an event word, unless a mark that
    may open a clause or a quotation precedes it (grammar.tsv ``opening_mark``)."""
    if not tok.is_title or tok.i == tok.sent.start:
        return False
    before = tok.doc[tok.i - 1]
    return not (before.is_punct and load_grammar().has("opening_mark", before.text))


def _past_complement(tok: Token, grammar: Grammar) -> bool:
    """Is the "that" clause of ``tok`` in the past, with no modal ("warned that the measures
    opened the door", not "warned that it would respond")?"""
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        auxes = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" or grammar.has("modal", a.lower_) for a in auxes):
            return False
        finite = auxes[0] if auxes else c
        return finite.tag_ == "VBD"
    return False


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


# Marker in a reason of recipients the clause fallback found only on the actor's own side.
_OWN_SIDE = "the actor's own side"
# Marker in Actor.how of a party whose country came from the context, not from its phrase.
_COUNTRY_GUESSED = "; country "
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
        if c.dep_ == "advcl" and (marks := _clause_marks(c)):
            # "called for Johnson to resign": the parser hangs "for" on the clause.
            out |= marks
            continue
        if c.i + 2 == tok.i and tok.doc[c.i + 1].text == "-" and c.dep_ in ("npadvmod", "compound"):
            # "tear-gassed": the first half of a hyphenated verb is part of its phrase.
            out.add(c.lemma_.lower())
            continue
        if c.dep_ in _EXTRA_DEPS or (c.dep_ == "advmod" and c.lower_ in _PARTICLES):
            out.add(c.lemma_.lower())
            for g in c.children:
                if g.dep_ in ("pobj", "prt", "dobj", "compound", "amod", "nmod", "conj"):
                    out.add(g.lemma_.lower())
            if c.dep_ == "dobj" and load_grammar().has("measure_noun", c.lemma_.lower()):
                # "shipped 50,000 tonnes of wheat": what is measured is the object.
                out |= {
                    g.lemma_.lower()
                    for of in c.children
                    if of.dep_ == "prep" and of.lower_ == "of"
                    for g in of.children
                    if g.dep_ == "pobj"
                }
    return out


def _clause_marks(clause: Token) -> set[str]:
    """ "for" of "for Johnson to resign" (grammar.tsv ``clause_subject_mark``): a mark that
    opens an infinitive clause with its own subject, the party the clause is about."""
    return {
        m.lower_
        for m in clause.children
        if m.dep_ == "mark" and load_grammar().has("clause_subject_mark", m.lower_)
    }


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


def _unique(
    coded: list[Coded],
    reciprocal: frozenset[str] = frozenset(),
    directed: frozenset[str] = frozenset(),
) -> list[Coded]:
    """One event per key; the main-clause mention wins over one in a subordinate clause.

    For a ``reciprocal`` type the key is the set of countries involved ("A met B" and "the
    meeting between B and A" are one event); for the others the direction counts too: "India
    expelled a Canadian diplomat, hours after Canada expelled an Indian one" is two events,
    and so is a ``directed`` code of a reciprocal type (releases: "Hamas released hostages
    and Israel freed prisoners").
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
        one_way = c.code.plover_type not in reciprocal or c.code.code in directed
        if one_way and recipients and not actors & recipients:
            k = (*k, actors)
        if k not in best or rank(c) > rank(best[k]):
            best[k] = c
    return sorted(best.values(), key=lambda c: c.trigger.i)
