"""Text folded for search: lower case, no accents, no punctuation ('Bogotá' -> 'bogota').

The store keeps a folded copy of each event's sentence and place names (``search_text``),
and the search filter is folded the same way, so 'bogota' finds 'Bogotá', 'tiro' finds an
event in Tyre reported as 'Tiro', and 'EE.UU.' finds 'EE. UU.'.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from cronica.stages.language.fold import fold as fold_chars


def fold(text: str) -> str:
    """Lower case without accents or punctuation: 'EE. UU.' -> 'ee uu', 'Bogotá' -> 'bogota'.

    Accents and case go by the project's one folding rule (cronica.stages.language.fold);
    punctuation becomes space, runs of space one space."""
    bare = fold_chars(unicodedata.normalize("NFC", text))
    return " ".join("".join(c if c.isalnum() else " " for c in bare).split())


def search_blob(sentence: str, names: Iterable[str | None] = ()) -> str:
    """What the search filter looks in: the folded sentence, then the folded names (a
    place as written and as the gazetteer names it, its region, the actors' names)."""
    parts = [fold(sentence)]
    for name in names:
        if name:
            f = fold(name)
            if f and f not in parts:
                parts.append(f)
    return " | ".join(parts)


def search_words(text: str | None) -> str | None:
    """A search filter's words as ``search_text`` keeps them (folded); the text itself when
    folding leaves nothing (a search for punctuation only)."""
    if text is None:
        return None
    return fold(text) or text
