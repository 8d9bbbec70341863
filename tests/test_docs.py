"""The documentation: complete (every public name and command), in sync, and runnable.

- every name in ``dyad.__all__`` has a docstring and a section in docs/python-api.md;
- docs/cli.md is what scripts/gen_cli_docs.py generates from the commands now, and names
  every command path with its help;
- the site builds with ``mkdocs build --strict`` (no broken links or anchors, every page in
  the nav);
- the ``python`` blocks of the tutorial (and of the other pages that have them) run as
  written, in order, and the tutorial writes the figure it shows.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

import dyad

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```\s*$", re.DOTALL | re.MULTILINE)
# Pages whose python blocks are run, and the files they read (relative to the repository).
RUNNABLE = {
    "quickstart.md": [],
    "python-api.md": ["tests/gold/seed.jsonl"],
    "evaluation.md": ["tests/gold/seed.jsonl"],
    "tutorial.md": [
        "examples/presstv-2021-12-23-iran-azerbaijan.txt",
        "docs/tutorial_corpus.jsonl",
        "tests/gold/seed.jsonl",
    ],
}


def _gen_cli_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def python_blocks(page: str) -> list[str]:
    """The ```python blocks of a docs page, in order."""
    return PYTHON_BLOCK.findall((DOCS / page).read_text(encoding="utf-8"))


# -- Python API ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", dyad.__all__)
def test_public_name_has_a_docstring(name: str) -> None:
    obj = getattr(dyad, name)
    doc = obj.__doc__ or ""
    assert doc.strip(), f"dyad.{name} has no docstring"
    # A dataclass without a docstring gets its signature as __doc__: not documentation.
    assert not doc.startswith(f"{name}("), f"dyad.{name} has only the generated docstring"


def test_every_public_name_is_in_python_api_page() -> None:
    page = (DOCS / "python-api.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^#{2,4} `([A-Za-z_]+)`", page, re.MULTILINE))
    missing = sorted(set(dyad.__all__) - headings)
    assert not missing, f"docs/python-api.md has no section for: {missing}"
    extra = sorted(headings - set(dyad.__all__))
    assert not extra, f"docs/python-api.md documents names not in dyad.__all__: {extra}"


# -- CLI reference -------------------------------------------------------------------------


def test_cli_reference_is_up_to_date() -> None:
    gen = _gen_cli_docs()
    current = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert current == gen.render(), (
        "docs/cli.md is out of date: run `python scripts/gen_cli_docs.py`"
    )


def test_every_command_is_documented_with_its_help() -> None:
    gen = _gen_cli_docs()
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = list(gen.walk(gen.root_command()))
    paths = [" ".join(path) for path, _ in commands]
    # The contract's commands and the sub-groups are all there.
    for expected in ("dyad code", "dyad places", "dyad dates", "dyad eval", "dyad ingest",
                     "dyad query", "dyad query series", "dyad export", "dyad failures",
                     "dyad actors", "dyad actors resolve"):  # fmt: skip
        assert expected in paths
    for (_path, command), name in zip(commands, paths, strict=True):
        assert f"\n## {name}\n" in page, f"docs/cli.md has no section for {name}"
        help_text = gen.help_text(command)
        assert help_text, f"`{name}` has no help text (add a docstring to the command)"
        assert help_text in page, f"docs/cli.md lacks the help of {name}"
        section = page.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            assert param.param_type_name != "option" or param.help, (
                f"option {param.opts} of `{name}` has no help"
            )
            assert param.param_type_name != "argument" or param.help, (
                f"argument {param.name} of `{name}` has no help"
            )
            for opt in param.opts:
                if opt.startswith("-"):
                    assert f"{opt}" in section, f"docs/cli.md: {name} lacks {opt}"


def test_gen_cli_docs_check_mode(tmp_path: Path) -> None:
    gen = _gen_cli_docs()
    stale = tmp_path / "cli.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert gen.main(["--check", "--output", str(stale)]) == 1
    assert gen.main(["--output", str(stale)]) == 0
    assert gen.main(["--check", "--output", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == gen.render()


# -- the site ------------------------------------------------------------------------------


def test_site_builds_strict(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert (tmp_path / "site" / "tutorial.html").exists()
    assert (tmp_path / "site" / "img" / "iran-azerbaijan.png").exists()


def test_every_page_is_in_the_nav() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(p.name for p in DOCS.glob("*.md"))
    missing = [p for p in pages if not re.search(rf":\s*{re.escape(p)}\s*$", config, re.M)]
    assert not missing, f"add to the nav of mkdocs.yml: {missing}"


# -- runnable pages ------------------------------------------------------------------------


def _workdir(tmp_path: Path, files: list[str]) -> Path:
    for name in files:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, target)
    return tmp_path


def _run_blocks(page: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, object]:
    blocks = python_blocks(page)
    assert blocks, f"{page} has no python blocks"
    monkeypatch.chdir(_workdir(tmp_path, RUNNABLE[page]))
    namespace: dict[str, object] = {"__name__": f"docs.{page}"}
    for number, block in enumerate(blocks, start=1):
        code = compile(block, f"docs/{page} (python block {number})", "exec")
        exec(code, namespace)  # noqa: S102 - the documentation's own examples
    return namespace


@pytest.mark.parametrize("page", [p for p in RUNNABLE if p != "tutorial.md"])
def test_page_examples_run(
    page: str, nlp: Language, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _run_blocks(page, monkeypatch, tmp_path)


def test_tutorial_runs_and_draws_its_figure(
    nlp: Language, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ns = _run_blocks("tutorial.md", monkeypatch, tmp_path)
    figure = tmp_path / "docs" / "img" / "iran-azerbaijan.png"
    assert figure.exists(), "the tutorial did not write docs/img/iran-azerbaijan.png"
    data = figure.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    # The figure the page shows is the one the code draws.
    page = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    assert "](img/iran-azerbaijan.png)" in page
    # The corpus was coded and stored, and both directions of the dyad have events.
    series = ns["series"]
    directions = set(series["direction"])  # type: ignore[index]
    assert directions == {"IRN → AZE", "AZE → IRN"}
    assert (tmp_path / "tutorial.duckdb").exists()
