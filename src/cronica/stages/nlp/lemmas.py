"""The model's rule lemmatizer, read through a memory of its answers (same lemmas, less CPU).

spaCy's rule lemmatizers (Spanish and English in the shipped models) give each token a
lemma that depends only on the token's form, its universal POS, its morphology and -- for
the Spanish closed classes -- whether it starts a sentence; they keep their own cache, but
each token still costs a Python ``Token`` object, ``str(token.morph)`` and a property read
or two: about 7 µs a token, 6 % of the Spanish parse on the protest file.

:class:`MemoLemmatizer` replaces the shipped component in the loaded pipeline
(:func:`install`): it reads the four columns of a document at once
(``Doc.to_array``), looks each row up in a dictionary of lemma hashes, asks the shipped
lemmatizer only for a row it has not seen (with the real token, so its answer is the
shipped one), and writes the lemmas back in one ``Doc.from_array``. A token that already has
a lemma (set by the attribute ruler) keeps it, as the shipped component does with
``overwrite`` false. The lemmas are the shipped component's, token for token (tests and
``benchmarks/dump_outputs.py`` check it); ``cronica bench`` times the shipped component in
its bare pass (:func:`shipped`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

COMPONENT = "cronica_lemmatizer"
SHIPPED = "lemmatizer"
MAX_MEMORY = 400_000  # rows kept; a long stream of new words clears and starts again
_INSTALL = threading.Lock()


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


def _make(nlp: Any, name: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe(SHIPPED))


def install(nlp: Any) -> Any:
    """Put the memoised lemmatizer in ``nlp`` right after its shipped rule lemmatizer, which
    is disabled (kept, for :func:`shipped`); a pipeline without a rule lemmatizer is left as
    it is. Returns ``nlp``."""
    from spacy.language import Language

    with _INSTALL:  # the models are shared between threads
        if COMPONENT in nlp.component_names or SHIPPED not in nlp.pipe_names:
            return nlp
        if getattr(nlp.get_pipe(SHIPPED), "mode", None) != "rule":
            return nlp
        if not Language.has_factory(COMPONENT):
            Language.factory(COMPONENT)(_make)
        nlp.add_pipe(COMPONENT, after=SHIPPED)
        nlp.disable_pipe(SHIPPED)
    return nlp


@contextmanager
def shipped(nlp: Any) -> Iterator[Any]:
    """Within the block, ``nlp`` runs its shipped lemmatizer instead of the memoised one (the
    model as shipped, for the bench's bare pass)."""
    swapped = COMPONENT in nlp.pipe_names
    if swapped:
        nlp.disable_pipe(COMPONENT)
        nlp.enable_pipe(SHIPPED)
    try:
        yield nlp
    finally:
        if swapped:
            nlp.disable_pipe(SHIPPED)
            nlp.enable_pipe(COMPONENT)
