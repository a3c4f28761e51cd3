"""Event recall and the learned fallback (branch trig7). Every sentence is invented."""

from types import SimpleNamespace

import pytest

STAGES = ["actors", "events"]


def _events(make_doc, text, lang="es"):
    adoc = make_doc(text, lang=lang, date="2024-03-20", stages=STAGES)
    return adoc, adoc.events


@pytest.fixture(scope="module")
def coder_es():
    from cronica.stages.events.coder import EventCoder

    return EventCoder("es")


# -- the learned fallback checked against the clause's grammar ----------------------------


def test_police_leaving_protesters_injured_is_an_assault_by_the_police(make_doc):
    _, events = _events(make_doc, "La policía dejó dos manifestantes heridos.")
    assert not any(e.event == "PROTEST" for e in events)
    assault = [e for e in events if e.event == "ASSAULT"]
    assert assault and assault[0].actor is not None and "COP" in assault[0].actor.code


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("La policía dejó dos manifestantes heridos.", "dejó"),  # a modifier of the object
        ("Los agentes dejaron heridos a varios estudiantes.", "dejaron"),  # a predicative
        ("Los militares dejaron un saldo de tres muertos.", "dejaron"),  # a toll's complement
        ("Dos obreros resultaron heridos.", "resultaron"),  # the victim as subject
    ],
)
def test_injury_result_clause_is_read_from_the_parse(make_doc, coder_es, text, head):
    adoc = make_doc(text, stages=[])
    tok = next(t for t in adoc.doc if t.text == head)
    assert coder_es._injury_result(tok)


@pytest.mark.parametrize(
    "text",
    ["Los docentes marcharon por el centro.", "La policía dejó la plaza a las diez."],
)
def test_no_injury_result_without_a_casualty_word(make_doc, coder_es, text):
    adoc = make_doc(text, stages=[])
    root = next(t for t in adoc.doc if t.dep_ == "ROOT")
    assert not coder_es._injury_result(root)


def _model_event(event, actor_code=None):
    actor = None if actor_code is None else SimpleNamespace(code=actor_code, codes=[actor_code])
    return SimpleNamespace(event=event, mode=None, cameo="14", actor=actor, rule="es:model/" + event)


def test_model_protest_by_the_police_is_no_event(make_doc, coder_es):
    adoc = make_doc("La policía recorrió la plaza durante la tarde.", stages=[])
    root = next(t for t in adoc.doc if t.dep_ == "ROOT")
    assert coder_es._model_typed(root, _model_event("PROTEST", "COP")) is None
    # neighbours walking the square: a civilian actor keeps the model's type
    adoc = make_doc("Los vecinos recorrieron la plaza durante la tarde.", stages=[])
    root = next(t for t in adoc.doc if t.dep_ == "ROOT")
    kept = coder_es._model_typed(root, _model_event("PROTEST", "CVL"))
    assert kept is not None and kept.event == "PROTEST"


def test_model_injury_without_a_doer_is_no_event(make_doc, coder_es):
    adoc = make_doc("Dos manifestantes resultaron heridos en la plaza.", stages=[])
    root = next(t for t in adoc.doc if t.dep_ == "ROOT")
    # the subject of 'resultar' is the victim: no doer, so no event
    assert coder_es._model_typed(root, _model_event("PROTEST", "CVL")) is None


def test_model_injury_by_a_doer_is_an_assault(make_doc, coder_es):
    adoc = make_doc("Los guardias dejaron tres campesinos heridos.", stages=[])
    root = next(t for t in adoc.doc if t.dep_ == "ROOT")
    e = coder_es._model_typed(root, _model_event("PROTEST", "CVL"))
    assert e is not None and e.event == "ASSAULT" and e.cameo == "18"


# -- protest wording: gatherings of workers, collective acts, counted event nouns ----------


def _types(make_doc, text):
    adoc = make_doc(text, date="2024-03-20", stages=STAGES)
    return {(e.event, e.trigger.text) for e in adoc.events}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los trabajadores se concentraron frente a la fábrica.", "concentraron"),
        ("Los docentes se concentraron en la plaza central.", "concentraron"),
        ("Los mineros se concentraron en Oruro.", "concentraron"),
    ],
)
def test_workers_gathering_in_a_place_is_a_protest(make_doc, text, word):
    assert ("PROTEST", word) in _types(make_doc, text)


@pytest.mark.parametrize(
    "text",
    [
        "Los estudiantes se concentraron en sus estudios.",  # focusing on a task
        "Los líderes se concentraron en la plaza.",  # no workers, no cause
    ],
)
def test_gathering_without_workers_place_or_cause_is_no_protest(make_doc, text):
    assert not any(t == "PROTEST" for t, _ in _types(make_doc, text))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los trabajadores activaron ayer un plan de acción.", "plan de acción"),
        ("El plan de acción de los docentes incluye paros.", "plan de acción"),
        ("Los taxistas realizaron una caravana por el centro.", "caravana"),
        ("Una caravana de vecinos recorrió la ciudad en reclamo de luz.", "caravana"),
        ("Los desocupados acamparon frente al Congreso.", "acamparon"),
        ("Los manifestantes acamparon en la plaza.", "acamparon"),
        ("El gremio docente instaló una carpa frente a la Legislatura.", "instaló una carpa"),
    ],
)
def test_collective_act_held_by_workers_or_protesters_is_a_protest(make_doc, text, word):
    assert ("PROTEST", word) in _types(make_doc, text)


@pytest.mark.parametrize(
    "text",
    [
        "El gobierno presentó un plan de acción contra el dengue.",
        "Una caravana de turistas llegó a la ciudad.",
        "Los scouts acamparon junto al lago.",
        "Los turistas instalaron una carpa junto al río.",
    ],
)
def test_collective_act_of_others_is_no_protest_word(make_doc, text):
    adoc = make_doc(text, date="2024-03-20", stages=STAGES)
    assert not any(e.event == "PROTEST" for e in [*adoc.events, *adoc.secondary_events])


@pytest.mark.parametrize(
    "text",
    ["Una ola de saqueos sacudió el conurbano.", "Comenzó una seguidilla de saqueos en la ciudad."],
)
def test_plural_event_noun_counted_by_a_group_noun_is_the_event(make_doc, text):
    assert ("PROTEST", "saqueos") in _types(make_doc, text)


def test_singular_event_noun_under_a_classifier_stays_a_modifier(make_doc):
    # 'acción de liberación' names a campaign, not a release of captives
    adoc = make_doc("El comunero participaba en una acción de liberación de la tierra.",
                    date="2024-03-20", stages=STAGES)
    assert not any(e.event == "RETREAT" for e in adoc.events)


# -- a toll of casualties as the result of an act ----------------------------------------


def _secondary(make_doc, text):
    adoc = make_doc(text, date="2024-03-20", stages=STAGES)
    return {(e.event, e.trigger.text) for e in adoc.secondary_events}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los militares dejaron tres muertos en la aldea.", "muertos"),  # object of a result verb
        ("Los militares dejaron tres muertos y dos heridos.", "heridos"),  # its conjunct
        ("La jornada cerró con un saldo de tres muertos.", "muertos"),  # complement of a toll noun
    ],
)
def test_casualty_toll_is_a_secondary_assault_word(make_doc, text, word):
    assert ("ASSAULT", word) in _secondary(make_doc, text)


@pytest.mark.parametrize(
    "text",
    [
        "El muerto fue identificado por su familia.",  # a person, no toll
        "El ataque dejó cinco muertos.",  # the act is named by its subject
        "Los atentados que causaron 61 muertos fueron condenados.",  # by the relative's antecedent
    ],
)
def test_casualty_noun_without_toll_or_with_its_act_named_adds_no_word(make_doc, text):
    adoc = make_doc(text, date="2024-03-20", stages=STAGES)
    words = [e.trigger.text for e in [*adoc.events, *adoc.secondary_events]]
    assert "muerto" not in words and "muertos" not in words


# -- blocking passage, and gathering verbs -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Unos dos mil educadores impidieron el paso por la frontera.", "impidieron el paso"),
        ("Los camioneros inmovilizaron el tránsito en reclamo de rebajas.", "inmovilizaron el tránsito"),
    ],
)
def test_workers_blocking_passage_is_a_protest_block(make_doc, text, word):
    adoc = make_doc(text, date="2024-03-20", stages=STAGES)
    assert any(e.event == "PROTEST" and e.mode == "obstruct" and e.trigger.text == word
               for e in adoc.events)


def test_passage_blocked_by_a_vehicle_is_no_protest(make_doc):
    adoc = make_doc("Un camión volcado impidió el paso por la ruta.", date="2024-03-20", stages=STAGES)
    assert not any(e.event == "PROTEST" for e in [*adoc.events, *adoc.secondary_events])


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Las manifestantes convergieron en la Plaza de Armas.", "convergieron"),
        ("Los trabajadores confluyeron frente al Ministerio.", "confluyeron"),
        ("Una multitud se agolpó frente a la embajada.", "agolpó"),
    ],
)
def test_gathering_verbs_with_protesters_or_a_site_are_rallies(make_doc, text, word):
    assert ("PROTEST", word) in _types(make_doc, text)


def test_rivers_converging_are_no_rally(make_doc):
    assert not any(t == "PROTEST" for t, _ in _types(make_doc, "Los ríos confluyen en el valle."))


# -- '-azo' nouns of collective protest, staged -----------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los docentes realizaron un tizazo frente al Ministerio.", "tizazo"),  # workers, a site
        ("Los vecinos convocaron a un apagonazo contra las tarifas.", "apagonazo"),  # 'contra'
    ],
)
def test_staged_azo_noun_with_protest_evidence_is_a_protest(make_doc, text, word):
    assert ("PROTEST", word) in _types(make_doc, text)


@pytest.mark.parametrize(
    "text",
    [
        "El delantero hizo un golazo en el segundo tiempo.",  # a feat, staged but no protest
        "Le dieron un machetazo en la cabeza.",  # a blow is given, not staged
    ],
)
def test_azo_noun_without_staging_or_evidence_is_no_protest(make_doc, text):
    adoc = make_doc(text, date="2024-03-20", stages=STAGES)
    assert not any(e.event == "PROTEST" for e in [*adoc.events, *adoc.secondary_events])


def test_verbal_noun_counted_by_a_sequence_noun_keeps_its_plain_reading(make_doc):
    adoc = make_doc("Son parte de una serie de conversaciones telefónicas grabadas.",
                    date="2024-03-20", stages=STAGES)
    assert not any(e.event == "CONSULT" for e in adoc.events)


def test_arrested_of_a_toll_are_a_secondary_arrest_word(make_doc):
    found = _secondary(make_doc, "La jornada cerró con un saldo de dos muertos y cinco detenidos.")
    assert ("COERCE", "detenidos") in found and ("ASSAULT", "muertos") in found


def test_existential_toll_through_a_quantity_noun(make_doc):
    assert ("ASSAULT", "heridos") in _secondary(make_doc, "En la plaza hubo decenas de heridos.")


def test_the_arrested_as_people_are_no_event(make_doc):
    adoc = make_doc("Los detenidos fueron trasladados a la comisaría.", date="2024-03-20", stages=STAGES)
    assert not any(e.trigger.text == "detenidos" for e in [*adoc.events, *adoc.secondary_events])


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Los vecinos vieron a la multitud lanzando piedras contra el cuartel.", "lanzando"),
        ("La ministra confirmó los disturbios en la plaza.", None),
    ],
)
def test_learned_anchor_is_the_act_a_content_verb_reports(make_doc, coder_es, text, head):
    adoc = make_doc(text, stages=[])
    sent = next(iter(adoc.doc.sents))
    tok = coder_es._main_predicate(sent)
    assert (tok.text if tok is not None else None) == head


def test_injury_result_clause_in_english(make_doc):
    from cronica.stages.events.coder import EventCoder

    coder = EventCoder("en")
    adoc = make_doc("Soldiers left three villagers dead in the square.", lang="en", stages=[])
    left = next(t for t in adoc.doc if t.text == "left")
    assert coder._injury_result(left)


def test_injury_result_clause_in_english_as_a_bare_participle(make_doc):
    from cronica.stages.events.coder import EventCoder

    coder = EventCoder("en")
    adoc = make_doc("Police left two protesters injured.", lang="en", stages=[])
    left = next(t for t in adoc.doc if t.text == "left")
    assert coder._injury_result(left)
    adoc = make_doc("Police left the square when it rained.", lang="en", stages=[])
    left = next(t for t in adoc.doc if t.text == "left")
    assert not coder._injury_result(left)


# -- grammar: enclitic 'se' and subjects of control ---------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # the pronominal row read through the enclitic of the infinitive, and the workers
        # who gather read as the subject that controls it
        ("Los docentes decidieron concentrarse frente a la escuela.", "concentrarse", "PROTEST"),
        ("El partido sigue oponiéndose al acuerdo de paz.", "oponiéndose", "REJECT"),
        ("Las tropas comenzaron a marcharse de la ciudad.", "marcharse", "RETREAT"),
    ],
)
def test_enclitic_se_makes_the_verb_pronominal(make_doc, text, word, event):
    assert (event, word) in _types(make_doc, text)


def test_infinitive_takes_the_controlling_subject(make_doc):
    # 'obstaculizar' has no subject of its own: the truckers of 'comenzaron' hold the block
    adoc = make_doc("Los camioneros comenzaron a obstaculizar el tránsito en la ruta.",
                    date="2024-03-20", stages=STAGES)
    assert any(e.event == "PROTEST" and e.mode == "obstruct" for e in adoc.events)


def test_enclitic_gathering_keeps_the_gathering_gate(make_doc):
    # 'concentrarse en' a task: the lemma 'concentrar él' must still reach the gate
    text = "El gobierno prefiere dejar la discusión al Congreso y concentrarse en los problemas."
    assert not any(t == "PROTEST" for t, _ in _types(make_doc, text))
