"""speed13e: the events stage with the same answers, cheaper (docs/benchmarks.md, speed13e)."""

from __future__ import annotations

import json

from cronica.model import Event, EventArg, Span
from cronica.stages.events import coder

# invented sentences whose triggers the secondary words read again: acts folded into the
# frame that governs them, aims of protests, background acts pruned beside stronger ones
_TEXTS = [
    "El gobierno condenó el ataque contra la embajada y anunció que sancionará a los autores.",
    "Miles de maestros marcharon en Lima para exigir la renuncia del ministro, tras la ola "
    "de atentados del mes pasado.",
    "Los sindicatos amenazaron con una huelga si el Congreso no retira la reforma. Ambos "
    "negociaron durante horas y firmaron un acuerdo.",
    "La policía detuvo a diez manifestantes que bloqueaban la carretera, dijo el ministro, "
    "quien rechazó reunirse con los campesinos.",
]


def _outputs(make_doc) -> list[str]:
    return [json.dumps(make_doc(t, date="2024-03-02", stages=["actors", "events"]).to_dict(),
                       sort_keys=True, ensure_ascii=False) for t in _TEXTS]


def test_secondary_words_reused_from_the_main_pass_equal_those_built_again(make_doc, monkeypatch):
    reused = _outputs(make_doc)
    copies: list[Event] = []
    monkeypatch.setattr(coder, "_copy_event", lambda e: copies.append(e) or e)
    monkeypatch.setattr(coder, "REUSE_BUILDS", False)
    built = _outputs(make_doc)
    assert not copies  # nothing kept when switched off: every secondary word built again
    assert reused == built


def test_a_reused_secondary_word_is_one_of_the_kept_copies(make_doc, monkeypatch):
    copies: list[int] = []
    real = coder._copy_event

    def counted(e: Event) -> Event:
        out = real(e)
        copies.append(id(out))
        return out

    monkeypatch.setattr(coder, "_copy_event", counted)
    found = False
    for t in _TEXTS:
        adoc = make_doc(t, date="2024-03-02", stages=["actors", "events"])
        found = found or any(id(e) in copies for e in adoc.secondary_events)
    assert found


def test_a_copied_event_shares_nothing_the_stages_change_in_place():
    trigger = Span("marcharon", 10, 19, 0)
    actor = EventArg("los maestros", "EDU", ["EDU"], 0, 12, "a0")
    e = Event(id="", event="PROTEST", trigger=trigger, mode="demo", context=["labor"],
              aux_mode="future", aux_evidence={"text": "marcharán", "start": 10, "end": 19,
                                               "rule": "future tense"},
              actor=actor, recipient=None, mentions=[trigger], confidence=0.7, head=2)
    c = coder._copy_event(e)
    assert c == e and c is not e
    assert c.mentions[0] is c.trigger and c.trigger is not e.trigger
    c.trigger.sentence = 3
    c.context.append("x")
    assert c.aux_evidence is not None and c.actor is not None
    c.aux_evidence["rule"] = "y"
    c.actor.codes.append("GOV")
    c.actor.country = "PER"
    c.mentions.append(Span("x", 0, 1, 0))
    assert e.trigger.sentence == 0 and e.context == ["labor"] and e.mentions == [trigger]
    assert e.aux_evidence["rule"] == "future tense"
    assert actor.codes == ["EDU"] and actor.country is None
    assert coder._copy_event(Event(id="", event="X", trigger=trigger)).actor is None


def test_the_chooser_without_row_objects_picks_as_choose_over_rows(nlp_es):
    from cronica.stages.events import recipient as rec

    model = rec.recipient_model("es")
    assert model is not None
    doc = nlp_es("Los maestros de Lima marcharon el lunes frente al Congreso contra la reforma "
                 "del ministro, y la policía reprimió a los manifestantes con gases. El gobierno "
                 "de Perú negoció con los sindicatos en la sede de la OEA.")

    def span(t):
        if t.i % 5 == 4:
            return None  # a phrase that names no one
        return t.idx, t.idx + len(t.text), ("PERGOV" if t.i % 3 == 0 else None)

    tight = rec.RecipientModel(model.weights, take=0.0, margin=-1.0)  # takes the best
    checked = taken = 0
    for trig in doc:
        if trig.pos_ not in ("NOUN", "VERB"):
            continue
        for m in (model, tight):
            for rule in (None, *[t for t in doc if t.pos_ in ("NOUN", "PROPN")][:6]):
                other = doc[0] if rule is not None and rule.i != 0 else None
                skip = frozenset({trig.i})
                rows = rec.rows_for(trig, "PROTEST", "demo", other, rule, skip, span, m)
                want = m.choose(rows)
                got = rec.choose_for(trig, "PROTEST", "demo", other, rule, skip, span, m)
                assert got == (None if want is None else want.tok)
                checked += 1
                taken += got is not None
    assert checked > 100 and taken > 10  # both outcomes exercised


def test_the_trigger_search_leaves_the_lexicon_answers_it_read_as_a_fresh_read(nlp_es):
    from cronica.stages.events.coder import EventCoder
    from cronica.stages.nlp.syntax import doc_cache

    ev = EventCoder("es")
    doc = nlp_es("Los campesinos bloquearon la carretera y convocaron una huelga; la policía "
                 "atacó la marcha y el gobierno condenó los disturbios.")
    found = ev.find_triggers(doc)
    assert found
    stored = doc_cache(doc, "events.lex_match")
    assert stored  # the search kept what it read
    for i in range(len(doc)):
        fresh = ev.lex.match(doc, i)
        assert ev._lex_match_at(doc, i) == fresh
    # the search's own matches are copies: nesting may change them, never the kept answers
    kept = {id(v) for v in stored.values() if v is not None}
    assert all(id(m) not in kept for m in found)


def test_the_choosers_table_reads_each_tokens_fields_as_the_token_does(nlp_es):
    from cronica.stages.events import recipient as rec
    from cronica.stages.nlp.syntax import dep

    doc = nlp_es("El Gobierno de Chile y los Mapuches negociaron en Temuco. ¿Marcharán mañana? "
                 "Sí, dijo la CUT.")
    table = rec._Table(doc)
    for t in doc:
        assert table.heads[t.i] == t.head.i
        assert table.deps[t.i] == dep(t)
        assert table.pos[t.i] == t.pos_
        assert table.ents[t.i] == t.ent_type_
        assert table.title[t.i] is t.is_title
        assert table.sent_start[t.i] == t.sent.start


def test_an_argument_read_once_per_article_is_to_args_answer_and_copies_are_apart(make_doc):
    from cronica.stages.events.args import ActorIndex, to_arg

    adoc = make_doc("Los maestros de Chile marcharon contra el Gobierno de Boric en Santiago.",
                    stages=["actors"])
    index = ActorIndex(adoc)
    doc = adoc.doc
    for t in doc:
        for trigger in (None, 3):
            want = to_arg(t, index, trigger)
            got = coder._cached_arg(t, index, trigger)
            assert got == want
            assert coder._cached_arg(t, index, trigger) is got  # read once
            if got is not None:
                c = coder._copy_arg(got)
                assert c == got and c is not got
                c.codes.append("X")
                c.country = "CHL"
                assert got == want


def test_a_words_guessed_entries_kept_per_word_are_those_read_afresh(nlp_es):
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("La negociación y la contramarcha siguieron; los manfestantes boicoterán el "
                 "megaparo. La negociación terminó y bloquearon la ruta.")
    for _ in range(2):  # the second round reads every answer from memory
        for t in doc:
            assert lex._misspelt_entry(t) == lex._read_misspelt_entry(t)
            assert lex._derived_entry(t) == lex._read_derived_entry(t)
            assert lex._prefixed_entry(t) == lex._read_prefixed_entry(t)
    guessed = [t.text for t in doc if lex._misspelt_entry(t) or lex._derived_entry(t)
               or lex._prefixed_entry(t)]
    assert guessed  # the fixture has guessed words
    # the same word in two places gets the same (frozen) entry
    first, second = [t for t in doc if t.text == "negociación"]
    assert lex._derived_entry(first) is lex._derived_entry(second)


def _years_by_token(doc) -> dict[int, int]:
    return {t.i: int(t.text) for t in doc if len(t.text) == 4 and t.text.isdecimal()}


def test_the_years_of_a_document_are_its_four_digit_words(nlp_es, monkeypatch):
    from cronica.stages.events import modes

    doc = nlp_es("En 2011 y en 1998 marcharon 2000 personas; en 12345 o 203 no, y 2024 sí.")
    assert modes._years(doc) == _years_by_token(doc) and len(modes._years(doc)) == 4
    # a full memory is emptied and refilled with the document's words
    monkeypatch.setattr(modes, "_YEAR_OF", {-k: -1 for k in range(1, 200_001)})
    other = nlp_es("Desde 1976 protestan; en 2023 volvieron.")
    assert modes._years(other) == _years_by_token(other)
    assert len(modes._YEAR_OF) == len({t.orth for t in other})


def test_the_actor_index_maps_every_token_of_a_mention(make_doc):
    from cronica.stages.events.args import ActorIndex

    adoc = make_doc("El Gobierno de Chile y la Central Unitaria de Trabajadores negociaron.",
                    stages=["actors"])
    index = ActorIndex(adoc)
    want: dict[int, object] = {}
    for m in adoc.actors:
        span = adoc.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        for t in span:
            want.setdefault(t.i, m)
    assert want and index.by_token == want
