#!/usr/bin/env python
"""Build ``src/dyad/ontology/data/officeholders.tsv`` from the reference leader CSVs.

Usage (REF=/work/shared/reference/leaders; these are also the defaults)::

    python scripts/build_officeholders.py \\
        --historic  $REF/peppercat-officeholders-historic-2023-01-20.csv \\
        --snapshots $REF/peppercat-officeholders-snapshots-2023-01-20_2025-01-25.csv \\
        --reign     $REF/reign-leaderlist-2021-03.csv \\
        --out       src/dyad/ontology/data/officeholders.tsv

The output is deterministic for the same inputs. ``--review`` prints every source title
with the office it was classified as, to audit the title rules below.

What is kept: national catalogs (plus ``European Union`` → ``EUR`` and ``World`` → ``UNO``
or ``IGO``), terms in office on or after 2000-01-01, and only the offices the title rules
recognise (heads of state and government, their deputies, foreign, defence and interior
ministers, presiding officers of legislatures, military chiefs, chief justices and
prosecutors-general, European commissioners, heads of UN bodies).

How the sources are merged:

* Historic rows (to 2023-01-20) are taken as they are; an empty ``end`` means "still in
  office on 2023-01-20 (or no end known)".
* Snapshot rows (2023-01-20 → 2025-01-31) give "in office since" (``start``) and the site
  builds that listed the holding. The term ends after ``last_seen`` and by ``absent_from``;
  we take the successor's ``start`` when it falls in that window, else ``last_seen``. An
  empty ``absent_from`` means still listed at the last build: the term stays open.
* Intervals of the same person, country and office that overlap or touch (within 31 days)
  are merged, which extends historic open terms with the snapshot evidence and joins
  rows whose title was merely relabelled.
* REIGN spells (month precision) are added only when no Peppercat head of state or
  government row of that country names the same leader (matched on surname).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import difflib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SINCE = "2000-01-01"
CUT_HISTORIC = "2023-01-20"
REIGN_CUT = "2021-03"  # the March 2021 release is "as of March 2nd, 2021"
MERGE_GAP_DAYS = 31
COLUMNS = [
    "person",
    "aliases",
    "iso3",
    "position",
    "office",
    "sector",
    "start",
    "end",
    "source",
    "wikidata_id",
]
# Chinese-order names: the first token is the family name.
FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK"}
PARTICLES = {
    "al", "el", "bin", "ben", "ibn", "van", "von", "der", "den", "de", "del", "della", "di",
    "da", "dos", "das", "du", "la", "le", "ter", "zu", "abu",
}  # fmt: skip

# --- title rules -------------------------------------------------------------------------

# Capitalised words a presiding officer's or a leader's title may contain besides the
# country's own name ("Speaker of the Islamic Consultative Assembly"). Any other proper
# noun marks a sub-national or foreign body ("Speaker of the Legislative Assembly of Alberta").
_LEGISLATURE_WORDS = {
    "senate", "assembly", "chamber", "parliament", "congress", "house", "council", "councillors",
    "states", "national", "bundesrat", "bundestag", "storting", "riigikogu", "sejm", "saeima",
    "seimas", "knesset", "folketing", "majlis", "mazhilis", "khural", "verkhovna", "rada",
    "duma", "federation", "legislative", "althing", "eduskunta", "riksdag", "cortes", "sabor",
    "sangsad", "lok", "sabha", "rajya", "diet", "consultative", "yuan", "npc", "shura",
    "deputies", "representatives", "commons", "lords", "nationalities", "elders", "delegates",
    "people's", "peoples", "people", "union", "supreme", "grand", "great", "state", "federal",
    "parliamentary", "standing", "committee", "islamic", "the", "of", "and", "republic",
}  # fmt: skip
_GENERIC_WORDS = {
    "the", "of", "and", "republic", "islamic", "state", "federal", "national", "supreme",
    "grand", "great", "union", "people's", "peoples", "people", "standing", "committee",
    "parliamentary", "federation",
}  # fmt: skip
_STATE_WORDS = {
    "republic", "the", "of", "state", "council", "ministers", "government", "kingdom", "federal",
    "people's", "democratic", "islamic", "presidium", "supreme", "confederation", "swiss",
    "union", "cabinet", "and",
}  # fmt: skip
_HOS = re.compile(
    r"^(acting |interim |transitional )?(president|king|queen|monarch|emir|amir|sultan|"
    r"supreme leader|grand duke|grand duchess|sovereign prince|prince|co-prince|"
    r"(french|episcopal) co-prince|captain regent|head of state|chairman of the presidency|"
    r"(bosniak|croat|serb) member of the presidency|member of the presidency|"
    r"chairman of the presidential council|president of the presidential council|"
    r"chairman of the sovereignty council|chairman of the state affairs commission|"
    r"president of the state affairs commission|yang di[-_ ]pertuan agong|druk gyalpo|"
    r"ngwenyama|president of the republic|president of the confederation|"
    r"president of the swiss confederation|president of the presidium of the supreme "
    r"people's assembly|chairman of the transitional military council|"
    r"president of the transition|leader of the revolution)( \(.*\))?$",
    re.I,
)
_GOVERNOR_GENERAL = re.compile(r"^governor[- ]general$", re.I)
_HOG = re.compile(
    r"^(acting |interim )?(prime minister|premier|premier of the state council|chancellor|"
    r"federal chancellor|taoiseach|head of government|president of the government|"
    r"president of the council of ministers|chairman of the council of ministers|"
    r"chairman of the cabinet of ministers|chairman of the government|chief executive|"
    r"chief executive officer|state counsellor|first minister|chief minister|"
    r"first lord of the treasury)( \(.*\))?$",
    re.I,
)
_DEP_HOG = re.compile(
    r"^((first|second|third) )?(deputy|vice)[- ](prime minister|premier|chancellor|"
    r"chairman of the (cabinet of ministers|council of ministers|government))"
    r"( of the state council)?( \(.*\))?$|^t[aá]naiste$|^first secretary of state$",
    re.I,
)
_DEP_HOS = re.compile(
    r"^((first|second) )?(vice[- ]president|deputy president)( of the republic)?$|"
    r"^(deputy leader|crown prince)$",
    re.I,
)
_PARTY = re.compile(
    r"^(general secretary|first secretary)( of the (chinese |central committee of the )?"
    r"(communist party|workers' party|party).*)?$",
    re.I,
)
_FM = re.compile(
    r"^(federal |union )?(minister|secretary|secretary of state|cabinet secretary)"
    r"( of| for)( the)? .*\b(foreign|external) (affairs|relations)\b|"
    r"^(foreign (minister|secretary))$|european and international affairs|"
    r"^head of the federal department of foreign affairs$",
    re.I,
)
_DEFENCE = re.compile(
    r"^(federal |union )?(minister|secretary|secretary of state|cabinet secretary)"
    r"( of| for)( the)? (national |state )?(defen[cs]e|armed forces|war$)"
    r"(?! (industr|production|equipment|materiel|people|science|procurement|and space))\b",
    re.I,
)
_INTERIOR = re.compile(
    r"^(federal |union )?(minister|secretary|secretary of state|cabinet secretary)"
    r"( of| for)( the)? (interior|internal affairs|home affairs|public security|"
    r"homeland security|home department)\b|^(home secretary|minister of security)$",
    re.I,
)
_SPEAKER = re.compile(
    r"^(speaker|president|chairman|chairperson|chair|marshal|lord speaker)\b( of)?( the)?(.*)$",
    re.I,
)
_NATIVE_SPEAKER = re.compile(r"^(ceann comhairle|cathaoirleach|speaker|lord speaker)$", re.I)
_MIL = re.compile(
    r"^(chief|chairman|chair|commander|commander-in-chief|supreme commander|head|"
    r"general commander|inspector general)( of)?( the)? .*(general staff|defen[cs]e staff|"
    r"defen[cs]e forces?|armed forces|joint chiefs|joint staff|military forces|"
    r"bundeswehr|national army|chiefs of staff|national defence)|^chief of defen[cs]e$|"
    r"^chief of (the )?general staff$",
    re.I,
)
_SERVICE = re.compile(
    r"^(chief|commander|commander-in-chief|head)( of)?( the)?( staff of the)? ?"
    r"(army|navy|naval staff|air force|air staff|army staff|royal air forces?|"
    r"marine corps|land forces|ground forces|naval operations|revolutionary guard)",
    re.I,
)
_NOT_MIL = re.compile(r"\b(police|intelligence|border|gendarmerie|secret|deputy|vice)\b", re.I)
_JUSTICE = re.compile(
    r"^(chief justice|president of the supreme (court|people's court)|chief justice of the "
    r"supreme court|attorney[- ]general|prosecutor[- ]general|procurator[- ]general|"
    r"general prosecutor|public prosecutor general)$",
    re.I,
)

# EU and "World" catalogs: exact titles → (country, office, sector).
_INTERNATIONAL = {
    "President of the European Commission": ("EUR", "head_of_government", "GOV"),
    "President of the European Council": ("EUR", "head_of_state", "GOV"),
    "High Representative of the Union for Foreign Affairs and Security Policy": (
        "EUR",
        "foreign_minister",
        "GOV",
    ),
    "High Representative for Foreign Affairs and Security Policy": (
        "EUR",
        "foreign_minister",
        "GOV",
    ),
    "Vice-President of the European Commission": ("EUR", "deputy_head_of_government", "GOV"),
    "President of the European Parliament": ("EUR", "speaker", "LEG"),
    "President of the European Court of Justice": ("EUR", "chief_justice", "JUD"),
    "Secretary-General of the United Nations": ("UNO", "secretary_general", "GOV"),
    "Deputy Secretary-General of the United Nations": (
        "UNO",
        "deputy_secretary_general",
        "GOV",
    ),
    "President of the United Nations General Assembly": ("UNO", "speaker", "LEG"),
    "President of the International Court of Justice": ("UNO", "chief_justice", "JUD"),
    "Director-General of the World Health Organization": ("UNO", "director_general", "GOV"),
    "Director-General of the World Trade Organization": ("IGO", "director_general", "GOV"),
    "Secretary General of NATO": ("IGO", "secretary_general", "GOV"),
    "Speaker of the Arab Parliament": ("IGO", "speaker", "LEG"),
    "president of the Parliamentary Assembly of the Council of Europe": ("IGO", "speaker", "LEG"),
}
_INTERNATIONAL_CATALOGS = {"European Union", "World"}


def _names_only(text: str, catalog: str, allowed: set[str]) -> bool:
    """True when every proper noun in ``text`` is an allowed word or names the catalog.

    A four-letter prefix is enough ("Moldovan Parliament" in Moldova). In a two-part state
    ("Saint Kitts and Nevis") naming one part only is a sub-national body ("Premier of Nevis").
    """
    cat_words = [w for w in re.split(r"[ ,-]+", _fold(catalog)) if len(w) > 2]
    hit: set[str] = set()
    for word in re.findall(r"[A-Za-z\u00c0-\u024f][\w'\u2019-]*", text):
        w = _fold(word)
        if not w or w in allowed or w in {"pro", "tempore"}:
            continue
        match = [c for c in cat_words if c[:4] == w[:4]]
        if not match:
            return False
        hit.update(match)
    if " and " in catalog and hit:
        left, right = (set(_fold(x).split()) for x in catalog.split(" and ", 1))
        return bool(hit & left) and bool(hit & right)
    return True


def _tail(title: str) -> str:
    """Words after the first " of " ("the Republic of Kosova"), or ""."""
    return title.split(" of ", 1)[1] if " of " in title else ""


def classify(title: str, catalog: str) -> list[tuple[str, str]]:
    """Offices (office, sector) a source title stands for; empty when it is not kept.

    A combined title ("Deputy Prime Minister and Minister of Foreign Affairs") yields one
    office per part.
    """
    if catalog in _INTERNATIONAL_CATALOGS:
        hit = _INTERNATIONAL.get(title.strip())
        if hit:
            return [(hit[1], hit[2])]
        if catalog == "European Union" and re.match(r"^(European )?Commissioner for ", title):
            return [("commissioner", "GOV")]
        return []
    parts = re.split(r",? and (?=(?:first |second )?(?:deputy |vice[- ])?(?:prime )?minister\b)|"
                     r"<br ?/?>|; ", title.strip(), flags=re.I)  # fmt: skip
    out: list[tuple[str, str]] = []
    for part in parts:
        office = _classify_one(part.strip(), catalog)
        if office and office not in out:
            out.append(office)
    return out


def _classify_one(title: str, catalog: str) -> tuple[str, str] | None:
    t = " ".join(re.sub(r"\([^)]*\)", "", title).split())  # "(Prime Minister)", "(King)"
    if re.search(r"\bfederation of\b", t, re.I):
        return None  # Federation of Bosnia and Herzegovina: an entity, not the state
    low = t.lower()
    if catalog == "United States" and low == "secretary of state":
        return ("foreign_minister", "GOV")
    if _DEP_HOG.match(t):
        return ("deputy_head_of_government", "GOV")
    if _DEP_HOS.match(t):
        return ("deputy_head_of_state", "GOV")
    if _HOS.match(t):
        return ("head_of_state", "GOV")
    if re.match(r"^(president|king|queen|emir|prince) of ", t, re.I) and _names_only(
        _tail(t), catalog, _STATE_WORDS - {"council", "ministers", "government", "cabinet"}
    ):
        return ("head_of_state", "GOV")
    if _GOVERNOR_GENERAL.match(t):
        return ("governor_general", "GOV")
    if low in {"chief minister", "first minister"} or low.startswith("chancellor of the"):
        return None
    if _HOG.match(t) or re.match(r"^(prime minister|premier|chancellor) of ", t, re.I):
        if " of " not in low or _names_only(_tail(t), catalog, _STATE_WORDS):
            return ("head_of_government", "GOV")
        return None
    if _PARTY.match(t) and (low.startswith("general secretary") or "communist" in low):
        return ("party_leader", "GOV")
    if re.search(
        r"\b(deputy|vice|assistant|associate|junior|under|state secretary|minister of state|"
        r"delegate|permanent)\b",
        t,
        re.I,
    ):
        return None
    # "Minister of Foreign Affairs of the Cook Islands" is another state's minister.
    m = re.search(r"\b(affairs|defen[cs]e|interior|security|relations) of (.*)$", t, re.I)
    if m and not _names_only(m.group(2), catalog, _STATE_WORDS):
        return None
    if _FM.search(t):
        return ("foreign_minister", "GOV")
    if _DEFENCE.match(t):
        return ("defence_minister", "GOV")
    if _INTERIOR.match(t):
        return ("interior_minister", "GOV")
    if _JUSTICE.match(t):
        office = (
            "prosecutor_general"
            if re.search(r"attorney|prosecutor|procurator", t, re.I)
            else "chief_justice"
        )
        return (office, "JUD")
    if _NATIVE_SPEAKER.match(t):
        return ("speaker", "LEG")
    m = _SPEAKER.match(t)
    if (
        m
        and any(_fold(w) in _LEGISLATURE_WORDS - _GENERIC_WORDS for w in m.group(4).split())
        and _names_only(m.group(4), catalog, _LEGISLATURE_WORDS)
        and not re.search(r"\b(secretary|first|second|third|fourth|leader|clerk)\b", t, re.I)
        and not re.search(r"council of state\b(?!s)|islamic council|council of ministers", t, re.I)
    ):
        return ("speaker", "LEG")
    if not _NOT_MIL.search(t):
        if _MIL.match(t):
            return ("military_chief", "MIL")
        if _SERVICE.match(t):
            return ("service_chief", "MIL")
    return None


# --- names --------------------------------------------------------------------------------


_LETTERS = str.maketrans(
    {"đ": "d", "ð": "d", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "ı": "i", "þ": "th",
     "œ": "oe", "’": "'", "ʻ": "'", "ʼ": "'"}
)  # fmt: skip


def _fold(text: str) -> str:
    """Lowercase ASCII with accents removed and punctuation turned into spaces."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s'-]", " ", text.lower())
    return " ".join(text.replace("_", " ").split())


def _clean_name(name: str) -> str:
    """Display name without a disambiguating "(politician)" tail or double spaces."""
    return " ".join(re.sub(r"\s*\([^)]*\)", "", name).split()).strip(" ,")


def surnames(name: str, iso3: str) -> list[str]:
    """Short forms of a person's name an article may use on second mention."""
    tokens = _clean_name(name).split()
    regnal = False
    while len(tokens) > 1 and re.fullmatch(r"(jr|sr|[ivx]+)\.?", tokens[-1].lower().strip(",")):
        tokens, regnal = tokens[:-1], True  # "Benigno Aquino III" is "Aquino", not "III"
    if len(tokens) < 2:
        return tokens if regnal else []  # "Mswati III" is "Mswati"
    out: list[str] = []
    if iso3 in FAMILY_NAME_FIRST and len(tokens) <= 3:
        out.append(tokens[0])
    low = [t.lower().strip(".,") for t in tokens]
    for i in range(1, len(tokens) - 1):
        if low[i] in PARTICLES:
            out.append(" ".join(tokens[i:]))
            break
    out.append(tokens[-1])
    if "-" in tokens[-1]:
        out.append(tokens[-1].replace("-", ""))
    if len(tokens) >= 3:
        out.append(" ".join(tokens[-2:]))
        out.append(f"{tokens[0]} {tokens[-1]}")
    return [s for s in out if len(s.replace(".", "")) > 1 and not s.endswith(".")]


# --- records -------------------------------------------------------------------------------


@dataclass
class Term:
    person: str
    qid: str
    iso3: str
    position: str
    office: str
    sector: str
    start: str
    end: str  # "" = open
    source: str
    names: set[str] = field(default_factory=set)


def _norm_date(value: str) -> str:
    """ISO date, month or year from a source cell; "" when unreadable."""
    value = value.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return ""
    while value:
        try:
            _parse(value, False)
            return value
        except ValueError:  # "2019-02-30" keeps its month, "2019-13" its year
            value = value[:-3] if len(value) > 4 else ""
    return ""


def _end_bound(value: str) -> str:
    """Last day an ISO date/month/year covers, for comparisons."""
    if len(value) == 4:
        return f"{value}-12-31"
    if len(value) == 7:
        return f"{value}-31"
    return value


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _country(row: dict[str, str], title: str) -> str:
    if row["catalog"] in _INTERNATIONAL_CATALOGS:
        hit = _INTERNATIONAL.get(title.strip())
        return hit[0] if hit else "EUR"
    return row["iso3"]


def _keep_catalog(row: dict[str, str]) -> bool:
    return row["scope"] == "national" or row["catalog"] in _INTERNATIONAL_CATALOGS


def historic_terms(rows: Iterable[dict[str, str]]) -> list[Term]:
    """Kept terms from the historic file (ended 2000 or later, or open)."""
    out: list[Term] = []
    for r in rows:
        if not _keep_catalog(r):
            continue
        start, end = _norm_date(r["start"]), _norm_date(r["end"])
        if not start or (end and _end_bound(end) < SINCE):
            continue
        for office, sector in classify(r["position"], r["catalog"]):
            names = {r["person"], _clean_name(r["enwiki"])} - {""}
            out.append(
                Term(r["person"], r["wikidata_id"], _country(r, r["position"]), r["position"],
                     office, sector, start, end, "peppercat-historic", names)
            )  # fmt: skip
    return out


def snapshot_terms(rows: list[dict[str, str]]) -> list[Term]:
    """Kept terms from the snapshots file, each closed at its best-estimate end."""
    by_post: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_post[(r["catalog"], r["position"])].append(r)
    out: list[Term] = []
    for r in rows:
        if not _keep_catalog(r):
            continue
        offices = classify(r["position"], r["catalog"])
        if not offices:
            continue
        start = _norm_date(r["start"]) or r["first_seen"]
        end = ""
        if r["absent_from"]:
            end = r["last_seen"]
            # The successor's "in office since" is the best estimate of the handover.
            for other in by_post[(r["catalog"], r["position"])]:
                s = _norm_date(other["start"])
                if other is not r and len(s) == 10 and r["last_seen"] < s <= r["absent_from"]:
                    end = max(end, s) if end == r["last_seen"] else min(end, s)
        for office, sector in offices:
            out.append(
                Term(r["person"], r["wikidata_id"], _country(r, r["position"]), r["position"],
                     office, sector, start, end, "peppercat-snapshot", {r["person"]})
            )  # fmt: skip
    return out


def _skeleton(word: str) -> str:
    """Consonant skeleton of one name word, to match transliterations (Nyusi ~ Nyussi)."""
    w = _fold(word).replace("-", "").replace("'", "")
    for a, b in (("gh", "k"), ("q", "k"), ("kh", "h"), ("ck", "k"), ("ph", "f"), ("w", "v"),
                 ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("tsch", "ch"),
                 ("sch", "sh")):  # fmt: skip
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w[:1] + re.sub(r"[aeiouy]", "", w[1:])


def _reign_name(name: str) -> str:
    """REIGN leader name without "(f)", "(2nd time)", "(acting)" and initials."""
    name = re.sub(r"\([^)]*\)", "", name)
    return " ".join(w for w in name.split() if not re.fullmatch(r"\w\.", w))


def _name_skeletons(name: str) -> set[str]:
    words = [w for w in re.split(r"[\s-]+", _fold(name)) if w not in PARTICLES]
    return {k for k in (_skeleton(w) for w in words if len(w) > 3) if len(k) >= 3}


def _same_person(name: str, words: set[str]) -> bool:
    """A REIGN name shares a (nearly) identical word with a Peppercat head's name words."""
    mine = [w for w in re.split(r"[\s-]+", _fold(name)) if len(w) > 1 and w not in PARTICLES]
    return any(
        w == o or (len(w) > 4 and difflib.SequenceMatcher(None, w, o).ratio() >= 0.8)
        for w in mine
        for o in words
    )


def reign_terms(rows: list[dict[str, str]], peppercat: list[Term]) -> list[Term]:
    """REIGN leader spells since 2000 whose leader no Peppercat head row of the country names.

    Names are compared word by word on consonant skeletons, so "Zelensky" finds
    "Volodymyr Zelenskyy" and "Hasina Wazed" finds "Sheikh Hasina".
    """
    heads: dict[str, set[str]] = defaultdict(set)  # iso3 -> skeletons of heads' name words
    held: dict[str, list[tuple[str, date, date]]] = defaultdict(list)  # iso3 -> (name, term)
    for t in peppercat:
        if t.office in {"head_of_state", "head_of_government", "party_leader",
                        "deputy_head_of_state", "speaker", "military_chief"}:  # fmt: skip
            for n in t.names | {t.person}:
                heads[t.iso3] |= _name_skeletons(n)
                held[t.iso3].append((n, _parse(t.start, False), _end_of(t)))
    # COW state abbreviations are not ISO codes: map each to the ISO3 whose heads, in office
    # at the same time, share the surname of most of its leaders since 2000.
    spans: list[tuple[str, str, date, date]] = []  # (iso3, surname skeleton, start, end)
    for t in peppercat:
        if t.office in {"head_of_state", "head_of_government"}:
            for n in t.names | {t.person}:
                spans.append((t.iso3, _skeleton(n.split()[-1]), _parse(t.start, False), _end_of(t)))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if int(r["eyear"] or 9999) < 2000 or not _reign_name(r["leader"]):
            continue
        key = _skeleton(_reign_name(r["leader"]).split()[-1])
        y0, y1 = date(int(r["syear"]), 1, 1), date(int(r["eyear"] or 2021), 12, 31)
        hits = {iso3 for iso3, k, s0, e0 in spans if k == key and s0 <= y1 and y0 <= e0}
        for iso3 in hits:
            votes[r["stateabb"]][iso3] += 1
    cow_iso: dict[str, str] = {}
    for cow, counter in votes.items():
        ranked = counter.most_common(2) + [("", 0)]
        if ranked[0][1] > ranked[1][1]:
            best = ranked[0][0]
            cow_iso[cow] = best
    # No overlap at all (Turkmenistan is only in the snapshots): accept a COW code that is
    # also an ISO3 code when a leader's surname occurs among that country's holders.
    for r in rows:
        cow, name = r["stateabb"], _reign_name(r["leader"])
        if cow not in cow_iso and name and _skeleton(name.split()[-1]) in heads.get(cow, set()):
            cow_iso[cow] = cow
    out: list[Term] = []
    for r in rows:
        iso3 = cow_iso.get(r["stateabb"], "")
        if not iso3 or int(r["eyear"] or 9999) < 2000:
            continue
        name = _reign_name(r["leader"])
        start = f"{int(r['syear']):04d}-{int(r['smonth']):02d}-{int(r['sdate']):02d}"
        end = f"{int(r['eyear']):04d}-{int(r['emonth']):02d}" if r["eyear"] else REIGN_CUT
        s0, e0 = _parse(start, False), _parse(end, True)
        during = [h for h, s1, e1 in held[iso3] if s1 <= e0 and s0 <= e1]
        words = {w for h in during for w in re.split(r"[\s-]+", _fold(h))}
        skeletons = {k for h in during for k in _name_skeletons(h)}
        if _name_skeletons(name) & skeletons or _same_person(name, words):
            continue
        out.append(
            Term(name, "", iso3, "effective leader (REIGN)", "head_of_government", "GOV", start,
                 end, "reign", {name})
        )  # fmt: skip
    return out


def _parse(value: str, end: bool) -> date:
    """First (or, with ``end``, last) day an ISO date, month or year covers."""
    if len(value) == 4:
        return date(int(value), 12, 31) if end else date(int(value), 1, 1)
    if len(value) == 7:
        y, m = int(value[:4]), int(value[5:])
        return date(y, m, calendar.monthrange(y, m)[1] if end else 1)
    return date.fromisoformat(value)


def _end_of(t: Term) -> date:
    """Comparable end of a term; open terms end far in the future."""
    if t.end:
        return _parse(t.end, True)
    if t.source == "peppercat-historic":
        return _parse(CUT_HISTORIC, True)  # open historic rows are evidenced to 2023-01-20 only
    return date(9000, 1, 1)


def merge(terms: list[Term]) -> list[Term]:
    """Join overlapping or touching terms of one person in one office of one country.

    A historic open row joined with snapshot rows takes the snapshot's end (open or
    closed): the snapshots are the evidence after 2023-01-20.
    """
    groups: dict[tuple[str, str, str], list[Term]] = defaultdict(list)
    for t in terms:
        groups[(t.qid or _fold(t.person), t.iso3, t.office)].append(t)
    out: list[Term] = []
    for group in groups.values():
        group.sort(key=lambda t: (_parse(t.start, False), t.source))
        cur = group[0]
        for t in group[1:]:
            if _parse(t.start, False) > _end_of(cur) + timedelta(days=MERGE_GAP_DAYS):
                out.append(cur)
                cur = t
                continue
            cur_soft = not cur.end and cur.source == "peppercat-historic"
            t_hard_open = not t.end and t.source != "peppercat-historic"
            extends = _end_of(t) > _end_of(cur)
            if (cur_soft and t.source != "peppercat-historic") or t_hard_open or extends:
                cur.end = t.end
            cur.names |= t.names
        out.append(cur)
    return out


def drop_shared_heads(terms: list[Term]) -> list[Term]:
    """One person heading several states (Commonwealth realms, Andorra's French co-prince).

    The monarch of the Commonwealth realms is kept for GBR only; a co-prince who is head
    of state elsewhere is kept there only. Otherwise a name would be ambiguous.
    """
    hos: dict[str, set[str]] = defaultdict(set)
    for t in terms:
        if t.office == "head_of_state" and t.qid:
            hos[t.qid].add(t.iso3)
    out = []
    for t in terms:
        many = t.office == "head_of_state" and len(hos.get(t.qid, ())) > 1
        if many and "GBR" in hos[t.qid] and t.iso3 != "GBR":
            continue
        if many and "co-prince" in t.position.lower():
            continue
        out.append(t)
    return out


def aliases(t: Term) -> str:
    """|-joined other spellings and short forms, the display name left out."""
    seen = {_fold(t.person)}
    out: list[str] = []
    for n in sorted(t.names) + surnames(t.person, t.iso3):
        for short in [n, *surnames(n, t.iso3)] if n in t.names else [n]:
            key = _fold(short)
            if key and key not in seen and "|" not in short and "\t" not in short:
                seen.add(key)
                out.append(short)
    return "|".join(out)


HEADER = """\
# Political office holders with terms: a name in a dated article codes as the office held then.
# Built by scripts/build_officeholders.py (see docs/officeholders.md) from:
#   Peppercat "Leaders" data (peppercat.org), curated by Tony Bowden: leaders-historic.csv of the
#     site build of 2023-01-20 (github.com/peppercatorg/site-build @ efd4378c) and the
#     current-holder pages 2023-01-20..2025-01-31 (@ 723d331c..4940eac4); built largely from
#     Wikidata (CC0) and Wikipedia. LICENCE: Creative Commons Attribution-NonCommercial 4.0
#     (CC BY-NC 4.0); commercial use needs separate permission from Peppercat.
#     Rows with source peppercat-historic / peppercat-snapshot.
#   REIGN leader list, March 2021 release: Bell, Besaw and Frank (2021), The Rulers, Elections,
#     and Irregular Governance (REIGN) Dataset, One Earth Future,
#     oefdatascience.github.io/REIGN.github.io (data licence not stated). Rows with source
#     reign, added only where Peppercat lacks the leader.
# iso3, office, sector, aliases and merged terms are our derivation. Dates are ISO; a bare YYYY
# or YYYY-MM is as precise as the source. Empty end = in office at the last source date.
# Replace with your own table (same columns, e.g. a Wikidata CC0 export): dyad actors import FILE
"""


def build(historic: Path, snapshots: Path, reign: Path) -> list[Term]:
    """All kept, merged terms, sorted by country, office, start and person."""
    terms = historic_terms(_read(historic)) + snapshot_terms(_read(snapshots))
    terms = merge(terms)
    terms += reign_terms(_read(reign), terms)
    terms = drop_shared_heads(terms)
    terms = [t for t in terms if not t.end or _end_bound(t.end) >= SINCE]
    terms.sort(key=lambda t: (t.iso3, t.office, t.start, t.person))
    return terms


def write(terms: list[Term], out: Path) -> None:
    """Write the TSV with its provenance header."""
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        fh.write("\t".join(COLUMNS) + "\n")
        for t in terms:
            cells = [t.person, aliases(t), t.iso3, t.position, t.office, t.sector, t.start,
                     t.end, t.source, t.qid]  # fmt: skip
            fh.write("\t".join(" ".join(c.split()) for c in cells) + "\n")


def review(paths: tuple[Path, Path]) -> None:
    """Print each distinct kept (catalog, title) with its office, for auditing the rules."""
    seen: Counter[tuple[str, str]] = Counter()
    for path in paths:
        for r in _read(path):
            if _keep_catalog(r):
                for office, _ in classify(r["position"], r["catalog"]):
                    seen[(office, r["position"])] += 1
    for (office, title), n in sorted(seen.items()):
        print(f"{office}\t{n}\t{title}")


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ref = Path("/work/shared/reference/leaders")
    ap.add_argument("--historic", type=Path,
                    default=ref / "peppercat-officeholders-historic-2023-01-20.csv")  # fmt: skip
    snapshots = "peppercat-officeholders-snapshots-2023-01-20_2025-01-25.csv"
    ap.add_argument("--snapshots", type=Path, default=ref / snapshots)
    ap.add_argument("--reign", type=Path, default=ref / "reign-leaderlist-2021-03.csv")
    here = Path(__file__).resolve().parent.parent
    ap.add_argument("--out", type=Path,
                    default=here / "src/dyad/ontology/data/officeholders.tsv")  # fmt: skip
    ap.add_argument("--review", action="store_true", help="print title → office and exit")
    args = ap.parse_args(argv)
    if args.review:
        review((args.historic, args.snapshots))
        return 0
    terms = build(args.historic, args.snapshots, args.reign)
    write(terms, args.out)
    by_source = Counter(t.source for t in terms)
    print(f"wrote {len(terms)} rows to {args.out} ({dict(by_source)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
