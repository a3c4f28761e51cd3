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

from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.syntax import (
    children_of,
    dep,
    dep_of_hash,
    doc_cache,
    folded_form,
    sentence_bounds,
    token_column,
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
    # the weight sum of ``feats`` when it was scored without building them (see
    # :meth:`_TriggerFeatures.score`); None: :meth:`RecipientModel.choose` sums ``feats``
    z: float | None = None


def case_of(tok: Token) -> str:
    """The folded preposition introducing ``tok`` ('' for none; 'frente a' in two words)."""
    store = doc_cache(tok.doc, "recipient.case_of")
    got = store.get(tok.i)
    if got is None:
        kids = children_of(tok)
        words = [_CONTRACTIONS.get(w, w) for w in
                 (folded_form(c) for c in kids if dep(c) in ("case", "mark") and c.i < tok.i)]
        for c in kids:
            if dep(c) == "case":
                # 'frente al' is 'frente a': contractions inside a locution too
                words.extend(_CONTRACTIONS.get(w, w) for w in
                             (folded_form(f) for f in children_of(c) if dep(f) == "fixed"))
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
        # one array read instead of a Token object and a string look-up per token and field;
        # each distinct hash of a column named once (a dict read per token, no call)
        heads = token_column(doc, HEAD)  # offsets, some negative
        strings = doc.vocab.strings
        deps, pos, ents = token_column(doc, DEP), token_column(doc, POS), token_column(doc, ENT_TYPE)
        dep_names = {k: dep_of_hash(k, strings) for k in set(deps)}
        names = {k: strings[k] if k else "" for k in {*pos, *ents}}
        self.heads = [i + h for i, h in enumerate(heads)]
        self.deps = [dep_names[k] for k in deps]
        self.pos = [names[k] for k in pos]
        self.ents = [names[k] for k in ents]
        self.title = [bool(k) for k in token_column(doc, IS_TITLE)]
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
                 "head", "tail", "cands", "down_s", "wtrig", "wjoint", "wcands")

    def __init__(self, trig: Token, event: str, mode: str | None, other: Any, rule: Any,
                 down: list[int] | None = None, w: _Weights | None = None) -> None:
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
        if w is not None:  # for :meth:`score`
            deps = table.deps
            downs = tuple([deps[x] for x in down[:_MAX_PATH]])
            # the downward half of a path reaching the trigger k steps below the common
            # ancestor (cut at _MAX_PATH labels); kept per process for each list of labels
            down_s = _DOWN_S.get(downs)
            if down_s is None:
                if len(_DOWN_S) > 20_000:
                    _DOWN_S.clear()
                down_s = _DOWN_S[downs] = tuple(
                    "v".join(reversed(downs[:k])) for k in range(_MAX_PATH + 1))
            self.down_s = down_s
            self.wtrig = w.trigger(self.pos, event, self.tail)
            self.wjoint: dict[tuple[str, bool, bool], tuple[float, ...]] = {}
            self.wcands = doc_cache(trig.doc, "recipient.cand_weights")

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

    def _path(self, up: list[int]) -> tuple[str, int]:
        """:func:`dep_path` from a candidate whose ancestors are ``up`` to the trigger."""
        down, down_i, deps = self.down, self.down_i, self.table.deps
        for n, t in enumerate(up):
            if t in down_i:
                k = down_i[t]
                ups = [deps[x] for x in up[:n]][:_MAX_PATH]
                downs = [deps[x] for x in down[:k]][:_MAX_PATH]
                return "^".join(ups) + "^|" + "v".join(reversed(downs)), n + k
        return "none", 99

    def of(self, cand: Token, code: str | None, label: str) -> list[str]:
        i = cand.i
        up, case, case_f, cand_dep, pos_f, dep_f, capitalised = self._cand(i, cand)
        path, length = self._path(up)
        trig_i, event, pos = self.trig_i, self.event, self.pos
        side = "before" if i < trig_i else "after"
        sector = (code[3:] if len(code) > 3 else code) if code else ""
        coded = code is not None
        is_rule = self.rule_i is not None and self.rule_i == i
        other_i = self.other_i
        is_other = other_i is not None and other_i == i
        # the strings of small closed sets are built once per process and reused (a reused
        # string keeps its hash, which the weights' look-up then need not compute again)
        joint = _joint(event, case, side, pos, coded)
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
        if i in self.down:  # the trigger is in the candidate's subtree
            f.append("governs_trigger")
        if capitalised:
            f.append("capitalised")
        return f

    def score(self, cand: Token, code: str | None, label: str, w: _Weights) -> float:
        """The model's weight sum over :meth:`of`'s features, without building them: the same
        weights (``weights.get(feature, 0.0)``) summed by ``sum`` in the same order, hence
        the same float. What depends on the candidate alone is read once per document, on
        the trigger alone once per trigger, and on small closed sets once per process
        (``w``); the dependency path is joined from a candidate's and a trigger's halves."""
        i = cand.i
        key = (w, i)
        c = self.wcands.get(key)
        if c is None:
            c = self.wcands[key] = self._cand_weights(i, cand, label, w)
        up, up_s, case, w_case, w_ent, w_pos, w_dep, w_cap = c
        down_i = self.down_i
        for n, t in enumerate(up):
            if t in down_i:
                k = down_i[t]
                m = n if n < _MAX_PATH else _MAX_PATH
                half = up_s[m]
                if half is None:
                    deps = self.table.deps
                    half = up_s[m] = "^".join([deps[x] for x in up[:m]]) + "^|"
                pair = (half, self.down_s[k if k < _MAX_PATH else _MAX_PATH], case)
                length = n + k
                break
        else:
            pair, length = ("", "none", case), 99
        wp = w.paths.get(pair)
        if wp is None:
            wp = w.path_weights(pair)
        trig_i = self.trig_i
        before = i < trig_i
        coded = code is not None
        jw = self.wjoint.get((case, before, coded))
        if jw is None:
            jw = self.wjoint[(case, before, coded)] = w.joint(
                self.event, case, "before" if before else "after", self.pos, coded)
        t0, t1, t2, t3, t4 = self.wtrig
        dist = i - trig_i if i > trig_i else trig_i - i
        ws = [
            t0, wp[0], w.lens[length] if length < 16 else w.len_far(length), w_case, jw[0],
            w.dists[dist] if dist < 16 else w.dist_far, w_ent,
            w.coded_yes if coded else w.coded_no,
            w.named("sector=", ((code[3:] if len(code) > 3 else code) if code else "") or "-"),
            w_pos, w_dep, t1, t2, jw[1], jw[2], jw[3], t3, jw[4], jw[5], wp[1],
        ]
        rule_i = self.rule_i
        if rule_i is None:
            ws.append(w.rule_none)
        elif rule_i == i:
            ws += [w.rule, t4]
        other_i = self.other_i
        if other_i is not None and other_i == i:
            ws.append(w.is_other)
        if i in self.down:
            ws.append(w.governs_trigger)
        if w_cap is not None:
            ws.append(w_cap)
        return sum(ws)

    def _cand_weights(self, i: int, cand: Token, label: str, w: _Weights) -> tuple[Any, ...]:
        """What :meth:`score` reads of the candidate alone: its ancestors, the upward halves
        of a path from it cut after 0-4 labels (built when first needed), its case, and the
        weights of its own features."""
        up, case, case_f, _, pos_f, dep_f, capitalised = self._cand(i, cand)
        up_s: list[str | None] = [None] * (_MAX_PATH + 1)  # filled as paths need them
        get = w.get
        return (up, up_s, case, get(case_f, 0.0), w.named("ent=", label or "-"),
                get(pos_f, 0.0), get(dep_f, 0.0), w.capitalised if capitalised else None)


def _joint(event: str, case: str, side: str, pos: str, coded: bool) -> tuple[str, ...]:
    """The features joining two of the event, case, side, trigger class and codedness."""
    key = (event, case, side, pos, coded)
    joint = _JOINT.get(key)
    if joint is None:
        if len(_JOINT) > 50_000:
            _JOINT.clear()
        joint = _JOINT[key] = (f"side={side}", f"ev_case={event}|{case}",
                               f"ev_side={event}|{side}", f"case_side={case}|{side}",
                               f"trig_case={pos}|{case}", f"ev_coded={event}|{coded}")
    return joint


class _Weights:
    """One model's weights of :meth:`_TriggerFeatures.of`'s features, read the way
    :meth:`RecipientModel.choose` reads them (``weights.get(feature, 0.0)``): those of fixed
    strings once, those of small closed sets once per member."""

    def __init__(self, weights: dict[str, float]) -> None:
        get = self.get = weights.get
        self.lens = tuple(get(s, 0.0) for s in _LEN)
        self.dists = tuple(get(s, 0.0) for s in _DIST)
        self.dist_far = get("dist=far", 0.0)
        self.coded_yes, self.coded_no = get("coded=yes", 0.0), get("coded=no", 0.0)
        self.rule, self.rule_none = get("rule", 0.0), get("rule_none", 0.0)
        self.is_other, self.governs_trigger = get("is_other", 0.0), get("governs_trigger", 0.0)
        self.capitalised = get("capitalised", 0.0)
        # (upward half, downward half, case) -> weights of 'path=' and 'path_case='
        self.paths: dict[tuple[str, str, str], tuple[float, float]] = {}
        self._joint: dict[tuple[str, str, str, str, bool], tuple[float, ...]] = {}
        self._named: dict[tuple[str, str], float] = {}
        self._trig: dict[tuple[str, str, str], tuple[float, ...]] = {}

    def path_weights(self, pair: tuple[str, str, str]) -> tuple[float, float]:
        up_s, down_s, case = pair
        path = up_s + down_s if up_s else down_s  # ('none': no common ancestor)
        if len(self.paths) > 100_000:
            self.paths.clear()
        got = self.paths[pair] = (self.get(f"path={path}", 0.0),
                                  self.get(f"path_case={path}|{case}", 0.0))
        return got

    def len_far(self, length: int) -> float:
        return self.get(f"len={_bucket(length)}", 0.0)

    def trigger(self, pos: str, event: str, tail: str) -> tuple[float, float, float, float, float]:
        """The weights of 'bias', the trigger's class, 'ev=', 'mode=' and 'rule_ev='."""
        key = (pos, event, tail)
        got = self._trig.get(key)
        if got is None:
            get = self.get
            got = self._trig[key] = (get("bias", 0.0), get(pos, 0.0), get(f"ev={event}", 0.0),
                                     get(tail, 0.0), get(f"rule_ev={event}", 0.0))
        return got  # type: ignore[return-value]

    def joint(self, event: str, case: str, side: str, pos: str, coded: bool) -> tuple[float, ...]:
        key = (event, case, side, pos, coded)
        got = self._joint.get(key)
        if got is None:
            if len(self._joint) > 50_000:
                self._joint.clear()
            got = self._joint[key] = tuple(self.get(s, 0.0)
                                           for s in _joint(event, case, side, pos, coded))
        return got

    def named(self, prefix: str, value: str) -> float:
        got = self._named.get((prefix, value))
        if got is None:
            if len(self._named) > 10_000:
                self._named.clear()
            got = self._named[(prefix, value)] = self.get(prefix + value, 0.0)
        return got


# the labels of a trigger's first steps up -> :attr:`_TriggerFeatures.down_s`
_DOWN_S: dict[tuple[str, ...], tuple[str, ...]] = {}
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
    _memo: _Weights | None = field(default=None, init=False, repr=False, compare=False)

    def memo(self) -> _Weights:
        """The weights read per feature part (:class:`_Weights`), built on the first call."""
        if self._memo is None:
            self._memo = _Weights(self.weights)
        return self._memo

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
            z = r.z if r.z is not None else sum(map(get, r.feats, repeat(0.0, len(r.feats))))
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
             model: RecipientModel | None = None) -> list[Choice]:
    """One :class:`Choice` per candidate with a span (``arg_span``: token -> (start, end,
    code or None), None when the phrase names no one). With ``model``, each row comes scored
    by it (``Choice.z``) and without its feature strings (which only training reads)."""
    toks = candidates(trig, skip)
    if rule is not None and all(t.i != rule.i for t in toks):
        toks.append(rule)
    out = []
    memo = model.memo() if model is not None else None
    feats = _TriggerFeatures(trig, event, mode, other, rule, w=memo)
    ents = feats.table.ents
    rule_i = rule.i if rule is not None else None
    for t in toks:
        got = arg_span(t)
        if got is None:
            continue
        start, end, code = got
        if memo is None:
            out.append(Choice(t.i, start, end, feats.of(t, code, ents[t.i]), rule_i == t.i))
        else:
            out.append(Choice(t.i, start, end, [], rule_i == t.i,
                              feats.score(t, code, ents[t.i], memo)))
    return out


def choose_for(trig: Token, event: str, mode: str | None, other: Any, rule: Any,
               skip: frozenset[int],
               arg_span: Callable[[Any], tuple[int, int, str | None] | None],
               model: RecipientModel) -> int | None:
    """``model.choose(rows_for(..., model))``'s token index (None: the rules' answer stays),
    without a :class:`Choice` per row: the same rows scored in the same order, the same
    probabilities, the first of equal best ones, the first row of the rules' pick."""
    toks = candidates(trig, skip)
    if rule is not None and all(t.i != rule.i for t in toks):
        toks.append(rule)
    memo = model.memo()
    feats = _TriggerFeatures(trig, event, mode, other, rule, w=memo)
    ents = feats.table.ents
    rule_i = rule.i if rule is not None else None
    exp, score = math.exp, feats.score
    best_i: int | None = None
    p_best = p_rule = 0.0
    best_rule = seen_rule = False
    for t in toks:
        got = arg_span(t)
        if got is None:
            continue
        i = t.i
        z = score(t, got[2], ents[i], memo)
        p = 1.0 / (1.0 + exp(-max(-30.0, min(30.0, z))))
        is_rule = rule_i == i
        if best_i is None or p > p_best:  # (``max``: the first of equal ones)
            best_i, p_best, best_rule = i, p, is_rule
        if is_rule and not seen_rule:
            seen_rule, p_rule = True, p
    if best_i is None or best_rule:
        return None
    if not seen_rule:
        return best_i if p_best >= model.take else None
    return best_i if p_best >= p_rule + model.margin and p_best >= model.take else None


# -- training hook ----------------------------------------------------------------------
# scripts/train_recipient.py sets this to a list; the events coder then records, for each
# trigger, its span and the candidate rows (with the rules' pick marked)
RECORD: list[dict[str, Any]] | None = None
