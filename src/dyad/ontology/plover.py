"""The PLOVER ontology: 16 event types, their modes, and the general contexts.

Read once from ``ontology/data/plover.tsv`` (source: the PLOVER manual, Open Event Data
Alliance, CC BY-SA 4.0). Type names are upper case (``CONSULT``), modes and contexts lower
case (``visit``, ``diplomatic``), exactly as the manual spells them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dyad.errors import DataFileError
from dyad.ontology import read_tsv

DATA_FILE = "plover.tsv"


@dataclass(frozen=True, slots=True)
class _Type:
    name: str
    quad_class: int
    modes: tuple[str, ...]
    definition: str


@dataclass(frozen=True, slots=True)
class _Ontology:
    types: dict[str, _Type]
    contexts: dict[str, str]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(",") if part.strip())


@cache
def _ontology() -> _Ontology:
    types: dict[str, _Type] = {}
    contexts: dict[str, str] = {}
    for row in read_tsv(DATA_FILE):
        kind, name = row.get("kind", ""), row.get("name", "")
        if kind == "type":
            try:
                quad = int(row["quad_class"])
            except (KeyError, ValueError) as exc:
                raise DataFileError(
                    f"{DATA_FILE}: type {name!r} has no integer quad_class"
                ) from exc
            types[name] = _Type(name, quad, _split(row.get("modes", "")), row.get("definition", ""))
        elif kind == "context":
            contexts[name] = row.get("definition", "")
        else:
            raise DataFileError(f"{DATA_FILE}: row {name!r} has unknown kind {kind!r}")
    if len(types) != 16:
        raise DataFileError(f"{DATA_FILE}: expected 16 PLOVER event types, found {len(types)}")
    return _Ontology(types, contexts)


PLOVER_TYPES: tuple[str, ...] = tuple(_ontology().types)
"""The 16 PLOVER event types, in the manual's order (verbal and material cooperation, then
verbal and material conflict)."""


def _type(event_type: str) -> _Type:
    try:
        return _ontology().types[event_type]
    except KeyError:
        raise KeyError(
            f"unknown PLOVER event type {event_type!r}; expected one of {', '.join(PLOVER_TYPES)}"
        ) from None


def modes(event_type: str) -> tuple[str, ...]:
    """The valid modes of a PLOVER event type, in the manual's order.

    Empty for the types that have no modes (AGREE, SUPPORT, CONCEDE, COOPERATE, AID).
    Raises KeyError for a name that is not one of the 16 types (names are upper case).
    """
    return _type(event_type).modes


def contexts() -> tuple[str, ...]:
    """All PLOVER general contexts (``military``, ``diplomatic``, ...), in the manual's order."""
    return tuple(_ontology().contexts)


def is_valid_mode(event_type: str, mode: str | None) -> bool:
    """Whether ``mode`` may accompany ``event_type``; no mode (``None``) is always valid.

    False, not an error, for an unknown event type.
    """
    if event_type not in _ontology().types:
        return False
    return mode is None or mode in _ontology().types[event_type].modes


def is_valid_context(context: str) -> bool:
    """Whether ``context`` is one of PLOVER's general contexts."""
    return context in _ontology().contexts


def quad_class(event_type: str) -> int:
    """PLOVER's own quad category of an event type (1-4), as its section of the manual states.

    This is PLOVER's grouping (PROTEST and SANCTION are material conflict). dyad's event
    records use the CAMEO root rule instead: see ``dyad.ontology.cameo``.
    Raises KeyError for an unknown type.
    """
    return _type(event_type).quad_class


def definition(name: str) -> str:
    """The one-line definition of an event type or a context, condensed from the manual.

    Raises KeyError for a name that is neither.
    """
    onto = _ontology()
    if name in onto.types:
        return onto.types[name].definition
    if name in onto.contexts:
        return onto.contexts[name]
    raise KeyError(f"{name!r} is neither a PLOVER event type nor a PLOVER context")


def event_type(default: str, mode: str | None) -> str:
    """The PLOVER type of an event whose pattern names a mode.

    A mode belongs to its type: a pattern that says "resign" makes the event RETREAT
    (resignation), whatever the CAMEO code's own type (0831 is CONCEDE in the crosswalk).
    """
    if mode is None or is_valid_mode(default, mode):
        return default
    owners = [t for t in PLOVER_TYPES if mode in modes(t)]
    return owners[0] if len(owners) == 1 else default
