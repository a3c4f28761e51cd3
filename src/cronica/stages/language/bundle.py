"""A language bundle: everything the stages know about one language, built once, passed in.

A bundle holds the spaCy model name, the scheme of its parser's dependency labels, a warm-up
text, the inflection rules of demonyms, and where the language's data files are. It also
keeps what the stages build from those files (lexicons, compiled patterns), built on first
use and kept for the bundle's life: a :class:`~cronica.pipeline.Pipeline` makes one bundle per
language and hands it to every stage, so nothing is cached at module level.

Everything comes from ``data/<code>/language.tsv`` and the other TSV files beside it.
Adding a language means adding that folder (and a spaCy model); :func:`load_bundle` with
``data_root=`` reads a folder outside the package, which is how the tests add a fake one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TypeVar

from cronica.model import PLOVER_TYPES
from cronica.stages.nlp.syntax import SCHEMES

T = TypeVar("T")

# files every language folder holds (checked when the bundle is loaded)
REQUIRED_FILES: tuple[str, ...] = (
    "language.tsv", "countries.tsv", "orgs.tsv", "agents.tsv", "actor_syntax.tsv",
    "event_triggers.tsv", "event_cues.tsv", "time.tsv", "attribution.tsv", "places.tsv",
    "magnitude.tsv", "narrative.tsv",
)


def package_data() -> Traversable:
    """``cronica/data``: the languages shipped with the package and the shared tables."""
    return resources.files("cronica").joinpath("data")


def tsv_rows(text: str) -> Iterator[list[str]]:
    """Rows of TSV text, skipping blank and ``#`` comment lines."""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


@dataclass
class LanguageBundle:
    """One language's model, label scheme, rules as data, and resources (built once)."""

    code: str
    model: str
    labels: str = "ud"
    warmup: str = ""
    inflection: tuple[tuple[str, tuple[str, ...]], ...] = ()
    data_root: Traversable = field(default_factory=package_data)
    # resources shared by the bundles of one pipeline (the multilingual gazetteer)
    shared: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    _built: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    # -- data files --------------------------------------------------------------
    @property
    def data_dir(self) -> Traversable:
        return self.data_root.joinpath(self.code)

    def read_tsv(self, name: str) -> Iterator[list[str]]:
        """Rows of ``data/<code>/<name>``."""
        return tsv_rows(self.data_dir.joinpath(name).read_text(encoding="utf-8"))

    def model_file(self, stem: str, suffix: str) -> Traversable | None:
        """The shipped model ``data/models/<stem>_<code>.<suffix>`` of this language, or None
        when the language has none."""
        ref = self.data_root.joinpath("models", f"{stem}_{self.code}.{suffix}")
        return ref if ref.is_file() else None

    def read_shared_tsv(self, *parts: str) -> Iterator[list[str]]:
        """Rows of a table shared by every language (``data/countries.tsv``, ``data/geo/..``);
        a fake language's folder may hold its own copy."""
        return tsv_rows(self.data_root.joinpath(*parts).read_text(encoding="utf-8"))

    def check(self) -> None:
        """Raise FileNotFoundError naming the data files this language lacks, ValueError
        for a row the stages could not read (file and row named)."""
        missing = [n for n in REQUIRED_FILES if not self.data_dir.joinpath(n).is_file()]
        if missing:
            raise FileNotFoundError(f"language {self.code!r}: no {', '.join(missing)} in {self.data_dir}")
        if self.labels not in SCHEMES:
            raise ValueError(f"language {self.code!r}: unknown label scheme {self.labels!r}")
        for n, row in enumerate(self.read_tsv("event_triggers.tsv"), 1):
            problem = _trigger_row_problem(row)
            if problem:
                raise ValueError(f"{self.code}/event_triggers.tsv, data row {n}: {problem}: {row}")
        for n, row in enumerate(self.read_tsv("countries.tsv"), 1):
            if not (len(row[0]) == 3 and row[0].isalpha() and row[0].isupper()):
                raise ValueError(f"{self.code}/countries.tsv, data row {n}: not an ISO3 code: {row[0]!r}")

    # -- resources built once per bundle -----------------------------------------
    def resource(self, key: str, build: Callable[[LanguageBundle], T]) -> T:
        """What ``build(self)`` returns, built on the first call for ``key`` and kept."""
        if key not in self._built:
            self._built[key] = build(self)
        return self._built[key]  # type: ignore[return-value]

    def has_resource(self, key: str) -> bool:
        """``key`` was built by :meth:`resource` on this bundle."""
        return key in self._built

    def shared_resource(self, key: str, build: Callable[[], T]) -> T:
        """What ``build()`` returns, kept in ``shared`` (one per pipeline, not per language)."""
        if key not in self.shared:
            self.shared[key] = build()
        return self.shared[key]  # type: ignore[return-value]

    # -- rules as data -------------------------------------------------------------
    def inflect(self, base: str) -> list[str]:
        """The forms of a demonym given its base form, by the longest matching ending rule
        (a language without rules has the base form only)."""
        for ending, forms in self.inflection:
            if base.endswith(ending):
                stem = base[: len(base) - len(ending)]
                return [stem + f for f in forms]
        return [base]


def _trigger_row_problem(row: list[str]) -> str | None:
    """Why a row of event_triggers.tsv (pattern, pos, type, mode, cameo, weight[, scope]) is
    unusable."""
    pattern, pos, event, _mode, _cameo, weight, scope = (row + [""] * 7)[:7]
    if scope.strip() not in ("", "mention"):
        return f"scope {scope!r} is not 'mention'"
    if not pattern.strip():
        return "empty pattern"
    if pos not in ("", "*", "V", "Vr", "N"):
        return f"part of speech {pos!r} is not V, Vr, N or *"
    if event not in PLOVER_TYPES:
        return f"{event!r} is not a PLOVER type"
    try:
        float(weight or 0.5)
    except ValueError:
        return f"weight {weight!r} is not a number"
    return None


def load_bundle(code: str, data_root: Traversable | None = None,
                shared: dict[str, object] | None = None) -> LanguageBundle:
    """The bundle of ``code`` from ``<data_root>/<code>/language.tsv`` (default: the package's
    data). A fresh bundle each call: keep it and pass it on."""
    root = data_root if data_root is not None else package_data()
    text = root.joinpath(code, "language.tsv").read_text(encoding="utf-8")
    values: dict[str, str] = {}
    rules: list[tuple[str, tuple[str, ...]]] = []
    for row in tsv_rows(text):
        key = row[0].strip()
        if key == "inflect":
            ending, forms = (row + ["", ""])[1:3]
            rules.append((ending, tuple(forms.split("|"))))
        else:
            values[key] = row[1].strip() if len(row) > 1 else ""
    rules.sort(key=lambda r: -len(r[0]))  # longest ending first; '' (the default) last
    bundle = LanguageBundle(
        code=code, model=values.get("model", ""), labels=values.get("labels", "ud"),
        warmup=values.get("warmup", ""), inflection=tuple(rules), data_root=root,
        shared={} if shared is None else shared,
    )
    bundle.check()
    return bundle


def as_bundle(lang: str | LanguageBundle) -> LanguageBundle:
    """``lang`` itself, or a fresh bundle for a language code (slow: for tests and one-off
    calls; pipelines build their bundles once and pass them)."""
    return lang if isinstance(lang, LanguageBundle) else load_bundle(lang)
