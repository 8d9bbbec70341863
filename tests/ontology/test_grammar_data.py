"""grammar.tsv: every kind holds one form of row, so that no lookup depends on set order."""

from __future__ import annotations

from dyad.events.lexicon import load_grammar


def test_each_kind_holds_either_words_or_key_value_rows() -> None:
    grammar = load_grammar()
    mixed = {
        kind: sorted(rows)[:4]
        for kind, rows in grammar.kinds.items()
        if 0 < sum("=" in r for r in rows) < len(rows)
    }
    assert not mixed, f"kinds mixing 'key=value' rows with plain words: {mixed}"
