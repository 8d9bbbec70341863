"""The CAMEO event codebook, with Goldstein scores, quad classes and the mapping to PLOVER.

Read once from ``ontology/data/cameo.tsv``: one row per CAMEO code (2-4 digits, always a
string, ``"043"``). Rows are checked on load against the PLOVER ontology (type, mode and
contexts must be valid), so an edit to the data file cannot smuggle in an invalid code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dyad.errors import DataFileError
from dyad.ontology import plover, read_tsv

DATA_FILE = "cameo.tsv"

_CODE = re.compile(r"\d{2,4}")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code and what it means in PLOVER.

    ``quad_class`` follows GDELT's rule by CAMEO root (01-05 = 1, 06-09 = 2, 10-14 = 3,
    15-20 = 4), which can differ from PLOVER's grouping of ``plover_type``.
    """

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str
    plover_mode: str | None
    plover_context: tuple[str, ...]


def _quad_class_of_root(root_code: str) -> int:
    n = int(root_code)
    return 1 if n <= 5 else 2 if n <= 9 else 3 if n <= 14 else 4


def _parse(row: dict[str, str]) -> CameoCode:
    code = row.get("code", "")
    where = f"{DATA_FILE}: code {code!r}"
    if not _CODE.fullmatch(code) or not 1 <= int(code[:2]) <= 20:
        raise DataFileError(f"{where}: not a CAMEO code (2-4 digits, root 01-20)")
    try:
        goldstein = float(row["goldstein"])
        quad = int(row["quad_class"])
    except (KeyError, ValueError) as exc:
        raise DataFileError(f"{where}: goldstein and quad_class must be numbers") from exc
    if not -10.0 <= goldstein <= 10.0:
        raise DataFileError(f"{where}: goldstein {goldstein} outside -10..10")
    if quad != _quad_class_of_root(code[:2]):
        raise DataFileError(f"{where}: quad_class {quad} does not follow its root {code[:2]}")
    ptype = row.get("plover_type", "")
    mode = row.get("plover_mode") or None
    if ptype not in plover.PLOVER_TYPES:
        raise DataFileError(f"{where}: {ptype!r} is not a PLOVER event type")
    if not plover.is_valid_mode(ptype, mode):
        raise DataFileError(f"{where}: {mode!r} is not a mode of {ptype}")
    context = tuple(c.strip() for c in row.get("plover_context", "").split(",") if c.strip())
    bad = [c for c in context if not plover.is_valid_context(c)]
    if bad:
        raise DataFileError(f"{where}: not PLOVER contexts: {', '.join(bad)}")
    return CameoCode(code, row.get("name", ""), goldstein, quad, ptype, mode, context)


@cache
def codebook() -> dict[str, CameoCode]:
    """Every CAMEO code, keyed by its code string, in codebook order (``"01"``, ``"010"``...).

    Loaded and validated once; the same dict is returned on every call, so do not mutate it.
    Raises DataFileError if the data file is malformed.
    """
    book: dict[str, CameoCode] = {}
    for row in read_tsv(DATA_FILE):
        entry = _parse(row)
        if entry.code in book:
            raise DataFileError(f"{DATA_FILE}: code {entry.code!r} appears twice")
        book[entry.code] = entry
    return book


def lookup(code: str) -> CameoCode:
    """The codebook entry of a CAMEO code given as a string (``"043"``, not ``43``).

    Surrounding whitespace is ignored. Raises KeyError naming the code when it is unknown.
    """
    key = code.strip() if isinstance(code, str) else code
    try:
        return codebook()[key]
    except (KeyError, TypeError):
        raise KeyError(
            f"unknown CAMEO code {code!r}: expected a code from the CAMEO codebook written as "
            "a string of 2-4 digits with its leading zero, e.g. '043'"
        ) from None


def root(code: str) -> str:
    """The two-digit root (cue category) of a CAMEO code: ``root("0431") == "04"``.

    Checks only the form (2-4 digits, root 01-20), not that the code exists;
    raises ValueError otherwise.
    """
    if not isinstance(code, str) or not _CODE.fullmatch(code) or not 1 <= int(code[:2]) <= 20:
        raise ValueError(f"not a CAMEO code: {code!r} (expected 2-4 digits, root 01-20)")
    return code[:2]
