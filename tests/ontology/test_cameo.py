"""The CAMEO codebook and its mapping to PLOVER (dyad.ontology.cameo, dyad.ontology.plover)."""

from __future__ import annotations

import pytest

from dyad.errors import DataFileError
from dyad.ontology import cameo, data_file, plover

CONTRACT_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip

BOOK = cameo.codebook()


def test_codebook_is_loaded_once_and_complete() -> None:
    assert cameo.codebook() is BOOK
    assert len(BOOK) == 313
    assert all(key == entry.code for key, entry in BOOK.items())


def test_plover_types_are_the_contract_types() -> None:
    assert len(plover.PLOVER_TYPES) == 16
    assert set(plover.PLOVER_TYPES) == CONTRACT_TYPES


@pytest.mark.parametrize("entry", BOOK.values(), ids=list(BOOK))
def test_every_code_is_well_formed(entry: cameo.CameoCode) -> None:
    assert entry.code.isdigit() and 2 <= len(entry.code) <= 4
    assert entry.name
    assert entry.plover_type in CONTRACT_TYPES
    assert plover.is_valid_mode(entry.plover_type, entry.plover_mode)
    assert entry.plover_mode is None or entry.plover_mode in plover.modes(entry.plover_type)
    assert all(c in plover.contexts() for c in entry.plover_context)
    assert -10.0 <= entry.goldstein <= 10.0
    assert isinstance(entry.goldstein, float)


@pytest.mark.parametrize("entry", BOOK.values(), ids=list(BOOK))
def test_quad_class_follows_gdelt_root_rule(entry: cameo.CameoCode) -> None:
    r = int(cameo.root(entry.code))
    expected = 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4
    assert entry.quad_class == expected


@pytest.mark.parametrize(
    ("code", "quad"),
    [("01", 1), ("057", 1), ("06", 2), ("0874", 2), ("09", 2), ("10", 3), ("1454", 3),
     ("15", 4), ("1711", 4), ("2042", 4)],
)  # fmt: skip
def test_quad_class_at_root_boundaries(code: str, quad: int) -> None:
    assert cameo.lookup(code).quad_class == quad


def test_every_parent_code_exists() -> None:
    for code in BOOK:
        if len(code) > 2:
            assert code[:-1] in BOOK, f"{code} has no parent {code[:-1]}"


def test_all_twenty_roots_present_and_typed_like_their_general_code() -> None:
    roots = [f"{n:02d}" for n in range(1, 21)]
    assert [c for c in BOOK if len(c) == 2] == roots
    for r in roots:
        assert BOOK[r].plover_type == BOOK[r + "0"].plover_type, r


def test_all_sixteen_types_reachable() -> None:
    assert {e.plover_type for e in BOOK.values()} == CONTRACT_TYPES


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "ptype", "mode", "context"),
    [
        ("043", "Host a visit", 2.8, "CONSULT", "visit", ()),
        ("042", "Make a visit", 1.9, "CONSULT", "visit", ()),
        ("041", "Discuss by telephone", 1.0, "CONSULT", "phone", ()),
        ("057", "Sign formal agreement", 8.0, "SUPPORT", None, ("diplomatic",)),
        ("0333", "Express intent to provide humanitarian aid", 5.2, "AGREE", None,
         ("human_security",)),
        ("0841", "Return, release person(s)", 7.0, "RETREAT", "release", ("legal",)),
        ("0871", "Declare truce, ceasefire", 9.0, "CONCEDE", None, ("military",)),
        ("087", "De-escalate military engagement", 9.0, "RETREAT", "disarm", ("military",)),
        ("091", "Investigate crime, corruption", -2.0, "ACCUSE", "investigate",
         ("crime", "corruption")),
        ("1041", "Demand change in leadership", -5.0, "REQUEST", "change", ("executive",)),
        ("1213", "Reject judicial cooperation", -4.0, "REJECT", "assist", ("legal",)),
        ("1385", "Threaten attack with WMD", -7.0, "THREATEN", "violence", ("cbrn",)),
        ("1411", "Demonstrate for leadership change", -6.5, "PROTEST", "demo", ("executive",)),
        ("154", "Mobilize or increase armed forces", -7.2, "MOBILIZE", "troops", ("military",)),
        ("161", "Reduce or break diplomatic relations", -4.0, "SANCTION", "withdraw",
         ("diplomatic",)),
        ("1711", "Confiscate property", -9.2, "COERCE", "seize", ("human_security",)),
        ("173", "Arrest, detain, or charge with legal action", -5.0, "COERCE", "arrest",
         ("legal",)),
        ("190", "Use conventional military force", -10.0, "ASSAULT", None, ("military",)),
        ("2042", "Detonate nuclear weapons", -10.0, "ASSAULT", "unconventional", ("cbrn",)),
    ],
)  # fmt: skip
def test_known_codes(
    code: str, name: str, goldstein: float, ptype: str, mode: str | None, context: tuple[str, ...]
) -> None:
    entry = cameo.lookup(code)
    assert (entry.name, entry.goldstein, entry.plover_type) == (name, goldstein, ptype)
    assert (entry.plover_mode, entry.plover_context) == (mode, context)


@pytest.mark.parametrize(
    ("code", "ptype", "mode"),
    [
        ("010", "CONSULT", None),  # PLOVER drops CAMEO 01: nearest type chosen
        ("016", "REJECT", None),  # the manual's own suggestion for "deny responsibility"
        ("0253", "REQUEST", "yield"),  # PLOVER drops CAMEO 02: appeals are requests
        ("0813", "CONCEDE", None),  # crosswalk said RETREAT; manual maps 081 to CONCEDE
        ("116", "SANCTION", "convict"),  # court findings are SANCTION convict
        ("163", "SANCTION", "discontinue"),  # international sanctions, per the manual
        ("1712", "ASSAULT", "destroy"),  # crosswalk's 'seize' is not an ASSAULT mode
        ("186", "ASSAULT", "targeted"),  # crosswalk's 'assassinate' is not a mode
    ],
)
def test_departures_from_the_crosswalk(code: str, ptype: str, mode: str | None) -> None:
    entry = cameo.lookup(code)
    assert (entry.plover_type, entry.plover_mode) == (ptype, mode)


def test_every_departure_is_explained_in_the_data_file() -> None:
    from dyad.ontology import read_tsv

    notes = {row["code"]: row["note"] for row in read_tsv("cameo.tsv")}
    for code in ("010", "0253", "0813", "116", "163", "1712", "186", "1213", "0333"):
        assert notes[code], f"{code} departs from the sources but has no note"


def test_data_files_name_source_and_licence() -> None:
    for name in ("cameo.tsv", "plover.tsv"):
        head = data_file(name).read_text(encoding="utf-8").splitlines()[:25]
        comments = " ".join(line for line in head if line.startswith("#"))
        assert head[0].startswith("#")
        assert "Open Event Data Alliance" in comments and "CC BY-SA 4.0" in comments
    assert "GDELT" in data_file("cameo.tsv").read_text(encoding="utf-8")[:3000]


def test_lookup_unknown_code_raises_clear_key_error() -> None:
    with pytest.raises(KeyError, match=r"unknown CAMEO code '43'.*'043'"):
        cameo.lookup("43")
    with pytest.raises(KeyError, match="unknown CAMEO code"):
        cameo.lookup("2099")


def test_lookup_ignores_surrounding_whitespace() -> None:
    assert cameo.lookup(" 043\n").code == "043"


@pytest.mark.parametrize(("code", "expected"), [("04", "04"), ("043", "04"), ("1711", "17")])
def test_root(code: str, expected: str) -> None:
    assert cameo.root(code) == expected


@pytest.mark.parametrize("bad", ["4", "04a", "12345", "21", "00", ""])
def test_root_rejects_malformed_codes(bad: str) -> None:
    with pytest.raises(ValueError, match="not a CAMEO code"):
        cameo.root(bad)


def test_plover_modes_and_contexts() -> None:
    assert plover.modes("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert plover.modes("AGREE") == ()
    assert "targeted" in plover.modes("ASSAULT")
    assert "assassinate" not in plover.modes("ASSAULT")
    assert plover.modes("REQUEST") == plover.modes("REJECT")
    ctx = plover.contexts()
    assert len(ctx) == 37 and {"military", "diplomatic", "cbrn", "trafficking"} <= set(ctx)
    assert "humanitarian" not in ctx


def test_plover_is_valid_mode() -> None:
    assert plover.is_valid_mode("CONSULT", "visit")
    assert plover.is_valid_mode("AGREE", None)
    assert not plover.is_valid_mode("AGREE", "visit")
    assert not plover.is_valid_mode("ASSAULT", "seize")
    assert not plover.is_valid_mode("FIGHT", None)
    with pytest.raises(KeyError, match="unknown PLOVER event type 'consult'"):
        plover.modes("consult")


def test_plover_quad_class_differs_from_cameo_rule_for_protest() -> None:
    # PLOVER calls PROTEST material conflict; dyad's quad_class follows the CAMEO root (14 -> 3).
    assert plover.quad_class("PROTEST") == 4
    assert cameo.lookup("141").quad_class == 3
    assert [plover.quad_class(t) for t in ("AGREE", "AID", "REQUEST", "SANCTION")] == [1, 2, 3, 4]
    assert plover.definition("REJECT") == "All rejections and refusals"


def test_malformed_rows_are_rejected() -> None:
    good = {"code": "043", "name": "Host a visit", "goldstein": "2.8", "quad_class": "1",
            "plover_type": "CONSULT", "plover_mode": "visit", "plover_context": ""}  # fmt: skip
    assert cameo._parse(good) == cameo.lookup("043")
    for field, value in [("plover_type", "FIGHT"), ("plover_mode", "riot"),
                         ("plover_context", "humanitarian"), ("quad_class", "3"),
                         ("goldstein", "11"), ("code", "43")]:  # fmt: skip
        with pytest.raises(DataFileError):
            cameo._parse({**good, field: value})
