"""Stage 'aux': calendar and tense modes, and the words that decided them."""

STAGES = ["actors", "events", "time", "aux"]


def _events(make_doc, text, date="2024-01-20"):
    return make_doc(text, lang="es", date=date, stages=STAGES).events


def test_event_dated_before_the_news_window_is_historical(make_doc):
    [e] = [e for e in _events(make_doc, "Los rebeldes atacaron el cuartel el 3 de enero.") if e.event == "ASSAULT"]
    assert e.aux_mode == "historical"
    assert e.aux_evidence["rule"].startswith("date before") and "3 de enero" in e.aux_evidence["text"]


def test_event_of_the_day_before_stays_current(make_doc):
    [e] = [e for e in _events(make_doc, "Los rebeldes atacaron el cuartel el 19 de enero.") if e.event == "ASSAULT"]
    assert e.aux_mode is None and e.aux_evidence is None


def test_event_dated_after_publication_is_future(make_doc):
    evs = [e for e in _events(make_doc, "Los sindicatos marcharán el 25 de enero.") if e.event == "PROTEST"]
    assert evs and evs[0].aux_mode == "future" and evs[0].aux_evidence is not None


def test_pluperfect_is_historical(make_doc):
    evs = [e for e in _events(make_doc, "El gobierno había atacado a los manifestantes.") if e.event == "ASSAULT"]
    assert evs and evs[0].aux_mode == "historical"
    assert evs[0].aux_evidence == {"text": "había", "start": 12, "end": 17, "rule": "pluperfect"}


def test_eve_and_future_copula_dates(make_doc):
    adoc = make_doc("La propuesta será rechazada el viernes. Los obreros marcharon la víspera.",
                    lang="es", date="1998-04-09", stages=["time"])
    assert [(d.span.text, d.value) for d in adoc.dates] == [
        ("el viernes", "1998-04-10"), ("la víspera", "1998-04-08")]


def test_imperfect_under_a_speech_verb_is_not_background(make_doc):
    evs = make_doc("El sindicato dijo que los mineros reclamaban el pago.", lang="es", date="2024-01-20",
                   stages=STAGES).events
    assert all(e.aux_mode != "historical" for e in evs)


def test_dated_participle_dates_its_event_noun(make_doc):
    evs = _events(make_doc, "Israel cerró la frontera tras los atentados perpetrados el 3 de enero.")
    att = [e for e in evs if e.trigger.text == "atentados"]
    assert att and att[0].aux_mode == "historical"


def test_probability_adverb_makes_the_event_hypothetical(make_doc):
    evs = _events(make_doc, "La propuesta será probablemente rechazada por el Congreso.")
    rej = [e for e in evs if e.event == "REJECT"]
    assert rej and rej[0].aux_mode == "hypothetical"


def test_english_pluperfect_and_going_to(make_doc):
    evs = make_doc("The army had attacked the village. The workers are going to march against the reform.", lang="en",
                   date="2024-01-20", stages=STAGES).events
    modes = {e.event: e.aux_mode for e in evs}
    assert modes.get("ASSAULT") == "historical"
    assert modes.get("PROTEST") == "future"


def test_para_makes_a_weekday_a_target_ahead(make_doc):
    adoc = make_doc("Los sindicatos convocaron a una huelga para el jueves.", lang="es",
                    date="2024-01-20", stages=["time"])
    assert [(d.span.text, d.value) for d in adoc.dates] == [("el jueves", "2024-01-25")]


def test_event_noun_under_a_request_noun_is_hypothetical(make_doc):
    evs = _events(make_doc, "Miles de trabajadores ignoraron la convocatoria de huelga.")
    [strike] = [e for e in evs if e.trigger.text == "huelga"]
    assert strike.aux_mode == "hypothetical" and strike.aux_evidence["text"] == "convocatoria"


def test_other_mention_of_a_dated_noun_takes_its_mode(make_doc):
    evs = _events(make_doc, "Los atentados causaron pánico en la capital. "
                            "Hubo una ola de atentados perpetrados el 3 de enero en la capital.")
    first = [e for e in evs if e.event == "ASSAULT" and e.trigger.start < 20]
    assert first and first[0].aux_mode == "historical"
    assert first[0].aux_evidence["rule"] == "same event as a dated mention"


def test_event_noun_with_a_dated_relative_clause_takes_its_date(make_doc):
    evs = make_doc("El gobierno condenó la agresión que sufrió el embajador el 3 de enero.", lang="es",
                   date="2024-01-20", stages=STAGES)
    att = [e for e in [*evs.events, *evs.secondary_events] if e.trigger.text == "agresión"]
    assert att and att[0].aux_mode == "historical"


def test_gerund_adjunct_shares_the_mode_of_its_verb(make_doc):
    adoc = make_doc("Los rebeldes atacaron el cuartel el 3 de enero, matando a dos soldados.", lang="es",
                    date="2024-01-20", stages=STAGES)
    kill = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "matando"]
    assert kill and kill[0].aux_mode == "historical"


def test_subjunctive_complement_is_hypothetical(make_doc):
    adoc = make_doc("Los sindicatos prefieren que los obreros realicen una huelga.",
                    lang="es", date="2024-01-20", stages=STAGES)
    rel = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "huelga"]
    assert rel and rel[0].aux_mode == "hypothetical"


def test_date_of_a_relative_clause_does_not_date_the_main_verb(make_doc):
    adoc = make_doc("El presidente amenazó con expulsar al embajador tras la agresión que éste sufrió el 3 de enero.",
                    lang="es", date="2024-01-20", stages=STAGES)
    [thr] = [e for e in adoc.events if e.event == "THREATEN"]
    assert thr.aux_mode is None


def test_definite_noun_refers_back_to_the_dated_event_of_its_type(make_doc):
    adoc = make_doc("Los rebeldes atacaron el cuartel el 3 de enero. El gobierno condenó el ataque.",
                    lang="es", date="2024-01-20", stages=STAGES)
    att = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "ataque"]
    assert att and att[0].aux_mode == "historical"
    assert att[0].aux_evidence["rule"] == "definite reference to a dated event"


def test_relative_clause_date_beats_the_date_of_the_governing_clause(make_doc):
    adoc = make_doc("El ministro afirmó el 20 de enero que la agresión que sufrió el cónsul el 3 de enero "
                    "fue una provocación.", lang="es", date="2024-01-20", stages=STAGES)
    att = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "agresión"]
    assert att and att[0].aux_mode == "historical"


def test_scheduled_event_in_a_subjunctive_clause_stays_future(make_doc):
    evs = _events(make_doc, "Los sindicatos prefieren que la huelga se realice el 25 de enero.")
    [strike] = [e for e in evs if e.event == "PROTEST"]
    assert strike.aux_mode == "future"


def test_widest_scope_wins_over_the_tense_of_the_clause(make_doc):
    adoc = make_doc("El gobierno instó a los sindicatos a no ceder territorio.", lang="es",
                    date="2024-01-20", stages=STAGES)
    ceder = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "ceder"]
    assert ceder and ceder[0].aux_mode == "hypothetical"


def test_a_similar_event_is_another_event(make_doc):
    # 'un ataque similar' of last week names another attack: the attack of the news keeps its
    # own (current) mode instead of taking the earlier one's
    text = ("Cinco soldados murieron este viernes en un ataque con explosivos en el Cauca. "
            "La semana pasada, un ataque similar había dejado dos policías muertos.")
    adoc = make_doc(text, lang="es", date="2024-05-03",
                    stages=["actors", "events", "magnitude", "time", "aux"])
    first = [e for e in [*adoc.events, *adoc.secondary_events]
             if e.trigger.text == "ataque" and e.trigger.sentence == 0]
    assert first and all(e.aux_mode is None for e in first), [(e.trigger, e.aux_mode) for e in first]
