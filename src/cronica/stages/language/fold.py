"""The one text-folding rule, and its named variants.

:func:`fold` is the rule: lower case without accents, one character for one. Every lexicon
key and every word looked up in one is folded by it: the events trigger lexicon and cue
words, the actor lexicon (whose keys then also read 'nn' as 'n': 'ANNO' for 'AÑO' in
accentless wire copy, :func:`cronica.stages.actors.lexicon.word_key`), the magnitude words.
Offsets survive folding (a character never becomes two), so a match in the folded text is
a match in the original.

Two stages need a variant, and each is named here, not written in the stage:

- :func:`fold_key`, the lookup key of place names (the gazetteer index and every name
  looked up in it): :func:`fold` that may change the length, because a key is never mapped
  back to offsets. It also folds the compatibility forms and full case foldings of the
  world's place names ('ß' -> 'ss', 'ﬁ' -> 'fi') and drops punctuation, so that 'EE.UU.' and
  'EEUU', 'Khān Yūnis' and 'Khan-Yunis' are one key.
- :func:`fold_case`, the key of a time word (``data/<lang>/time.tsv``): lower case only,
  accents kept. The time lexicon's forms are the sources of the time regexes, which run over
  the lower-cased text itself, so a key must read as the text does ('año' is a year, the
  accentless 'ano' is not matched as one).

:func:`cronica.textfold.fold` (the store's search text) is :func:`fold` with punctuation
read as space. The attribution cue words and the place stage's small word lists
(prepositions, articles) are compared with spaCy's ``lower_``/``LOWER`` of a token: lower
case, accents kept, as :func:`fold_case`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache


@cache
def _fold_char(c: str) -> str:
    base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
    low = base.lower()
    return low if len(low) == 1 else c.lower()[:1] or c


class _FoldTable(dict[int, str]):
    """Code point -> its folded character (:func:`_fold_char`), filled as characters are
    met, for ``str.translate``: one C-level look-up per character instead of a Python call."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """'Año' -> 'ano', 'ÉXITO' -> 'exito'; as long as ``text``."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


# words repeat: folding each one once per process is a measurable part of the events stage
fold_word = lru_cache(maxsize=65536)(fold)

# apostrophes and dots join ('U.S.' and 'US' are one key); dashes, brackets and the like part
_KEY_JOIN = str.maketrans("", "", "ʻ‘’'`.")
_KEY_PART = re.compile(r"[\-‐–—_/,()\[\]\"]")


def fold_key(name: str) -> str:
    """Lookup key of a place name: folded with full case folding and compatibility forms,
    punctuation removed, spaces collapsed; not length-preserving.

    'EE.UU.' -> 'eeuu', 'Bogotá' -> 'bogota', 'Khān Yūnis' -> 'khan yunis', 'Straße' -> 'strasse'.
    """
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _KEY_PART.sub(" ", s.translate(_KEY_JOIN))
    return " ".join(s.split())


def fold_case(form: str) -> str:
    """Key of a time word: lower case, accents kept, a final dot dropped, spaces collapsed.

    ' Sept. ' -> 'sept', 'Día  de' -> 'día de'.
    """
    return re.sub(r"\s+", " ", form.strip().lower().rstrip("."))
