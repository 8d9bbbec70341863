"""Syntax helpers shared by the actor story and the event coder: who is the subject of a
clause, followed up verb chains, participles, relatives and object control."""

from __future__ import annotations

from spacy.tokens import Token

from dyad.events.lexicon import load_grammar


def subject_of(tok: Token) -> Token | None:
    """The subject of a verb, followed up verb chains, conjuncts, participles and relatives."""
    current = tok
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            # Two subjects is a parse of a loose list ("Iran, Azerbaijan FMs discuss"): the
            # one nearest the verb heads it.
            before = [c for c in subjects if c.i < current.i]
            chosen = before[-1] if before else subjects[0]
            if chosen.tag_ in ("WP", "WDT") and current.dep_ == "relcl":
                return current.head  # "Bayramov, who praised Iran": the relative's antecedent
            return chosen
        dep = current.dep_
        head = current.head
        if head is current:
            return None
        if dep == "relcl":
            return head
        if dep == "xcomp":
            obj = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if obj and head.pos_ == "VERB":
                return obj[0]
            current = head
        elif dep in ("conj", "advcl", "ccomp"):
            current = head
        elif dep == "acl" and current.tag_ == "VBN":
            # "Palestinians wounded in Gaza", "a hospital destroyed by shelling": a passive
            # participle describes its noun; the clause's subject did not do it. Forces
            # "deployed to Haiti" (grammar.tsv ``deploy_verb``) act for their state.
            if load_grammar().has("deploy_verb", current.lemma_.lower()):
                return head
            return None
        elif dep in ("acl", "pcomp"):
            noun = head
            current = noun.head if noun.head is not noun else noun
            if dep == "pcomp":
                current = head.head
                if (
                    current.dep_ == "dobj"
                    and head.lower_ in ("of", "for")
                    and object_control(current.head)
                ):
                    return current  # "accusing its neighbour of backing": the neighbour
                obj = [c for c in current.children if c.dep_ == "dobj"]
                if obj and head.lower_ in ("of", "for") and object_control(current):
                    # "accused the army of targeting", "praised Kenya for sending": the
                    # object of the governing verb does the act.
                    return obj[0]
        elif dep in ("dobj", "pobj", "prep", "attr", "acomp"):
            current = head  # "acomp": "Iran was ready to ship": the copula's subject
        else:
            return None
    return None


def object_control(verb: Token) -> bool:
    """Is ``verb`` one whose object does the act of its "of"/"for" clause (grammar.tsv)?"""
    return load_grammar().has("object_control", verb.lemma_.lower())
