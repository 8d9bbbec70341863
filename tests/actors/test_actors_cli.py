"""dyad actors resolve: how a mention resolves, on two dates."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dyad.cli import app

runner = CliRunner()


def _resolve(text: str, on: str | None = None) -> dict[str, object]:
    args = ["actors", "resolve", text, "--json"] + (["--date", on] if on else [])
    result = runner.invoke(app, args)
    return dict(json.loads(result.stdout))


def test_title_and_nationality() -> None:
    r = _resolve("Speaker of Azerbaijan's National Assembly Sahiba Gafarova", "2021-12-23")
    assert r["code"] == "AZELEG" and "Speaker" in str(r["why"])


def test_office_holder_on_two_dates() -> None:
    assert _resolve("Angela Merkel", "2015-06-01")["code"] == "DEUGOV"
    assert _resolve("Angela Merkel", "2023-06-01")["code"] == "DEUELI"


def test_unresolved_mention_exits_1() -> None:
    result = runner.invoke(app, ["actors", "resolve", "the weather"])
    assert result.exit_code == 1 and "unresolved" in result.stdout
