"""Modality of an event mention: denied, only possible (hypothetical), or a refusal.

Historical background is decided later, once the event's date is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dyad.events.lexicon import Grammar

_ANNOUNCING = frozenset({"will", "would", "'ll", "shall"})
# Clause links followed upwards when looking for what governs a trigger.
_UP_DEPS = frozenset({"xcomp", "ccomp", "acl", "advcl", "pcomp", "pobj", "prep", "dobj", "conj"})


@dataclass(frozen=True, slots=True)
class Modality:
    """Flags of one event mention and a short account of what set them."""

    negated: bool = False
    hypothetical: bool = False
    refusal: bool = False
    why: str = ""
    announced: bool = False


def modality_of(trigger: Token, anchor: Token, grammar: Grammar) -> Modality:
    """Read negation, modal verbs, governing verbs, conditionals and questions."""
    notes: list[str] = []
    negated = hypothetical = refusal = False
    clause = anchor if anchor.pos_ in ("VERB", "AUX") else trigger
    if _negated(trigger, grammar) or _negated(clause, grammar):
        negated = True
        notes.append("negated")
    modal = _modal(clause, grammar)
    if modal is None and clause.dep_ == "xcomp" and clause.head is not clause:
        # "would keep targeting ships": the modal of the verb the clause is chained to.
        modal = _modal(clause.head, grammar)
    if modal:
        hypothetical = True
        notes.append(f"modal '{modal}'")
    conditions = [c for c in clause.children if c.dep_ == "advcl"]
    if any(c.dep_ == "mark" and grammar.has("hypothetical", c.lower_) for c in clause.children) or (
        modal
        and any(
            g.dep_ == "mark" and grammar.has("hypothetical", g.lower_)
            for c in conditions
            for g in c.children
        )
    ):
        # "if Moscow fails ...": the clause itself, or a main clause with a modal whose
        # condition it names ("Britain would expel diplomats if Moscow failed to explain").
        hypothetical = True
        notes.append("conditional")
    if trigger.sent.text.rstrip().endswith("?"):
        hypothetical = True
        notes.append("question")
    alleger = _alleging_verb(clause, grammar)
    if alleger is not None:
        # "accused the army of targeting civilians": the act is alleged, not reported as fact.
        hypothetical = True
        notes.append(f"alleged by '{alleger.text}'")
    governor = _governor(clause, grammar)
    if clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and not grammar.has("hypothetical", c.lower_) for c in clause.children
    ):
        # "ordered ... after Erdogan expressed regret": a clause of time or reason is told
        # as fact, whatever governs the main clause.
        governor = None
    if governor is not None and clause.dep_ == "xcomp":
        # "voicing keenness to expand": the governing verb's object noun carries the modality.
        for obj in governor.children:
            if obj.dep_ == "dobj" and grammar.has("hypothetical", obj.lemma_.lower()):
                governor = obj
    ready = False
    if governor is not None:
        lemma = governor.lemma_.lower()
        if (
            grammar.has("readiness", lemma)
            and not hypothetical
            and _reported_readiness(governor, grammar)
        ):
            # "Iran said it was ready to ship food to Qatar": a stated readiness is an
            # announced intent, coded as such (AGREE), not a mere possibility.
            ready = True
            notes.append(f"readiness '{governor.text}'")
        elif grammar.has("refusal", lemma):
            refusal = True
            notes.append(f"governed by '{governor.text}'")
        elif grammar.has("negating", lemma):
            negated = True
            notes.append(f"denied by '{governor.text}'")
            stop_modal = _modal(governor, grammar)
            if stop_modal is not None and stop_modal.lower() in _ANNOUNCING:
                # "said it would stop recognising the court": to announce that one will stop
                # doing something is to refuse to go on doing it.
                refusal = True
        elif grammar.has("hypothetical", lemma) and governor.i != trigger.i:
            hypothetical = True
            notes.append(f"complement of '{governor.text}'")
    if not hypothetical and not refusal and _purpose(clause):
        # "arrived to help quell the uprising", "used tear gas to push the migrants back": an
        # infinitive of purpose tells what the actor meant to do, not what it did.
        hypothetical = True
        notes.append("purpose")
    if negated and (modal or refusal) and not refusal:
        # "said it would not attend": a refusal, not a denial of something that happened.
        refusal = True
    if refusal:
        negated = hypothetical = False
    # "will"/"would" alone (no condition, no other governor) announces what the actor is to do.
    announced = ready or (
        modal is not None and modal.lower() in _ANNOUNCING and notes == [f"modal '{modal}'"]
    )
    return Modality(negated, hypothetical, refusal, ", ".join(notes), announced)


def _purpose(clause: Token) -> bool:
    """Is ``clause`` an infinitive of purpose, or a verb chained to one ("to help quell")?"""
    current = clause
    for _ in range(3):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        if current.dep_ == "advcl" and infinitive:
            return True
        if current.dep_ != "xcomp" or current.head is current:
            return False
        current = current.head
    return False


def _reported_readiness(ready: Token, grammar: Grammar) -> bool:
    """ "Iran said it was ready to ship food": not negated ("is not ready"), and said of a
    party rather than by one in the first person ("'We are ready to ...,' he said"), which is
    rhetoric more than a stated intent."""
    copula = ready.head if ready.dep_ == "acomp" else ready
    if _negated(ready, grammar) or _negated(copula, grammar):
        return False
    subjects = [c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not any(grammar.has("first_person", s.lower_) for s in subjects)


def _alleging_verb(clause: Token, grammar: Grammar) -> Token | None:
    """The verb of "X accused Y of <clause>" / "blamed Y for <clause>", when there is one
    ("accusing its neighbour of meddling and violating its sovereignty": every conjunct)."""
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "pcomp" or clause.head.lower_ not in ("of", "for"):
        return None
    verb = clause.head.head
    if verb.dep_ == "dobj" and verb.pos_ in ("NOUN", "PROPN", "PRON"):
        verb = verb.head  # "accusing its neighbour of backing": "of" hangs from the object
    return verb if grammar.has("alleging", verb.lemma_.lower()) else None


def _negated(tok: Token, grammar: Grammar) -> bool:
    return any(
        c.dep_ == "neg" or grammar.has("negation", c.lower_) and c.dep_ in ("neg", "advmod")
        for c in tok.children
    )


def _modal(tok: Token, grammar: Grammar) -> str | None:
    for c in tok.children:
        if c.dep_ == "aux" and grammar.has("modal", c.lemma_.lower()):
            return c.text
    return None


def _governor(tok: Token, grammar: Grammar) -> Token | None:
    """The nearest word that governs the trigger's clause (a verb, adjective or noun).

    An aspectual verb ("would keep targeting", "vowed to continue the war") is passed through
    when something governs it in turn: what governs the act is what governs "keep"."""
    current = tok
    gerund = False
    hops = 0
    while hops < 3:
        hops += 1
        infinitive = current.dep_ == "relcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        )  # "a deal to end the war": an infinitival relative is the noun's complement
        if (current.dep_ not in _UP_DEPS and not infinitive) or current.head is current:
            return None
        if _asserted_adjunct(current, grammar):
            return None
        head = current.head
        # "a deal aimed at ending the war": a gerund's preposition hangs from its governor.
        clause_link = (
            current.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "advcl")
            or infinitive
            or (gerund and current.dep_ == "prep")
        )
        gerund = current.dep_ == "pcomp"
        if (clause_link or head.pos_ in ("ADJ", "NOUN")) and head.pos_ in (
            "VERB",
            "ADJ",
            "NOUN",
            "AUX",
        ):
            aspectual = head.pos_ == "VERB" and (
                grammar.has("aspectual", head.lemma_.lower())
                or grammar.has("transparent_governor", head.lemma_.lower())
            )
            if not (aspectual and head.dep_ in ("xcomp", "ccomp")):
                return head
            hops -= 1  # "keep" in "would keep targeting" is no step away from what governs it
        current = head
    return None


def _asserted_adjunct(tok: Token, grammar: Grammar) -> bool:
    """ "threatened sanctions, while Britain summoned the ambassador", "hours after a missile hit
    the hospital", "during Biden's visit": an adverbial clause with a subject of its own and a
    conjunction that asserts it (grammar.tsv ``asserting_mark``), or the object of a preposition
    that presupposes its event (``asserting_prep``), is told as fact, whatever the verb it hangs
    from says."""
    if tok.dep_ == "advcl":
        marks = [c for c in tok.children if c.dep_ == "mark"]
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        return (
            own_subject
            and bool(marks)
            and not infinitive
            and all(grammar.has("asserting_mark", m.lower_) for m in marks)
        )
    return (
        tok.dep_ == "pobj"
        and tok.head.dep_ == "prep"
        and grammar.has("asserting_prep", tok.head.lower_)
    )
