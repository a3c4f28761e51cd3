"""Trigger coverage by grammar (branch trig4): verb clauses the trigger filters took for
modifiers, and verb + object patterns found through the parse rather than by adjacency.
Every sentence is invented."""

import pytest

STAGES = ["actors", "events", "time", "aux"]


def _all(make_doc, text, lang="es"):
    adoc = make_doc(text, lang=lang, date="2024-03-20", stages=STAGES)
    return adoc, [*adoc.events, *adoc.secondary_events]


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # a passive relative clause: the participle has its own auxiliary
        ("Exigen la libertad de los estudiantes que fueron detenidos el lunes.", "detenidos", "COERCE"),
        # a pluperfect passive relative clause: history told in passing
        ("El dirigente, que había sido encarcelado en 1990, habló ayer.", "encarcelado", "COERCE"),
        ("Visitó al hombre que fue golpeado por la multitud.", "golpeado", "ASSAULT"),
    ],
)
def test_participle_with_its_own_auxiliary_is_a_verb_clause(make_doc, text, word, event):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text == word and e.event == event for e in events)


def test_plain_participle_modifier_stays_no_event(make_doc):
    _, events = _all(make_doc, "Los jóvenes detenidos llegaron a la cárcel.")
    assert not any(e.trigger.text == "detenidos" for e in events)


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # the row's noun is the object, but not next to the verb
        ("Los jóvenes lanzaron enormes piedras contra la policía.", "lanzaron", "ASSAULT"),
        # a conjunct of the object
        ("Los jóvenes arrojaron huevos y botellas a los diputados.", "arrojaron", "ASSAULT"),
        # what the object becomes ('como')
        ("Los guerrilleros tomaron como rehén a un policía.", "tomaron", "ASSAULT"),
        # the subject of a passive
        ("Dos funcionarios fueron tomados como rehenes por los presos.", "tomados", "ASSAULT"),
        # holding hostages
        ("El grupo mantiene cuatro rehenes en la selva.", "mantiene", "ASSAULT"),
        # an object class: territory (CAMEO 192)
        ("Los rebeldes tomaron la ciudad el domingo.", "tomaron", "COERCE"),
        # the noun a participle modifies
        ("La policía entró en las ciudades tomadas por los rebeldes.", "tomadas", "COERCE"),
        # an object class: premises (CAMEO 144)
        ("Los estudiantes tomaron la universidad para exigir más fondos.", "tomaron", "PROTEST"),
    ],
)
def test_verb_object_rows_hold_through_the_parse(make_doc, text, word, event):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text.split()[0] == word and e.event == event for e in events), [
        (e.trigger.text, e.event) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "El gobierno tomó medidas contra la inflación.",
        "El equipo recuperó la calma tras el partido.",
        "El ministro lanzó una campaña de vacunación.",
    ],
)
def test_light_verbs_without_a_class_object_are_no_event(make_doc, text):
    _, events = _all(make_doc, text)
    assert not any(e.trigger.text.split()[0] in ("tomó", "recuperó", "lanzó") for e in events)


def test_object_class_rows_expand_to_one_rule(nlp_es):
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("Los rebeldes tomaron el cuartel y luego la capital.")
    m = lex.match(doc, 2)
    assert m is not None and m.entry.rule == "es:tomar @territory/V" and m.entry.mention_only


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # the subject of an unaccusative verb is what the row names
        ("Una bomba estalló anoche en el mercado.", "estalló", "ASSAULT"),
        ("Estalló una bomba en el mercado central.", "Estalló", "ASSAULT"),
        # CAMEO 0873/0874: laying down arms
        ("Los rebeldes entregaron sus armas a la misión de paz.", "entregaron", "RETREAT"),
        # CAMEO 191 siege, 151/152 alert, shooting down aircraft, transfers of funds
        ("El ejército cercó la ciudad durante tres días.", "cercó", "COERCE"),
        ("Las tropas fueron puestas en alerta.", "puestas", "MOBILIZE"),
        ("Los rebeldes derribaron un helicóptero del ejército.", "derribaron", "ASSAULT"),
        ("El gobierno anunció que serán transferidos 50 millones a las provincias.", "transferidos", "AID"),
    ],
)
def test_cameo_object_rows(make_doc, text, word, event):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text.split()[0] == word and e.event == event for e in events), [
        (e.trigger.text, e.event) for e in events]


def test_unaccusative_subject_needs_the_class_noun(make_doc):
    _, events = _all(make_doc, "La situación estalló en mayo.")
    assert not any(e.trigger.text.startswith("estalló") for e in events)


def test_preterite_tagged_as_adjective_is_read_as_a_verb(nlp_es):
    """'evacuó' tagged ADJ and left as its own lemma: its stressed -ó is the -ar preterite."""
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("El ejército evacuó la ciudad.")
    tok = next(t for t in doc if t.text == "evacuó")
    m = lex.match(doc, tok.i)
    assert m is not None and m.entry.pattern == ("evacuar",)


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # CAMEO 166: expelling envoys
        ("El presidente amenazó con echar al embajador del país.", "echar", "SANCTION"),
        # CAMEO 115: bringing a lawsuit
        ("Los abogados presentarán un recurso de amparo ante la corte.", "presentarán", "ACCUSE"),
    ],
)
def test_envoy_and_lawsuit_rows(make_doc, text, word, event):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text.split()[0] == word and e.event == event for e in events)


@pytest.mark.parametrize(
    "text",
    ["El ministro echó de menos a su familia.", "Presentaron sus demandas salariales al gobierno."],
)
def test_idiom_and_plain_objects_are_no_expulsion_or_lawsuit(make_doc, text):
    _, events = _all(make_doc, text)
    assert not any(e.event in ("SANCTION", "ACCUSE") for e in events), [
        (e.trigger.text, e.event) for e in events]


@pytest.mark.parametrize(
    ("text", "form", "lemma"),
    [
        # -ar present subjunctive read as -ir by the lemmatizer, with the c -> qu alternation
        ("Temen que los rebeldes ataquen la ciudad.", "ataquen", "atacar"),
        ("Piden que no bloqueen las rutas.", "bloqueen", "bloquear"),
        ("Temen que los rebeldes secuestren a más personas.", "secuestren", "secuestrar"),
        # -ir present subjunctive read as -ar
        ("Temen que los militares repriman la marcha.", "repriman", "reprimir"),
        # imperfect subjunctive of an -ir verb
        ("Pidió que reprimieran la marcha.", "reprimieran", "reprimir"),
        # future, conditional and imperfect of -er/-ir verbs
        ("Dijeron que los soldados reprimirán a la gente.", "reprimirán", "reprimir"),
        ("Dijeron que los rebeldes cederían a la presión.", "cederían", "ceder"),
        ("Dijeron que los rebeldes herían a la gente.", "herían", "herir"),
    ],
)
def test_verb_forms_the_lemmatizer_breaks_reach_their_verb(nlp_es, text, form, lemma):
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es(text)
    tok = next(t for t in doc if t.text == form)
    m = lex.match(doc, tok.i)
    assert m is not None and m.entry.pattern == (lemma,)


def test_subjunctive_rules_leave_nouns_alone(nlp_es):
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("Es una base grave para la nave del avance.")
    assert not any(lex.match(doc, t.i) for t in doc if t.text in ("base", "grave", "nave"))


def test_noun_rewritten_to_a_verb_row_is_still_derived(nlp_es):
    """'boicoteo' ends like a verb form ('-o' -> '-ar' reaches 'boicotear'), which a noun
    cannot use; its derivational reading (the noun of 'boicotear') is still tried."""
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("Los obreros anunciaron un boicoteo de las elecciones.")
    tok = next(t for t in doc if t.text == "boicoteo")
    m = lex.match(doc, tok.i)
    assert m is not None and m.entry.event == "PROTEST" and m.entry.mention_only


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        ("Las partes firmaron un armisticio en 1953.", "armisticio", "RETREAT"),
        ("Un bombazo sacudió el centro de la capital.", "bombazo", "ASSAULT"),
        ("Denunciaron una campaña de amedrentamiento contra los jueces.", "amedrentamiento", "THREATEN"),
        ("El levantamiento armado comenzó en enero.", "levantamiento armado", "ASSAULT"),
    ],
)
def test_word_family_completions(make_doc, text, word, event):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text == word and e.event == event for e in events), [
        (e.trigger.text, e.event) for e in events]


def test_verb_of_a_multiword_row_is_no_derived_word(nlp_es):
    """'llamar' starts the row 'llamar a'; when that fails ('se llamaba Juan') it is not
    read as the verb of 'llamamiento'."""
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("El hombre se llamaba Juan y vivía en Lima.")
    tok = next(t for t in doc if t.text == "llamaba")
    assert lex.match(doc, tok.i) is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # words between the verb and its preposition
        ("Los dirigentes llamaron este jueves a los trabajadores a una movilización.", "llamaron"),
        # the contraction 'al' holds the preposition 'a'
        ("El gobierno ha llamado al Congreso a aprobar las reformas.", "llamado"),
    ],
)
def test_verb_preposition_rows_hold_through_the_parse(make_doc, text, word):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text.split()[0] == word and e.event == "REQUEST" for e in events)


def test_call_without_its_preposition_is_no_request(make_doc):
    _, events = _all(make_doc, "Hicieron una huelga para llamar la atención de la prensa.")
    assert not any(e.event == "REQUEST" for e in events)


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # a capitalised plural opening the sentence, tagged as a name and left unlemmatised
        ("Enfrentamientos se produjeron anoche en varias ciudades del sur.", "Enfrentamientos", "ASSAULT"),
        ("Manifestaciones de campesinos recorrieron el centro.", "Manifestaciones", "PROTEST"),
    ],
)
def test_sentence_initial_plural_tagged_as_a_name_is_a_mention(make_doc, text, word, event):
    adoc, events = _all(make_doc, text)
    assert any(e.trigger.text == word and e.event == event for e in events)
    assert not any(e.trigger.text == word for e in adoc.events)  # a guess: mention only


def test_capitalised_plural_inside_a_name_is_no_mention(make_doc):
    _, events = _all(make_doc, "Los vecinos leyeron Los Enfrentamientos del Sur en la escuela.")
    assert not any(e.trigger.text == "Enfrentamientos" for e in events)


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # a predicative participle under 'tener'/'mantener': the verb's object is its own,
        # even with a numeral or other words between them
        ("Los campesinos tienen tomadas tres fábricas desde el lunes.", "tomadas", "PROTEST"),
        ("Los maestros mantienen tomadas en la capital todas las oficinas del gobierno.", "tomadas", "PROTEST"),
    ],
)
def test_predicative_participle_takes_the_object_of_its_verb(make_doc, text, word, event):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text.split()[0] == word and e.event == event for e in events), [
        (e.trigger.text, e.event) for e in events]


def test_predicative_participle_without_an_event_object_stays_no_event(make_doc):
    _, events = _all(make_doc, "Los vecinos mantienen tomadas varias decisiones sobre el barrio.")
    assert not any(e.trigger.text.startswith("tomadas") for e in events)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_word_pair_has_one_lexicon_row(lang):
    """An object class row adds only the pairs no row names itself, and no row is repeated:
    each pattern and part of speech is decided in one place."""
    from collections import Counter

    from cronica.stages.events.lexicon import lexicon

    lex = lexicon(lang)
    seen = Counter((e.pattern, e.pos) for entries in lex._by_first.values() for e in entries)
    assert [k for k, n in seen.items() if n > 1] == []


def test_named_pair_keeps_its_own_row_over_the_class(nlp_es):
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("Los estudiantes tomaron la sede del rectorado.")
    m = lex.match(doc, 2)
    assert m is not None and not m.entry.mention_only and m.entry.rule == "es:tomar sede/V"
    doc = nlp_es("Los estudiantes tomaron la catedral.")
    m = lex.match(doc, 2)
    assert m is not None and m.entry.mention_only and m.entry.rule == "es:tomar @premises/V"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los trabajadores de la salud se sumaron al paro de los maestros.", "sumaron"),
        ("Los camioneros se plegaron a la huelga el lunes.", "plegaron"),
        ("Varios sindicatos se unirán a la marcha del jueves.", "unirán"),
    ],
)
def test_joining_a_protest_is_a_protest_mention(make_doc, text, word):
    adoc, events = _all(make_doc, text)
    assert any(e.trigger.text == word and e.event == "PROTEST" for e in events)
    assert not any(e.trigger.text == word for e in adoc.events)  # mention only


@pytest.mark.parametrize(
    "text",
    [
        "El ministro se sumó a las críticas del presidente.",  # no protest noun
        "Los vecinos se unieron a la fiesta del barrio.",
        "Los sindicatos sumaron sus votos al paro.",  # not the pronominal verb
    ],
)
def test_joining_something_else_is_no_protest(make_doc, text):
    _, events = _all(make_doc, text)
    assert not any(e.trigger.text.split()[0] in ("sumó", "unieron", "sumaron") for e in events)


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # third person plural subjunctives the tagger calls an adjective or a pronoun
        ("Piden que los partidos negocien una salida.", "negocien", "CONSULT"),
        ("Piden que denuncien los abusos de la policía.", "denuncien", "ACCUSE"),
    ],
)
def test_plural_verb_ending_read_past_the_tagger_is_a_mention(make_doc, text, word, event):
    adoc, events = _all(make_doc, text)
    assert any(e.trigger.text == word and e.event == event for e in events)
    assert not any(e.trigger.text == word for e in adoc.events)  # a guess: mention only


def test_noun_row_with_a_verb_like_ending_stays_a_noun(nlp_es):
    from cronica.stages.events.lexicon import lexicon, misread_plural_verb

    doc = nlp_es("Vieron la imagen del volcán.")
    assert all(lexicon("es").match(doc, t.i) is None for t in doc)
    assert not misread_plural_verb(doc[0])  # capitalised: a name or a sentence start


# --- branch trig6: joining through a relative pronoun, classifier nouns -------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the parser hangs the relative on 'sábado'; 'la que' agrees with 'marcha' only
        ("Los maestros convocaron una marcha para el sábado, a la que se unirán los estudiantes.", "unirán"),
        # an apposition stands between the protest and its relative
        ("Preparan una manifestación el lunes en la plaza Mayor, céntrica avenida de la capital, "
         "a la cual se integrarán los estudiantes.", "integrarán"),
        # 'al cual' (a + el): a singular antecedent
        ("El paro, al cual se plegaron los docentes, sigue.", "plegaron"),
        # a classifier noun stands for its 'de' complement
        ("Los mineros se sumaron a la jornada de protesta.", "sumaron"),
        ("Los estudiantes se unieron a la ola de huelgas.", "unieron"),
    ],
)
def test_joining_a_protest_through_a_relative_or_a_classifier(make_doc, text, word):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text == word and e.event == "PROTEST" for e in events), [
        (e.trigger.text, e.event) for e in events]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the antecedent is no protest: joining a street or a party is no act
        ("Los vecinos viven en la calle Mayor, a la que se sumaron nuevas casas.", "sumaron"),
        ("La ministra visitó la sede del partido, a la que se unió en 1990.", "unió"),
        # the agreeing protest noun lies in another clause (past a finite verb)
        ("Hubo una marcha ayer y los vecinos piden una plaza, a la que se sumarán árboles.", "sumarán"),
        # 'al que' holds a masculine singular article: not 'la huelga'
        ("El gobierno lanzó un plan contra la huelga, al que se sumaron los empresarios.", "sumaron"),
    ],
)
def test_joining_something_that_is_no_protest_is_no_event(make_doc, text, word):
    _, events = _all(make_doc, text)
    assert not any(e.trigger.text == word for e in events)


def test_a_relative_object_reaches_a_verb_object_row(make_doc):
    # 'tomar @territory' through the relative pronoun's antecedent
    _, events = _all(make_doc, "Los rebeldes perdieron la ciudad que tomaron en mayo.")
    assert any(e.trigger.text == "tomaron" and e.event == "COERCE" for e in events)


# --- branch trig6: typos of the wire text ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        # a letter left out of a future ('boicotearán')
        ("Los sindicatos dijeron que no boicoterán las elecciones.", "boicoterán", "PROTEST"),
        # a letter left out of a noun
        ("Miles de personas marcharon ayer en manfestaciones contra el gobierno.", "manfestaciones",
         "PROTEST"),
        # two neighbouring letters swapped
        ("La policía detuvo a varios jóvenes tras la protetsa.", "protetsa", "PROTEST"),
    ],
)
def test_a_misspelt_lexicon_word_is_a_secondary_event_word(make_doc, text, word, event):
    adoc, _ = _all(make_doc, text)
    hits = [e for e in adoc.secondary_events if e.trigger.text == word]
    assert hits and hits[0].event == event
    assert not any(e.trigger.text == word for e in adoc.events)  # a guess codes no event


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # real words one edit from a lexicon word: the model knows them or their lemma
        ("Los dirigentes evaluarán el plan el miércoles.", "evaluarán"),  # not 'evacuar'
        ("Gobierno y oposición medirán fuerzas el jueves.", "medirán"),  # not 'mediar'
        ("El ministro condensará las propuestas.", "condensará"),  # not 'condenar'
        # an edit of the first letter is not read ('restitución' is no 'destitución')
        ("Los vecinos pidieron la restitución de sus tierras.", "restitución"),
    ],
)
def test_real_words_near_a_lexicon_word_are_not_typos(make_doc, text, word):
    _, events = _all(make_doc, text)
    assert not any(e.trigger.text == word for e in events)


def test_one_edit():
    from cronica.stages.events.lexicon import one_edit

    assert one_edit("boicoter", "boicotear")  # deletion
    assert one_edit("protetsa", "protesta")  # swap of neighbours
    assert one_edit("violencua", "violencia")  # substitution
    assert not one_edit("destitucion", "restitucion")  # the first letter
    assert not one_edit("protesta", "protesta")
    assert not one_edit("secuestarron", "secuestrar")


def test_rising_up_is_a_riot_mention(make_doc):
    # 'rebelarse' beside 'rebelión', as 'sublevarse' beside 'sublevación'
    adoc, _ = _all(make_doc, "Los presos se rebelaron contra los guardias el domingo.")
    assert any(e.trigger.text == "rebelaron" and e.event == "PROTEST" for e in adoc.secondary_events)


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        ("The government mobilised troops along the border on Monday.", "mobilised", "MOBILIZE"),
        ("The minister apologised for the remarks on Tuesday.", "apologised", "CONCEDE"),
        ("Protesters vandalised the party offices.", "vandalised", "PROTEST"),
    ],
)
def test_british_ise_spellings_reach_the_ize_rows(make_doc, text, word, event):
    adoc, _ = _all(make_doc, text, lang="en")
    assert any(e.trigger.text == word and e.event == event for e in adoc.events), [
        (e.trigger.text, e.event) for e in adoc.events]


@pytest.mark.parametrize(
    "text",
    [
        "Miles de personas salieron a manifestar contra el gobierno.",  # 'a' is the verb's own
        "Los estudiantes vendrán a manifestar el jueves.",
        "Los maestros manifestaron frente a la sede del gobierno.",
    ],
)
def test_intransitive_manifestar_is_a_demonstration(make_doc, text):
    _, events = _all(make_doc, text)
    assert any(e.trigger.text.startswith("manifest") and e.event == "PROTEST" for e in events), [
        (e.trigger.text, e.event) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "El ministro manifestó que no habrá cambios.",  # a clause: what is said
        "El ministro manifestó su apoyo al plan.",  # an object: what is shown
        "Para manifestar su rechazo, los diputados abandonaron la sala.",
    ],
)
def test_manifestar_with_a_clause_or_an_object_expresses(make_doc, text):
    _, events = _all(make_doc, text)
    assert not any(e.trigger.text.startswith("manifest") for e in events), [
        (e.trigger.text, e.event) for e in events]
