"""The test database shared by the API and browser tests: built once per test session.

It holds the PressTV example article (published 2021-12-23) and three short articles with
real-world sentences from October to December 2021 (so a dyad timeline has several months),
one of which carries HTML that must never run in the dashboard.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date
from pathlib import Path

from spacy.language import Language

from dyad.model import Document
from dyad.pipeline import Pipeline
from dyad.store import EventStore

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "presstv-2021-12-23-iran-azerbaijan.txt"
EXAMPLE_ID = "presstv-2021-12-23-iran-azerbaijan.txt"
XSS_ID = "xss-2021-12-20.txt"
XSS = '<script>window.__dyad_xss = 1;</script><img src="x" onerror="window.__dyad_xss = 2">'

EXTRA = (
    (
        "irna-2021-10-04.txt",
        date(2021, 10, 4),
        "Iran, Azerbaijan trade warnings over border drills\n\n"
        "Iranian troops held military exercises near the border with Azerbaijan on Friday. "
        "Azerbaijani President Ilham Aliyev criticised Iran on Monday over the drills. "
        "Iranian Foreign Minister Hossein Amir-Abdollahian warned Azerbaijan against "
        "hosting Israeli forces.",
    ),
    (
        "trend-2021-11-28.txt",
        date(2021, 11, 28),
        "Raisi and Aliyev meet in Ashgabat\n\n"
        "Iranian President Ebrahim Raisi met Azerbaijani President Ilham Aliyev in Ashgabat "
        "on Sunday. Iran and Azerbaijan signed an agreement on gas swaps through Turkmenistan.",
    ),
    (
        XSS_ID,
        date(2021, 12, 20),
        "Foreign ministers speak by phone\n\n"
        "Azerbaijani Foreign Minister Jeyhun Bayramov held a phone call with his Iranian "
        f"counterpart on Monday. {XSS}\n",
    ),
)

_built: dict[str, Path] = {}


def documents() -> list[Document]:
    """The example article and the extra articles, as the tests ingest them."""
    docs = [
        Document(
            id=EXAMPLE_ID,
            text=EXAMPLE.read_text(encoding="utf-8"),
            published=date(2021, 12, 23),
            published_source="given",
            url="https://www.presstv.ir/Detail/2021/12/23/673429/Iran-Azerbaijan",
            source="PressTV",
            title="Iran, Azerbaijan oppose foreign interference in regional affairs",
        )
    ]
    for doc_id, published, text in EXTRA:
        docs.append(
            Document(
                id=doc_id,
                text=text,
                published=published,
                published_source="given",
                url="javascript:alert(1)" if doc_id == XSS_ID else None,
                source=doc_id.split("-")[0],
            )
        )
    return docs


def example_db(nlp: Language) -> Path:
    """The session's database file (built on the first call, then reused)."""
    if "db" not in _built:
        folder = Path(tempfile.mkdtemp(prefix="dyad-api-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "events.duckdb"
        pipeline = Pipeline(nlp=nlp)
        with EventStore(path) as store:
            store.ingest(pipeline.analyse_many(documents()))
        _built["db"] = path
    return _built["db"]
