"""Reading the parse around lexicon hits, for the actors stage: which agent word a country,
demonym or name belongs to, and whether a place name acts or only locates.

Labels are UD (read through :func:`cronica.stages.nlp.syntax.dep`; the English parser's
prepositions keep their ClearNLP ``prep``/``pobj`` shape); the few function words that matter
('en', 'de', 'por' / 'in', 'of', 'by') come from ``data/<lang>/actor_syntax.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cronica.stages.actors.lexicon import Entry, Lexicon, normalize
from cronica.stages.nlp.syntax import children_of, dep, doc_cache, folded_form, folded_lemma

# dependency labels (UD, read through syntax.dep) that keep a word inside a noun phrase
NP_UP = frozenset(
    {
        "amod",
        "nmod",
        "flat",
        "flat:name",
        "flat:foreign",
        "compound",
        "appos",
        "nmod:poss",
        "pobj",
        "prep",
        "nummod",
        "fixed",
        "npadvmod",
    }
)
SUBJ = frozenset({"nsubj", "nsubj:pass", "csubj", "expl:pass"})
ORG_KINDS = frozenset({"org", "group", "media"})
PLACE_KINDS = frozenset({"country", "capital", "demonym"})
MAX_UP = 4  # steps up the parse from a hit to the agent it modifies
MAX_GAP = 12  # tokens between a modifier and its agent: beyond, the parse has gone astray


@dataclass
class Item:
    """A lexicon hit or a person, placed on the parse."""

    idx: int
    kind: str  # entry kind, or 'person'
    start: int
    end: int
    tokens: list[int]
    root: Any  # spaCy token
    entry: Entry | None = None
    governor: int | None = None  # index of the agent/person item this one modifies
    governed: list[int] = field(default_factory=list)


class PhraseLinker:
    """Links the hits of one article: each country, demonym, organisation or name to the agent
    word it modifies (``Item.governor``), with the language's cue words."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        syn = lexicon.syntax
        self._locative = syn.get("locative", frozenset())
        self._attach = syn.get("attach", frozenset())
        self._agentive = syn.get("agentive", frozenset())
        self._backing = syn.get("backing", frozenset())
        self._dets = syn.get("determiners", frozenset())
        self._not_persons = syn.get("not_persons", frozenset())
        self._action_nouns = syn.get("action_nouns", frozenset())
        self._former = syn.get("former", frozenset())
        self._located = syn.get("located", frozenset())
        self._addressee = syn.get("addressee_verbs", frozenset())
        self._addressee_case = syn.get("addressee_case", frozenset())

    def link(self, items: list[Item]) -> dict[int, int]:
        """Fill ``governor``/``governed`` of every item; returns token index -> item index."""
        by_token: dict[int, int] = {}
        for it in items:
            for t in it.tokens:
                by_token.setdefault(t, it.idx)
        for it in items:
            if it.kind in PLACE_KINDS and _against(it):
                continue  # 'an anti-Iran reporter' is no Iranian reporter
            it.governor = self.governor(it, items, by_token)
            if it.governor is None and it.kind in ("demonym", "country"):
                it.governor = self.adjacent_agent(it, items, by_token)
            if it.governor is not None:
                items[it.governor].governed.append(it.idx)
        return by_token

    def single_name_ok(self, tok: Any) -> bool:
        """One-word 'persons' from the NER are often verbs or dateline months ('Señaló',
        'Jun'): keep capitalised words inside a sentence that are not on the language's list
        of known misfires."""
        if not tok.text[:1].isupper() or folded_form(tok) in self._not_persons:
            return False
        if self.lexicon.leader(tok.text) is not None:
            return True
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        return (
            not tok.is_sent_start
            and prev is not None
            and not prev.is_space
            and prev.text not in ("(", ")", "-", ":")
        )

    def agent_ok(self, span: Any) -> bool:
        """An agent word must be used as a noun: 'los militares', not 'comisión militar';
        an adjective counts on a noun of action ('ataques guerrilleros', 'operativo
        policial': the guerrilla, the police act), and any form in an all-capitals headline,
        whose tags are unreliable ('CAMPESINOS BLOQUEAN VIAS')."""
        if len(span) > 1:
            return True
        tok = span[0]
        if tok.pos_ in ("NOUN", "PROPN"):
            return True
        if _shouting(tok):
            return True
        if tok.pos_ == "ADJ":
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            return (
                dep(tok) not in ("amod", "advmod", "acl", "conj")
                or any(dep(c) == "det" for c in children_of(tok))
                or (prev is not None and prev.pos_ == "DET")
                or (dep(tok) == "amod" and self.on_action_noun(tok))
            )
        return False

    def on_action_noun(self, tok: Any) -> bool:
        """Is ``tok`` a modifier of a noun of action or proposal ('Argentine proposal',
        'ofensiva militar'), whose modifier names the one who acts?"""
        head = tok.head
        return head is not tok and head.pos_ in ("NOUN", "PROPN") and (
            folded_lemma(head) in self._action_nouns
            or folded_form(head) in self._action_nouns
        )

    def former(self, it: Item) -> bool:
        """'former President X', 'el ex presidente': a title held before (PLOVER ELI)."""
        toks = [it.root.doc[i] for i in it.tokens]
        kids = [c for t in toks for c in children_of(t) if c.i < it.tokens[0]]
        prev = it.root.doc[it.tokens[0] - 1] if it.tokens[0] > 0 else None
        words = {folded_form(c) for c in kids} | ({folded_form(prev)} if prev else set())
        return bool(words & self._former)

    def located(self, it: Item, items: list[Item], by_token: dict[int, int]) -> str | None:
        """'rebels in Chad', 'police forces in Mali', 'los rebeldes en Colombia': the
        country of a place an agent is located in (a country or capital the agent governs
        through a locative preposition), for an agent the text gives no other country."""
        for child in children_of(it.root):
            if dep(child) == "prep" and folded_form(child) in self._located:
                objs = [g for g in children_of(child) if dep(g) == "pobj"]
            elif dep(child) in ("nmod", "obl") and any(
                w in self._located for w in self._case_words(child)
            ):
                objs = [child]
            else:
                continue
            for o in objs:
                j = by_token.get(o.i)
                if j is not None and items[j].kind in ("country", "capital"):
                    entry = items[j].entry
                    return entry.country if entry else None
        return None

    def governor(self, it: Item, items: list[Item], by_token: dict[int, int]) -> int | None:
        """The agent or person item that ``it`` modifies, walking up noun-phrase links only."""
        if it.kind == "media":
            return None  # a news outlet is a source, never a modifier of another actor
        t = it.root
        own = set(it.tokens)
        if it.kind == "person":
            # a name joins a title only directly: 'el presidente colombiano, Gustavo Petro'
            if (
                dep(t) not in ("appos", "flat", "flat:name", "compound", "nmod")
                or self._case_words(t)
                or t.head is t
            ):
                return self._adjacent_title(it, items, by_token)
            j = by_token.get(t.head.i)
            if j is None or items[j].kind != "agent":
                return self._adjacent_title(it, items, by_token)
            # and nothing but the title's own phrase stands between them (a parse may hang
            # 'al mando de alias Esteban' on 'Paramilitares')
            prev = t.doc[it.tokens[0] - 1] if it.tokens[0] > 0 else None
            while prev is not None and prev.is_punct and prev.i > 0:
                prev = t.doc[prev.i - 1]
            if prev is None or prev.i < items[j].root.i:
                return j
            return j if self._reaches(prev, items[j].root.i) else None
        for _ in range(MAX_UP):
            label = dep(t)
            if label == "conj":
                # coordination inside a modifier ('estadounidenses e iraquíes'), never between
                # two actors: an agent or person in coordination stands on its own
                if it.kind in ("agent", "person"):
                    return None
                head_item = by_token.get(t.head.i)
                if head_item is not None and self._elided_demonym(it, t, items, by_token):
                    return head_item  # 'Diplomáticos franceses y alemanes' parsed as 2 nouns
                if head_item is None or items[head_item].kind not in PLACE_KINDS:
                    return None
            elif label not in NP_UP or t.head is t:
                return None
            if (it.kind != "demonym" and self.is_locative(t)) or self._blocked_prep(t):
                return None
            t = t.head
            j = by_token.get(t.i)
            if j is not None and t.i not in own and items[j].kind in ("agent", "person"):
                if self._across_coordination(t, it.start) or not _near(it, items[j]):
                    return None
                return j
        return None

    @staticmethod
    def _across_coordination(head: Any, start: int) -> bool:
        """A modifier after a coordinated noun belongs to that noun, whatever the parse says:
        'las patrullas y bombardeos de castigo de Francia'."""
        return any(dep(c) == "conj" and head.i < c.i and c.idx < start for c in children_of(head))

    def adjacent_agent(self, it: Item, items: list[Item], by_token: dict[int, int]) -> int | None:
        """Fallback when the parse hangs a nationality elsewhere: the agent word right next to
        it ('Israeli army bulldozers', 'MILITARES NORTEAMERICANOS'); a country name only before."""
        doc = it.root.doc
        after, before = it.tokens[-1] + 1, it.tokens[0] - 1
        sides = [after] if it.kind == "country" else [after, before]
        for i in sides:
            if (
                0 <= i < len(doc)
                and (j := by_token.get(i)) is not None
                and items[j].kind == "agent"
            ):
                if it.kind != "demonym" and self.is_locative(it.root):
                    return None
                return j
        return None

    @staticmethod
    def _adjacent_title(it: Item, items: list[Item], by_token: dict[int, int]) -> int | None:
        """Fallback when the parse links nothing: a title right before the name, at most a
        comma between ('el Presidente Ernesto Pérez Balladares')."""
        doc = it.root.doc
        i = it.tokens[0] - 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        j = by_token.get(i) if i >= 0 else None
        entry = items[j].entry if j is not None else None
        if j is not None and items[j].kind == "agent" and entry is not None \
                and "member" not in entry.flags:
            return j
        return None

    @staticmethod
    def _elided_demonym(it: Item, t: Any, items: list[Item], by_token: dict[int, int]) -> bool:
        """A bare demonym coordinated with 'agent + demonym' shares the agent noun."""
        head = by_token.get(t.head.i)
        if it.kind != "demonym" or head is None or items[head].kind != "agent":
            return False
        if any(dep(c) == "det" for c in children_of(t)):
            return False
        return any(
            dep(c) == "amod"
            and c.i < t.i
            and by_token.get(c.i) is not None
            and items[by_token[c.i]].kind == "demonym"
            for c in children_of(t.head)
        )

    def _reaches(self, tok: Any, target: int) -> bool:
        """Does ``tok`` hang on token ``target`` through noun-phrase links?"""
        t = tok
        for _ in range(MAX_UP + 2):
            if t.i == target:
                return True
            if dep(t) not in NP_UP and dep(t) != "conj" or t.head is t or self._blocked_prep(t):
                return False
            t = t.head
        return t.i == target

    def _case_words(self, t: Any) -> list[str]:
        # read once per token of a document (the list is shared: callers only read it)
        memo = doc_cache(t.doc, "actors.case_words")
        words: list[str] | None = memo.get(t.i)
        if words is None:
            words = memo[t.i] = [folded_form(c) for c in children_of(t)
                                 if dep(c) in ("case", "mark")]
            if dep(t) == "pobj":
                words.append(normalize(t.head.text))
        return words

    def is_locative(self, t: Any) -> bool:
        """'en Irak', 'in Baghdad': a preposition of place governs ``t`` or directly precedes it."""
        if any(w in self._locative for w in self._case_words(t)):
            return True
        prev = t.doc[t.i - 1] if t.i > 0 else None
        while prev is not None and folded_form(prev) in self._dets and prev.i > 0:
            prev = t.doc[prev.i - 1]
        return prev is not None and folded_form(prev) in self._locative and prev.i < t.i

    def _blocked_prep(self, t: Any) -> bool:
        """Through nmod/pobj only with an attaching preposition ('de', 'of')."""
        if dep(t) not in ("nmod", "pobj"):
            return False
        words = self._case_words(t)
        return bool(words) and not any(w in self._attach for w in words)

    def backer(self, it: Item, items: list[Item]) -> str | None:
        """'milicias respaldadas por Rusia', 'Russia-backed militias': the backer's country."""
        for child in children_of(it.root):
            if folded_lemma(child) in self._backing or folded_form(child) in self._backing:
                lo, hi = child.left_edge.i, child.right_edge.i
                for g in items:
                    if g.entry is not None and g.kind in PLACE_KINDS and lo <= g.root.i <= hi:
                        return g.entry.country
        return None

    def acts(self, tok: Any) -> bool:
        """Does a capital act: subject, passive agent ('por Washington'), possessor?"""
        t = tok
        while dep(t) == "conj" and t.head is not t:
            t = t.head
        if dep(t) in SUBJ or dep(t) in ("nmod:poss", "obl:agent"):
            return True
        if self._addressed(t):
            return True
        return any(w in self._agentive for w in self._case_words(t)) and t.head.pos_ in (
            "VERB",
            "AUX",
        )

    def _addressed(self, t: Any) -> bool:
        """The person a verb of judgement or influence is aimed at ('accused Moscow', 'urged
        Washington', 'called on Moscow', 'instó a Washington'): such a verb takes a person as
        its object (Levin 1993, judgement and advise verbs), so a capital there is its
        government, not a place ('visited Moscow', 'viajó a Moscú' stay places)."""
        if not self._addressee:
            return False
        d = dep(t)
        if d in ("obj", "iobj"):
            verb = t.head
        elif d == "pobj" and normalize(t.head.text) in self._addressee_case:
            verb = t.head.head  # 'called on Moscow'
        else:
            return False
        return verb.i != t.i and verb.pos_ == "VERB" and folded_lemma(verb) in self._addressee

    def nominal(self, tok: Any) -> bool:
        """A demonym used as a noun ('los iraquíes', 'Iraqis protested'), not an adjective."""
        if dep(tok) in ("amod", "compound", "advmod"):
            return False
        return tok.pos_ in ("NOUN", "PROPN") or any(dep(c) == "det" for c in children_of(tok))


def _against(it: Item) -> bool:
    """A place name after 'anti-' ('anti-Iran', 'anti-EEUU')."""
    doc, i = it.root.doc, it.tokens[0]
    return i >= 2 and doc[i - 1].text == "-" and normalize(doc[i - 2].text) == "anti"


def _shouting(tok: Any) -> bool:
    """A word of a sentence written in capitals (an AFP headline)."""
    if not tok.text.isupper() or len(tok.text) < 4:
        return False
    try:
        words = [t for t in tok.sent if t.is_alpha]
    except ValueError:
        return False
    return sum(t.text.isupper() for t in words) >= 0.8 * len(words)


_SENT_STARTS = "cronica_sent_starts"


def sent_start(tok: Any) -> int | None:
    """The index of the first token of ``tok``'s sentence, from a table built once per doc
    (``tok.sent`` walks the sentence on every call: quadratic over a long one); None for a
    doc without sentence boundaries."""
    doc = tok.doc
    starts = doc.user_data.get(_SENT_STARTS)
    if starts is None:
        starts = [0] * len(doc)
        try:
            for sent in doc.sents:
                starts[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        except ValueError:
            starts = []
        doc.user_data[_SENT_STARTS] = starts
    return starts[tok.i] if starts else None


def _near(a: Item, b: Item) -> bool:
    """Two items in one sentence with at most MAX_GAP tokens between them."""
    if sent_start(a.root) != sent_start(b.root):  # None for both: the gap alone decides
        return False
    gap = max(a.tokens[0], b.tokens[0]) - min(a.tokens[-1], b.tokens[-1])
    return gap <= MAX_GAP
