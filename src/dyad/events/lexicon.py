"""The verb and noun pattern lexicon and the grammar word lists, loaded once from data files."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from dyad.ontology import data_files, read_tsv
from dyad.ontology.cameo import codebook


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon row: a trigger head (verb or noun lemma) with the words that must go with it."""

    cameo: str
    pos: str
    head: str
    extras: tuple[str, ...]
    recipient: tuple[str, ...]
    mode: str | None
    example: str
    source: str

    @property
    def phrase(self) -> str:
        return " ".join((self.head, *self.extras))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Patterns indexed by (pos, head lemma), most specific first."""

    by_head: dict[tuple[str, str], tuple[Pattern, ...]]
    patterns: tuple[Pattern, ...]
    skipped: tuple[str, ...]

    boilerplate: tuple[re.Pattern[str], ...] = ()

    def candidates(self, pos: str, head: str) -> tuple[Pattern, ...]:
        return self.by_head.get((pos, head), ())

    def is_boilerplate(self, sentence: str) -> bool:
        """Page furniture (photo credit, byline, share button...) rather than reporting."""
        text = sentence.strip()
        return any(rx.match(text) for rx in self.boilerplate)


DEFAULT_RECIPIENT = ("obj", "with", "to", "against")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """All ``patterns*.tsv`` rows whose CAMEO code is in the codebook.

    Rows with unknown codes are not used; they are listed in ``skipped`` so a test can
    point at them.
    """
    known = codebook()
    patterns: list[Pattern] = []
    skipped: list[str] = []
    seen: set[tuple[str, str]] = set()
    for path in data_files("patterns*.tsv"):
        for number, row in enumerate(read_tsv(path), start=1):
            words = row.get("phrase", "").lower().split()
            code = row.get("cameo", "")
            pos = row.get("pos", "").upper()
            where = f"{path.name}:{number}"
            if not words or pos not in ("V", "N", "A") or code not in known:
                skipped.append(f"{where}: {code} {pos} {' '.join(words)}")
                continue
            key = (pos, " ".join(words))
            if key in seen:
                skipped.append(f"{where}: duplicate {pos} {key[1]}")
                continue
            seen.add(key)
            slots = tuple(s.strip() for s in row.get("recipient", "").split(",") if s.strip())
            patterns.append(
                Pattern(
                    cameo=code,
                    pos=pos,
                    head=words[0],
                    extras=tuple(words[1:]),
                    recipient=slots or DEFAULT_RECIPIENT,
                    mode=row.get("mode") or None,
                    example=row.get("example", ""),
                    source=where,
                )
            )
    index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
    for pattern in patterns:
        index[(pattern.pos, pattern.head)].append(pattern)
    by_head = {k: tuple(sorted(v, key=lambda p: -len(p.extras))) for k, v in index.items()}
    boilerplate = tuple(
        re.compile(row["pattern"], re.IGNORECASE) for row in read_tsv("boilerplate.tsv")
    )
    return Lexicon(
        by_head=by_head,
        patterns=tuple(patterns),
        skipped=tuple(skipped),
        boilerplate=boilerplate,
    )


@dataclass(frozen=True, slots=True)
class Grammar:
    """Word classes used by the grammar rules (light verbs, modals, negation, pronouns...)."""

    kinds: dict[str, frozenset[str]]
    refusals: tuple[tuple[str, str, str], ...]
    one_party: frozenset[str] = frozenset()
    reciprocal: frozenset[str] = frozenset()
    implied_state: frozenset[str] = frozenset()
    intents: tuple[tuple[str, str, str], ...] = ()
    threats: tuple[tuple[str, str, str], ...] = ()

    def has(self, kind: str, word: str) -> bool:
        return word in self.kinds.get(kind, frozenset())

    def one(self, kind: str) -> str:
        """The single value of a one-value kind (a CAMEO code such as ``riot_code``)."""
        (value,) = self.kinds[kind]
        return value

    def refusal_code(self, cameo: str) -> tuple[str, str] | None:
        """The REJECT code for refusing an event coded ``cameo`` (longest prefix wins)."""
        return _by_prefix(self.refusals, cameo)

    def intent_code(self, cameo: str) -> tuple[str, str] | None:
        """The AGREE (intent) code for announcing an event coded ``cameo``."""
        return _by_prefix(self.intents, cameo)

    def armed_protest_code(self, cameo: str) -> str | None:
        """What a protest-type act (CAMEO 14x) is when armed forces do it (grammar.tsv
        ``armed_protest_code`` rows "prefix=code")."""
        return self.recode("armed_protest_code", cameo)

    def recode(self, kind: str, cameo: str) -> str | None:
        """The code a grammar.tsv "prefix=code" row of ``kind`` gives ``cameo`` (the longest
        matching prefix wins), or None."""
        best: tuple[int, str] | None = None
        for row in self.kinds.get(kind, ()):
            prefix, _, code = row.partition("=")
            if cameo.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), code)
        return best[1] if best else None

    def threat_code(self, cameo: str) -> tuple[str, str] | None:
        """The THREATEN code for promising a hostile event coded ``cameo``."""
        return _by_prefix(self.threats, cameo)


def _by_prefix(table: tuple[tuple[str, str, str], ...], cameo: str) -> tuple[str, str] | None:
    for prefix, code, why in table:
        if cameo.startswith(prefix):
            return code, why
    return None


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """Grammar word lists from ``grammar.tsv`` and refusal codes from ``negation.tsv``."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv("grammar.tsv"):
        kinds[row["kind"]].add(row["word"])
    refusals = _prefix_table("negation.tsv")
    rules = list(read_tsv("event_rules.tsv"))
    intents = _prefix_table("intent.tsv")
    threats = _prefix_table("threat.tsv")
    return Grammar(
        kinds={k: frozenset(v) for k, v in kinds.items()},
        refusals=refusals,
        one_party=frozenset(r["type"] for r in rules if r["one_party"] == "y"),
        reciprocal=frozenset(r["type"] for r in rules if r["reciprocal"] == "y"),
        implied_state=frozenset(r["type"] for r in rules if r["implied_state"] == "y"),
        intents=intents,
        threats=threats,
    )


def _prefix_table(name: str) -> tuple[tuple[str, str, str], ...]:
    """A prefix → CAMEO table, longest prefix first."""
    rows = ((r["prefix"], r["cameo"], r["why"]) for r in read_tsv(name))
    return tuple(sorted(rows, key=lambda t: -len(t[0])))


@lru_cache(maxsize=1)
def sponsor_pattern() -> re.Pattern[str]:
    """ "Moscow-led", "Iran-backed" (grammar.tsv ``sponsor_participle``): a hyphened
    participle that makes the name before it a sponsor of the phrase's head, not the head."""
    words = sorted(load_grammar().kinds.get("sponsor_participle", frozenset()))
    return re.compile(r"-(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
