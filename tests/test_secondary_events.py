"""The events stage's secondary event words: acts folded into a frame, a protest's aim,
background nouns. They carry their own type and aux mode and are no events of the article."""

STAGES = ["actors", "events", "time", "aux"]


def _doc(make_doc, text, date="2024-01-20"):
    return make_doc(text, lang="es", date=date, stages=STAGES)


def test_condemned_attack_is_a_secondary_event_with_its_own_mode(make_doc):
    adoc = _doc(make_doc, "El presidente condenó el ataque del 3 de enero contra el cuartel.")
    assert not any(e.trigger.text == "ataque" for e in adoc.events)
    [att] = [e for e in adoc.secondary_events if e.trigger.text == "ataque"]
    assert att.event == "ASSAULT" and att.aux_mode == "historical"


def test_aim_of_a_march_is_kept_as_a_secondary_request(make_doc):
    adoc = _doc(make_doc, "Miles de obreros marcharon el viernes para reclamar el pago de salarios.")
    assert [e.event for e in adoc.events if e.trigger.text == "marcharon"] == ["PROTEST"]
    assert any(e.event == "REQUEST" and e.trigger.text == "reclamar" for e in adoc.secondary_events)


def test_secondary_events_never_repeat_an_event_mention(make_doc):
    adoc = _doc(make_doc, "Los rebeldes atacaron el cuartel. El ataque dejó dos muertos.")
    taken = {(m.start, m.end) for e in adoc.events for m in e.mentions}
    assert all((s.trigger.start, s.trigger.end) not in taken for s in adoc.secondary_events)


def test_secondary_events_are_in_the_output_apart_from_events(make_doc):
    out = _doc(make_doc, "El presidente condenó el ataque contra el cuartel.").to_dict()
    assert "secondary_events" in out
    assert {e["id"][0] for e in out["secondary_events"]} <= {"s"}


def test_mention_only_word_is_never_an_event_of_the_article(make_doc):
    adoc = _doc(make_doc, "Los estudiantes marcharon para exigir la renuncia del ministro.")
    assert not any(e.trigger.text == "renuncia" for e in adoc.events)
    [ren] = [e for e in adoc.secondary_events if e.trigger.text == "renuncia"]
    assert ren.event == "RETREAT" and ren.aux_mode == "hypothetical"


def test_gerund_with_enclitic_pronoun_matches_its_verb(make_doc):
    adoc = _doc(make_doc, "El gobierno expulsó al diplomático acusándolo de espionaje.")
    words = [(e.event, e.trigger.text) for e in [*adoc.events, *adoc.secondary_events]]
    assert ("ACCUSE", "acusándolo") in words


def test_consequent_of_a_condition_is_hypothetical(make_doc):
    for text in ("Si el gobierno no responde, los mineros harán una huelga general.",
                 "Los mineros harán una huelga general si el gobierno no responde."):
        evs = [e for e in _doc(make_doc, text).events if e.event == "PROTEST"]
        assert evs and evs[0].aux_mode == "hypothetical", text


def test_event_noun_classifying_another_noun_is_a_secondary_mention(make_doc):
    adoc = _doc(make_doc, "Los soldados cavaron trincheras en la zona de combate.")
    assert not any(e.trigger.text == "combate" for e in adoc.events)
    assert any(e.trigger.text == "combate" for e in adoc.secondary_events)


def test_derived_noun_of_a_verb_trigger_is_a_secondary_mention(make_doc):
    adoc = _doc(make_doc, "El ejército anunció la incautación de un arsenal en la frontera.")
    assert not any(e.trigger.text == "incautación" for e in adoc.events)
    assert [e.event for e in adoc.secondary_events if e.trigger.text == "incautación"] == ["COERCE"]


def test_expelling_from_a_place_is_a_secondary_sanction_mention(make_doc):
    adoc = _doc(make_doc, "El presidente amenazó con echar del país al cónsul.")
    ech = [e for e in adoc.secondary_events if e.trigger.text.startswith("echar")]
    assert ech and ech[0].event == "SANCTION" and ech[0].aux_mode == "hypothetical"


def test_feared_reprisal_is_hypothetical(make_doc):
    adoc = _doc(make_doc, "Los vecinos viven con el temor de represalias de la guerrilla.")
    rep = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "represalias"]
    assert rep and rep[0].aux_mode == "hypothetical"


def test_bringing_to_justice_is_a_secondary_accuse_mention(make_doc):
    adoc = _doc(make_doc, "El fiscal prometió que los culpables serán llevados ante la justicia.")
    acc = [e for e in adoc.secondary_events if e.event == "ACCUSE"]
    assert acc and acc[0].trigger.text.startswith("llevados")
