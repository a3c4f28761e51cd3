"""Stage 'lang': which language an article is written in.

Uses lingua (Apache-2.0; its n-gram models ship inside the wheel, nothing is downloaded).
The detector knows the supported languages *plus* a few common neighbours (Portuguese,
French, Italian, German, Catalan, Dutch): without them a Portuguese article would be
forced into the nearest supported language, Spanish, instead of being rejected (E007).

Low-accuracy mode (trigrams only) is the default: on the dev event sentences it agrees
with the high-accuracy mode (it even gets two more Spanish sentences right) and costs
about 15 MB of memory per process instead of about 260 MB.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# Languages the detector can answer besides the supported ones, so that text in them is
# named (and rejected) rather than mistaken for a supported language.
NEIGHBOURS: tuple[str, ...] = ("pt", "fr", "it", "de", "ca", "nl")

MAX_CHARS = 2_000  # the opening of an article is enough, and keeps detection ~1 ms
MIN_CONFIDENCE = 0.5  # below this the answer is a guess: say "unknown" (None)


@lru_cache(maxsize=8)
def _build_detector(codes: tuple[str, ...], high_accuracy: bool) -> Any:
    """One preloaded lingua detector per language set and mode, shared in the process."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(c)) for c in codes]
    builder = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models()
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


class LanguageIdentifier:
    """Detects the language of a text among ``langs`` and a few common neighbours.

    ``detect`` returns an ISO 639-1 code; it may be a language outside ``langs``
    (e.g. 'pt'), which the pipeline then rejects naming that language.
    """

    def __init__(
        self,
        langs: Sequence[str],
        extra: Sequence[str] = NEIGHBOURS,
        min_confidence: float = MIN_CONFIDENCE,
        max_chars: int = MAX_CHARS,
        high_accuracy: bool = False,
    ) -> None:
        self.langs = tuple(langs)
        # dict keeps order and drops duplicates ('es' listed in both)
        self.codes = tuple(dict.fromkeys([*self.langs, *extra]))
        self.min_confidence = min_confidence
        self.max_chars = max_chars
        self._detector = _build_detector(tuple(sorted(self.codes)), high_accuracy)

    def identify(self, text: str) -> tuple[str | None, float]:
        """(ISO 639-1 code, confidence) of the most likely language; (None, c) if unsure."""
        sample = text[: self.max_chars]
        if not sample.strip():
            return None, 0.0
        values = self._detector.compute_language_confidence_values(sample)
        if not values:
            return None, 0.0
        top = values[0]
        if top.value < self.min_confidence:
            return None, float(top.value)
        return top.language.iso_code_639_1.name.lower(), float(top.value)

    def detect(self, text: str) -> str | None:
        """The ISO 639-1 code of ``text``'s language, or None when no language is likely."""
        return self.identify(text)[0]
