"""One dependency-label layer: every parser's labels read as Universal Dependencies.

The Spanish model parses with UD labels; the English one with ClearNLP labels. Rules ask
:func:`dep` for a token's label and list UD labels only: ``dep(tok) == "obj"`` holds for a
Spanish ``obj`` and an English ``dobj`` alike. The map below renames a ClearNLP label whose
UD counterpart has the same shape in the tree; labels that stand for a different shape
(ClearNLP ``prep``/``pobj``, where the preposition heads its noun, ``neg``, ``dative``,
``attr``, ``acomp`` ...) keep their own name, and the rules that need them say so.

Both label sets are closed and disjoint on the renamed labels (no UD parser emits ``dobj``),
so one table serves every model; a language bundle names the scheme its parser uses.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_TITLE, LEMMA, LOWER, MORPH, ORTH, POS
from spacy.tokens import Token

from cronica.stages.language.fold import fold_word

# ClearNLP (spaCy's English models) -> UD, for labels with the same tree shape
UD_FROM_CLEAR: Mapping[str, str] = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "relcl": "acl:relcl",
    "poss": "nmod:poss",
    "agent": "obl:agent",
    "nn": "compound",
}
SCHEMES: Mapping[str, Mapping[str, str]] = {"ud": {}, "clear": UD_FROM_CLEAR}
# auxiliaries, active and passive: Spanish 'ha sido', English 'has been' (ClearNLP 'auxpass')
AUX: frozenset[str] = frozenset({"aux", "aux:pass"})


def ud(label: str) -> str:
    """The UD name of a parser label (UD labels and unmapped labels unchanged)."""
    return UD_FROM_CLEAR.get(label, label)


# label hash (``Token.dep``, the same in every vocab) -> UD name: reading the int and one
# dict look-up is cheaper than spaCy's string look-up behind ``dep_``, and the stages call
# this some 500 times an article
_UD_BY_HASH: dict[int, str] = {}


def dep(tok: Token) -> str:
    """The token's dependency label in UD terms."""
    try:
        return _UD_BY_HASH[tok.dep]  # (a subscript is cheaper than ``.get`` here)
    except KeyError:
        label: str = tok.dep_
        found = _UD_BY_HASH[tok.dep] = UD_FROM_CLEAR.get(label, label)
        return found


# a string's hash (spaCy's StringStore key: the same string has the same hash in every
# vocab) -> the folded string (:func:`cronica.stages.language.fold.fold`). Reading
# ``fold(tok.lemma_)`` builds a Python string from the store and hashes it for the fold's
# memory on every call (about 250 ns); the int key costs about half that. Bounded like the
# other per-process memories.
_FOLDED: dict[int, str] = {}
_MAX_FOLDED = 200_000


def folded_lemma(tok: Token) -> str:
    """``fold(tok.lemma_)``, kept per process by the lemma's hash."""
    try:
        return _FOLDED[tok.lemma]
    except KeyError:
        return _fold_hash(tok.lemma, tok.lemma_)


def folded_form(tok: Token) -> str:
    """``fold(tok.text)``, kept per process by the form's hash (``Token.text`` is its
    ``orth_``)."""
    try:
        return _FOLDED[tok.orth]
    except KeyError:
        return _fold_hash(tok.orth, tok.text)


def folded_string(key: int, strings: Any) -> str:
    """``fold(strings[key])`` for a string hash read from a token column (``LEMMA``,
    ``ORTH``); ``strings``: the document's ``vocab.strings``."""
    try:
        return _FOLDED[key]
    except KeyError:
        return _fold_hash(key, strings[key])


def _fold_hash(key: int, text: str) -> str:
    if len(_FOLDED) > _MAX_FOLDED:
        _FOLDED.clear()
    found = _FOLDED[key] = fold_word(text)
    return found


def set_dep(tok: Token, label: str) -> None:
    """Write a UD label on a token (parse repairs of a UD-scheme parser only)."""
    tok.dep = tok.doc.vocab.strings.add(label)


def dep_of_hash(key: int, strings: Any) -> str:
    """:func:`dep` for a label given by its hash (a ``Doc.to_array(DEP)`` value), through the
    same memory; ``strings``: the document's ``vocab.strings``."""
    try:
        return _UD_BY_HASH[key]
    except KeyError:
        label: str = strings[key] if key else ""
        found = _UD_BY_HASH[key] = UD_FROM_CLEAR.get(label, label)
        return found


# morphological analysis (its key: the hash of its feature string) -> feature -> values:
# ``MorphAnalysis.get`` parses the feature string on every call (some 2 µs), and the stages
# ask thousands of times an article; a few hundred analyses occur
_FEATS: dict[int, dict[str, tuple[str, ...]]] = {}
# the document :func:`morph_get` read last, with the analysis key of each of its tokens
# (reading ``tok.morph`` builds a MorphAnalysis object on every call): one tuple, replaced whole
_MORPHS: tuple[Any, list[int]] = (None, [])


def morph_get(tok: Token, field: str) -> tuple[str, ...]:
    """The values of the token's morphological feature ``field`` ('Tense' -> ('Past',)),
    empty when it has none: ``tok.morph.get(field)``, parsed once per distinct analysis."""
    global _MORPHS
    doc = tok.doc
    last = _MORPHS
    if last[0] is not doc:
        last = _MORPHS = (doc, token_column(doc, MORPH))
    key = last[1][tok.i]
    try:
        feats = _FEATS[key]
    except KeyError:
        feats = _FEATS[key] = {
            name: tuple(value.split(",")) for name, value in tok.morph.to_dict().items()
        }
    return feats.get(field, ())


# the document :func:`children_of` read last, with the children of each of its tokens: one tuple,
# replaced whole, so that a reader never pairs one document with another's table
_KIDS: tuple[Any, list[tuple[Token, ...]]] = (None, [])


def children_of(tok: Token) -> tuple[Token, ...]:
    """``tok.children`` as a tuple (the same tokens, in the same order: left to right).

    spaCy walks the token's whole subtree span and builds a new Token object for each child
    on every ``tok.children`` read (about 1 µs at a clause's verb), and the rules read the
    children of the same few words hundreds of times an article. The children of every
    token are built once per document, for the last document asked about; stages never
    change a parsed document's tree."""
    doc = tok.doc
    last = _KIDS
    if last[0] is not doc:
        last = _children_table(doc)
    return last[1][tok.i]



def definite(tok: Token, before_only: bool = True) -> bool:
    """Whether a noun has a definite article or a demonstrative as determiner ('el ataque',
    'esta marcha', 'the attack'; before it when ``before_only``): a definite description,
    which names a referent the reader is taken to know."""
    return any(dep(c) == "det" and ("Def" in morph_get(c, "Definite") or "Dem" in morph_get(c, "PronType"))
               for c in children_of(tok) if not before_only or c.i < tok.i)

def _children_table(doc: Any) -> tuple[Any, list[tuple[Token, ...]]]:
    global _KIDS
    toks = tokens_of(doc)
    table: list[list[Token]] = [[] for _ in toks]
    # HEAD: the head's offset from the token (0 at a root), as unsigned 64-bit integers
    for i, off in enumerate(token_column(doc, HEAD)):
        if off:
            table[i + off].append(toks[i])
    _KIDS = (doc, [tuple(x) for x in table])
    return _KIDS


# the document :func:`doc_cache` was last asked about, with its named stores
_STORES: tuple[Any, dict[str, dict[Any, Any]]] = (None, {})


def doc_cache(doc: Any, name: str) -> dict[Any, Any]:
    """A store named ``name`` for answers read off ``doc``'s parse (by token index, say),
    kept while the stages ask about the same document: a rule that reads the same words of
    a token many times an article reads them once. The stores of the last document asked
    about are kept; a new document starts empty ones. Only answers that depend on the parse
    and the stage's fixed data alone belong there."""
    global _STORES
    last = _STORES
    if last[0] is doc:
        stores = last[1]
    else:
        stores = {}
        _STORES = (doc, stores)
    try:
        return stores[name]
    except KeyError:
        store: dict[Any, Any] = {}
        stores[name] = store
        return store


# the token attributes the stages read of every token of a document, read in ONE
# ``Doc.to_array`` per document (each call costs some 6-9 µs, and the stages asked for one or
# two attributes at a time about a dozen times per document)
_COLUMNS = (ORTH, LOWER, LEMMA, POS, DEP, HEAD, ENT_TYPE, IS_TITLE, MORPH)
_COLUMN_AT = {attr: k for k, attr in enumerate(_COLUMNS)}
_HEAD_AT = _COLUMN_AT[HEAD]


def token_column(doc: Any, attr: int) -> list[int]:
    """``doc.to_array(attr).tolist()`` for one of the common attributes (ORTH, LOWER, LEMMA,
    POS, DEP, HEAD, ENT_TYPE, IS_TITLE, MORPH), all read in one call per document; HEAD as
    signed offsets (``.view(np.int64)``). Shared: callers only read it."""
    return _columns(doc)[_COLUMN_AT[attr]]


def forget_columns(doc: Any) -> None:
    """Drop what was read of ``doc``'s parse (columns, rows, children): for a repair of the
    parse made before the stages read it (:mod:`cronica.stages.nlp.repair`)."""
    global _KIDS
    for name in ("syntax.columns", "syntax.rows"):
        doc_cache(doc, name).clear()
    if _KIDS[0] is doc:
        _KIDS = (None, [])


def token_rows(doc: Any, attrs: Sequence[int]) -> list[tuple[int, ...]]:
    """``[tuple(row) for row in doc.to_array(attrs).tolist()]``, from the shared columns
    (:func:`token_column`); built once per document and list of attributes (shared: callers
    only read it)."""
    store = doc_cache(doc, "syntax.rows")
    key = tuple(attrs)
    rows: list[tuple[int, ...]] | None = store.get(key)
    if rows is None:
        cols = _columns(doc)
        rows = store[key] = list(zip(*[cols[_COLUMN_AT[a]] for a in attrs], strict=True))
    return rows


def _columns(doc: Any) -> list[list[int]]:
    last = _STORES  # (the stores of the document asked last, read without a call)
    if last[0] is doc:
        store = last[1].get("syntax.columns")
        if store:
            found: list[list[int]] = store[0]
            return found
    store = doc_cache(doc, "syntax.columns")
    cols: list[list[int]] | None = store.get(0)
    if cols is None:
        table = doc.to_array(list(_COLUMNS)).reshape(len(doc), len(_COLUMNS))
        cols = table.T.tolist()
        cols[_HEAD_AT] = table[:, _HEAD_AT].view(np.int64).tolist()
        store[0] = cols
    return cols


def tokens_of(doc: Any) -> list[Token]:
    """The document's tokens as a list, built once per document: ``tokens_of(doc)[i]`` is
    ``doc[i]`` (spaCy builds a new Token object on every ``doc[i]``, some 150 ns). The list
    is shared: callers only read it."""
    last = _STORES  # (the stores of the document asked last, read without a call)
    if last[0] is doc:
        store = last[1].get("syntax.tokens")
        if store:
            found: list[Token] = store[0]
            return found
    store = doc_cache(doc, "syntax.tokens")
    toks = store.get(0)
    if toks is None:
        toks = store[0] = list(doc)
    return toks


def entities(doc: Any) -> tuple[Any, ...]:
    """``doc.ents`` as a tuple, built once per document: spaCy builds a new Span for every
    entity on each ``doc.ents`` read, and several stages read them of every article. Shared:
    callers only read it (the stages never set a parsed document's entities)."""
    store = doc_cache(doc, "syntax.entities")
    found: tuple[Any, ...] | None = store.get(0)
    if found is None:
        found = store[0] = tuple(doc.ents)
    return found


def sentence_of(tok: Token) -> Any:
    """``tok.sent``: the sentence span holding the token. spaCy walks the sentence starts
    outward on every ``tok.sent`` read (some 5 µs); the bounds of every token's sentence are
    read once per document (from ``doc.sents``, the same sentence starts)."""
    start, end = sentence_bounds(tok.doc)[tok.i]
    return tok.doc[start:end]


def sentence_bounds(doc: Any) -> list[tuple[int, int]]:
    """(start, end) token indices of each token's sentence (``tok.sent.start``,
    ``tok.sent.end``), read once per document; shared: callers only read it."""
    store = doc_cache(doc, "syntax.sentences")
    bounds: list[tuple[int, int]] | None = store.get(0)
    if bounds is None:
        bounds = store[0] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            bounds[sent.start:sent.end] = [(sent.start, sent.end)] * (sent.end - sent.start)
    return bounds


def children(tok: Token, labels: Collection[str]) -> Iterator[Token]:
    """The token's children whose UD label is in ``labels``."""
    return (c for c in children_of(tok) if dep(c) in labels)


def first_child(tok: Token, labels: Collection[str]) -> Token | None:
    """The first child whose UD label is in ``labels``, else None."""
    return next(children(tok, labels), None)


def has_child(tok: Token, labels: Collection[str]) -> bool:
    """Whether any child carries a UD label in ``labels``."""
    return any(True for _ in children(tok, labels))


def clause_head(tok: Token, max_steps: int = 30) -> int:
    """Token index of the verb whose clause holds ``tok``: the nearest verb or auxiliary up
    its head chain, else where the climb stops (the root, or after ``max_steps`` heads)."""
    for _ in range(max_steps):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok.i
        tok = tok.head
    return tok.i
