"""Actor and recipient of an event trigger, found through the dependency parse.

Arguments come from ``adoc.actors`` (the actors stage) whenever a mention lies in the
argument's phrase; otherwise the phrase itself is returned with an empty code, so every
event stays traceable to its words.

Conventions (see docs of :func:`find_args`):
- verbs: subject = actor; passive subject = recipient and the 'por'/'by' agent = actor;
  object, indirect object or a recipient preposition ('a', 'contra', 'con') = recipient;
  with no such recipient, a coded addressee inside the complement ('demanded that the US
  cancel', 'offered to hand them over to Britain');
- nouns: 'por' / 'por parte de' / a coded or proper-name 'de' phrase / a coded demonym =
  actor, except for nouns of arrest, kidnapping and killing whose 'de' phrase names the
  victim; 'contra'/'a' = recipient; a noun object of a *support* verb takes the verb's
  subject as actor ('realizaron una huelga'), of any other verb not ('reprimieron la marcha');
- a bare event noun after 'en' / 'on' is a state of its holder ('los mineros, en huelga', 'se
  declararon en huelga'); a protest noun's 'de' + determiner + plural noun names its doers
  ('la huelga de los pilotos'); a target inside a bare 'de' complement is the noun's
  recipient ('manifestación de protesta contra X', 'de apoyo a X');
- a head with no mention of its own is coded from a mention in its phrase only through
  genitive complements ('miembros de las FARC'), never through a place or a target ('un
  ataque ... en el sur del Líbano', 'una protesta contra el gobierno');
- xcomp / conj / advcl verbs inherit the governing verb's subject ('acuerdan iniciar');
- a reciprocal act in the complement of a verb of calling or asking is had with the one it
  addresses ('convocó a los rebeldes para iniciar el diálogo'); the premises a 'tomar
  @premises' trigger takes are its recipient; a bare participle coordinated with a passive is
  passive ('fue saqueado e incendiado por X'); a relative pronoun object stands for its
  antecedent ('a los periodistas, a los que acusa');
- coordinated subjects of reciprocal events ('Chile y Perú han acordado'): one
  event, actor = first conjunct, recipient = the next one, unless a recipient is found.
- number agreement corrects the parse: a subject relative's antecedent agrees with its verb
  ('veinte acusados por el tribunal, que se encontraban'), of two subjects the agreeing one
  acts, a subject hung as the apposition of a fronted complement ('En Lima, decenas de miles
  de personas se manifestaron') is the subject; an event noun as subject passes its own actor
  ('la huelga de los pilotos paralizó'); a count after an event noun counts its doers;
- an attack noun that is the means of a passive verb has the verb's agent and patient ('fueron
  repelidos con disparos por la policía'); a classifier noun ('una serie de protestas') passes
  its carrying verb's subject;
- a demand or protest is aimed at whoever is to leave office (``ouster`` nouns: 'la renuncia
  del ministro'; 'su renuncia' -> :func:`possessive_antecedent`, the person or office named
  before, in the sentence or the one before).
The events stage adds: a personal-pronoun subject inside reported speech is the speaker, so
is the dropped subject of a reported verb group ('aseguró que ha atacado', 'continuarán
manifestando'); a reciprocal event with no actor takes the speaker ('Austin dijo que las
discusiones'); a month or weekday read as subject is no actor; an all-capital headline's
trigger takes the first actor named before it on the line (:func:`headline_subject`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection
from typing import Any

from spacy.attrs import HEAD, LEMMA, POS
from spacy.symbols import NOUN
from spacy.tokens import Token

from cronica.model import ActorMention, ArticleDoc, EventArg
from cronica.read.dateline import find_dateline
from cronica.stages.events.lexicon import Cues, fold
from cronica.stages.nlp.models import doc_text
from cronica.stages.nlp.syntax import (
    children_of,
    dep,
    doc_cache,
    folded_form,
    folded_lemma,
    folded_string,
    morph_get,
    sentence_bounds,
    sentence_of,
    token_column,
    tokens_of,
)

# UD labels, read through syntax.dep
_SUBJ = frozenset({"nsubj", "csubj"})
_PASS_SUBJ = frozenset({"nsubj:pass"})
_OBJ = frozenset({"obj", "iobj", "dative"})
_OBL = frozenset({"obl", "nmod", "prep", "obl:arg"})
_AGENT = frozenset({"obl:agent"})
_INHERIT = frozenset({"xcomp", "conj", "advcl"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# event types whose 'X de Y' noun phrase names the victim, not the doer
_PATIENT_GENITIVE_TYPES = frozenset({"COERCE", "SANCTION", "CONCEDE"})
# acts of violence, whose town in the genitive is their site ('la masacre de X'), not a
# metonymy for its people as a protest's town is
_SITE_GENITIVE_TYPES = frozenset({"ASSAULT", "FIGHT"})
# event types whose noun takes its topic with 'por' ('protesta por el alza', 'condena por el
# atentado'); their agent comes with 'por parte de' or 'de'
_TOPIC_POR_TYPES = frozenset(
    {"PROTEST", "REQUEST", "REJECT", "ACCUSE", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"}
)
_PATIENT_GENITIVE_MODES = frozenset({"targeted", "abduct", "torture", "arrest", "release"})
# event types whose noun, once its agent is named with 'por'/'by', takes its 'de'/'of' phrase
# as the patient: a deverbal noun has one agent, so beside a 'por' agent the 'de' complement
# is the object ('la invasión de Irak liderada por Estados Unidos', 'la ocupación de Crimea
# por Rusia'; RAE, Nueva gramática, the objective genitive of action nouns)
_AGENT_SETS_PATIENT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# named-entity labels that never name a participant ('on Sunday', 'two days')
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_COUNT_ENTS = frozenset({"CARDINAL", "QUANTITY"})
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})


class ActorIndex:
    """Token index -> the actor mention covering it, built once per article."""

    def __init__(self, adoc: ArticleDoc, genitive: frozenset[str] = frozenset()) -> None:
        self.adoc = adoc
        # prepositions of a complement that belongs to a head's own phrase ('miembros de las
        # FARC'); a mention behind any other ('un ataque ... en el sur del Líbano', 'una
        # protesta contra el gobierno') is a place or a target, not the head's own name
        self.genitive = genitive
        self.by_token: dict[int, ActorMention] = {}
        # tokens reached by coreference from another sentence ('su renuncia' -> the minister
        # named before): the events stage keeps them although outside the trigger's sentence
        self.antecedents: set[int] = set()
        # (token index, trigger index or None) -> to_arg's answer, for the learned choosers,
        # which ask it for every noun phrase of a sentence once per trigger
        self.arg_cache: dict[tuple[int, int | None], EventArg | None] = {}
        line = find_dateline(adoc.article.text)
        # the dateline ('Kuala Lumpur, 28 jul (AFP).-') is never an actor or a recipient
        self.dateline = (line.start("place"), line.end()) if line is not None else (0, 0)
        doc = adoc.doc
        for m in adoc.actors:
            span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):  # (no Token built per word)
                self.by_token.setdefault(i, m)
        self._sorted: list[int] = sorted(self.by_token)  # its token indices, in order

    def _mention_between(self, lo: int, hi: int) -> bool:
        """Whether a mention covers a token index from ``lo`` to ``hi`` (both included)."""
        keys = self._sorted
        if len(keys) != len(self.by_token):
            keys = self._sorted = sorted(self.by_token)
        k = bisect_left(keys, lo)
        return k < len(keys) and keys[k] <= hi

    def mention_in(self, tok: Token) -> ActorMention | None:
        """The mention covering ``tok``, else the nearest one inside its phrase."""
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        if not self.by_token:
            return None  # an article without actor mentions: no phrase to walk
        if not self._mention_between(tok.left_edge.i, tok.right_edge.i):
            return None  # no mention in the token's subtree, which holds its phrase
        best: tuple[int, ActorMention] | None = None
        # (a relative clause counts here: 'bases que albergan a las fuerzas' are the forces')
        for t in _phrase(tok, self.genitive or None, relatives=True):
            m = self.by_token.get(t.i)
            if m is not None:
                dist = abs(t.i - tok.i)
                if best is None or dist < best[0]:
                    best = (dist, m)
        return best[1] if best else None


def _phrase(tok: Token, genitive: frozenset[str] | None = None,
            relatives: bool = False) -> list[Any]:
    """The tokens of ``tok``'s phrase, without relative clauses and clauses it governs; with
    ``genitive``, also without complements introduced by another preposition. A relative
    clause is left out also when the parser labels it plain 'acl' ('el informe, que acusa al
    gobierno'), unless ``relatives`` (the parser's 'acl' clauses are then walked, as the
    actor look-up of a phrase does). Walked once per token of a document (the list is
    shared: callers only read it)."""
    memo = doc_cache(tok.doc, "args.phrase")
    key = (tok.i, genitive, relatives)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _phrase_tokens(tok, genitive, relatives)
    return found


def _phrase_tokens(tok: Token, genitive: frozenset[str] | None, relatives: bool) -> list[Any]:
    out = [tok]
    # (each child's label read once: :func:`_relative_clause` is its 'acl' test and
    # :func:`_opened_by_relative`)
    stack = [
        c for c in children_of(tok) if (d := dep(c)) not in ("acl:relcl", "ccomp", "advcl", "punct")
        and (relatives or not (d == "acl" and _opened_by_relative(c)))
    ]
    while stack:
        t = stack.pop()
        if genitive is not None and _foreign_complement(t, genitive):
            continue
        out.append(t)
        stack.extend(
            c for c in children_of(t) if (d := dep(c)) not in ("acl:relcl", "ccomp", "advcl")
            and (relatives or not (d == "acl" and _opened_by_relative(c)))
        )
    return out


def _relative_clause(c: Token) -> bool:
    """A clause the parser labelled 'acl' that a relative pronoun opens ('protestas, que
    incluía huelgas'): a relative clause, no part of its antecedent's phrase."""
    return dep(c) == "acl" and _opened_by_relative(c)


def _opened_by_relative(c: Token) -> bool:
    """A relative pronoun among the words before ``c`` that hang on it."""
    return any(g.i < c.i and "Rel" in morph_get(g, "PronType") for g in children_of(c))


def _foreign_complement(t: Token, genitive: frozenset[str]) -> bool:
    """A prepositional complement whose preposition is not a genitive one ('en el sur',
    'contra el gobierno'; English 'prep' nodes carry the preposition themselves)."""
    word = _complement_word(t)
    return word is not None and word not in genitive


def _complement_word(t: Token) -> str | None:
    """The preposition :func:`_foreign_complement` tests, None where it tests none; read once
    per token of a document."""
    memo = doc_cache(t.doc, "args.complement_word")
    try:
        found: str | None = memo[t.i]
    except KeyError:
        label = dep(t)
        if label == "prep":
            found = folded_form(t)
        elif label not in ("nmod", "obl"):
            found = None
        else:
            found = next((_CONTRACTIONS.get(w, w) for w in (
                folded_form(c) for c in children_of(t) if dep(c) == "case" and c.i < t.i)), None)
        memo[t.i] = found
    return found


_CONTRACTIONS = {"del": "de", "al": "a"}  # Spanish preposition + article in one token


def to_arg(tok: Token | None, index: ActorIndex, trigger: int | None = None) -> EventArg | None:
    """EventArg for the phrase headed by ``tok``: coded from a mention when there is one.
    With ``trigger`` (the index of the event's first trigger token), an uncoded phrase
    never reaches the trigger: an actor span holds no part of its own event."""
    if tok is None or index.dateline[0] <= tok.idx < index.dateline[1]:
        return None
    ent = tok.ent_type_  # (each read of a string attribute is a look-up in the vocabulary)
    not_actor = ent in _NOT_ACTOR_ENTS
    if not_actor or ent in _COUNT_ENTS or tok.pos_ == "NUM" or tok.like_num:
        # a count names no one, but the people it counts do: 'dozens of protesters',
        # 'several hundreds of people', 'miles de manifestantes'
        counted = _counted(tok)
        if counted is None and not_actor:
            return None
        tok = counted or tok
    tok = resolve_relative(tok)
    m = index.mention_in(tok)
    if m is not None and trigger is not None and tok.i < trigger \
            and m.span.start >= tok.doc[trigger].idx:
        # the antecedent of the relative clause that holds the trigger: a name inside that
        # clause is another argument of the trigger ('El informe, que acusa al gobierno':
        # the government is accused, not the accuser)
        m = None
    if m is not None:
        start, end = m.span.start, m.span.end
        near = tok.doc[tok.i + 1: tok.i + 5] if tok.i not in index.by_token \
            and tok.idx < start and tok.pos_ in ("NOUN", "PROPN") else ()
        if any(t.idx == start or t.idx <= start < t.idx + len(t.text) for t in near) \
                and not any(t.is_punct for t in near if t.idx < start):
            # coded through a complement ('reclusos de Ecuador', 'miembros de las FARC'): the
            # argument is the whole phrase, from its first word, with the complement's code
            first = min((t for t in children_of(tok) if t.i < tok.i
                         and dep(t) in ("det", "amod", "nummod")), key=lambda t: t.i, default=tok)
            start = first.idx
            text = doc_text(tok.doc)[start:end]
            return EventArg(text, m.code, list(m.codes or [m.code]), start, end, m.id)
        return EventArg(
            m.span.text, m.code, list(m.codes or [m.code]), start, end, m.id
        )
    pos = tok.pos_
    if pos == "PRON" and tok.i < tok.head.i and dep(tok) in _SUBJ and tok.head.pos_ == "VERB" \
            and folded_lemma(tok).startswith("quien"):
        # a free relative ('a quienes lo derrocaron'): the people its clause describes
        last = min(max(t.i for t in tok.head.subtree), tok.i + 6)
        if trigger is not None and tok.i < trigger <= last:
            return None  # ('quienes lo derrocaron' is no argument of its own 'derrocaron')
        doc = tok.doc
        end = doc[last].idx + len(doc[last].text)
        return EventArg(doc_text(doc)[tok.idx:end], "", [], tok.idx, end, None)
    nominalised = pos == "ADJ" and any(dep(c) == "det" for c in children_of(tok))
    mistagged = pos == "NUM" and tok.is_alpha  # 'desocupados' tagged as a number
    if (pos not in _NOMINAL and not nominalised and not mistagged) or pos == "PRON" \
            or tok.like_num:
        return None  # ('el oficial acusó', 'los detenidos': an adjective with a determiner is a noun)
    phrase = _phrase(tok)
    doc = tok.doc
    words, heads = tokens_of(doc), token_column(doc, HEAD)  # (no Token built per read)
    if heads[tok.i] == 0:  # a noun the parser made the root: its own modifiers only
        phrase = [tok, *[c for c in children_of(tok) if c.i < tok.i
                         and dep(c) in ("amod", "compound", "det", "nummod", "nmod:poss")]]
    toks = sorted(t.i for t in phrase if not (t.i < tok.i and dep(t) in ("case", "mark", "cc")))
    if toks[0] < tok.i:
        toks = [i for i in toks if not (i < tok.i and dep(words[i + heads[i]]) == "case")]
    if trigger is not None and tok.i < trigger <= toks[-1]:
        # ('una ofensiva, que incluía bombardeos': not the relative clause, nor the trigger)
        rel = {t.i for c in phrase if _relative_clause(c) for t in c.subtree}
        toks = [i for i in toks if i not in rel and i < trigger] or [tok.i]
    lo, hi = toks[0], toks[-1]
    # keep the argument short: the head and what precedes it, plus up to a few words after
    hi = min(hi, tok.i + 4)
    start, end = words[lo].idx, words[hi].idx + len(words[hi].text)
    return EventArg(doc_text(doc)[start:end], "", [], start, end, None)


def with_conjuncts(arg: EventArg | None, tok: Token | None, index: ActorIndex,
                   avoid: EventArg | None = None,
                   trigger: tuple[int, int] | None = None) -> EventArg | None:
    """``arg`` (the phrase headed by ``tok``) widened over the nouns coordinated with it in
    the same role: 'una reunión con el presidente y con altos funcionarios' is aimed at both,
    'atacaron a policías y soldados' at both. A conjunct behind another preposition ('contra
    el gobierno y por la liberación'), or overlapping ``avoid`` (the other role's phrase) or
    ``trigger`` (the event's own words, as character offsets), is not joined. The code stays
    the first phrase's; ``codes`` gains the conjuncts' codes."""
    if arg is None or tok is None:
        return arg
    tok = resolve_relative(tok)
    own = _case(tok)
    end, codes, text_end = arg.end, list(arg.codes), None
    for c in children_of(tok):
        if dep(c) != "conj" or c.i < tok.i or c.pos_ not in ("NOUN", "PROPN") \
                or _case(c) not in ("", own):
            continue
        part = to_arg(c, index)
        if part is None or part.start < arg.end or any(
                span is not None and part.start < span[1] and span[0] < end_of
                for span, end_of in (((avoid.start, avoid.end) if avoid else None, part.end),
                                     (trigger, part.end))):
            break
        end = part.end
        codes += [k for k in part.codes if k not in codes]
        text_end = part.end
    if text_end is None:
        return arg
    text = doc_text(tok.doc)[arg.start:end]
    return EventArg(text, arg.code, codes, arg.start, end, arg.mention, arg.country, arg.country_source)


def _counted(tok: Token) -> Any:
    """The noun a count counts: 'miles de manifestantes', 'cientos de miles de personas'
    (through nested numbers), 'dozens of protesters'."""
    for _ in range(3):
        nxt = next((g for c in children_of(tok) if dep(c) in ("prep", "nmod", "nummod")
                    and _of(c) for g in [c, *children_of(c)] if g.pos_ in ("NOUN", "PROPN", "NUM")
                    and g.i > tok.i), None)
        if nxt is None:
            return None
        if nxt.pos_ != "NUM" and not nxt.like_num:
            return nxt
        tok = nxt
    return None


def _of(c: Token) -> bool:
    """A partitive complement: 'de'/'of' ('miles de personas'), or none ('2 mil'); not
    'según fuentes', 'in Lima'."""
    if dep(c) == "prep":
        return folded_form(c) in ("of", "de")
    case = [folded_form(g) for g in children_of(c) if dep(g) == "case" and g.i < c.i]
    return not case or case[0] in ("de", "del", "of")


def _same(a: Any, b: Any) -> bool:
    """Whether two tokens are one (spaCy builds a new Token object on every access, so
    identity never holds)."""
    return a is not None and b is not None and a.i == b.i


def resolve_relative(tok: Token) -> Any:
    """'que' in 'el ELN, que controla la zona' -> 'el ELN'. A subject relative agrees in
    number with its verb, which corrects the parser's attachment: a plural verb's antecedent
    is the plural noun the attached one depends on ('veinte acusados por el tribunal, que se
    encontraban en huelga': the accused), and a singular verb after two coordinated nouns
    takes the last of them ('el gobierno y la oposición, que continúa sus protestas')."""
    if tok.pos_ != "PRON" or dep(tok.head) not in ("acl:relcl", "acl"):
        return tok
    verb, ante = tok.head, tok.head.head
    if dep(tok) != "nsubj":
        return ante
    number = _verb_number(verb)
    if number == "Plur" and "Sing" in morph_get(ante, "Number") \
            and not any(dep(c) == "conj" for c in children_of(ante)):
        node = ante
        while node.head.i != node.i and node.head.pos_ in ("NOUN", "PROPN", "ADJ") \
                and dep(node) in ("nmod", "obj", "obl", "appos"):
            node = node.head
            if "Plur" in morph_get(node, "Number") and node.pos_ in ("NOUN", "ADJ"):
                return node
    elif number == "Sing":
        last = max((t for t in _phrase(ante) if dep(t) == "conj" and ante.i < t.i < tok.i
                    and t.pos_ in ("NOUN", "PROPN") and "Plur" not in morph_get(t, "Number")),
                   key=lambda t: t.i, default=None)
        if last is not None and not any(t.pos_ in ("NOUN", "PROPN") for t in tok.doc[last.i + 1: tok.i]):
            return last
    return ante


def _nominal_adjective(tok: Token) -> bool:
    """A word the tagger calls an adjective in a verb's object slot, with no preposition,
    after the verb: a mistagged noun or a nominalised adjective ('asaltaron supermercados',
    'hirieron a varios civiles' goes through the personal 'a'); not a predicative adjective
    ('la declararon ilegal': the parser may call it obj; it then agrees with a clitic
    object, so a pronoun object bars it)."""
    return tok.pos_ == "ADJ" and tok.i > tok.head.i and not _case(tok) \
        and not any(dep(c) == "obj" and c.pos_ == "PRON" for c in children_of(tok.head))


def _object_relative_antecedent(pron: Token, verb: Token, cues: Cues, index: ActorIndex) -> Any:
    """The antecedent of a relative pronoun that is the personal object of its verb ('a los
    periodistas, a los que acusa de espionaje', 'los jueces, a quienes acusan'): the noun the
    relative clause follows. The parser may hang the clause on the main verb (advcl) instead
    of the noun; the antecedent is then the noun just before the clause's comma."""
    if "Rel" not in morph_get(pron, "PronType") or _case(pron) not in cues.recipient_case \
            or pron.i > verb.i:
        return None
    start = min(t.i for t in _phrase(pron))
    nearest = None  # the last noun before the clause's comma (and a parenthesis: '(1989-99)')
    k = start - 1
    if k >= 0 and pron.doc[k].text == ",":
        k -= 1
        if k >= 0 and pron.doc[k].text == ")":
            while k >= 0 and pron.doc[k].text != "(":
                k -= 1
            k -= 1
        if k >= 0 and pron.doc[k].pos_ in ("NOUN", "PROPN"):
            nearest = pron.doc[k]
    if dep(verb) in ("acl:relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        ante = verb.head
        if nearest is not None and ante.pos_ == "NOUN" and nearest.i != ante.i \
                and (nearest.pos_ == "PROPN" or index.mention_in(nearest) is not None) \
                and folded_lemma(pron).startswith("quien") \
                and any(t.i == nearest.i for t in _phrase(ante)):
            # 'quien' names a person: 'la presidencia de Carlos Menem, a quien se acusó'
            return nearest
        return ante
    return nearest


def _free_relative_objects(verb: Token, cues: Cues) -> list[Any]:
    """A free relative with a personal 'a' or 'contra' as the trigger's object ('atacar a
    quienes lo derrocaron'; Nueva gramática §44.7, relativas sin antecedente expreso): its
    pronoun stands for the people it describes. The parser hangs the clause on the verb,
    marked by the preposition, with 'quienes' as the clause's subject, or the pronoun itself
    on the verb."""
    out = []
    for c in children_of(verb):
        if c.pos_ == "PRON" and c.i > verb.i and folded_lemma(c).startswith("quien") \
                and (_case(c) in cues.recipient_case or _case(c) in cues.against_case):
            out.append(c)
        elif c.pos_ in ("VERB", "AUX") and c.i > verb.i and dep(c) in ("ccomp", "advcl", "acl"):
            mark = [g for g in children_of(c) if dep(g) in ("mark", "case") and g.i < c.i]
            if not mark or (fold(mark[0].text) not in cues.recipient_case
                            and fold(mark[0].text) not in cues.against_case):
                continue
            out += [g for g in children_of(c) if g.pos_ == "PRON" and g.i > mark[0].i
                    and folded_lemma(g).startswith("quien") and dep(g) in _SUBJ]
    return out


def _verb_number(verb: Token) -> str | None:
    """'Sing' / 'Plur' of a finite verb or of its finite auxiliary."""
    for t in (verb, *[c for c in children_of(verb) if dep(c) in ("aux", "cop")]):
        number = morph_get(t, "Number")
        if number and "Fin" in morph_get(t, "VerbForm"):
            return number[0]
    return None


def _case(tok: Token) -> str:
    """Folded preposition(s) introducing ``tok`` ('por parte de' -> 'por parte de'); read
    once per token of a document (the argument rules ask for the same words many times)."""
    memo = doc_cache(tok.doc, "args.case")
    found = memo.get(tok.i)
    if found is None:
        found = memo[tok.i] = _case_words(tok)
    return found


def _case_words(tok: Token) -> str:
    # 'del' / 'al' are 'de' / 'a' with the article: 'la huelga del sindicato'
    words = [_CONTRACTIONS.get(w, w) for w in
             (folded_form(c) for c in children_of(tok) if dep(c) in ("case", "mark") and c.i < tok.i)]
    for c in children_of(tok):
        if dep(c) == "case":
            words.extend(folded_form(f) for f in children_of(c) if dep(f) == "fixed")
    if dep(tok) == "pobj" and tok.head.pos_ == "ADP":
        words.append(folded_form(tok.head))
    return " ".join(words)


def _obl_children(tok: Token) -> list[Any]:
    """Oblique / nominal-modifier children; English 'prep' nodes are replaced by their object.
    Read once per token of a document (the list is shared: callers only read it)."""
    memo = doc_cache(tok.doc, "args.obl")
    found = memo.get(tok.i)
    if found is None:
        found = memo[tok.i] = _obl_tokens(tok)
    return found


def _obl_tokens(tok: Token) -> list[Any]:
    out: list[Any] = []
    for c in children_of(tok):
        if dep(c) in ("prep", "obl:agent"):
            out.extend(g for g in children_of(c) if dep(g) == "pobj")
        elif dep(c) in _OBL:
            out.append(c)
    return out


def find_args(
    tok: Token,
    event: str,
    mode: str | None,
    cues: Cues,
    speech: set[str],
    index: ActorIndex,
    is_light: Callable[[Any], bool] = lambda t: False,
    skip: frozenset[int] = frozenset(),
    is_event: Callable[[Any], str | None] = lambda t: "?",
    names_event: Callable[[Any], bool] = lambda t: False,
) -> tuple[Any, Any]:
    """(actor token, recipient token) of the trigger headed by ``tok``; either may be None.

    ``is_light`` tells support verbs ('realizar'), whose subject is the actor of their noun;
    ``is_event`` gives the event type of a word that is a trigger itself ('reprimir': COERCE),
    whose subject is not the actor of its noun object unless the types agree; ``skip`` holds the indices of the trigger's own
    words ('dieron muerte a ...'); ``names_event`` tells any word of the event lexicon, a
    context-only one too ('una ofensiva'), which is never an actor."""
    if tok.pos_ in ("NOUN", "PROPN"):
        actor, recipient = _noun_args(tok, event, mode, cues, speech, index,
                                      _carrier(is_light, is_event, cues, event), is_event)
    else:
        actor, recipient = _verb_args(tok, cues, speech, is_light, index, skip, is_event)
    actor = _actor_of_event_noun(actor, tok, event, cues, speech, index, is_light, is_event,
                                 names_event)
    if recipient is None and event == "ASSAULT" and cues.attack_case and tok.pos_ == "VERB":
        # 'fired tear gas at protesters', 'shot at the crowd': the directional 'at' of a
        # verb of attack marks its target (CGEL ch. 7, goal of motion aimed at)
        recipient = next((c for c in _obl_children(tok) if c.pos_ in _NOMINAL
                          and _case(c) in cues.attack_case and c.i not in skip), None)
    if recipient is None and event in _TOLL_TYPES and cues.phrase_target_case and len(skip) > 1:
        # 'opened fire on the convoy', 'cracked down on protesters': the preposition right
        # after a phrasal trigger marks whom the act is aimed at (not a date: 'on Sunday')
        after = max(skip) + 1
        recipient = next((c for c in _obl_children(tok) if c.pos_ in _NOMINAL
                          and _case(c) in cues.phrase_target_case
                          and any(t.i == after for t in (c.head, *children_of(c)))
                          and c.ent_type_ not in ("DATE", "TIME")), None)
    undergoer = _undergoer(tok, cues) if tok.pos_ in ("NOUN", "PROPN") else None
    if undergoer is not None and recipient is None:
        # 'Wasmosy recibió amenazas de X', 'el cuartel sufrió un ataque', 'fue blanco de un
        # atentado': the subject of a verb of undergoing is whom the act is aimed at
        recipient = undergoer
        actor = None if actor is not None and actor.i == undergoer.i else actor
    if (actor is not None and event in RECIPROCAL_TYPES
            and (recipient is None or index.mention_in(recipient) is None)):
        # 'Israel and Hamas agreed to a truce': the other party outranks an uncoded object
        conj = [c for c in children_of(actor) if dep(c) == "conj" and c.pos_ in _NOMINAL]
        # a second subject of the same verb is a conjunct the parser left as a sibling
        conj += [c for c in children_of(actor.head) if dep(c) in _SUBJ and c.i > actor.i
                 and c.pos_ in _NOMINAL and any(dep(g) == "cc" for g in children_of(actor.head)
                                                if actor.i < g.i < c.i)]
        if conj and (recipient is None or index.mention_in(conj[0]) is not None):
            recipient = conj[0]
    if event in RECIPROCAL_TYPES and cues.addressee_verb and (
            recipient is None or index.mention_in(recipient) is None):
        # 'convocó a los rebeldes para iniciar el diálogo', 'invitó a X a negociar': the one
        # called or asked to talks is the other party of the talks
        recipient = _addressee_of_call(tok, actor, cues, index, recipient) or recipient
    if recipient is None and tok.pos_ not in ("NOUN", "PROPN"):
        recipient = _complement_recipient(tok, actor, cues, index, skip)
    if event == "ASSAULT" and _victim_predicate(tok, cues):
        # 'seis manifestantes resultaron heridos', 'two soldiers died': the subject suffered
        if actor is not None and (recipient is None or recipient.i == actor.i
                                  or index.mention_in(recipient) is None):
            # ('23 soldados murieron en un ataque contra un campamento': the dead, not the
            # place attacked, are whom the act harmed)
            actor, recipient = None, actor
        elif actor is None and recipient is None:
            holder = tok.head if folded_lemma(tok.head) in cues.victim_verb else tok
            recipient = next((c for c in children_of(holder) if dep(c) in _SUBJ | _PASS_SUBJ), None)
    if recipient is None and event in _TOLL_TYPES and tok.pos_ in ("NOUN", "PROPN") \
            and cues.result_verb:
        # 'el ataque que causó 13 muertos', 'los bombardeos dejaron 20 muertos': the
        # casualties an act left are whom it harmed
        recipient = _toll_of(tok, cues)
    if recipient is not None and recipient.pos_ == "NOUN" and folded_lemma(recipient) in cues.ouster:
        # 'exigieron la renuncia del ministro', 'pidieron su dimisión': whoever is to leave
        recipient = _whose_ouster(recipient, actor, index) or recipient
    if event == "REQUEST" and recipient is not None and _thing_asked(tok, recipient, index):
        # 'exigen una reestructuración de sus deudas': a verb of asking takes the thing asked
        # as its direct object and whom it asks with 'a' (exigir algo a alguien); the thing
        # asked is no recipient
        recipient = None
    if recipient is None and event in _TOPIC_POR_TYPES:
        recipient = _topic_target(tok, actor, index, cues, is_event)
    elif event == "PROTEST" and recipient is not None and _case(recipient) in cues.goal_case \
            and index.mention_in(recipient) is None:
        # 'una marcha hacia la ciudad para protestar por la violencia de los paramilitares':
        # an uncoded goal of motion (where it goes) yields to whom the protest is against,
        # when its topic names them ('protestar ante el COI' keeps whom it appeals to)
        recipient = _topic_target(tok, actor, index, cues, is_event) or recipient
    if event == "PROTEST" and recipient is not None and _road(recipient, cues):
        # 'bloquearon la carretera', 'cortaron la ruta 14 para exigir al Gobierno ...': the
        # road a block closes is where the protest happens, no party it addresses (PLOVER's
        # target is whom the protest is against); its topic or the addressee of its demand
        # is, else there is none
        recipient = (_topic_target(tok, actor, index, cues, is_event)
                     or _demand_addressee(tok, actor, cues, index, is_event))
    if recipient is None and event == "PROTEST" and skip:
        # 'tomaron el local municipal' (a verb + object row): the premises taken, as the
        # object of 'ocuparon la fábrica' is
        recipient = _premises_taken(tok, cues, skip)
    if recipient is None and event == "PROTEST":
        recipient = _protest_site(tok, actor, cues, index) or _ousted(tok, actor, cues, index)
    elif recipient is None and event == "REQUEST":
        # 'se exigirá la renuncia del gobierno': a demand is aimed at whoever is to leave
        recipient = _ousted(tok, actor, cues, index)
    if actor is None and tok.pos_ == "NOUN" and tok.head.i != tok.i and dep(tok) in ("obj", "obl") \
            and tok.head.pos_ == "VERB" and is_event(tok.head) == "THREATEN":
        # 'los transportistas amenazaron con un paro', 'threatened a nationwide strike': one
        # threatens with one's own act (DLE amenazar 1: dar a entender que se quiere hacer
        # algún mal), so the threat's subject is the threatened act's actor
        actor = next((c for c in children_of(tok.head) if dep(c) in _SUBJ), None)
    if event in _FRAMING_TYPES and recipient is not None and recipient.pos_ == "NOUN" \
            and is_event(recipient) in _EMBEDDABLE_TYPES \
            and not any(t.i in index.by_token for t in _phrase(recipient)):
        # 'amenazaron con un paro nacional', 'threatened a nationwide strike': the act a
        # threat or call names is an event of its own (embedded), not a party; with no actor
        # in its phrase there is no recipient ('exigieron la liberación de X' keeps X's phrase)
        recipient = None
    return actor, recipient


# speech acts that name another act as their content, and the acts they may name
_FRAMING_TYPES = frozenset({"THREATEN", "REQUEST", "REJECT"})
_EMBEDDABLE_TYPES = frozenset({"PROTEST", "ASSAULT", "COERCE", "SANCTION", "FIGHT", "MOBILIZE"})


def _road(tok: Token, cues: Cues) -> bool:
    """A road, street or bridge noun ('la carretera', 'las rutas del sur'): a place."""
    return tok.pos_ == "NOUN" and folded_lemma(tok) in cues.road


def _demand_addressee(tok: Token, actor: Any, cues: Cues, index: ActorIndex,
                      is_event: Callable[[Any], str | None]) -> Any:
    """Whom a protest's purpose clause demands of: 'bloquearon la ruta para exigir al
    Gobierno X' -> el Gobierno (the dative or 'a' complement of a verb of demand, a REQUEST
    trigger, in a purpose clause of the protest verb); only a coded actor other than the
    protesters."""
    own = index.mention_in(actor) if actor is not None else None
    for c in children_of(tok):
        if dep(c) not in ("advcl", "xcomp") or c.pos_ != "VERB" or is_event(c) != "REQUEST":
            continue
        if not any(dep(g) == "mark" and fold(g.text) in cues.purpose for g in children_of(c)):
            continue
        for o in children_of(c):
            if dep(o) in _OBJ | {"obl"} and o.pos_ in _NOMINAL and _case(o) == "a":
                m = index.mention_in(o)
                if m is not None and m is not own:
                    return o
    return None


def _addressee_of_call(tok: Token, actor: Any, cues: Cues, index: ActorIndex,
                       recipient: Any) -> Any:
    """Whom a verb of calling or asking (``addressee_verb``: 'convocar', 'invitar', 'pedir')
    addresses with 'a' when the reciprocal act is its complement, up to two clauses down
    ('convocó a los grupos para iniciar el diálogo', 'invitó a los huelguistas a negociar',
    'pidió a X diálogo'): calling X to talks names X as the other party (PLOVER CONSULT,
    AGREE, COOPERATE). An uncoded phrase the rules found ('al más alto nivel') yields to a
    named addressee only."""
    node = tok
    for _ in range(2):
        if dep(node) not in ("obj", "xcomp", "advcl", "ccomp") or node.head.i == node.i:
            return None
        child, node = node, node.head
        if node.pos_ not in ("VERB", "AUX") or folded_lemma(node) not in cues.addressee_verb:
            continue
        for c in children_of(node):
            if c.i == child.i or c.pos_ not in ("NOUN", "PROPN") or dep(c) not in ("obj", "iobj", "obl") \
                    or _case(c) != "a" or _same(c, actor):
                continue
            if recipient is not None and not _names_actor(c, index):
                return None
            return c
        return None
    return None


def _premises_taken(tok: Token, cues: Cues, skip: frozenset[int]) -> Any:
    """The premises a verb + object trigger takes ('tomar @premises': 'tomaron el local
    municipal', 'tomaron la sede del ministerio'): its object, a trigger word itself, is the
    place occupied (CAMEO 144), the recipient as the object of the one-word row 'ocuparon la
    fábrica' is; None for any other object ('tomaron las calles' names no one's premises)."""
    premises = cues.object_class.get("premises", ())
    return next((c for c in children_of(tok) if c.i in skip and dep(c) == "obj"
                 and folded_lemma(c) in premises), None)


def _thing_asked(tok: Token, recipient: Token, index: ActorIndex) -> bool:
    """A verb trigger's direct object with no personal 'a' that names no actor: what is
    asked for, not whom ('pidieron una reforma', not 'pidieron al gobierno')."""
    return tok.pos_ in ("VERB", "AUX") and recipient.head.i == tok.i and dep(recipient) == "obj" \
        and recipient.pos_ == "NOUN" and not _case(recipient) and index.mention_in(recipient) is None


def _actor_of_event_noun(
    actor: Any, tok: Token, event: str, cues: Cues, speech: set[str], index: ActorIndex,
    is_light: Callable[[Any], bool], is_event: Callable[[Any], str | None],
    names_event: Callable[[Any], bool],
) -> Any:
    """An event noun, or a classifier noun of events, is never an actor: 'una manifestación
    de miles de campesinos protestó', 'la huelga paralizó el puerto', 'una jornada de
    protestas, que incluía huelgas de hambre' (through the relative pronoun). The actor is
    that event's own actor (two steps at most); none when it has none. An actor whose
    phrase holds the trigger itself is none either."""
    for _ in range(2):
        if actor is None:
            return None
        noun = resolve_relative(actor)
        if noun.pos_ != "NOUN" or noun.i == tok.i:
            break
        own = is_event(noun)
        if not (own and own != "?") and not names_event(noun) \
                and folded_lemma(noun) not in cues.kind_noun:
            break
        kind = own if own and own != "?" else event
        actor = _noun_args(noun, kind, None, cues, speech, index,
                           _carrier(is_light, is_event, cues, kind), is_event)[0]
    if actor is not None and _same(resolve_relative(actor), tok):
        return None
    return actor


# mentions a singular possessive can refer back to: people and offices ('su renuncia')
_PERSONAL_KINDS = frozenset({"person", "agent"})


def _whose_ouster(noun: Token, actor: Any, index: ActorIndex) -> Any:
    """Who is to leave office in an ouster noun ('la renuncia del ministro'; 'su renuncia':
    the antecedent of the possessive), else None."""
    whose = next((c for c in children_of(noun) if dep(c) in ("nmod", "nmod:poss")
                  and c.pos_ in ("NOUN", "PROPN") and _names_actor(c, index)), None)
    if whose is not None:
        return whose
    poss = next((c for c in children_of(noun) if dep(c) == "det" and c.i < noun.i
                 and "Yes" in morph_get(c, "Poss") and "Sing" in morph_get(c, "Number")
                 and "3" in morph_get(c, "Person")), None)
    return possessive_antecedent(poss, actor, index) if poss is not None else None


def possessive_antecedent(poss: Token, actor: Any, index: ActorIndex) -> Any:
    """The antecedent of a third-person possessive ('su'): the nearest person or office named
    before it in its sentence or the sentence before (recency, the usual reading of a
    Spanish possessive with a human possessor), never the subject that governs it ('los
    maestros exigieron su renuncia': not the teachers')."""
    doc = poss.doc
    sent = sentence_of(poss)
    first = sentence_of(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    own = index.mention_in(actor) if actor is not None else None
    for j in range(poss.i - 1, first - 1, -1):
        m = index.by_token.get(j)
        if m is None or m is own or m.kind not in _PERSONAL_KINDS:
            continue
        head = doc[m.head] if m.head is not None and 0 <= m.head < len(doc) else doc[j]
        if "Plur" in morph_get(head, "Number") or (actor is not None and head.i == actor.i):
            continue
        if j < sent.start:
            index.antecedents.add(head.i)
        return head
    return None


def _dual(tok: Token, cues: Cues) -> bool:
    """A subject that names two parties by a distributive quantifier: 'Ambos', 'Los dos',
    'Both', 'The two' alone, or with a noun ('ambos países', 'las dos partes', 'both
    sides'); 'dos'/'two' only after a definite article ('dos soldados murieron' counts)."""
    # the words before the head in its own phrase: the parser may hang 'dos' on the article
    # ('Las dos partes': 'dos' under 'Las'), not on the noun
    words = [tok, *(w for w in tok.doc[tok.left_edge.i:tok.i]
                    if dep(w) in ("det", "nummod", "amod") and w.head.i in (tok.i, w.i - 1))]
    for w in words:
        word = folded_form(w)
        if word not in cues.dual:
            continue
        if w.like_num:
            prev = w.doc[w.i - 1] if w.i > 0 else None
            if prev is None or "Def" not in morph_get(prev, "Definite") and folded_form(prev) != "the":
                continue
        return True
    return False


def dual_parties(tok: Token, cues: Cues, index: ActorIndex) -> tuple[Any, Any | None] | None:
    """'Sudán y Chad negociaron durante tres días. Ambos firmaron un acuerdo': a dual
    subject with no country of its own refers back to the last pair of coordinated coded
    actors named before it, in its sentence or the two before (the dateline's country is
    no antecedent). Returns the heads of the two parties (the second None when one phrase
    names both), marked as antecedents (kept although outside the trigger's sentence)."""
    if not cues.dual or not _dual(tok, cues):
        return None
    own = index.mention_in(tok)
    if own is not None and own.country:
        return None  # 'ambos gobiernos de la región' named by its own words
    # a coded noun ('ambos gobiernos', 'los dos soldados') refers back to parties of its sector
    sector = own.code if own is not None and own.code else ""
    doc = tok.doc
    sent = sentence_of(tok)
    first = sent.start
    for _ in range(2):
        if first > 0:
            first = sentence_of(doc[first - 1]).start
    found: list[tuple[Any, Any]] = []
    for j in range(tok.i - 1, first - 1, -1):
        m = index.by_token.get(j)
        if m is None or not m.code or (m.head is not None and m.head != j) \
                or not all(c.endswith(sector) for c in m.codes or [m.code]):
            continue
        head = doc[j]
        if len({c for c in m.codes if c}) > 1:
            found.append((head, None))  # one phrase naming both: 'los gobiernos de Sudán y Chad'
            continue
        # a conjunct, or a second subject the parser left as a sibling ('el gobierno y el ELN
        # retomaron')
        pool = [c for c in children_of(head) if dep(c) == "conj"]
        if dep(head) in _SUBJ and head.head.i != j:
            pool += [c for c in children_of(head.head) if dep(c) in _SUBJ and c.i > j]
        other = next((c for c in pool if (n := index.mention_in(c)) is not None and n is not m
                      and n.code and n.code != m.code and n.code.endswith(sector)), None)
        if other is not None:
            found.append((head, other))
    # the nearest pair that was a subject, the most salient antecedent ('the army and the
    # RSF agreed ... after talks mediated by Saudi Arabia and the United States. Both ...'),
    # else the nearest pair
    pair = next((p for p in found if dep(p[0]) in _SUBJ | _PASS_SUBJ), found[0] if found else None)
    if pair is None:
        return None
    index.antecedents.update(t.i for t in pair if t is not None)
    return pair


def _ousted(tok: Token, actor: Any, cues: Cues, index: ActorIndex) -> Any:
    """Whose resignation a protest demands, in its purpose clause: 'marcharon para pedir la
    dimisión del ministro' (``ouster`` cue nouns), also on the verb that carries a protest
    noun, in a relative clause of the noun, or caused by it ('las protestas provocaron la
    caída del presidente'); the protest is aimed at that person."""
    clauses = [c for c in children_of(tok) if c.pos_ == "VERB"
               and dep(c) in ("advcl", "xcomp", "acl", "acl:relcl")]
    head = tok.head
    if tok.pos_ in ("NOUN", "PROPN") and head.i != tok.i and head.pos_ == "VERB":
        if dep(tok) in _SUBJ:
            clauses.append(head)  # 'las protestas provocaron la caída del presidente'
        elif dep(tok) in ("obj", "obl"):
            # the aim of the verb that carries the noun: 'emprendieron una huelga para
            # exigir la destitución del alcalde'
            clauses += [c for c in children_of(head) if dep(c) in ("advcl", "xcomp") and c.pos_ == "VERB"]
    for clause in clauses:
        for obj in (c for c in children_of(clause) if dep(c) in _OBJ):
            if folded_lemma(obj) not in cues.ouster:
                continue
            whose = next((g for g in children_of(obj) if dep(g) in ("nmod", "nmod:poss")
                          and g.pos_ in _NOMINAL and not _same(g, actor)), None)
            if whose is not None and _names_actor(whose, index):
                return whose
    # elsewhere in the sentence: whoever's removal is sought beside the protest ('quienes
    # emprendieron una huelga en busca de la destitución del alcalde', 'la oposición, que
    # busca forzar la renuncia del presidente, convocó la marcha')
    for obj in _ouster_nouns(tok, cues):
        whose = next((g for g in children_of(obj) if dep(g) in ("nmod", "nmod:poss")
                      and g.pos_ in ("NOUN", "PROPN") and not _same(g, actor)
                      and _case(g) in cues.genitive_case), None)
        if whose is not None and _names_actor(whose, index) \
                and (actor is None or index.mention_in(whose) is not index.mention_in(actor)):
            return whose
    return None


def _ouster_nouns(tok: Token, cues: Cues) -> list[Token]:
    """The nouns of ``tok``'s sentence whose folded lemma is an ``ouster`` cue, in order,
    read from the document's POS and lemma columns (no Token built for the other words)."""
    doc = tok.doc
    start, end = sentence_bounds(doc)[tok.i]
    pos, lemmas = token_column(doc, POS), token_column(doc, LEMMA)
    strings, toks = doc.vocab.strings, tokens_of(doc)
    return [toks[i] for i in range(start, end)
            if pos[i] == NOUN and folded_string(lemmas[i], strings) in cues.ouster]


def _protest_site(tok: Token, actor: Any, cues: Cues, index: ActorIndex) -> Any:
    """The institution a protest is held in front of, which it addresses: 'protestaron frente
    al Ministerio', 'una protesta delante de la embajada' (``site`` cue words). Looked for on
    the trigger and, for a noun, on the verb it is the object or subject of; only a coded
    actor or a proper name ('frente a la lluvia' is no target)."""
    holders = [tok]
    if tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i and dep(tok) in ("obj", "nsubj", "obl"):
        holders.append(tok.head)
    for h in holders:
        for c in children_of(h):
            if folded_form(c) in cues.site and dep(c) in ("advmod", "obl", "nmod"):
                site = next((g for g in children_of(c) if g.pos_ in ("NOUN", "PROPN")), None)
            elif c.pos_ in ("NOUN", "PROPN") and _case(c).split()[:1] and \
                    _case(c).split()[0] in cues.site:
                site = c
            else:
                continue
            if site is not None and not _same(site, actor) and _names_actor(site, index):
                return site
    return None


_TOLL_TYPES = frozenset({"ASSAULT", "COERCE"})


def _toll_of(tok: Token, cues: Cues) -> Any:
    """The casualties a verb of result says the act noun ``tok`` left, as the verb's subject
    ('los bombardeos dejaron 20 muertos') or through a relative clause on it ('el ataque que
    causó 13 muertos'; ``result_verb`` and ``injury_word`` cues, Nueva gramática §34). None
    when no such object."""
    verbs = [tok.head] if dep(tok) in _SUBJ and tok.head.i != tok.i else []
    verbs += [c for c in children_of(tok) if dep(c) in ("acl", "acl:relcl") and c.i > tok.i
              and any("Rel" in morph_get(g, "PronType") for g in children_of(c))]
    for v in verbs:
        if folded_lemma(v) not in cues.result_verb:
            continue
        hit = next((c for c in children_of(v) if dep(c) in _OBJ and _casualty(c, cues)), None)
        if hit is not None:
            return hit
    return None


def _undergoer(tok: Token, cues: Cues) -> Any:
    """The subject of a verb (or copular noun) of undergoing whose object or 'de' complement
    is the event noun ``tok``: 'Wasmosy recibió amenazas', 'la base sufrió un ataque', 'fue
    objeto de un abucheo', 'received threats' (``undergo_verb`` in event_cues.tsv; Nueva
    gramática §1.10: support verbs of inverse orientation, whose subject is the patient).
    None otherwise."""
    head = tok.head
    if head.i == tok.i or folded_lemma(head) not in cues.undergo_verb:
        return None
    if head.pos_ in ("VERB", "AUX"):
        if dep(tok) != "obj" or _is_passive(head, cues):
            return None
    elif not (head.pos_ == "NOUN" and dep(tok) in ("nmod", "obl")
              and any(dep(c) == "cop" for c in children_of(head))):
        return None  # 'objeto de': only as the predicate of 'ser' ('fue objeto de burlas')
    return next((c for c in children_of(head) if dep(c) in _SUBJ and c.pos_ in _NOMINAL), None)


def _victim_predicate(tok: Any, cues: Cues) -> bool:
    """A predicate whose subject is the one harmed: 'morir', 'resultar herido', 'die'
    (``victim_verb`` in event_cues.tsv)."""
    victim = cues.victim_verb
    if folded_lemma(tok) in victim:
        return True
    return any(dep(c) in ("cop", "aux") and folded_lemma(c) in victim for c in children_of(tok)) \
        or (tok.head.i != tok.i and dep(tok) in ("xcomp", "acomp", "obj", "advcl")
            and folded_lemma(tok.head) in victim)


def _topic_target(tok: Any, actor: Any, index: ActorIndex, cues: Cues,
                  is_event: Callable[[Any], str | None] = lambda t: None) -> Any:
    """The coded actor inside a protest's or accusation's topic: 'para protestar por la
    decisión del gobierno' -> el gobierno, 'críticas contra Wasmosy' -> Wasmosy, 'una marcha
    en repudio al FMI' -> el FMI (a manner phrase of rejection, on the trigger or on the
    verb whose subject or object the trigger noun is)."""
    purpose = [c for c in children_of(tok) if dep(c) in ("advcl", "xcomp")]  # 'para protestar por X'
    if tok.pos_ in ("NOUN", "PROPN") and dep(tok) in _OBJ and tok.head.i != tok.i:
        # 'emprenderán una marcha ... para protestar por X': the aim of the verb that stages
        # the act noun is the act's
        purpose += [c for c in children_of(tok.head) if dep(c) == "advcl" and c.i > tok.i
                    and any(dep(g) == "mark" and folded_form(g) in cues.purpose
                            for g in children_of(c))]
    own = index.mention_in(actor) if actor is not None else None
    topics = [o for t in (tok, *purpose) for o in _obl_children(t)
              if _case(o) in cues.target_topic_case]
    if cues.manner:
        topics += _rejection_topics(tok, cues, is_event)
    for c in topics:
        m = index.mention_in(c)
        if m is None or m is own:
            # deeper in the topic: whoever it is attributed to ('contra las reformas promovidas
            # por el presidente', 'contra la política de exportación del gobierno')
            m = next((index.by_token[t.i] for t in sorted(_phrase(c), key=lambda t: t.i)
                      if t.i in index.by_token and index.by_token[t.i] is not own), None)
        if m is None:
            continue
        return next((t for t in _phrase(c) if index.by_token.get(t.i) is m), c)
    return None


_REJECTION_TYPES = frozenset({"PROTEST", "REJECT", "ACCUSE"})


def _rejection_topics(tok: Any, cues: Cues, is_event: Callable[[Any], str | None]) -> list[Any]:
    """The complements of a manner phrase of protest or rejection ('en repudio al ajuste',
    'en señal de protesta por la destitución', 'en rechazo a la reforma'; ``manner`` cues)
    hung on the trigger or, for a noun, on the verb it is the subject or object of: what
    the act is against."""
    holders = [tok]
    if tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i and dep(tok) in _SUBJ | _OBJ:
        holders.append(tok.head)
    out = []
    for h in holders:
        for c in _obl_children(h):
            if c.i == tok.i or c.pos_ != "NOUN" or _case(c) not in cues.manner:
                continue
            # 'en señal de protesta': the act noun may be the complement of a classifier
            acts = [c, *[g for g in children_of(c) if dep(g) == "nmod" and g.pos_ == "NOUN"]]
            for a in acts:
                if is_event(a) in _REJECTION_TYPES:
                    out += [g for g in children_of(a) if dep(g) in ("nmod", "obl")
                            and g.pos_ in ("NOUN", "PROPN") and g.i > a.i
                            and (_case(g) in cues.target_topic_case
                                 or _case(g) in cues.recipient_case)]
    return out


def _verb_args(
    tok: Any,
    cues: Cues,
    speech: set[str],
    is_light: Callable[[Any], bool],
    index: ActorIndex,
    skip: frozenset[int],
    is_event: Callable[[Any], str | None] = lambda t: None,
) -> tuple[Any, Any]:
    actor = recipient = None
    passive = _is_passive(tok, cues) or _elided_passive(tok, cues)
    subjects = [c for c in children_of(tok) if dep(c) in _SUBJ]
    number = _verb_number(tok) if len(subjects) > 1 else None
    for c in children_of(tok):
        if dep(c) in _SUBJ and c.pos_ == "NOUN" and folded_lemma(c) in cues.time_noun:
            continue  # 'Ortega anunció el sábado que se reuniría': a date, not a subject
        if dep(c) in _SUBJ and not passive:
            # of two subjects the parser gave, the one that agrees with the verb ('En Lima,
            # la capital, los mineros marcharon')
            if actor is None or (number and number not in morph_get(actor, "Number")
                                 and number in morph_get(c, "Number")
                                 and not any(dep(g) == "cc" for g in children_of(c))):
                actor = c
        elif dep(c) in _PASS_SUBJ or (dep(c) in _SUBJ and passive):
            recipient = recipient or c
        elif dep(c) in _AGENT:
            agent = next((g for g in children_of(c) if dep(g) == "pobj"), c)
            if not _cause_noun(agent, cues, index, is_event):
                actor = agent
    if actor is None and not passive and dep(tok) == "acl" and tok.tag_ in ("VBD", "VBN") \
            and tok.head.pos_ in _NOMINAL and tok.head.i < tok.i and tok.head.head.i == tok.head.i:
        # the sentence's only verb, hung by the parser on the noun before it as if a reduced
        # relative ('medical technicians protested in X': the noun is the root): that noun
        # is its subject
        actor = tok.head
    obls = _obl_children(tok)
    if passive and actor is None:
        # the parser may label the 'por' agent obj or obl: 'fue atacado por los guerrilleros',
        # or hang it on the passive subject: 'fue saqueada una tienda por jóvenes'
        hung = [g for c in children_of(tok) if recipient is not None and c.i == recipient.i
                for g in children_of(c)
                if dep(g) == "nmod" and g.i > c.i]
        actor = next(
            (
                o
                for o in obls + [c for c in children_of(tok) if dep(c) in _OBJ] + hung
                if _case(o) in cues.agent_case and _case(o) not in cues.genitive_case
                and not _cause_noun(o, cues, index, is_event)
            ),
            None,
        )
    if recipient is None:
        cands = [c for c in children_of(tok) if dep(c) in _OBJ and (
            c.pos_ in ("NOUN", "PROPN") or _nominal_adjective(c))]
        cands += [o for o in obls if _case(o) in cues.recipient_case
                  # a comitative 'con'/'with' names a party only when it names an actor
                  # ('se reunió con los sindicatos'); else it is the instrument ('atacaron el
                  # pueblo con machetes', 'blocked the road with burning tyres')
                  and (_case(o) not in cues.comitative_case or index.mention_in(o) is not None)
                  # the object of a preposition the trigger itself holds: 'called on the
                  # allies to ...', a prepositional verb's object (CGEL 4.6)
                  or (dep(o) == "pobj" and o.head.i in skip)
                  or any(dep(g) == "case" and g.i in skip for g in children_of(o))]
        cands += [a for c in children_of(tok) if dep(c) in _OBJ and c.pos_ == "PRON"
                  and (a := _object_relative_antecedent(c, tok, cues, index)) is not None]
        cands += _free_relative_objects(tok, cues)
        # the target named on the row's own object noun ('launched an offensive against the
        # rebels', 'lanzaron una ofensiva contra X'): the act the row names is aimed at it
        doc = tok.doc
        cands += [o for i in skip if i != tok.i for o in _obl_children(doc[i])
                  if _case(o) in cues.against_case]
        cands = [c for c in cands if not _same(c, actor) and c.i not in skip]
        if cands:
            # the personal 'a' marks a human object: 'asesinaron a dos agentes'
            recipient = max(
                cands,
                key=lambda c: (
                    index.mention_in(c) is not None,
                    _case(c) in cues.recipient_case,
                    -c.i,
                ),
            )
    if passive and actor is None:
        # hung deeper, on the last noun before it: 'fueron atacados en la marcha por la policía'
        actor = _deep_agent(tok, cues, index)
    if actor is None and not passive:
        actor = _stranded_subject(tok) or _fronted_subject(tok)
    elif actor is not None and not passive and actor.like_num and _counted(actor) is None:
        # a bare number as subject counts the people named before it ('En Brasil, cientos
        # de miles de camioneros -unos 700.000- continuaron el paro')
        actor = _fronted_subject(tok) or actor
    if passive and recipient is None:
        recipient = _shared_subject(tok)
    if actor is None and not passive:
        # (a passive's subject, own or shared, is its patient: 'cinco resultaron heridos y
        # otros ocho fueron detenidos' names no one who detained them)
        actor = _inherited_subject(tok, speech, lambda node, head: is_light(head))
    return actor, recipient


def _cause_noun(t: Token, cues: Cues, index: ActorIndex, is_event: Callable[[Any], str | None]) -> bool:
    """A common noun of an act or an offence in a passive's 'por'/'by' phrase names the cause,
    not the agent: 'fue detenido por robo', 'arrested by murder charges' (Nueva gramática
    §41.6: a 'por' agent is a participant; a cause is an event); a coded actor is an agent."""
    if t.pos_ != "NOUN" or index.mention_in(t) is not None:
        return False
    own = is_event(t)
    return folded_lemma(t) in cues.offence or bool(own and own != "?")


def _shared_subject(verb: Token) -> Any:
    """The subject a passive verb without one shares with the verb it is coordinated with or
    subordinated to, which is its patient: 'tomaron edificios pero fueron dispersados por la
    policía', 'fue abandonada antes de ser incendiada'. Two levels up at most."""
    node = verb
    for _ in range(2):
        if dep(node) not in ("conj", "advcl", "xcomp") or node.head.i == node.i:
            return None
        head = node.head
        if head.pos_ == "ADV" and head.head.i != head.i:
            head = head.head  # 'antes de ser incendiada'
        subj = next((c for c in children_of(head) if dep(c) in _SUBJ | _PASS_SUBJ
                     and c.pos_ in _NOMINAL), None)
        if subj is not None:
            return subj
        node = head
    return None


# clause boundaries: a subject below one of these belongs to another clause
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "conj", "parataxis", "csubj"})


def _prepositional(c: Token) -> bool:
    """An object with a preposition other than the personal 'a': an oblique the parser
    labelled obj ('En Lima, ... se manifestaron': a place, not a recipient)."""
    case = [_CONTRACTIONS.get(w, w) for w in
            (folded_form(g) for g in children_of(c) if dep(g) == "case" and g.i < c.i)]
    return bool(case) and case[0] != "a"


def _fronted_subject(verb: Token) -> Any:
    """A subject the parser made the apposition of a fronted complement: 'En Lima, decenas
    de miles de personas se manifestaron' ('decenas' under 'Lima'). Only a noun or count
    that agrees in number with the verb."""
    number = _verb_number(verb)
    if number is None:
        return None
    for c in children_of(verb):
        if c.i > verb.i or dep(c) not in ("obj", "obl", "nmod") or not _prepositional(c):
            continue
        stack = list(children_of(c))
        while stack:
            g = stack.pop(0)
            if dep(g) in _CLAUSAL - {"conj"}:
                continue
            # an apposition or a conjunct set off by a comma ('en las calles aledañas al
            # recinto, centenares de estudiantes mantenían una protesta')
            if dep(g) in ("appos", "conj") and g.pos_ in ("NOUN", "NUM") and _after_comma(g) \
                    and number in morph_get(g, "Number") \
                    and not any(dep(t) == "cc" for t in children_of(g)):
                return g
            stack.extend(children_of(g))
    return None


def _after_comma(g: Token) -> bool:
    """Whether the phrase headed by ``g`` is set off by a comma before it (the comma may hang
    from ``g`` or precede its first word)."""
    first = g.left_edge.i
    doc = g.doc
    return any(doc[j].text == "," for j in range(first, g.i)) or (first > 0 and doc[first - 1].text == ",")


def _stranded_subject(verb: Token) -> Any:
    """A subject the parser hung on a word of the verb's clause that takes none, e.g. on a
    preceding date ('que el próximo 21 de agosto los guaymíes realizarán una marcha': 'los
    guaymíes' under '21'). Only a noun or number takes no subject; one with a copula is a
    predicate and keeps its own."""
    for c in children_of(verb):
        if c.i > verb.i or dep(c) in _CLAUSAL or dep(c) in _SUBJ | _PASS_SUBJ:
            continue
        stack = list(children_of(c))
        while stack:
            t = stack.pop()
            if dep(t) in _CLAUSAL:
                continue
            if dep(t) == "nsubj" and t.head.pos_ in ("NOUN", "NUM", "PROPN") \
                    and not any(dep(g) == "cop" for g in children_of(t.head)):
                return t
            stack.extend(children_of(t))
    return None


def _casualty(t: Token, cues: Cues) -> bool:
    """A casualty noun ('42 muertos', 'los heridos'), or a count of one: what an act leaves,
    never who does it."""
    return folded_lemma(t) in cues.injury_word or folded_form(t) in cues.injury_word or (
        (t.like_num or t.pos_ == "NUM") and any(
            folded_lemma(c) in cues.injury_word for c in children_of(t) if c.i > t.i))


def _relative_doer(tok: Token, carries: Callable[[Any, Any], bool], cues: Cues) -> Any:
    """The subject of a relative clause whose verb carries the event noun as its object:
    'las protestas que organizan los sindicatos', 'una huelga que mantienen los maestros'
    (= 'los sindicatos organizan las protestas'). A casualty is never the doer: in 'los
    atentados que causaron 42 muertos' the parser reads the count as the subject and the
    relative as the object, but the attacks caused the dead."""
    for c in children_of(tok):
        if dep(c) not in ("acl:relcl", "acl") or c.pos_ not in ("VERB", "AUX"):
            continue
        rel = next((g for g in children_of(c) if dep(g) == "obj" and g.pos_ == "PRON"
                    and "Rel" in morph_get(g, "PronType")), None)
        if rel is None or not carries(rel, c):
            continue
        subj = next((g for g in children_of(c) if dep(g) in _SUBJ and g.pos_ in _NOMINAL
                     and g.pos_ != "PRON"), None)
        if subj is None:
            # with the relative as object, a second object after the verb is its subject,
            # put after the verb as Spanish relatives do ('que organizan los sindicatos')
            subj = next((g for g in children_of(c) if dep(g) == "obj" and g.i > c.i
                         and g.pos_ in ("NOUN", "PROPN")), None)
        if subj is not None and not _casualty(subj, cues):
            return subj
    return None


def _participle_agent(tok: Token, cues: Cues, carries: Callable[[Any, Any], bool]) -> Any:
    """The 'por' agent of a participle modifying an event noun, when the participle is no
    event of its own: 'una manifestación organizada por los pilotos', 'los disturbios
    iniciados por X' ('una marcha reprimida por la policía' is the police's act, not theirs)."""
    for c in children_of(tok):
        if dep(c) not in ("amod", "acl") or "Part" not in morph_get(c, "VerbForm") \
                or not carries(tok, c):
            continue
        for g in (*children_of(c), *_obl_children(c)):  # English: the object of 'by'
            if g.i > c.i and g.pos_ in ("NOUN", "PROPN") and _case(g) in cues.agent_case \
                    and _case(g) not in cues.genitive_case:
                return g
    return None


def _possessor_subject(tok: Token, index: ActorIndex) -> Any:
    """'Estados Unidos ha tenido una presencia en Irak desde su invasión de 2003': a
    third-person possessive on an action noun in its clause is bound by the clause's subject
    (the doer of 'su invasión', 'su ofensiva'), when that subject is a coded actor. Not for
    nouns whose possessor is the patient ('su detención': see the caller)."""
    if not any(dep(c) == "det" and c.i < tok.i and "Yes" in morph_get(c, "Poss")
               and "3" in morph_get(c, "Person") for c in children_of(tok)):
        return None
    node = tok
    for _ in range(3):  # up through the noun phrases to the clause's verb
        if node.head.i == node.i or dep(node) not in ("obl", "obj", "nmod"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = next((c for c in children_of(node) if dep(c) in _SUBJ), None)
            return subj if subj is not None and index.mention_in(subj) is not None else None
    return None


def _agent_and_patient(
    tok: Token, event: str, cues: Cues, index: ActorIndex, carries: Callable[[Any, Any], bool]
) -> tuple[Any, Any] | None:
    """(agent, patient) of an action noun whose agent is named with 'por'/'by' -- its own
    ('la ocupación de Crimea por Rusia') or a participle's that is no event of its own
    ('la invasión de Irak liderada por Estados Unidos', 'encabezada por el Ejército') -- and
    whose 'de'/'of' phrase is then the patient (None as patient when there is none). The
    agent is a name or a coded actor: 'la detención de X por corrupción' gives a reason."""
    if event not in _AGENT_SETS_PATIENT_TYPES:
        return None

    def named(t: Any) -> bool:
        return t.pos_ == "PROPN" or index.mention_in(t) is not None

    agent = next((c for c in _obl_children(tok) if c.i > tok.i and c.pos_ in ("NOUN", "PROPN")
                  and _case(c) in cues.agent_case and _case(c) not in cues.genitive_case
                  and named(c)), None) or _participle_agent(tok, cues, carries)
    if agent is None or not named(agent):
        return None
    patient = next((c for c in _obl_children(tok) if _case(c) in cues.genitive_case
                    and c.i < agent.i and c.pos_ in ("NOUN", "PROPN") and not c.like_num
                    and named(c) and index.mention_in(c) is not index.mention_in(agent)), None)
    return agent, patient


def _passive_agent_of_head(tok: Any, cues: Cues, event: str,
                           is_event: Callable[[Any], str | None]) -> Any:
    """'la manifestación fue organizada por el movimiento X', 'the protests were called by
    farmers': a noun trigger that is the passive subject of a verb whose agent is named.
    Not when the verb is another act of its own: in 'la marcha fue reprimida por la
    policía', 'los atentados fueron condenados por el gobierno' the agent did that act,
    not the noun's (better no actor than a wrong one)."""
    head = tok.head
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    own = is_event(head)
    if own and own != event:
        return None
    passive = dep(tok) in _PASS_SUBJ or (
        dep(tok) in _SUBJ and any(dep(c) == "aux:pass" or (
            dep(c) in ("aux", "cop") and folded_lemma(c) in cues.passive_aux) for c in children_of(head)))
    if not passive:
        return None
    for c in children_of(head):
        if dep(c) in _AGENT:
            return next((g for g in children_of(c) if dep(g) == "pobj"), c)
        if c.i > tok.i and c.pos_ in _NOMINAL and _case(c) in cues.agent_case \
                and _case(c) not in cues.genitive_case:
            return c  # the parser may label the 'por' agent obj or obl
    return None


def _complement_recipient(
    tok: Token, actor: Token, cues: Cues, index: ActorIndex, skip: frozenset[int]
) -> Any:
    """The addressee inside a complement: 'demanded that the US cancel ...' (the clause's
    subject), 'offered to hand them over to Britain' (the infinitive's recipient)."""
    for c in children_of(tok):
        if dep(c) == "ccomp":
            subj = next(
                (g for g in children_of(c) if dep(g) in _SUBJ and g.pos_ in ("NOUN", "PROPN")), None
            )
            if subj is not None and not _same(subj, actor) and _names_actor(subj, index):
                return subj
        elif dep(c) == "xcomp" and c.pos_ in ("VERB", "AUX"):
            cands = [g for g in children_of(c) if dep(g) in _OBJ and g.pos_ in ("NOUN", "PROPN")]
            cands += [o for o in _obl_children(c) if _case(o) in cues.recipient_case]
            named = [
                g for g in cands if not _same(g, actor) and g.i not in skip and _names_actor(g, index)
            ]
            if named:
                return named[0]
    return None


def _past_participle(tok: Token) -> bool:
    """A past participle ('atacado', 'attacked'); not the English '-ing' form, which spaCy
    also marks VerbForm=Part (with Aspect=Prog): 'were demanding' is no passive."""
    return "Part" in morph_get(tok, "VerbForm") and "Prog" not in morph_get(tok, "Aspect")


def _elided_passive(verb: Token, cues: Cues) -> bool:
    """A bare participle coordinated with a passive verb shares its auxiliary, so its voice
    ('fue saqueado e incendiado por X': X burnt it, the depot was burnt): a conjunct with no
    auxiliary and no subject of its own."""
    return dep(verb) == "conj" and verb.head.i != verb.i and _past_participle(verb) \
        and not any(dep(c) in _SUBJ or dep(c).startswith("aux") for c in children_of(verb)) \
        and _is_passive(verb.head, cues)


def _is_passive(verb: Token, cues: Cues) -> bool:
    """A passive verb: 'fue atacado', 'were attacked'."""
    return any(dep(c) == "aux:pass" for c in children_of(verb)) or (
        _past_participle(verb)
        and any(dep(c) == "aux" and folded_lemma(c) in cues.passive_aux for c in children_of(verb))
    )


def patient_predicate(tok: Token, cues: Cues) -> bool:
    """A verb trigger whose grammar leaves its doer unexpressed or makes its subject the one
    acted on: a passive ('fueron detenidos'), a participle modifying a noun ('los presos
    liberados'), a victim predicate ('resultaron heridos'). Its actor comes only from an
    explicit agent, which the rules read; no guessed phrase is its actor."""
    if tok.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    participle = "Part" in morph_get(tok, "VerbForm") and dep(tok) in ("acl", "amod")
    return _is_passive(tok, cues) or participle or _victim_predicate(tok, cues)


def _carrier(
    is_light: Callable[[Any], bool], is_event: Callable[[Any], str | None], cues: Cues,
    event: str = "",
) -> Callable[[Any, Any], bool]:
    """Whether verb ``head`` passes its subject to the event noun ``node`` it governs.

    A support verb does ('realizaron una huelga'); so does any verb that is no event of its
    own, when the noun is its direct object or its 'a' complement: aspect, decision and
    outcome verbs ('reanudaron las negociaciones', 'decidieron el paro', 'llegaron a un
    acuerdo', 'pusieron fin a la huelga'). A verb that is an event itself ('reprimieron la
    marcha', 'apoyan la huelga') has its own subject, who is not the noun's actor, unless it
    is the same act ('firmaron un acuerdo', 'protestaron con una marcha'); an oblique of
    time, cause or place ('tras la huelga') names no argument."""

    def passes(node: Any, head: Any) -> bool:
        if is_light(head):
            return True
        if folded_lemma(head) in cues.victim_verb:
            return False  # 'murieron en un ataque': the dead suffered it
        if head.head.i == node.i and dep(head) in ("amod", "acl"):
            return not is_event(head)  # a participle of the noun: 'una marcha organizada por X'
        if head.pos_ not in ("VERB", "AUX") or _is_passive(head, cues):
            return False  # 'fueron repelidos con disparos': the subject suffered it
        own = is_event(head)
        if own:
            # the same act told twice ('firmaron un acuerdo') passes, another act does not
            return own == event and dep(node) in ("obj", "obl")
        lemma = folded_lemma(head)
        if lemma in cues.content_verb or cues.aux.get(lemma) == "negation":
            return False  # 'confirmó la muerte', 'evitaron la huelga': not their act
        if lemma in cues.undergo_verb:
            return False  # 'recibió amenazas', 'sufrió un ataque': the subject undergoes it
        if any(dep(c) in _SUBJ and is_event(c) for c in children_of(head)):
            return False  # 'la protesta coincidió con una huelga': an event is no actor
        return dep(node) == "obj" or (dep(node) == "obl" and _case(node) in cues.carrier_case)

    return passes


def _names_actor(tok: Token, index: ActorIndex) -> bool:
    """Coded by the actors stage, or a proper name: a complement's 'el diálogo' is not."""
    return index.mention_in(tok) is not None or tok.pos_ == "PROPN"


def _inherited_subject(tok: Token, speech: set[str], carries: Callable[[Any, Any], bool],
                       light: Collection[str] = frozenset()) -> Any:
    """Subject of the verb that governs ``tok`` (two levels up): through xcomp/conj/advcl for
    verbs ('acuerdan iniciar'); for nouns only through the object or oblique of a support
    verb ('realizaron una huelga', 'participaron en una marcha'): whoever 'supports' or
    'represses' a strike is not its actor. A verb of saying passes no subject, unless it is
    also one of the ``light`` support verbs and the noun is its object."""
    node = tok
    for _ in range(2):
        head = node.head
        if dep(node) == "pobj" and dep(head) == "prep":
            head = head.head  # English 'participated in a march'
        if head.i == node.i:
            return None
        # (a copula's infinitive is its predicate, not a controlled act: 'el propósito es culminar')
        controlled = head.pos_ == "VERB" and _controlled_infinitive(node)
        if folded_lemma(head) in speech and not controlled and not (
                node.pos_ in ("NOUN", "PROPN") and dep(node) == "obj" and folded_lemma(head) in light):
            # a verb of saying reports; but one that also supports its object noun declares
            # the act itself ('el Gobierno declaró el estado de emergencia', 'declararon la
            # guerra': the subject is the act's doer)
            return None
        if node.pos_ in ("NOUN", "PROPN"):
            if dep(node) not in ("obj", "obl", "pobj", "nmod") or not carries(node, head):
                return None
        elif dep(node) == "acl" and "Inf" in morph_get(node, "VerbForm") \
                and head.pos_ in ("NOUN", "PROPN") and dep(head) == "obj" \
                and any(dep(c) == "mark" for c in children_of(node)):
            # 'iniciaron una rebelión para protestar', 'ratificó su decisión de cortar': the
            # infinitive complement of an object noun has the clause's subject
            head = head.head
        elif dep(node) not in _INHERIT and not controlled:
            return None
        subj = next((c for c in children_of(head) if dep(c) in _SUBJ), None)
        if head.pos_ in ("VERB", "AUX") and (subj is None or (subj.like_num and _counted(subj) is None)):
            subj = _stranded_subject(head) or _fronted_subject(head) or subj
        if subj is not None and subj.i != tok.i:
            return subj
        node = head
    return None


def _controlled_infinitive(node: Token) -> bool:
    """An infinitive complement with no subject of its own and no subordinator ('anunció
    haber matado a un comandante', 'aseguró haber atacado la base', 'claimed to have shot'):
    its subject is the governing verb's, a verb of saying included (subject control of the
    infinitive of verbs of speech and belief, Nueva gramática 26.5; CGEL 14.2). The parser
    labels the perfect infinitive's participle ccomp, so the form is read on the participle
    or its auxiliary."""
    if node.pos_ not in ("VERB", "AUX") or dep(node) not in ("ccomp", "xcomp"):
        return False
    kids = children_of(node)
    if any(dep(c) in _SUBJ or dep(c) == "mark" for c in kids):
        return False
    return "Inf" in morph_get(node, "VerbForm") or any(
        dep(c) == "aux" and "Inf" in morph_get(c, "VerbForm") for c in kids)


def _better_agent(cand: Token, current: Token, index: ActorIndex) -> bool:
    """Prefer a coded actor, then a proper name, over a common noun ('de represalia')."""

    def rank(t: Token) -> int:
        return 2 if index.by_token.get(t.i) else 1 if t.pos_ == "PROPN" else 0

    return rank(cand) > rank(current)


def _following_agent(tok: Token, cues: Cues, index: ActorIndex, event: str = "") -> Any:
    """A coded actor in a 'de'/'por' phrase right after the noun, when the parse attached it
    elsewhere ('bombardeos de castigo de Francia'); at most six words on, and not past the
    preposition of a topic ('protestas por la llegada de X': X is in the topic)."""
    doc = tok.doc
    for j in range(tok.i + 1, min(len(doc), tok.i + 7)):
        t = doc[j]
        if j > tok.i + 1 and event in _TOPIC_POR_TYPES and fold(doc[j - 1].text) in cues.topic_case \
                and t.pos_ in ("NOUN", "DET") and folded_lemma(t) not in cues.agent_phrase:
            return None
        if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "PRON", "ADV") \
                or "Part" in morph_get(t, "VerbForm") or (
                    t.pos_ == "ADP" and _CONTRACTIONS.get(folded_form(t), folded_form(t))
                    not in cues.agent_case):
            # an adverb opens a locution: 'delante de X', 'cerca de X'; a participle has its
            # own agent: 'una marcha reprimida por la policía'; another preposition opens a
            # place or a time: 'una marcha en un campo de refugiados'
            return None
        if j in index.by_token and j > 0 and fold(doc[j - 1].text) in cues.agent_case:
            return t
    return None


def headline_subject(tok: Token, index: ActorIndex, start: int) -> Any:
    """The first actor named in a headline before its trigger ``tok`` (the headline starts
    at character ``start``): headlines put the subject first, 'OBREROS PROTESTARAN EL
    JUEVES', 'PRESIDENTE NIEGA SUSPENSION DE NEGOCIACIONES'."""
    first = next((j for j in sorted(index.by_token) if j < tok.i and tok.doc[j].idx >= start), None)
    if first is None:
        return None
    cand = tok.doc[first]
    phrase = tok
    while dep(phrase) in ("compound", "flat") and phrase.head.i != phrase.i:
        phrase = phrase.head  # a headline run into the next line: 'prison riot QUITO'
    if not tok.text.isupper() and tok.pos_ in ("NOUN", "PROPN") \
            and (dep(phrase) == "pobj" or any(dep(c) == "case" for c in children_of(phrase))) \
            and _subject_of_governor(cand, tok):
        # a mixed-case headline parses well: in 'Ecuador declares state of emergency after
        # prison riot' the subject declares; the riot, a circumstance, is not its act
        return None
    return cand


def _subject_of_governor(cand: Token, tok: Token) -> bool:
    """Whether ``cand`` is the subject of a verb above ``tok`` (other than ``tok``)."""
    if dep(cand) not in _SUBJ or cand.head.i == tok.i:
        return False
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i == cand.head.i:
            return True
    return False


def speaker_subject(tok: Token, speech: set[str],
                    is_speech: Callable[[Any], bool] | None = None) -> Any:
    """Subject of the reporting verb whose complement holds ``tok`` (three levels up);
    ``is_speech`` also tells verbs that report only with a clause ('anunció que realizará
    un paro', 'manifestó que marcharán')."""
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            return None
        node = node.head
        if folded_lemma(node) in speech or (is_speech is not None and is_speech(node)):
            return next((c for c in children_of(node) if dep(c) in _SUBJ), None)
    return None


def _noun_args(
    tok: Token,
    event: str,
    mode: str | None,
    cues: Cues,
    speech: set[str],
    index: ActorIndex,
    carries: Callable[[Any, Any], bool],
    is_event: Callable[[Any], str | None] = lambda t: None,
) -> tuple[Any, Any]:
    actor = recipient = None
    patient_genitive = event in _PATIENT_GENITIVE_TYPES or mode in _PATIENT_GENITIVE_MODES \
        or folded_lemma(tok) in cues.victim_verb  # 'la muerte de un manifestante'

    if event not in RECIPROCAL_TYPES:
        # 'enfrentamientos entre policías y manifestantes': both sides, in text order
        actor, recipient = between_parties(tok, cues)
    for c in _obl_children(tok):
        case = _case(c)
        if case in cues.between_case and c.pos_ in _NOMINAL:
            continue
        phrase = cues.agent_phrase.get(folded_lemma(c))
        if phrase and case.startswith(phrase.split()[0]):
            # 'por parte de X': the agent is X, a 'de' dependent of 'parte'
            c = next((g for g in _obl_children(c)), c)
            case = phrase
        if case in cues.against_case or (
            case in cues.recipient_case and case not in cues.agent_case
        ) or (event == "SANCTION" and case in cues.sanction_case and c.ent_type_ not in ("DATE", "TIME")):
            recipient = recipient or c
        elif case in cues.topic_case and event in _TOPIC_POR_TYPES:
            continue  # 'protesta por el alza', 'condena por el atentado': the topic
        elif case in cues.agent_case and c.pos_ in ("NOUN", "PROPN") and not c.like_num:
            genitive = case in cues.genitive_case
            if genitive and c.pos_ != "PROPN" and index.mention_in(c) is None \
                    and not (event == "PROTEST" and _counted_people(c)):
                continue  # 'huelga de 24 horas', 'marcha de protesta': not an agent
            if genitive and event in _SITE_GENITIVE_TYPES and c.pos_ == "PROPN" \
                    and _bare_place_name(c) and index.mention_in(c) is None:
                # 'los enfrentamientos de Juliaca', 'the clashes of Nakuru': a place name no
                # actor reads (a country or a group does) is where the violence happened, not
                # its doer; a 'contra' the parser hung on it is still the act's target. (A
                # protest's town stands for its residents: 'las protestas de El Alto'.)
                recipient = recipient or next((t for t in _phrase(c) if t.i > c.i
                                               and _case(t) in cues.against_case), None)
                continue
            if not genitive and event in _PATIENT_GENITIVE_TYPES and c.pos_ != "PROPN" \
                    and index.mention_in(c) is None:
                continue  # 'la detención de X por corrupción': the reason, not an agent
            if patient_genitive and genitive:
                recipient = recipient or c
            elif actor is None or _better_agent(c, actor, index):
                actor = c
    led = _agent_and_patient(tok, event, cues, index, carries)
    if led is not None:
        actor, recipient = led[0], recipient or led[1]
    if actor is not None and recipient is None:
        # 'contra bases' may hang from the agent phrase ('grupos ... respaldados ... contra bases')
        recipient = next(
            (t for t in _phrase(actor) if not _same(t, actor) and _case(t) in cues.against_case),
            None,
        )
    if actor is None and not patient_genitive:
        actor = _counted_doers(tok, event, cues, index)
    if actor is None:
        means = _passive_means(tok, cues)
        if means is not None:
            actor, recipient = means[0], recipient or means[1]
    if actor is None:
        actor = _following_agent(tok, cues, index, event)
        if actor is not None and recipient is not None \
                and index.by_token.get(actor.i) is index.mention_in(recipient):
            actor = None  # the patient already read from the 'de' phrase ('la muerte de X')
    if actor is None:
        # a demonym or name modifying the noun: 'ataques estadounidenses', 'Iraqi attacks'
        actor = next(
            (
                c
                for c in children_of(tok)
                if dep(c) in ("amod", "compound", "nmod:poss")
                and index.mention_in(c) is not None
            ),
            None,
        )
    if actor is None and not patient_genitive:
        actor = _possessor_subject(tok, index)
    if actor is None:
        actor = _state_holder(tok, cues)
    if actor is None:
        # 'cumplirán una serie de protestas': a classifier noun stands for its act
        host = tok.head if dep(tok) == "nmod" and tok.head.pos_ == "NOUN" \
            and folded_lemma(tok.head) in cues.kind_noun and _case(tok) in cues.genitive_case else tok
        actor = _inherited_subject(host, speech, carries, cues.light)
    if actor is None:
        actor = _relative_doer(tok, carries, cues)
    if actor is None:
        actor = _passive_agent_of_head(tok, cues, event, is_event)
    if actor is None:
        actor = _participle_agent(tok, cues, carries)
    if recipient is None:
        recipient = _nested_recipient(tok, actor, cues)
    if recipient is None and actor is not None:
        recipient = _carrier_recipient(tok, actor, cues, carries)
    if recipient is None and actor is not None and actor.i > tok.i:
        # 'el paro convocado por la oposición contra el gobierno': the parser hangs the
        # target on the agent found after the noun
        recipient = next((t for t in _phrase(actor) if not _same(t, actor) and t.i > actor.i
                          and _case(t) in cues.against_case), None)
    return actor, recipient


def _bare_place_name(tok: Token) -> bool:
    """Whether ``tok`` opens a place entity of proper names only ('Juliaca', 'Nakuru', 'San
    Marcos'); a name with a preposition or article inside ('Federación de la Bebida', which
    the tagger may call a place) is an organisation's more often than a town's."""
    if tok.ent_type_ not in ("LOC", "GPE") or tok.ent_iob_ != "B":
        return False
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        if doc[j].pos_ != "PROPN":
            return False
        j += 1
    return True


def _counted_doers(tok: Token, event: str, cues: Cues, index: ActorIndex) -> Any:
    """The people a count after an event noun counts, as its doers: 'una manifestación de
    varios miles de campesinos', 'un ataque de cientos de rebeldes' (the parser hangs the
    count as a number modifier, so it is no oblique). A protest's doers may be any plural
    noun; another act's only a coded one."""
    for c in children_of(tok):
        if c.i < tok.i or not (c.pos_ == "NUM" or c.like_num) or _case(c) not in cues.genitive_case:
            continue
        counted = _counted(c)
        if counted is None or counted.pos_ != "NOUN":
            continue
        if index.mention_in(counted) is not None or (
                event == "PROTEST" and "Plur" in morph_get(counted, "Number")):
            return counted
    return None


def _passive_means(tok: Token, cues: Cues) -> tuple[Any, Any] | None:
    """(agent, patient) of the passive verb an event noun is the means of: 'los manifestantes
    fueron repelidos con disparos por la policía' -> (la policía, los manifestantes). The
    agent's 'por' phrase may hang anywhere after the verb in its clause (the parser often
    attaches it to the last noun of the means)."""
    head = tok.head
    if head.i == tok.i or dep(tok) not in ("obl", "nmod") or _case(tok) not in cues.means_case \
            or head.pos_ not in ("VERB", "AUX") or not _is_passive(head, cues):
        return None
    patient = next((c for c in children_of(head) if dep(c) in _SUBJ | _PASS_SUBJ and c.pos_ in _NOMINAL), None)
    agent = _deep_agent(head, cues, None)
    if agent is None and patient is None:
        return None
    return agent, patient


def _deep_agent(verb: Token, cues: Cues, index: ActorIndex | None) -> Any:
    """The first 'por' phrase after a passive verb anywhere in its clause; with ``index``,
    only one that names an actor ('detenido por robo' names a cause)."""
    return next((t for t in sorted(_phrase(verb), key=lambda t: t.i)
                 if t.i > verb.i and t.pos_ in ("NOUN", "PROPN") and _case(t) in cues.agent_case
                 and _case(t) not in cues.genitive_case
                 and (index is None or _names_actor(t, index))), None)


def _carrier_recipient(tok: Token, actor: Any, cues: Cues, carries: Callable[[Any, Any], bool]) -> Any:
    """The party named on the verb that carries an event noun: 'firmaron un acuerdo con los
    sindicatos', 'realizaron una protesta ante la embajada' (a recipient preposition on the
    verb, when the noun has none of its own)."""
    head = tok.head
    if head.i == tok.i or not carries(tok, head):
        return None
    for c in _obl_children(head):
        if _same(c, tok) or _same(c, actor) or c.pos_ not in ("NOUN", "PROPN"):
            continue
        if _case(c) in cues.recipient_case and c.i > tok.i:
            return c
    return None


def between_parties(tok: Token, cues: Cues) -> tuple[Any, Any]:
    """The two sides of an event noun's 'entre X y Y' phrase ('enfrentamientos entre policías
    y manifestantes'), also when it hangs from the noun's participle ('los choques ocurridos
    ayer entre X y Y'); (None, None) without one."""
    holders = [tok, *[c for c in children_of(tok) if dep(c) in ("amod", "acl")
                      and "Part" in morph_get(c, "VerbForm")]]
    if dep(tok) in ("nsubj", "obj") and tok.head.pos_ in ("VERB", "AUX") and tok.head.i != tok.i:
        # hung on the verb that states or leaves the event: 'se produjeron choques violentos
        # entre X y Y', 'dejaron choques entre X y Y' (right after the noun's phrase only)
        holders.append(tok.head)
    for c in (o for h in holders for o in _obl_children(h)):
        if _case(c) in cues.between_case and c.pos_ in _NOMINAL and not c.like_num \
                and (c.head.i != tok.head.i or tok.head.i == tok.i
                     or c.left_edge.i == tok.right_edge.i + 1):
            other = next((g for g in children_of(c) if dep(g) == "conj" and g.pos_ in _NOMINAL), None)
            return c, other
    return None, None


def _counted_people(tok: Token) -> bool:
    """A plural noun with a determiner: 'la huelga de los pilotos', 'la marcha de unos 600
    funcionarios'; a bare plural is a kind ('huelga de brazos caídos') and a number alone a
    length ('huelga de 24 horas')."""
    return "Plur" in morph_get(tok, "Number") and tok.pos_ == "NOUN" and any(
        dep(c) == "det" for c in children_of(tok))


def _state_holder(tok: Token, cues: Cues) -> Any:
    """Who is in the state a bare event noun names after 'en' / 'on': 'los mineros, en
    huelga' (the noun it modifies), 'se declararon en huelga', 'went on strike' (the
    subject of the verb it complements)."""
    if _case(tok) not in cues.state_case or any(dep(c) == "det" for c in children_of(tok)):
        return None
    head = tok.head.head if dep(tok) == "pobj" and tok.head.pos_ == "ADP" else tok.head
    if head.i == tok.i:
        return None
    if head.pos_ in ("NOUN", "PROPN") and dep(tok) in ("nmod", "acl", "pobj", "prep"):
        return head
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        return next((c for c in children_of(head) if dep(c) in _SUBJ), None)
    return None


def _nested_recipient(tok: Token, actor: Any, cues: Cues) -> Any:
    """The target named inside a bare 'de' complement of the event noun: 'una marcha de
    protesta contra el régimen', 'manifestaciones de apoyo a X', 'de solidaridad con X'."""
    for c in _obl_children(tok):
        if _case(c) not in cues.genitive_case or any(dep(g) == "det" for g in children_of(c)):
            continue
        for g in _obl_children(c):
            if not _same(g, actor) and g.pos_ in ("NOUN", "PROPN") and (
                    _case(g) in cues.against_case or _case(g) in cues.recipient_case):
                return g
    return None
