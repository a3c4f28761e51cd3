"""Two of the model's rule components read through a memory of their answers (same output,
less CPU): the rule lemmatizer and a single-token attribute ruler.

spaCy's rule lemmatizers (Spanish and English in the shipped models) give each token a
lemma that depends only on the token's form, its universal POS, its morphology and -- for
the Spanish closed classes -- whether it starts a sentence; they keep their own cache, but
each token still costs a Python ``Token`` object, ``str(token.morph)`` and a property read
or two. The Spanish model's attribute ruler has 21 one-token patterns (a POS or a space
gives the tag) run through spaCy's ``Matcher`` on every document: about 47 ms a pass of
the protest file, 2.7 % of the parse.

:class:`MemoLemmatizer` and :class:`MemoRuler` replace the shipped components in the loaded
pipeline (:func:`install`). Each reads the columns its answer depends on for a whole
document at once (``Doc.to_array``), looks each row up in a dictionary, and writes the
answers back in one ``Doc.from_array``; a row it has not seen is answered by the shipped
component on the real document, so the answer is the shipped one. The outputs are the
shipped components', token for token (tests and ``benchmarks/dump_outputs.py`` check it);
``cronica bench`` times the shipped components in its bare pass (:func:`shipped`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# (memoised component, the shipped one it stands for), in pipeline order
LEMMATIZER = ("cronica_lemmatizer", "lemmatizer")
RULER = ("cronica_attribute_ruler", "attribute_ruler")
MAX_MEMORY = 400_000  # rows kept; a long stream of new words clears and starts again
_INSTALL = threading.Lock()
# what a memoised ruler may write: token attributes set by ``Token.set_struct_attr`` alone
_RULER_WRITES = ("TAG", "POS", "MORPH", "LEMMA")


class MemoLemmatizer:
    """A spaCy component: the shipped rule lemmatizer ``shipped``, memoised by
    (form, POS, morphology, sentence start)."""

    def __init__(self, shipped: Any) -> None:
        self.shipped = shipped
        self.overwrite = bool(getattr(shipped, "overwrite", False))
        self.memory: dict[tuple[int, int, int, bool], int] = {}

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS, SENT_START

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, SENT_START, LEMMA]).tolist()
        memory = self.memory
        if len(memory) > MAX_MEMORY:
            memory.clear()
        strings = doc.vocab.strings
        overwrite = self.overwrite
        lemmas = []
        for i, (orth, pos, morph, start, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph, start == 1)
            found = memory.get(key)
            if found is None:
                found = strings.add(self.shipped.lemmatize(doc[i])[0])
                memory[key] = found
            lemmas.append(found)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


class MemoRuler:
    """A spaCy component: the shipped attribute ruler ``shipped`` whose patterns each match
    one token on that token's own attributes (``reads``) and write only plain token
    attributes (``writes``), memoised by the values of both before it runs."""

    def __init__(self, shipped: Any, reads: list[int], writes: list[int]) -> None:
        self.shipped = shipped
        self.writes = writes
        self.columns = list(dict.fromkeys(reads + writes))
        self.at = [self.columns.index(w) for w in writes]
        self.memory: dict[tuple[int, ...], tuple[int, ...]] = {}

    def __call__(self, doc: Any) -> Any:
        import numpy

        if not len(doc):
            return doc
        before = doc.to_array(self.columns)
        keys = list(map(tuple, before.tolist()))
        memory = self.memory
        if len(memory) > MAX_MEMORY:
            memory.clear()
        get = memory.get
        out = [get(k) for k in keys]
        if None in out:
            self.shipped(doc)
            for key, after in zip(keys, doc.to_array(self.writes).tolist(), strict=True):
                memory[key] = tuple(after)
            return doc
        after = numpy.array(out, dtype="uint64")
        changed = [j for j, col in enumerate(self.at) if (after[:, j] != before[:, col]).any()]
        if changed:
            doc.from_array([self.writes[j] for j in changed], after[:, changed])
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


def ruler_columns(ruler: Any) -> tuple[list[int], list[int]] | None:
    """(attributes the patterns read, attributes they write) of an attribute ruler whose
    every pattern is one token matched on its own attributes, with no operator, and whose
    writes are plain token attributes; None for any other ruler (kept as shipped)."""
    from spacy.attrs import IDS

    reads: list[int] = []
    for entry in ruler.patterns:
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or len(pattern) != 1:
                return None
            for name in pattern[0]:
                upper = "ORTH" if name.upper() == "TEXT" else name.upper()
                if upper not in IDS or upper in ("OP", "_"):
                    return None
                reads.append(IDS[upper])
        if any(name.upper() not in _RULER_WRITES for name in entry["attrs"]):
            return None
    writes = [IDS[name] for name in _RULER_WRITES]
    return list(dict.fromkeys(reads)), writes


def _make_lemmatizer(nlp: Any, name: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe(LEMMATIZER[1]))


def _make_ruler(nlp: Any, name: str) -> MemoRuler:
    shipped = nlp.get_pipe(RULER[1])
    columns = ruler_columns(shipped)
    if columns is None:
        raise ValueError(f"{RULER[1]}: patterns the memoised ruler cannot stand for")
    return MemoRuler(shipped, *columns)


def install(nlp: Any) -> Any:
    """Put each memoised component in ``nlp`` right after the shipped one it stands for,
    which is disabled (kept, for :func:`shipped`): the lemmatizer if it is a rule
    lemmatizer, the attribute ruler if :func:`ruler_columns` can read it. Anything else is
    left as it is. Returns ``nlp``."""
    from spacy.language import Language

    with _INSTALL:  # the models are shared between threads
        names = nlp.pipe_names
        todo: list[tuple[tuple[str, str], Any]] = []
        if LEMMATIZER[1] in names and LEMMATIZER[0] not in nlp.component_names \
                and getattr(nlp.get_pipe(LEMMATIZER[1]), "mode", None) == "rule":
            todo.append((LEMMATIZER, _make_lemmatizer))
        if RULER[1] in names and RULER[0] not in nlp.component_names \
                and ruler_columns(nlp.get_pipe(RULER[1])) is not None:
            todo.append((RULER, _make_ruler))
        for (memo, original), factory in todo:
            if not Language.has_factory(memo):
                Language.factory(memo)(factory)
            nlp.add_pipe(memo, after=original)
            nlp.disable_pipe(original)
    return nlp


@contextmanager
def shipped(nlp: Any) -> Iterator[Any]:
    """Within the block, ``nlp`` runs the shipped components instead of the memoised ones
    (the model as shipped, for the bench's bare pass)."""
    swapped = [pair for pair in (LEMMATIZER, RULER) if pair[0] in nlp.pipe_names]
    for memo, original in swapped:
        nlp.disable_pipe(memo)
        nlp.enable_pipe(original)
    try:
        yield nlp
    finally:
        for memo, original in swapped:
            nlp.disable_pipe(original)
            nlp.enable_pipe(memo)
