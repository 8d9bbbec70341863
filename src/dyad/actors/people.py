"""Office holders with terms: a person's name in a dated article codes as the office held then.

The table is ``ontology/data/officeholders.tsv`` (built by ``scripts/build_officeholders.py``
from Peppercat and REIGN, CC BY-NC 4.0) or any table with the same columns named by
``$DYAD_OFFICEHOLDERS`` or passed to :func:`office_holders`. :func:`import_table` checks a
user's CSV/TSV and writes it as the replacement table.

Names match case- and accent-insensitively on the full name, an alias or a surname; when
nothing matches exactly, a consonant skeleton absorbs common transliteration differences
("Qalibaf" ~ "Ghalibaf", "Raeisi" ~ "Raisi", "Tokaev" ~ "Tokayev").
"""

from __future__ import annotations

import calendar
import csv
import difflib
import io
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from dyad.errors import DataFileError
from dyad.ontology import data_file

ENV_VAR = "DYAD_OFFICEHOLDERS"
COLUMNS = (
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
)
REQUIRED = ("person", "iso3", "start")
SECTORS = frozenset(
    "GOV MIL LEG JUD COP REB OPP CVL BUS MED EDU REL REF LAB JRN CRM PTY ELI SPY UAF AGR SOC".split()  # noqa: SIM905, E501
)
# Seniority when one name has several holdings on a date; unknown offices rank last.
OFFICE_RANK = {
    "head_of_state": 0,
    "head_of_government": 1,
    "party_leader": 1,
    "secretary_general": 1,
    "governor_general": 2,
    "deputy_head_of_state": 3,
    "deputy_head_of_government": 3,
    "foreign_minister": 4,
    "defence_minister": 5,
    "interior_minister": 6,
    "speaker": 7,
    "commissioner": 8,
    "deputy_secretary_general": 8,
    "director_general": 8,
    "military_chief": 9,
    "chief_justice": 10,
    "prosecutor_general": 11,
    "service_chief": 12,
}
# Sector implied by an office when a user table gives none.
OFFICE_SECTOR = {
    "speaker": "LEG",
    "military_chief": "MIL",
    "service_chief": "MIL",
    "chief_justice": "JUD",
    "prosecutor_general": "JUD",
}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SUFFIX = re.compile(r"jr|sr|[ivx]+")
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ISO3 = re.compile(r"[A-Z]{3}")
_OFFICE = re.compile(r"[a-z][a-z0-9_]*")
_LETTERS = str.maketrans(
    {"đ": "d", "ð": "d", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "ı": "i", "þ": "th",
     "œ": "oe", "’": "'", "ʻ": "'", "ʼ": "'", "`": "'"}
)  # fmt: skip
_SKELETON_SWAPS = (
    ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("gh", "k"), ("q", "k"), ("kh", "h"), ("ck", "k"),
    ("ph", "f"), ("w", "v"), ("tsch", "ch"), ("sch", "sh"), ("ou", "u"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Holding:
    """One term of one person in one office; ``end`` None means still open."""

    person: str
    country: str
    position: str
    office: str
    sector: str
    start: date | None
    end: date | None
    source: str

    def active(self, on: date) -> bool:
        """True when the term covers the day ``on`` (partial dates cover their whole span)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lowercase ASCII form of a name: accents, punctuation and hyphens removed."""
    text = name.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("-", "").replace("'", "")
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def _fold_spaced(name: str) -> str:
    """Like :func:`fold`, but a hyphen separates words ("Jean-Yves" → "jean yves")."""
    return fold(name.replace("-", " "))


@lru_cache(maxsize=65536)
def skeleton(folded: str) -> str:
    """Consonant skeleton of a folded name, word by word, for transliteration variants."""
    words = []
    for word in folded.split():
        for a, b in _SKELETON_SWAPS:
            word = word.replace(a, b)
        word = _DOUBLED.sub(r"\1", word)
        words.append(word[:1] + _VOWELS.sub("", word[1:]))
    return " ".join(words)


def _ended_before(h: Holding, on: date) -> bool:
    return h.end is not None and h.end < on


def _swapped(word: str) -> str:
    """A word with the skeleton's spelling swaps applied ("ghalibaf" → "kalibaf")."""
    for x, y in _SKELETON_SWAPS:
        word = word.replace(x, y)
    return word


def _similar(a: str, b: str) -> bool:
    """Spellings close enough to be one name ("raeisi"/"raisi", not "lula"/"laoly").

    Word by word when both have as many words: "maria ressa" is not "mario rosa", though the
    two strings are close overall.
    """
    if difflib.SequenceMatcher(None, a, b).ratio() < 0.75:
        return False
    words_a, words_b = a.split(), b.split()
    if len(words_a) == len(words_b) == 1:
        # A lone word must also start and end the same way once spelling variants are
        # folded: "raeisi"/"raisi", "qalibaf"/"ghalibaf", not "kibera"/"kubera".
        x, y = _swapped(a), _swapped(b)
        return x[:2] == y[:2] and x[-1:] == y[-1:]  # and ends the same: "wiranto" ≠ "virant"
    if len(words_a) != len(words_b):
        return True
    # "baqer"/"bagher" 0.73 passes; "ressa"/"rosa" 0.67 does not
    return all(
        difflib.SequenceMatcher(None, x, y).ratio() >= 0.7
        for x, y in zip(words_a, words_b, strict=True)
    )


def parse_date(value: str, end: bool = False) -> date | None:
    """First day (or, with ``end``, last day) an ISO date, month or year covers; None if empty.

    Raises ValueError on anything else.
    """
    value = value.strip()
    if not value:
        return None
    if not _DATE.fullmatch(value):
        raise ValueError(f"not an ISO date, month or year: {value!r}")
    year = int(value[:4])
    if len(value) == 4:
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = int(value[5:7])
    if len(value) == 7:
        if not 1 <= month <= 12:
            raise ValueError(f"no such month: {value!r}")
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    return date(year, month, int(value[8:10]))


class OfficeHolders:
    """Who held which office when, searchable by name and by office."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self._holdings: list[Holding] = []
        self._who: list[str] = []  # person identity: Wikidata id or folded name
        self._full: dict[str, list[int]] = defaultdict(list)
        self._short: dict[str, list[int]] = defaultdict(list)
        self._skel: dict[str, list[str]] | None = None  # skeleton -> keys, built on first use
        self._by_office: dict[tuple[str, str], list[int]] = defaultdict(list)
        for row in rows:
            self._add(row)

    def __len__(self) -> int:
        return len(self._holdings)

    def _add(self, row: dict[str, str]) -> None:
        office = row.get("office", "") or ""
        holding = Holding(
            person=row["person"],
            country=row["iso3"],
            position=row.get("position", "") or office,
            office=office,
            sector=row.get("sector", "") or OFFICE_SECTOR.get(office, "GOV"),
            start=parse_date(row.get("start", "")),
            end=parse_date(row.get("end", ""), end=True),
            source=row.get("source", ""),
        )
        i = len(self._holdings)
        self._holdings.append(holding)
        self._who.append(row.get("wikidata_id", "") or fold(holding.person))
        self._by_office[(holding.country, office)].append(i)
        names = [holding.person, *(a for a in (row.get("aliases", "") or "").split("|") if a)]
        keys: set[str] = set()
        for name in names:
            keys.update({fold(name), _fold_spaced(name)})
        words = _fold_spaced(holding.person).split()
        regnal = False
        while len(words) > 1 and _SUFFIX.fullmatch(words[-1]):
            words.pop()  # "Benigno Aquino III" is "Aquino", "Mswati III" is "Mswati"
            regnal = True
        if len(words) > 1:
            keys.update({words[-1], f"{words[0]} {words[-1]}"})
        elif regnal:
            keys.add(words[0])
        for key in keys - {""}:
            bucket = (self._full if " " in key else self._short)[key]
            if i not in bucket:
                bucket.append(i)

    def _matches(self, name: str) -> list[int]:
        keys = [k for k in dict.fromkeys((fold(name), _fold_spaced(name))) if k]
        if not keys:
            return []
        index = self._full if " " in keys[-1] else self._short
        found = [i for k in keys for i in index.get(k, ())]
        if not found:
            # Transliteration variants: same consonant skeleton and a similar spelling.
            if self._skel is None:
                self._skel = defaultdict(list)
                for k in (*self._full, *self._short):
                    self._skel[skeleton(k)].append(k)
            for k in keys:
                if " " not in k and len(k) < 6:
                    # A short bare surname is too easily another name ("Wine" vs "Wina").
                    continue
                for other in self._skel.get(skeleton(k), ()):
                    if (" " in other) == (" " in k) and _similar(k, other):
                        found.extend(index.get(other, ()))
        return list(dict.fromkeys(found))

    def lookup(self, name: str, on: date | None = None) -> list[Holding]:
        """Holdings of the person(s) a name may refer to, best first.

        ``name`` is a full name, an alias or a bare surname. Order: holdings active on ``on``
        (open ones when no date is given) first, then the most senior office, then the most
        recent start.
        """
        return [self._holdings[i] for i in self._ranked(self._matches(name), on)]

    def _ranked(self, ids: list[int], on: date | None) -> list[int]:
        def key(i: int) -> tuple[int, int, int]:
            h = self._holdings[i]
            active = h.end is None if on is None else h.active(on)
            start = h.start.toordinal() if h.start else 0
            return (0 if active else 1, OFFICE_RANK.get(h.office, 50), -start)

        return sorted(ids, key=key)

    def resolve(self, name: str, on: date | None = None) -> tuple[str, str, Holding] | None:
        """(iso3, sector, holding) for the office a name held on a date, or None.

        The most senior holding active on ``on`` wins; if several people or countries tie for
        it (a bare surname shared by two current foreign ministers) the result is None. With
        only past holdings the sector is ``ELI`` (a former office holder), provided they all
        belong to one person or one country. A name whose every office lies after ``on``, or an
        unknown name, gives None. Without a date, open holdings count as active.
        """
        ids = self._ranked(self._matches(name), on)
        if not ids:
            return None
        hs = self._holdings

        def is_active(i: int) -> bool:
            return hs[i].end is None if on is None else hs[i].active(on)

        active = [i for i in ids if is_active(i)]
        if active:
            best = OFFICE_RANK.get(hs[active[0]].office, 50)
            top = [i for i in active if OFFICE_RANK.get(hs[i].office, 50) == best]
            if len({(hs[i].country, hs[i].sector) for i in top}) > 1:
                return None
            return hs[top[0]].country, hs[top[0]].sector, hs[top[0]]
        past = [i for i in ids if on is None or _ended_before(hs[i], on)]
        if not past:
            return None
        past.sort(key=lambda i: hs[i].end or date.max, reverse=True)
        if len({self._who[i] for i in past}) > 1 and len({hs[i].country for i in past}) > 1:
            return None
        latest = hs[past[0]]
        return latest.country, "ELI", latest

    def holders(self, iso3: str, office: str, on: date) -> list[Holding]:
        """Who held ``office`` (``foreign_minister``...) of ``iso3`` on a date, latest first."""
        ids = [i for i in self._by_office.get((iso3, office), ()) if self._holdings[i].active(on)]
        return [self._holdings[i] for i in self._ranked(ids, on)]


def _table(
    text: str, delimiter: str
) -> tuple[int, list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Header line number, header and (line number, row) pairs; ``#`` and blank lines skipped."""
    body = [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]
    if not body:
        return 0, [], iter(())
    lines = (line for _, line in body)
    if delimiter == "\t":
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(lines)
    header = [h.strip().lower() for h in next(reader)]
    rows = (
        (n, {h: (c or "").strip() for h, c in zip(header, cells, strict=False)})
        for (n, _), cells in zip(body[1:], reader, strict=False)
    )
    return body[0][0], header, rows


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> OfficeHolders:
    text = Path(path).read_text(encoding="utf-8")
    _, _, rows = _table(text, "\t")
    try:
        return OfficeHolders(row for _, row in rows)
    except (KeyError, ValueError) as exc:
        raise DataFileError(
            f"{path}: bad office-holder table ({exc}); check it with import"
        ) from exc


@lru_cache(maxsize=1)
def _shipped_table() -> Path:
    return data_file("officeholders.tsv")


def office_holders(path: Path | None = None) -> OfficeHolders:
    """The office-holder table, loaded once per file version.

    Default: ``$DYAD_OFFICEHOLDERS`` if set, else the shipped ``officeholders.tsv``.
    """
    if path is None:
        env = os.environ.get(ENV_VAR)
        path = Path(env) if env else _shipped_table()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise DataFileError(f"{path}: office-holder table not found") from exc
    return _load(str(path), mtime)


def _check(row: dict[str, str], where: str) -> dict[str, str]:
    """A validated, completed row of a user table; DataFileError naming ``where`` if bad."""
    for column in REQUIRED:
        if not row.get(column):
            raise DataFileError(f"{where}: empty {column!r}")
    if not row.get("office") and not row.get("sector"):
        raise DataFileError(f"{where}: needs an 'office' or a 'sector'")
    if not _ISO3.fullmatch(row["iso3"]):
        raise DataFileError(f"{where}: iso3 {row['iso3']!r} is not three capital letters")
    office = row.get("office", "")
    if office and not _OFFICE.fullmatch(office):
        raise DataFileError(f"{where}: office {office!r} must be lower_case_with_underscores")
    sector = row.get("sector", "") or OFFICE_SECTOR.get(office, "GOV")
    if sector not in SECTORS:
        raise DataFileError(
            f"{where}: unknown sector {sector!r} (one of {' '.join(sorted(SECTORS))})"
        )
    try:
        start = parse_date(row["start"])
        end = parse_date(row.get("end", ""), end=True)
    except ValueError as exc:
        raise DataFileError(f"{where}: {exc}") from exc
    if start and end and end < start:
        raise DataFileError(f"{where}: end {row['end']} is before start {row['start']}")
    out = {c: " ".join((row.get(c) or "").split()) for c in COLUMNS}
    out["sector"] = sector
    out["office"] = office or sector.lower()
    out["position"] = out["position"] or out["office"]
    return out


def import_table(src: Path, dest: Path) -> int:
    """Check a user's CSV or TSV of office holders and write it to ``dest`` as the table.

    Columns as in the shipped table; required: person, iso3, start, and office or sector.
    Tab-separated when the header line has a tab, else comma-separated (RFC 4180 quoting).
    Leading ``#`` lines (source, licence) are kept. Returns the number of rows written.
    Raises DataFileError naming the file and line of the first bad row.
    """
    try:
        text = src.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{src}: cannot read ({exc})") from exc
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    line, columns, rows = _table(text, "\t" if "\t" in first else ",")
    if not columns:
        raise DataFileError(f"{src}: no header row")
    missing = [c for c in REQUIRED if c not in columns]
    if missing or ("office" not in columns and "sector" not in columns):
        need = missing or ["office or sector"]
        raise DataFileError(f"{src}:{line}: header lacks {', '.join(need)}")
    checked = [_check(row, f"{src}:{n}") for n, row in rows]
    comments = [ln for ln in text.splitlines() if ln.startswith("#")]
    buf = io.StringIO()
    for comment in comments or [
        f"# Office holders imported from {src.name}; licence as its source states."
    ]:
        buf.write(comment + "\n")
    buf.write("\t".join(COLUMNS) + "\n")
    for row in checked:
        buf.write("\t".join(row[c] for c in COLUMNS) + "\n")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    tmp.replace(dest)
    return len(checked)
