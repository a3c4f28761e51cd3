"""The one text-folding rule: lower case without accents, one character for one.

Every lexicon key and every word looked up in one is folded by :func:`fold`: the events
trigger lexicon and cue words, the actor lexicon (whose keys then also read 'nn' as 'n':
'ANNO' for 'AÑO' in accentless wire copy), the attribution cues. Offsets survive folding (a
character never becomes two), so a match in the folded text is a match in the original.
The gazetteer's lookup key (:func:`cronica.stages.place.gazetteer_index.fold`) also drops
punctuation and compatibility forms of the world's place names; the time lexicon keeps
accents, because its patterns match the text itself.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache


@cache
def _fold_char(c: str) -> str:
    base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
    low = base.lower()
    return low if len(low) == 1 else c.lower()[:1] or c


def fold(text: str) -> str:
    """'Año' -> 'ano', 'ÉXITO' -> 'exito'; as long as ``text``."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


# words repeat: folding each one once per process is a measurable part of the events stage
fold_word = lru_cache(maxsize=65536)(fold)
