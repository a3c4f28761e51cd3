"""Cheaper reads added by branch speed7 give the answers of the reads they replace."""

import pytest

from cronica.stages.nlp.syntax import tokens_of

pytestmark = pytest.mark.slow

_SENTENCES_ES = [
    "Los maestros anunciaron un paro nacional para exigir al gobierno un aumento salarial.",
    "La policía detuvo ayer en Lima a tres dirigentes de la protesta contra la reforma.",
    "Hola.",
]


def test_tokens_of_gives_the_tokens_of_the_document_asked_in_turn(nlp_es, nlp_en):
    docs = [nlp_es(_SENTENCES_ES[0]), nlp_en("Strikers marched on Monday."), nlp_es("Hola.")]
    for _ in range(2):
        for doc in docs:
            toks = tokens_of(doc)
            assert [(t.i, t.text) for t in toks] == [(t.i, t.text) for t in doc]
            assert all(t.doc is doc for t in toks)


def test_buckets_are_the_smallest_cap_at_or_above_the_number():
    from cronica.stages.events.recipient import _bucket

    def slow(n: int) -> str:
        return next((str(c) for c in (1, 2, 4, 8, 15) if n <= c), "far")

    assert [_bucket(n) for n in range(-1, 120)] == [slow(n) for n in range(-1, 120)]


def _reference_features(trig, cand, event, mode, other, rule, code, label):
    """The chooser's features as first written (branch target6), token by token."""
    from cronica.stages.events.recipient import _bucket, _table, case_of, dep_path

    table = _table(cand.doc)
    down = table.ancestors(trig.i)
    path, length = dep_path(cand, trig, down)
    case = case_of(cand) or "-"
    side = "before" if cand.i < trig.i else "after"
    sector = (code[3:] if len(code) > 3 else code) if code else ""
    is_rule = rule is not None and rule.i == cand.i
    is_other = other is not None and other.i == cand.i
    cand_dep = table.deps[cand.i]
    pos = "trig_noun" if table.pos[trig.i] in ("NOUN", "PROPN") else "trig_verb"
    f = [
        "bias", f"path={path}", f"len={_bucket(length)}", f"case={case}", f"side={side}",
        f"dist={_bucket(abs(cand.i - trig.i))}", f"ent={label or '-'}",
        f"coded={'yes' if code is not None else 'no'}", f"sector={sector or '-'}",
        f"pos={table.pos[cand.i]}", f"dep={cand_dep}", pos,
        f"ev={event}", f"ev_case={event}|{case}", f"ev_side={event}|{side}",
        f"case_side={case}|{side}", f"mode={mode or '-'}", f"trig_case={pos}|{case}",
        f"ev_coded={event}|{code is not None}", f"path_case={path}|{case}",
    ]
    if is_rule:
        f += ["rule", f"rule_ev={event}"]
    if rule is None:
        f.append("rule_none")
    if is_other:
        f.append("is_other")
    if cand.i in down:
        f.append("governs_trigger")
    if table.title[cand.i] and cand.i > table.sent_start[cand.i]:
        f.append("capitalised")
    return f


def test_the_choosers_features_per_trigger_are_those_read_candidate_by_candidate(nlp_es):
    from cronica.stages.events.recipient import _TriggerFeatures, features

    for text in _SENTENCES_ES:
        doc = nlp_es(text)
        for trig in doc:
            for rule, other in ((None, None), (doc[0], doc[-1]), (doc[-1], doc[0])):
                per_trigger = _TriggerFeatures(trig, "PROTEST", "demo", other, rule)
                for cand in doc:
                    for code in (None, "PER", "PERGOV"):
                        want = _reference_features(trig, cand, "PROTEST", "demo", other, rule,
                                                   code, cand.ent_type_)
                        assert per_trigger.of(cand, code, cand.ent_type_) == want
                        assert features(trig, cand, "PROTEST", "demo", other, rule, code,
                                        cand.ent_type_) == want


def test_sentence_bounds_are_those_of_the_sentence_spacy_gives(nlp_es, nlp_en):
    from cronica.stages.nlp.syntax import sentence_bounds

    docs = [nlp_es("Los obreros marcharon. El gobierno negoció con ellos; luego dijo que sí."),
            nlp_en("Strikers marched. Police said nothing."), nlp_es("Hola")]
    for _ in range(2):
        for doc in docs:
            assert sentence_bounds(doc) == [(t.sent.start, t.sent.end) for t in doc]


def test_the_choosers_candidates_are_the_noun_phrase_heads_of_the_sentence(nlp_es):
    from cronica.stages.events.recipient import _INNER, candidates
    from cronica.stages.nlp.syntax import dep

    doc = nlp_es(" ".join(_SENTENCES_ES))
    for trig in doc:
        want = [t.i for t in trig.sent if t.pos_ in ("NOUN", "PROPN") and dep(t) not in _INNER
                and not t.is_punct and t.i != trig.i]
        assert [t.i for t in candidates(trig, frozenset({trig.i}))] == want


def test_folded_keys_are_the_folded_lemma_and_form_also_from_memory(nlp_es):
    from cronica.stages.events.lexicon import fold
    from cronica.stages.events.modes import _folded

    doc = nlp_es("Los GOLPISTAS dieron un golpe de Estado; Golpe y golpes.")
    for _ in range(2):
        for tok in doc:
            assert _folded(tok) == (fold(tok.lemma_), fold(tok.text))


def test_the_chooser_scores_each_row_with_its_probability():
    from cronica.stages.events.recipient import Choice, RecipientModel

    model = RecipientModel({"bias": -1.0, "good": 3.0, "rule": 1.0, "huge": 80.0}, 0.5, 0.3)
    rows = [Choice(1, 0, 3, ["bias", "rule"], rule=True), Choice(2, 4, 9, ["bias", "good"]),
            Choice(3, 9, 12, ["bias", "huge"]), Choice(4, 12, 15, ["huge", "good"])]
    best = max(rows, key=lambda r: model.prob(r.feats))  # the first of equal probabilities
    assert model.choose(rows) is best is rows[2]


def test_sentence_contexts_are_those_read_word_by_word(nlp_es):
    from cronica.stages.events.lexicon import fold, lexicon
    from cronica.stages.events.modes import _phrase_context, contexts

    cues = lexicon("es").cues

    def reference(sent):
        seen = []
        for tok in sent:
            ctx = cues.context.get(fold(tok.lemma_)) or cues.context.get(fold(tok.text))
            if not ctx and cues.context_phrases:
                ctx = _phrase_context(tok, cues)
            if ctx and ctx not in seen:
                seen.append(ctx)
        return seen

    doc = nlp_es("Los militares dieron un golpe de Estado y detuvieron a periodistas de la "
                 "oposición. Los manifestantes exigieron elecciones libres.")
    assert any(reference(s) for s in doc.sents)
    for _ in range(2):
        for sent in doc.sents:
            assert contexts(sent, cues) == reference(sent)


def test_foreign_complements_are_those_read_from_the_prepositions(nlp_es, nlp_en):
    from cronica.stages.events.args import _CONTRACTIONS, _foreign_complement
    from cronica.stages.events.lexicon import fold
    from cronica.stages.nlp.syntax import dep

    def reference(t, genitive):
        if dep(t) == "prep":
            return fold(t.text) not in genitive
        if dep(t) not in ("nmod", "obl"):
            return False
        case = [_CONTRACTIONS.get(w, w) for w in
                (fold(c.text) for c in t.children if dep(c) == "case" and c.i < t.i)]
        return bool(case) and case[0] not in genitive

    docs = [nlp_es(" ".join(_SENTENCES_ES)), nlp_en("Rebels in Chad attacked the base of the army.")]
    for _ in range(2):
        for doc in docs:
            for genitive in (frozenset({"de", "of"}), frozenset()):
                for t in doc:
                    assert _foreign_complement(t, genitive) == reference(t, genitive)


def test_bigram_buckets_are_those_of_the_bigram_text():
    from cronica.stages.events.learned import _bigram, _bucket

    for a, b in (("de", "la"), ("paro", "nacional"), ("de", "la")):
        assert _bigram(a, b) == _bucket("b " + a + " " + b)


@pytest.mark.parametrize("name", ["_COMMA_PAIR", "_AREA_PAIR", "_NAME_NOUN"])
def test_place_name_patterns_match_what_a_leading_look_behind_matches(name):
    import re

    from cronica.stages.place import geocoder

    pattern = getattr(geocoder, name).pattern.replace(geocoder._LINKED_START, geocoder._LINKED, 1)
    group = pattern.index("(?P<")
    before = re.compile(pattern[:group] + r"(?<![\w'’.-])" + pattern[group:])
    texts = ["Disparos en Barvinkove, Kharkiv region el lunes.", "ANTIOQUIA , SAN CARLOS",
             "Cauca, Popayán y Nariño, Pasto.", "Al-Bab city, Aleppo", "x.Bogota, Cundinamarca",
             "O'Higgins, Chile", "Amara city", "Sabon Birni LGA, Sokoto state", "Lima, Perú",
             "-Kyiv, Ukraine", "Ab Cd de Ef, Gh Ij province", ""]
    for text in texts:
        got = [(m.span(), m.groupdict()) for m in getattr(geocoder, name).finditer(text)]
        want = [(m.span(), m.groupdict()) for m in before.finditer(text)]
        assert got == want


def test_a_phrase_lies_within_its_heads_subtree_edges(nlp_es, nlp_en):
    from cronica.stages.events.args import _phrase

    docs = [nlp_es(" ".join(_SENTENCES_ES)),
            nlp_en("Dozens of protesters from the opposition party marched in Lagos, police said.")]
    for doc in docs:
        for tok in doc:
            for genitive in (None, frozenset({"de", "of"})):
                assert all(tok.left_edge.i <= t.i <= tok.right_edge.i for t in _phrase(tok, genitive))


def test_the_mention_in_a_phrase_is_the_one_the_phrase_walk_finds():
    from cronica.model import Article
    from cronica.pipeline import Pipeline
    from cronica.stages.events.args import ActorIndex, _phrase

    text = ("Miles de maestros de la CTERA y dirigentes del gobierno de Argentina marcharon en "
            "Buenos Aires contra el Fondo Monetario Internacional, según la policía de la ciudad.")
    adoc = Pipeline(only=("actors",)).process(
        Article(id="t", text=text, lang="es", date="2024-03-03", origin="t"))
    assert adoc.actors
    index = ActorIndex(adoc, frozenset({"de", "del"}))

    def walked(tok):
        if tok.i in index.by_token:
            return index.by_token[tok.i]
        best = None
        for t in _phrase(tok, index.genitive or None):
            m = index.by_token.get(t.i)
            if m is not None and (best is None or abs(t.i - tok.i) < best[0]):
                best = (abs(t.i - tok.i), m)
        return best[1] if best else None

    found = [index.mention_in(tok) for tok in adoc.doc]
    assert found == [walked(tok) for tok in adoc.doc]
    assert any(m is not None and tok.i not in index.by_token for tok, m in zip(adoc.doc, found, strict=True))
