"""The dyad command: formats, errors naming the input, and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dyad import __version__
from dyad.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "presstv-2021-12-23-iran-azerbaijan.txt"
FIX = ROOT / "tests" / "fixtures"
runner = CliRunner()

CONTRACT_FIELDS = {
    "event_id",
    "doc_id",
    "event_type",
    "mode",
    "context",
    "cameo",
    "quad_class",
    "goldstein",
    "actor",
    "recipient",
    "date",
    "date_precision",
    "location",
    "sentence",
    "trigger",
    "negated",
    "hypothetical",
    "historical",
    "confidence",
    "reason",
}


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_code_jsonl_has_contract_fields() -> None:
    result = runner.invoke(app, ["code", str(EXAMPLE), "--published", "2021-12-23"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 10
    for row in rows:
        assert set(row) >= CONTRACT_FIELDS
        assert row["doc_id"] == EXAMPLE.name
        assert set(row["actor"][0]) >= {"text", "start", "end", "name", "country", "sector", "code"}


def test_code_json_and_table() -> None:
    as_json = runner.invoke(app, ["code", str(EXAMPLE), "--published", "2021-12-23", "-f", "json"])
    events = json.loads(as_json.stdout)
    assert isinstance(events, list) and events
    table = runner.invoke(app, ["code", str(EXAMPLE), "--published", "2021-12-23", "-f", "table"])
    assert table.exit_code == 0
    assert "CONSULT" in table.stdout and "IRNGOV" in table.stdout


def test_bad_inputs_are_named_and_others_still_coded(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "code",
            str(tmp_path / "missing.txt"),
            str(FIX / "empty.txt"),
            str(FIX / "pixel.gif.txt"),
            str(FIX / "mixed.jsonl"),
            str(EXAMPLE),
            "--published",
            "2021-12-23",
        ],
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 5
    assert any("missing.txt: no such file" in e for e in errors)
    assert any("empty.txt: empty input" in e for e in errors)
    assert any("pixel.gif.txt: binary data" in e for e in errors)
    assert any("mixed.jsonl:2: malformed JSON" in e for e in errors)
    docs = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert EXAMPLE.name in docs


def test_bad_published_date_is_refused() -> None:
    result = runner.invoke(app, ["code", str(EXAMPLE), "--published", "23/12/2021"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_dates_and_places_commands() -> None:
    dates = runner.invoke(app, ["dates", str(EXAMPLE), "--published", "2021-12-23"])
    values = {
        json.loads(line)["text"]: json.loads(line)["value"] for line in dates.stdout.splitlines()
    }
    assert values["last year"] == "2020" and values["October"] == "2021-10"
    places = runner.invoke(app, ["places", str(EXAMPLE), "--published", "2021-12-23"])
    names = {json.loads(line)["name"] for line in places.stdout.splitlines()}
    assert {"Baku", "Moscow", "Ashgabat"} <= names


def test_eval_json() -> None:
    result = runner.invoke(app, ["eval", str(ROOT / "tests" / "gold" / "seed.jsonl"), "--json"])
    assert result.exit_code == 0
    scores = json.loads(result.stdout)
    assert {"precision", "recall", "f1", "per_type", "sector_accuracy"} <= set(scores)


def test_eval_diagnose_sorts_each_miss_by_kind(tmp_path: Path) -> None:
    text = (
        "Russia attacked Ukraine on Monday. "
        "China did not attack Taiwan. "
        "Germany criticised France on Tuesday. "
        "It rained in Paris."
    )
    events = [
        # found: Russia's attack
        {
            "sentence": "Russia attacked Ukraine on Monday.",
            "event_type": "ASSAULT",
            "actor": [{"country": "RUS"}],
            "recipient": [{"country": "UKR"}],
        },
        # modality: coded, but negated
        {
            "sentence": "China did not attack Taiwan.",
            "event_type": "ASSAULT",
            "actor": [{"country": "CHN"}],
            "recipient": [{"country": "TWN"}],
        },
        # type: Germany -> France coded, but as another type than this gold's
        {
            "sentence": "Germany criticised France on Tuesday.",
            "event_type": "SANCTION",
            "actor": [{"country": "DEU"}],
            "recipient": [{"country": "FRA"}],
        },
        # roles: an ASSAULT is coded in the sentence, with other actors
        {
            "sentence": "Russia attacked Ukraine on Monday.",
            "event_type": "ASSAULT",
            "actor": [{"country": "POL"}],
            "recipient": [{"country": "UKR"}],
        },
        # no event in the sentence
        {"sentence": "It rained in Paris.", "event_type": "PROTEST", "actor": [{"country": "FRA"}]},
    ]
    gold = tmp_path / "gold.jsonl"
    doc = {"id": "d1", "published": "2023-03-15", "text": text, "events": events}
    gold.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--diagnose"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    row = next(line for line in out.splitlines() if line.startswith("all "))
    # columns: no-event modality type roles other taken
    assert row.split()[1:] == ["1", "1", "1", "1", "0", "0"]
    assert "coded: ASSAULT CHNMIL → TWN 'attack'" in out
    assert "no-event (1)" in out and "It rained in Paris." in out


def test_eval_accepts_either_of_two_listed_sectors(tmp_path: Path) -> None:
    text = "Turkish police arrested 300 protesters in Istanbul on Monday."
    event = {
        "sentence": text,
        "event_type": "COERCE",
        "actor": [{"country": "TUR", "sector": "GOV"}, {"country": "TUR", "sector": "COP"}],
        "recipient": [{"country": "TUR", "sector": "CVL"}],
    }
    gold = tmp_path / "gold.jsonl"
    doc = {"id": "d1", "published": "2023-03-15", "text": text, "events": [event]}
    gold.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--json"])
    scores = json.loads(result.stdout)
    assert scores["true_positives"] == 1
    assert scores["sector_accuracy"] == 1.0  # COP is one of the two accepted codes
