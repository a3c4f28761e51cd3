"""Magnitude words per language (``data/<lang>/magnitude.tsv``): number words, vague
quantities with their documented ranges, modifiers and the words that say what is counted."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from cronica.stages.language.bundle import as_bundle
from cronica.stages.language.fold import fold_word

if TYPE_CHECKING:
    from cronica.stages.language.bundle import LanguageBundle


def fold(text: str) -> str:
    """The one folding rule (:func:`cronica.stages.language.fold.fold`), ends stripped:
    'Heridos' and 'heridos', 'millón' and 'millon' match."""
    return fold_word(text).strip()


@dataclass(frozen=True)
class Vague:
    category: str
    min: int | None
    max: int | None


@dataclass
class MagnitudeLexicon:
    lang: str
    nums: dict[str, int] = field(default_factory=dict)  # folded form -> value
    scales: dict[str, int] = field(default_factory=dict)
    vague: dict[str, Vague] = field(default_factory=dict)
    mods: dict[str, str] = field(default_factory=dict)
    words: dict[str, set[str]] = field(default_factory=dict)  # category -> folded forms

    def has(self, category: str, form: str | None) -> bool:
        return form is not None and fold(form) in self.words.get(category, ())

    # the two below are read once the lexicon is built (``load_lexicon``) and kept
    @cached_property
    def longest(self) -> int:
        """Most words in a multi-word form ('decenas de miles', 'as many as')."""
        forms = [*self.nums, *self.vague, *self.mods]
        return max((len(f.split()) for f in forms), default=1)

    @cached_property
    def first_words(self) -> dict[str, frozenset[str]]:
        """The first word of every form of ``nums``, ``vague`` and ``mods``, by table name:
        a token that starts none of them needs no lookup of longer phrases."""
        return {name: frozenset(f.split(" ", 1)[0] for f in getattr(self, name))
                for name in ("nums", "vague", "mods")}

    @cached_property
    def starts(self) -> frozenset[str]:
        """Every folded word a quantity can start with: a first word of ``nums``, ``vague``
        or ``mods``, or an indefinite article ('a man was killed'). A token with none of
        these, no space and no leading digit starts no quantity, so the per-token search
        skips it."""
        firsts = self.first_words
        return firsts["nums"] | firsts["vague"] | firsts["mods"] | frozenset(
            self.words.get("indef", ()))


def _int(s: str) -> int | None:
    s = s.strip()
    return int(s) if s.isdigit() else None


def load_lexicon(lang: str | LanguageBundle) -> MagnitudeLexicon:
    """The lexicon of ``data/<lang>/magnitude.tsv``, built once per language bundle."""
    bundle = as_bundle(lang)
    return bundle.resource("magnitude.lexicon", _build)


def _build(bundle: LanguageBundle) -> MagnitudeLexicon:
    lx = MagnitudeLexicon(bundle.code)
    for row in bundle.read_tsv("magnitude.tsv"):
        row = row + [""] * (5 - len(row))
        cat, form = row[0].strip(), fold(row[1])
        if cat == "num":
            lx.nums[form] = int(row[2])
        elif cat == "scale":
            lx.scales[form] = int(row[2])
        elif cat == "vague":
            lx.vague[form] = Vague(row[2].strip(), _int(row[3]), _int(row[4]))
        elif cat == "mod":
            lx.mods[form] = row[2].strip()
        else:
            lx.words.setdefault(cat, set()).add(form)
    return lx
