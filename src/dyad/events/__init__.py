"""Event coding: patterns to CAMEO/PLOVER, grammar rules and modality."""
