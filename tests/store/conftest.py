"""Store fixtures: one Pipeline per session, the example article analysed once."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from dyad.model import Document
from dyad.pipeline import Analysis, Pipeline

PUBLISHED = date(2021, 12, 23)

# A lightly edited copy: a few words changed outside the coded sentences' event wording.
EDITS = (
    ("(Photo by IRNA)", "(Photo: IRNA)"),
    ("tensions soared", "tensions rose sharply"),
    ("700-kilometer border", "700-km border"),
)


@pytest.fixture(scope="session")
def pipeline(nlp: Language) -> Pipeline:
    return Pipeline(nlp=nlp)


@pytest.fixture(scope="session")
def example_doc(example_text: str) -> Document:
    return Document(
        id="presstv-2021-12-23.txt",
        text=example_text,
        published=PUBLISHED,
        published_source="given",
        url="https://www.presstv.ir/Detail/2021/12/23/673429/Iran-Azerbaijan",
        source="PressTV",
    )


@pytest.fixture(scope="session")
def example(pipeline: Pipeline, example_doc: Document) -> Analysis:
    return pipeline.analyse(example_doc)


@pytest.fixture(scope="session")
def edited_copy(pipeline: Pipeline, example_text: str) -> Analysis:
    text = example_text
    for old, new in EDITS:
        assert old in text
        text = text.replace(old, new)
    doc = Document(
        id="mehr-copy.txt",
        text=text,
        published=PUBLISHED,
        published_source="given",
        url="https://en.mehrnews.com/news/181234/",
        source="Mehr",
    )
    return pipeline.analyse(doc)
