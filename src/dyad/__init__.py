"""dyad: political event data from news, coded in CAMEO and PLOVER with evidence."""

from __future__ import annotations

__version__ = "0.1.0"
