"""Learned argument choosers: which phrase of the trigger's sentence the act is aimed at
(recipient), and which one does it (actor).

The argument rules (:mod:`cronica.stages.events.args`) find a recipient through the parse
where the grammar says so; many acts are aimed at a phrase they reach in other ways (an
addressee of a verb of asking, a protest's 'frente a' site, a 'contra' phrase hung on
another word). This module scores every noun phrase of the trigger's sentence as the
recipient with a small logistic regression over grammatical features (the dependency path to
the trigger, the preposition, the direction and distance, the entity label, the actor code's
sector, the event type and mode, whether the rules picked it) and is used only where its
score clearly beats the rules' choice (thresholds chosen by cross-validation grouped by
article). Weights: ``data/models/recipient_es.json``, trained by ``scripts/train_recipient.py``
on the *fit* part of the BRAT AFP articles' ``actTar`` links (MODEL_CARD.md).

``CRONICA_NO_RECIPIENT_MODEL=1`` switches both off (ablations, training); the actor chooser
runs only with ``CRONICA_ACTOR_MODEL=1``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from itertools import repeat
from typing import Any

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_TITLE, POS
from spacy.tokens import Token

from cronica.stages.events.lexicon import fold
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.syntax import (
    children_of,
    dep,
    dep_of_hash,
    doc_cache,
    sentence_bounds,
    token_column,
    token_rows,
    tokens_of,
)

NO_RECIPIENT_MODEL_ENV = "CRONICA_NO_RECIPIENT_MODEL"
# the actor chooser runs only with this set (opt-in: its gain on check was within noise and
# it costs about as much CPU as all the other argument rules)
ACTOR_MODEL_ENV = "CRONICA_ACTOR_MODEL"
_CONTRACTIONS = {"del": "de", "al": "a"}
# word classes that head a phrase naming a participant
_HEAD_POS = frozenset({"NOUN", "PROPN"})
# dependents that belong to another word's name, never heads of a phrase of their own
_INNER = frozenset({"compound", "flat", "fixed", "flat:name", "goeswith", "det", "case"})
_MAX_PATH = 4


@dataclass
class Choice:
    """A training or scoring row: a candidate phrase head and its features."""

    tok: int
    start: int
    end: int
    feats: list[str] = field(default_factory=list)
    rule: bool = False


def case_of(tok: Token) -> str:
    """The folded preposition introducing ``tok`` ('' for none; 'frente a' in two words)."""
    store = doc_cache(tok.doc, "recipient.case_of")
    got = store.get(tok.i)
    if got is None:
        kids = children_of(tok)
        words = [_CONTRACTIONS.get(w, w) for w in
                 (fold(c.text) for c in kids if dep(c) in ("case", "mark") and c.i < tok.i)]
        for c in kids:
            if dep(c) == "case":
                # 'frente al' is 'frente a': contractions inside a locution too
                words.extend(_CONTRACTIONS.get(w, w) for w in
                             (fold(f.text) for f in children_of(c) if dep(f) == "fixed"))
        got = store[tok.i] = " ".join(words)
    return got


def marked_by(tok: Token, cases: set[str]) -> bool:
    """Whether ``tok``'s phrase, and every noun phrase it is part of, is bare or introduced
    by one of ``cases`` ('los mineros de Bolivia': yes for {'', 'de'}; 'Líbano' in 'en el
    sur del Líbano': no, the phrase it is part of is a place)."""
    node = tok
    for _ in range(8):
        if case_of(node) not in cases:
            return False
        if node.head.i == node.i or node.head.pos_ not in _HEAD_POS:
            return True
        node = node.head
    return True


class _Table:
    """What the choosers read of every token of a document, read once per document:
    head index, dependency label (UD), part of speech, entity label, whether it is in title
    case and where its sentence starts."""

    __slots__ = ("heads", "deps", "pos", "ents", "title", "sent_start")

    def __init__(self, doc: Any) -> None:
        # one array read instead of a Token object and a string look-up per token and field
        heads = token_column(doc, HEAD)  # offsets, some negative
        rows = token_rows(doc, (DEP, POS, ENT_TYPE, IS_TITLE))  # hashes: unsigned
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def name(key: int) -> str:
            got = names.get(key)
            if got is None:
                got = names[key] = strings[key] if key else ""
            return got

        self.heads = [i + h for i, h in enumerate(heads)]
        self.deps = [dep_of_hash(r[0], strings) for r in rows]
        self.pos = [name(r[1]) for r in rows]
        self.ents = [name(r[2]) for r in rows]
        self.title = [bool(r[3]) for r in rows]
        self.sent_start = [start for start, _ in sentence_bounds(doc)]

    def ancestors(self, i: int) -> list[int]:
        """``i`` and the indices above it, up to the root (at most 40)."""
        out = [i]
        heads = self.heads
        while heads[out[-1]] != out[-1] and len(out) < 40:
            out.append(heads[out[-1]])
        return out


def _table(doc: Any) -> _Table:
    store = doc_cache(doc, "recipient.table")
    table = store.get(0)
    if table is None:
        table = store[0] = _Table(doc)
    return table


def _ancestors(tok: Token) -> list[int]:
    return _table(tok.doc).ancestors(tok.i)


def dep_path(cand: Token, trig: Token, down: list[int] | None = None) -> tuple[str, int]:
    """The labels from ``cand`` up to the lowest common ancestor and down to ``trig``
    ('obj^' = the trigger's object; 'nmod^obj^' = inside its object; '^obj' = the candidate
    governs the trigger), cut at a few steps, and the path's length. ``down``: the indices
    of the trigger's ancestors, when already known."""
    table = _table(cand.doc)
    up = table.ancestors(cand.i)
    down = down if down is not None else table.ancestors(trig.i)
    down_i = {t: n for n, t in enumerate(down)}
    deps = table.deps
    for n, t in enumerate(up):
        if t in down_i:
            k = down_i[t]
            ups = [deps[x] for x in up[:n]][:_MAX_PATH]
            downs = [deps[x] for x in down[:k]][:_MAX_PATH]
            return "^".join(ups) + "^|" + "v".join(reversed(downs)), n + k
    return "none", 99


def _bucket(n: int) -> str:
    return _BUCKETS[max(n, 0)] if n < len(_BUCKETS) else "far"


# _bucket's answer for 0..15: the smallest cap of (1, 2, 4, 8, 15) at or above n
_BUCKETS = tuple(next(str(c) for c in (1, 2, 4, 8, 15) if n <= c) for n in range(16))


def candidates(trig: Token, skip: frozenset[int]) -> list[Any]:
    """Noun phrase heads of the trigger's sentence, other than the trigger's own words."""
    doc = trig.doc
    store = doc_cache(doc, "recipient.candidates")
    start, end = sentence_bounds(doc)[trig.i]
    heads = store.get(start)
    toks = tokens_of(doc)
    if heads is None:
        table = _table(doc)
        heads = store[start] = [
            i for i in range(start, end) if table.pos[i] in _HEAD_POS
            and table.deps[i] not in _INNER and not toks[i].is_punct]
    return [toks[i] for i in heads if i not in skip]


def features(trig: Token, cand: Token, event: str, mode: str | None, other: Any,
             rule: Any, code: str | None, label: str, down: list[int] | None = None) -> list[str]:
    """Binary features of ``cand`` as an argument (recipient or actor: one model each) of the
    trigger headed by ``trig``. ``rule`` is the rules' token for that role, ``other`` theirs
    for the other role (or None), ``code`` the actor code of the candidate's phrase (None: no
    actor mention), ``label`` its entity label."""
    return _TriggerFeatures(trig, event, mode, other, rule, down).of(cand, code, label)


class _TriggerFeatures:
    """:func:`features` for the candidates of one trigger: what depends on the trigger alone
    is read once, what depends on the candidate alone once per document (the same strings,
    in the same order)."""

    __slots__ = ("table", "trig_i", "down", "down_i", "event", "rule_i", "other_i", "pos",
                 "head", "tail", "cands")

    def __init__(self, trig: Token, event: str, mode: str | None, other: Any, rule: Any,
                 down: list[int] | None = None) -> None:
        table = self.table = _table(trig.doc)
        self.trig_i = trig.i
        down = self.down = down if down is not None else table.ancestors(trig.i)
        self.down_i = {t: n for n, t in enumerate(down)}
        self.event = event
        self.rule_i = rule.i if rule is not None else None
        self.other_i = other.i if other is not None else None
        self.pos = "trig_noun" if table.pos[trig.i] in _HEAD_POS else "trig_verb"
        self.head = (self.pos, f"ev={event}")
        self.tail = f"mode={mode or '-'}"
        self.cands = doc_cache(trig.doc, "recipient.cand_features")

    def _cand(self, i: int, tok: Token) -> tuple[Any, ...]:
        """What :func:`features` reads of the candidate alone."""
        got = self.cands.get(i)
        if got is None:
            table = self.table
            case = case_of(tok) or "-"
            got = self.cands[i] = (
                table.ancestors(i), case, f"case={case}", table.deps[i],
                f"pos={table.pos[i]}", f"dep={table.deps[i]}",
                table.title[i] and i > table.sent_start[i])
        return got

    def of(self, cand: Token, code: str | None, label: str) -> list[str]:
        i = cand.i
        up, case, case_f, cand_dep, pos_f, dep_f, capitalised = self._cand(i, cand)
        # dep_path
        down, down_i, deps = self.down, self.down_i, self.table.deps
        path, length = "none", 99
        for n, t in enumerate(up):
            if t in down_i:
                k = down_i[t]
                ups = [deps[x] for x in up[:n]][:_MAX_PATH]
                downs = [deps[x] for x in down[:k]][:_MAX_PATH]
                path, length = "^".join(ups) + "^|" + "v".join(reversed(downs)), n + k
                break
        trig_i, event, pos = self.trig_i, self.event, self.pos
        side = "before" if i < trig_i else "after"
        sector = (code[3:] if len(code) > 3 else code) if code else ""
        coded = code is not None
        is_rule = self.rule_i is not None and self.rule_i == i
        other_i = self.other_i
        is_other = other_i is not None and other_i == i
        # the strings of small closed sets are built once per process and reused (a reused
        # string keeps its hash, which the weights' look-up then need not compute again)
        key = (event, case, side, pos, coded)
        joint = _JOINT.get(key)
        if joint is None:
            if len(_JOINT) > 50_000:
                _JOINT.clear()
            joint = _JOINT[key] = (f"side={side}", f"ev_case={event}|{case}",
                                   f"ev_side={event}|{side}", f"case_side={case}|{side}",
                                   f"trig_case={pos}|{case}", f"ev_coded={event}|{coded}")
        f = [
            "bias", f"path={path}", _LEN[length] if length < 16 else f"len={_bucket(length)}",
            case_f, joint[0],
            _DIST[abs(i - trig_i)] if abs(i - trig_i) < 16 else "dist=far",
            _named("ent=", label or "-"),
            "coded=yes" if coded else "coded=no", _named("sector=", sector or "-"),
            pos_f, dep_f, pos,
            self.head[1], joint[1], joint[2], joint[3], self.tail, joint[4], joint[5],
            f"path_case={path}|{case}",
        ]
        if is_rule:
            f += ["rule", f"rule_ev={event}"]
        if self.rule_i is None:
            f.append("rule_none")
        if is_other:
            f.append("is_other")
        # (an 'in_other' feature -- a bare phrase inside the other role's phrase -- never fired
        # because of a defaulting bug; made to fire and retrained, grouped CV on fit gave the
        # same 262.6 of 420 targets right, so it was removed: docs/benchmarks.md, args8)
        if i in down:  # the trigger is in the candidate's subtree
            f.append("governs_trigger")
        if capitalised:
            f.append("capitalised")
        return f


# :meth:`_TriggerFeatures.of`'s strings of small closed sets, built once
_JOINT: dict[tuple[str, str, str, str, bool], tuple[str, ...]] = {}
_NAMED: dict[tuple[str, str], str] = {}
_LEN = tuple(f"len={_bucket(n)}" for n in range(16))
_DIST = tuple(f"dist={_bucket(n)}" for n in range(16))


def _named(prefix: str, value: str) -> str:
    """``prefix + value``, the same string object each time."""
    got = _NAMED.get((prefix, value))
    if got is None:
        if len(_NAMED) > 10_000:
            _NAMED.clear()
        got = _NAMED[(prefix, value)] = prefix + value
    return got


@dataclass
class RecipientModel:
    """Logistic weights over :func:`features` and the two decision thresholds."""

    weights: dict[str, float]
    take: float  # a candidate where the rules found none needs this probability
    margin: float  # to replace the rules' pick, its probability must exceed the pick's by this

    def prob(self, feats: list[str]) -> float:
        z = sum(map(self.weights.get, feats, repeat(0.0, len(feats))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def choose(self, rows: list[Choice]) -> Choice | None:
        """The row to take as recipient, or None to keep the rules' answer."""
        if not rows:
            return None
        get, exp = self.weights.get, math.exp
        scored = []
        for r in rows:  # (:meth:`prob`, without a method call per row)
            z = sum(map(get, r.feats, repeat(0.0, len(r.feats))))
            scored.append((1.0 / (1.0 + exp(-max(-30.0, min(30.0, z)))), r))
        p_best, best = max(scored, key=lambda s: s[0])
        picked = next((s for s in scored if s[1].rule), None)
        if best.rule:
            return None
        if picked is None:
            return best if p_best >= self.take else None
        return best if p_best >= picked[0] + self.margin and p_best >= self.take else None


def load(ref: Traversable) -> RecipientModel:
    """The chooser in a weights file (``data/models/<role>_<code>.json``)."""
    data = json.loads(ref.read_text(encoding="utf-8"))
    return RecipientModel(dict(data["weights"]), float(data["take"]), float(data["margin"]))


def recipient_model(lang: str | LanguageBundle, role: str = "recipient") -> RecipientModel | None:
    """The shipped chooser of a language for ``role`` ('recipient' or 'actor'), loaded once per
    bundle (:meth:`LanguageBundle.model_file`); None when the language has none or when
    ``CRONICA_NO_RECIPIENT_MODEL`` is set."""
    if os.environ.get(NO_RECIPIENT_MODEL_ENV):
        return None
    return as_bundle(lang).resource(f"events.{role}_chooser", lambda b: _load(b, role))


def _load(bundle: LanguageBundle, role: str) -> RecipientModel | None:
    ref = bundle.model_file(role, "json")
    return load(ref) if ref is not None else None


def rows_for(trig: Token, event: str, mode: str | None, other: Any, rule: Any,
             skip: frozenset[int], arg_span: Callable[[Any], tuple[int, int, str | None] | None],
             ) -> list[Choice]:
    """One :class:`Choice` per candidate with a span (``arg_span``: token -> (start, end,
    code or None), None when the phrase names no one)."""
    toks = candidates(trig, skip)
    if rule is not None and all(t.i != rule.i for t in toks):
        toks.append(rule)
    out = []
    feats = _TriggerFeatures(trig, event, mode, other, rule)
    ents = feats.table.ents
    rule_i = rule.i if rule is not None else None
    for t in toks:
        got = arg_span(t)
        if got is None:
            continue
        start, end, code = got
        out.append(Choice(t.i, start, end, feats.of(t, code, ents[t.i]), rule_i == t.i))
    return out


# -- training hook ----------------------------------------------------------------------
# scripts/train_recipient.py sets this to a list; the events coder then records, for each
# trigger, its span and the candidate rows (with the rules' pick marked)
RECORD: list[dict[str, Any]] | None = None
