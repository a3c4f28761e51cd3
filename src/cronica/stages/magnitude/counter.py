"""Stage 'magnitude': how many were killed, injured, arrested, or took part.

Runs after 'events'. Finds quantity phrases ('al menos 35', 'killing 5', 'miles de',
'unos 200', 'decenas de'), decides from the words around them what they count, and sets
the ``dead``, ``injured``, ``arrested`` or ``size`` field of the event they belong to.

What a quantity counts:
- the counted noun itself: 'muertos', 'fatalities', 'heridos', 'detenidos' (``*_noun``);
- people ('civiles', 'people') counted by a verb: the object or passive subject of 'kill' /
  'matar' (dead), the subject of 'die' / 'morir' (dead), same for injure and arrest verbs;
  a participle on the noun ('5 people killed') counts too; a bare number can be the noun
  ('two were killed and three were wounded');
- otherwise participants ('manifestantes', 'students') give the crowd ``size`` of a
  gathering (PROTEST or MOBILIZE events only): the crowd nouns of the lexicon, and any noun
  the actors stage coded as people of a non-state sector ('agricultores' AGR, 'pilotos'
  LAB: :data:`PEOPLE_SECTORS`) or as a demonym noun ('miles de venezolanos'), never
  police, soldiers or officials watching a crowd.

Which event: the nearest event of the fitting type in the same sentence (ASSAULT for dead
and injured, COERCE for arrested, PROTEST/MOBILIZE for size), else the nearest event of the
same sentence for dead/injured/arrested, else the nearest earlier event of the fitting type
within ``CARRY_SENTENCES`` sentences ('... shelled the village. 2 fatalities.'); a crowd size
is carried so only from a sentence that tells no event of its own ('... exchanged 90
prisoners' counts captives, not the earlier protest's crowd). When an
event already has a value for a field, the larger one is kept.

Each value is ``{value, min, max, category, text, start, end}`` (docs/schema.md): ``value``
is the number the text states (None for vague words), ``min``/``max`` the range it
implies ('at least 35' -> min 35; 'miles' -> 2000-9999), ``category`` the vague word's
class ('thousands') or the modifier ('approx', 'at_least', ...), offsets into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from cronica.model import ArticleDoc, Event
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.magnitude.lexicon import MagnitudeLexicon, fold, load_lexicon
from cronica.stages.magnitude.scores import plover_score
from cronica.stages.nlp.syntax import children_of, clause_head, dep, morph_get, token_column

FIELDS = ("dead", "injured", "arrested", "size")
PREFERRED: dict[str, tuple[str, ...]] = {
    "dead": ("ASSAULT",), "injured": ("ASSAULT",), "arrested": ("COERCE",),
    "size": ("PROTEST", "MOBILIZE"),
}
CARRY_SENTENCES = 6
# material conflict (the PLOVER manual's quad category 4) and the project's FIGHT
_MATERIAL = frozenset({"PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"})
_DIGITS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$|^\d+$")
# UD labels, read through syntax.dep
_OBJ = ("obj", "iobj")
_PASS_SUBJ = ("nsubj:pass",)
_SUBJ = ("nsubj", "nsubj:pass")
#: sectors of people who make up a crowd when counted (the PLOVER/CAMEO sector codes of
#: data/sectors.tsv for civilians and social groups); state forces and officials are not
PEOPLE_SECTORS = frozenset(
    "CVL AGR LAB EDU MED HLH BUS REL JRN OPP REF ENV HRI ELI".split())


@dataclass
class Quantity:
    start: int  # first token (modifier included)
    end: int  # token after the number words
    value: int | None
    min: int | None
    max: int | None
    category: str | None

    def to_dict(self, doc: Doc) -> dict[str, Any]:
        span = doc[self.start:self.end]
        return {"value": self.value, "min": self.min, "max": self.max,
                "category": self.category, "text": span.text,
                "start": span.start_char, "end": span.end_char}


def parse_digits(text: str) -> int | None:
    """'35' -> 35, '1,200' / '1.200' -> 1200; None for anything else."""
    if not _DIGITS.match(text):
        return None
    return int(re.sub(r"[.,]", "", text))


def _year_like(tok: Token) -> bool:
    return len(tok.text) == 4 and tok.text.isdigit() and 1800 <= int(tok.text) <= 2100


def find_quantities(doc: Doc, lx: MagnitudeLexicon) -> list[Quantity]:
    """Every quantity phrase of the doc, left to right, not overlapping."""
    out: list[Quantity] = []
    strings = doc.vocab.strings  # (the words from their ORTH ids: no Token objects built)
    # (folded form, whether it starts with a digit) of each word, read once per process
    words = _WORDS
    if len(words) > 200_000:
        words.clear()
    orths = token_column(doc, ORTH)
    got = list(map(words.get, orths))  # (one C-level pass; the few misses read after)
    read: list[tuple[str, bool]] = (
        [r or _word(h, strings) for r, h in zip(got, orths, strict=True)]
        if None in got else got)  # type: ignore[assignment]  # (no None left)
    folded = [w for w, _ in read]
    n, longest = len(doc), lx.longest
    starts = lx.starts
    i = 0
    while i < n:
        w = folded[i]
        if w not in starts and " " not in w and not read[i][1]:
            i += 1  # no modifier, vague quantity, number or indefinite starts here
            continue
        q = _quantity_at(doc, folded, i, lx, longest)
        if q is None:
            i += 1
            continue
        out.append(q)
        i = q.end
    return out


# a form's ORTH hash -> (its folded form, whether it starts with a digit): :func:`find_quantities`
_WORDS: dict[int, tuple[str, bool]] = {}


def _word(key: int, strings: Any) -> tuple[str, bool]:
    text: str = strings[key]
    got = _WORDS[key] = (fold(text), text[:1].isdigit())
    return got


def _match(folded: list[str], i: int, table: dict, longest: int,
           firsts: frozenset[str] | None = None) -> tuple[int, Any] | None:
    """The longest form of ``table`` at token ``i``: (end token, its value), else None.
    ``firsts`` (the forms' first words) lets most tokens go without building any phrase."""
    if firsts is not None and i < len(folded) and folded[i] not in firsts and " " not in folded[i]:
        return None
    for k in range(min(longest, len(folded) - i), 0, -1):
        key = " ".join(folded[i:i + k])
        if key in table:
            return i + k, table[key]
    return None


def _quantity_at(doc: Doc, folded: list[str], i: int, lx: MagnitudeLexicon,
                 longest: int) -> Quantity | None:
    start, mod = i, None
    m = _match(folded, i, lx.mods, longest, lx.first_words["mods"])
    if m is not None:
        i, mod = m
    if i >= len(doc):
        return None
    vague = _match(folded, i, lx.vague, longest, lx.first_words["vague"])
    if vague is not None:
        end, v = vague
        return Quantity(start, end, None, v.min, v.max, v.category)
    value, end = _number(doc, folded, i, lx, longest)
    if value is None and mod is None and folded[i] in lx.words.get("indef", ()) \
            and dep(doc[i]) == "det":
        return Quantity(i, i + 1, 1, None, None, "indefinite")  # 'a man was killed'
    if value is None:
        return None
    if mod is None and _year_like(doc[i]):
        return None  # '2022 protests', 'in 2021': a year, not a count
    lo = hi = None
    if mod == "at_least":
        lo = value
    elif mod == "more_than":
        lo = value + 1
    elif mod == "up_to":
        hi = value
    elif mod == "fewer_than":
        hi = max(value - 1, 0)
    return Quantity(start, end, value, lo, hi, mod)


def _number(doc: Doc, folded: list[str], i: int, lx: MagnitudeLexicon,
            longest: int) -> tuple[int | None, int]:
    """The number starting at token ``i`` (digits, or number words with scales and 'and'/'y'
    / '-' joiners: 'treinta y cinco', 'twenty-five', 'two hundred', '3 mil'); (None, i) if none."""
    tok = doc[i]
    digits = parse_digits(tok.text)
    total, current, j = 0, 0, i
    if digits is not None:
        current, j = digits, i + 1
    else:
        m = _match(folded, i, lx.nums, longest, lx.first_words["nums"])
        if m is None:
            return None, i
        j, current = m
    while j < len(doc):
        w = folded[j]
        if w in lx.scales:
            current = max(current, 1) * lx.scales[w]
            total, current, j = total + current, 0, j + 1
            continue
        if w in ("y", "and", "-") and j + 1 < len(doc) and folded[j + 1] in lx.nums:
            j += 1
        if w in lx.nums and digits is None and lx.nums[w] < 10 <= current:
            current, j = current + lx.nums[w], j + 1
            continue
        break
    return total + current, j


def counted_field(doc: Doc, q: Quantity, lx: MagnitudeLexicon,
                  people: frozenset[int] = frozenset()) -> tuple[str | None, Any]:
    """(field, the counted token) of a quantity: 'dead', 'injured', 'arrested', 'size' or None.
    ``people``: token indices of nouns coded as people of a :data:`PEOPLE_SECTORS` sector.

    An indefinite article counts one only as a victim or detainee ('a man was killed'),
    never a crowd."""
    name, counted = _counted_field(doc, q, lx, people)
    if name == "size" and q.value == 1:
        return None, None  # 'un dirigente estudiantil dijo': one person is no crowd
    if q.category == "indefinite" and (name == "size" or counted is None
                                       or counted.pos_ not in ("NOUN", "PROPN")):
        return None, None
    return name, counted


def _counted_field(doc: Doc, q: Quantity, lx: MagnitudeLexicon,
                   people: frozenset[int] = frozenset()) -> tuple[str | None, Any]:
    number = doc[q.end - 1]
    noun = _counted_noun(doc, q)
    if noun is not None:
        for name in ("dead", "injured", "arrested"):
            if lx.has(f"{name}_noun", noun.lemma_) or lx.has(f"{name}_noun", noun.text):
                return name, noun
        state = _state_modifier(noun, lx)
        if state is not None:
            return state, noun
    target = noun if noun is not None else number
    verb_field = _verb_field(target, lx)
    if verb_field is None and noun is not None and number.i != noun.i:
        # 'detuvo a una docena de manifestantes', 'arrested dozens of protesters', 'wounded
        # dozens in the attack': the quantity word itself is the verb's object
        verb_field = _verb_field(number, lx)
        target = number if verb_field is not None else target
    if verb_field is not None:
        return verb_field, target
    if noun is not None and (lx.has("crowd_noun", noun.lemma_) or lx.has("crowd_noun", noun.text)
                             or noun.i in people):
        return "size", noun
    return None, None


def _state_modifier(noun: Token, lx: MagnitudeLexicon) -> str | None:
    """dead / injured / arrested from an adjective of that state after the counted noun:
    'dejó tres soldados muertos', 'cinco manifestantes heridos' (a predicative adjective
    the parser hangs on the noun), or an object predicative the parser hangs on the verb
    whose object the noun is ('left 30 people dead': CGEL ch. 4, complex-transitive
    'leave'; spaCy's 'oprd', UD 'xcomp')."""
    mods = [c for c in children_of(noun) if dep(c) in ("amod", "acl")]
    if dep(noun) == "obj" and noun.head.i < noun.i:
        mods.extend(c for c in children_of(noun.head) if dep(c) in ("oprd", "xcomp"))
    for c in mods:
        if c.i < noun.i or c.pos_ not in ("ADJ", "VERB"):
            continue
        for name in ("dead", "injured", "arrested"):
            if lx.has(f"{name}_noun", c.lemma_) or lx.has(f"{name}_noun", c.text):
                return name
    return None


def _counted_noun(doc: Doc, q: Quantity) -> Token | None:
    """The noun the quantity counts: its nummod head, else the first noun (or adjective used
    as one: 'heridos') in the next three tokens, across 'de'/'of'."""
    number = doc[q.end - 1]
    if dep(number) in ("nummod", "det") and number.head.i >= q.end \
            and number.head.pos_ in ("NOUN", "PROPN"):
        return number.head
    if q.category == "indefinite":
        return None
    for tok in doc[q.end:min(q.end + 3, len(doc))]:
        if tok.pos_ in ("NOUN", "ADJ", "PROPN") or (tok.pos_ == "VERB" and "Part" in morph_get(tok, "VerbForm")
                                                    and dep(tok) != "ROOT" and tok.i == q.end):
            return tok
        if tok.lower_ not in ("de", "of", "del", "the", "los", "las") and tok.pos_ not in ("ADP", "DET"):
            return None
    return None


def _verb_field(tok: Token, lx: MagnitudeLexicon) -> str | None:
    """dead / injured / arrested from the verb that takes ``tok`` as its object (active) or
    subject (passive, or 'die'); or from a participle on ``tok`` ('5 people killed')."""
    verbs: list[tuple[Any, str]] = []
    for _ in range(3):  # 'Two guards and one national were killed': the first conjunct's role
        if dep(tok) != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    head = tok.head
    if head.i != tok.i and head.pos_ in ("VERB", "AUX", "ADJ"):
        verbs.append((head, dep(tok)))
    if dep(tok) == "pobj" and head.head.pos_ == "VERB" and head.lower_ in ("a",):
        verbs.append((head.head, "obj"))
    verbs.extend((c, "part") for c in children_of(tok) if dep(c) in ("acl", "amod")
                 and "Part" in morph_get(c, "VerbForm"))
    predicated = _predicate_field(tok, lx)
    if predicated is not None:
        return predicated
    for verb, role in verbs:
        lemma = verb.lemma_
        passive = role in _PASS_SUBJ or any(
            dep(c) == "aux:pass" or dep(c) == "aux" and lx.has("passive_aux", c.lemma_)
            and "Part" in morph_get(verb, "VerbForm") for c in children_of(verb))
        for name, cue in (("dead", "kill_verb"), ("injured", "injure_verb"), ("arrested", "arrest_verb")):
            if not lx.has(cue, lemma):
                continue
            if role in _OBJ or role == "part" or (passive and role in _SUBJ) or role == "obj":
                return name
        if lx.has("die_verb", lemma) and role in _SUBJ:
            return "dead"
    return None


# how a parser attaches a predicative complement ('resultaron heridos', 'were left injured')
_PREDICATE_DEPS = ("obj", "xcomp", "acomp", "attr", "oprd")


def _predicate_field(tok: Token, lx: MagnitudeLexicon) -> str | None:
    """dead / injured / arrested when ``tok`` is the subject of a verb whose predicative
    complement is an adjective or participle of that state: 'tres agentes resultaron
    heridos', 'dos policías quedaron detenidos', 'five were left injured' (copular
    predication: the subject is in the state the complement names)."""
    if dep(tok) not in ("nsubj",) or tok.head.i == tok.i:
        return None
    for c in children_of(tok.head):
        if dep(c) not in _PREDICATE_DEPS or c.i < tok.i:
            continue
        if c.pos_ != "ADJ" and "Part" not in morph_get(c, "VerbForm"):
            continue
        for name in ("dead", "injured", "arrested"):
            if lx.has(f"{name}_noun", c.lemma_) or lx.has(f"{name}_noun", c.text):
                return name
    return None


class MagnitudeCounter:
    """Stage 'magnitude' (after 'events')."""

    name = "magnitude"

    def __init__(self, lang: str | LanguageBundle) -> None:
        self.bundle = as_bundle(lang)
        self.lang = self.bundle.code
        load_lexicon(self.bundle)  # fail early for a language without magnitude.tsv

    def run(self, adoc: ArticleDoc) -> None:
        for e in adoc.events:
            e.plover_score = plover_score(e.event, e.mode)
        doc = adoc.doc
        if doc is None or not adoc.events:
            return
        lx = load_lexicon(self.bundle)
        last: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}  # (event, field) -> clause
        people = frozenset(m.head for m in adoc.actors if m.head is not None and (
            m.sector in PEOPLE_SECTORS
            # a demonym used as a noun names people ('miles de venezolanos', 'Georgians')
            or (m.kind == "agent" and not m.sector and len(m.code) == 3)))
        for q in find_quantities(doc, lx):
            name, counted = counted_field(doc, q, lx, people)
            if name is None:
                continue
            start = doc[q.start].idx
            event = _event_for(adoc, name, adoc.sentence_of(start), start)
            if event is None:
                continue
            value = q.to_dict(doc)
            old = getattr(event, name)
            clause = clause_head(counted, max_steps=12)
            prev = last.get((event.id, name))
            if old is not None and prev is not None and prev[0] == clause and prev[1] is old \
                    and dep(counted) == "conj":
                value = _sum(old, value, doc)  # 'two guards and one national were killed'
            elif old is not None and _size(value) <= _size(old):
                continue
            setattr(event, name, value)
            last[(event.id, name)] = (clause, value)


def _sum(a: dict[str, Any], b: dict[str, Any], doc: Doc) -> dict[str, Any]:
    """Two conjoined counts of one clause as one value, spanning both."""
    def add(x: int | None, y: int | None) -> int | None:
        return x + y if x is not None and y is not None else None

    start, end = min(a["start"], b["start"]), max(a["end"], b["end"])
    return {"value": add(a["value"], b["value"]), "min": add(a["min"], b["min"]),
            "max": add(a["max"], b["max"]), "category": a["category"] or b["category"],
            "text": doc.text[start:end], "start": start, "end": end}


def _size(v: dict[str, Any]) -> int:
    for key in ("value", "max", "min"):
        if isinstance(v.get(key), int):
            return v[key]
    return 0


def _event_for(adoc: ArticleDoc, name: str, sentence: int, char: int) -> Event | None:
    preferred = PREFERRED[name]
    live = [e for e in adoc.events if e.aux_mode != "negation"]
    same = [e for e in live if e.trigger.sentence == sentence]
    fitting = [e for e in same if e.event in preferred]
    # else an act of force or protest: a visit, a talk or a pledge has no dead (the PLOVER
    # manual's information fields dead/injured/size belong to material conflict)
    pool = fitting or ([e for e in same if e.event in _MATERIAL] if name != "size" else [])
    if pool:
        return min(pool, key=lambda e: abs(e.trigger.start - char))
    if name == "size" and same:
        return None  # a count in a sentence that tells another act: its people, no crowd's
    earlier = [e for e in live if e.event in preferred
               and 0 < sentence - e.trigger.sentence <= CARRY_SENTENCES]
    return max(earlier, key=lambda e: e.trigger.start, default=None)
