"""The attribution stage: quotes (speaker, cue, content), reporting sources and their scope,
and how events are linked to both. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from cronica.model import ActorMention, Event, Quote, Reporting
from cronica.resources import read_text
from cronica.stages.attribution.attributor import (
    Attributor,
    attach_to_events,
    attribution_lexicon,
    marked_quotes,
)


def _quotes(make_doc, text: str, lang: str = "es", stages=("attribution",)):
    return make_doc(text, lang=lang, stages=list(stages))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lexicon_files_name_sources_and_load(lang):
    assert read_text(lang, "attribution.tsv").startswith("#")
    lex = attribution_lexicon(lang)
    assert lex.speech_lemmas and lex.source and lex.marks and lex.cue_ext


def test_marked_quotes_pairs_marks_of_each_style():
    text = 'Dijo «uno dos» y “tres cuatro” y "cinco".'
    assert [text[a:b] for a, b in marked_quotes(text)] == ["uno dos", "tres cuatro", "cinco"]


def test_indirect_quote_with_statement_cue(make_doc):
    adoc = _quotes(make_doc, "El ministro de Salud de Chile dijo en un comunicado que el hospital abrirá en marzo.")
    [q] = adoc.quotes
    assert q.id == "q0" and q.kind == "indirect"
    assert q.speaker is not None and "ministro de Salud de Chile" in q.speaker.text
    assert q.cue.text == "dijo en un comunicado"
    assert q.content.text.startswith("el hospital abrirá")
    # every span points into the article text
    for span in (q.speaker, q.cue, q.content):
        assert adoc.article.text[span.start:span.end] == span.text


def test_pro_drop_cue_carries_the_previous_speaker(make_doc):
    adoc = _quotes(make_doc, "La alcaldesa de Lima afirmó que la obra terminará pronto. "
                             "Añadió que el presupuesto está asegurado.")
    first, second = adoc.quotes
    assert not first.carried_over and second.carried_over
    assert second.speaker == first.speaker
    assert second.cue.text == "Añadió"
    assert "presupuesto" in second.content.text and second.content.sentence == 1


def test_pro_drop_cue_far_from_any_quote_has_no_speaker(make_doc):
    adoc = _quotes(make_doc, "Llovió mucho en la costa. Los ríos crecieron. Las clases siguieron. "
                             "Añadió que el presupuesto está asegurado.")
    [q] = adoc.quotes
    assert q.speaker is None and not q.carried_over


def test_apposition_gives_the_persons_name(make_doc):
    adoc = _quotes(make_doc, "El canciller de Perú, Javier González, dijo que las fronteras seguirán abiertas.")
    [q] = adoc.quotes
    assert q.speaker.text == "Javier González"


def test_direct_quote_before_its_cue(make_doc):
    adoc = _quotes(make_doc, "«Vamos a seguir luchando por nuestros derechos», dijo la dirigente sindical.")
    [q] = adoc.quotes
    assert q.kind == "direct"
    assert q.content.text == "Vamos a seguir luchando por nuestros derechos"
    assert "dirigente sindical" in q.speaker.text


def test_mixed_quote_runs_to_the_closing_mark(make_doc):
    adoc = _quotes(make_doc, 'El sindicato afirmó que la huelga "durará hasta que el gobierno ceda".')
    [q] = adoc.quotes
    assert q.kind == "mixed"
    assert q.content.text.startswith("la huelga") and q.content.text.endswith('ceda"')


def test_speech_verb_with_a_plain_object_is_no_quote(make_doc):
    adoc = _quotes(make_doc, "El presidente anunció su renuncia.")
    assert adoc.quotes == []


def test_postposed_cue_takes_the_clause_before_it(make_doc):
    adoc = _quotes(make_doc, "Hundreds of farmers blocked roads on Monday, the ministry said.", lang="en")
    [q] = adoc.quotes
    assert q.speaker.text == "the ministry"
    assert q.content.text == "Hundreds of farmers blocked roads on Monday"


def test_english_indirect_and_direct(make_doc):
    adoc = _quotes(make_doc, 'The minister said that the border would stay closed. '
                             '"We will not back down," the union leader told reporters.', lang="en")
    indirect, direct = adoc.quotes
    assert indirect.speaker.text == "The minister" and indirect.content.text == "the border would stay closed"
    assert direct.kind == "direct" and direct.content.text == "We will not back down"
    assert direct.cue.text == "told reporters"


LEAD = ("Protestas en Quito\n"
        "Miles de campesinos marcharon el lunes hacia la capital, según la agencia EFE.\n"
        "La policía detuvo a diez personas.\n"
        "De acuerdo con el diario El Comercio, los líderes pidieron diálogo.")


def test_lead_source_covers_the_article_others_their_sentence(make_doc):
    adoc = _quotes(make_doc, LEAD)
    lead, later = adoc.reporting
    assert (lead.source, lead.scope) == ("EFE", "article")
    assert lead.cue.text == "según la agencia EFE"
    assert set(lead.sentences) == set(range(len(adoc.sentences)))
    assert (later.source, later.scope, later.sentences) == ("El Comercio", "sentence", [3])


def test_source_in_mid_lead_is_sentence_scope(make_doc):
    adoc = _quotes(make_doc, "Según la agencia EFE los campesinos marcharon y la policía detuvo a diez "
                             "personas, mientras otros grupos esperaban en Quito.\nOtra frase aquí.")
    # the cue opens the sentence: the lead rule makes it article-wide
    assert adoc.reporting[0].scope == "article"
    adoc = _quotes(make_doc, "Los campesinos, según la agencia EFE, marcharon hacia Quito.")
    assert adoc.reporting[0].scope == "sentence"


def test_norm_after_segun_is_not_a_source(make_doc):
    adoc = _quotes(make_doc, "El juez actuó según la ley vigente.")
    assert adoc.reporting == []


def test_media_subject_of_report_verb_is_a_source(make_doc):
    adoc = _quotes(make_doc, "Los manifestantes exigieron la renuncia del ministro, informó la agencia AFP.")
    [r] = adoc.reporting
    assert r.source == "AFP"
    assert r.cue.text == "informó la agencia AFP"  # the verb before its source joins the cue
    # the outlet is both a reporting link and the speaker of what it reports
    assert [q.speaker.text for q in adoc.quotes] == ["la agencia AFP"]


def test_channel_and_outlet_links_of_a_speech_verb(make_doc):
    adoc = _quotes(make_doc, "El ministro dijo a la AFP en un comunicado que renunciará.",
                   stages=("actors", "attribution"))
    assert [r.cue.text for r in adoc.reporting] == ["dijo a la AFP", "en un comunicado"]
    assert [q.speaker.text for q in adoc.quotes] == ["El ministro"]


def test_source_noun_subject_is_a_link(make_doc):
    adoc = _quotes(make_doc, "Fuentes policiales dijeron que hubo tres heridos.")
    assert [r.cue.text for r in adoc.reporting] == ["Fuentes policiales"]
    [q] = adoc.quotes
    assert q.speaker.text == "Fuentes policiales"


def test_closing_report_verb_credits_the_sentence(make_doc):
    adoc = _quotes(make_doc, "Unos cien obreros ocuparon la fábrica, informaron autoridades municipales.")
    assert [r.cue.text for r in adoc.reporting] == ["informaron autoridades municipales"]


def test_speaker_code_comes_from_the_overlapping_actor(make_doc):
    text = "Funcionarios chilenos y peruanos dicen que el proceso demorará meses."
    adoc = make_doc(text, lang="es")
    start = text.index("Funcionarios")
    end = text.index(" dicen")
    adoc.actors = [ActorMention(id="a0", span=adoc.span(start, end), code="CHLGOV",
                                codes=["CHLGOV", "PERGOV"], kind="agent")]
    Attributor("es").run(adoc)
    [q] = adoc.quotes
    assert q.speaker_code == "CHLGOV" and q.speaker_codes == ["CHLGOV", "PERGOV"]


def test_events_get_quote_and_sources_nearest_first(make_doc):
    adoc = make_doc(LEAD + "\nEl alcalde dijo que los campesinos bloquearon la vía.", lang="es")
    text = adoc.article.text
    t1 = text.index("detuvo")
    t2 = text.index("pidieron")
    t3 = text.index("bloquearon")
    adoc.events = [Event(id=f"e{i}", event="COERCE", trigger=adoc.span(t, t + 5))
                   for i, t in enumerate((t1, t2, t3))]
    Attributor("es").run(adoc)
    by_id = {e.id: e for e in adoc.events}
    assert by_id["e0"].reported_by == ["EFE"] and by_id["e0"].quote is None
    assert by_id["e1"].reported_by == ["El Comercio", "EFE"]
    assert by_id["e2"].quote == adoc.quotes[-1].id


def test_attach_keeps_existing_sources_and_picks_innermost_quote(make_doc):
    adoc = make_doc("Uno dos tres cuatro cinco seis.", lang="es")
    outer = Quote("q0", None, None, [], adoc.span(0, 3), adoc.span(4, 30))
    inner = Quote("q1", None, None, [], adoc.span(0, 3), adoc.span(8, 18))
    adoc.quotes = [outer, inner]
    adoc.reporting = [Reporting("X", None, adoc.span(0, 3), "sentence", [0]),
                      Reporting("X", None, adoc.span(0, 3), "article", [0])]
    ev = Event("e0", "AGREE", adoc.span(8, 12), reported_by=["Y"])
    adoc.events = [ev]
    attach_to_events(adoc)
    assert ev.quote == "q1" and ev.reported_by == ["Y", "X"]


def test_no_parse_no_output():
    from cronica.model import Article, ArticleDoc

    adoc = ArticleDoc(article=Article(id="x", text="dijo que sí"), lang="es")
    Attributor("es").run(adoc)
    assert adoc.quotes == [] and adoc.reporting == []


def test_impersonal_cue_takes_no_speaker_from_before(make_doc):
    adoc = _quotes(make_doc, "La ministra dijo que habrá cambios. Se informó que el puente fue cerrado.")
    second = adoc.quotes[-1]
    assert second.content.text == "el puente fue cerrado"
    assert second.speaker is None and not second.carried_over


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("It was announced by the ministry that elections would be held.", "the ministry",
     "elections would be held"),
    ("Marco Ortiz, who said that taxes must fall, won the vote.", "Marco Ortiz", "taxes must fall"),
    ("The senator began by talking about roads, saying that bridges are unsafe.", "The senator",
     "bridges are unsafe"),
])
def test_english_speaker_through_passive_relative_and_gerund(make_doc, text, speaker, content):
    [q] = _quotes(make_doc, text, lang="en").quotes
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.content.text == content


def test_quote_closed_before_its_cue_sentence(make_doc):
    adoc = _quotes(make_doc, "“We will rebuild every school in the valley.” Ortiz said.", lang="en")
    [q] = adoc.quotes
    assert q.kind == "direct" and q.content.text.startswith("We will rebuild every school")
    assert q.speaker.text == "Ortiz"


def test_fully_quoted_clause_after_que_is_mixed(make_doc):
    [q] = _quotes(make_doc, 'El sindicato afirmó que "la huelga seguirá hasta el viernes".').quotes
    assert q.kind == "mixed" and "la huelga seguirá" in q.content.text


def test_outlet_as_subject_of_a_speech_verb_is_a_source_and_a_speaker(make_doc):
    adoc = _quotes(make_doc, "La policía detuvo a diez personas. La agencia Prensa Andina precisó "
                             "que los detenidos fueron liberados.")
    assert [r.source for r in adoc.reporting] == ["Prensa Andina"]
    assert adoc.reporting[0].scope == "sentence"
    assert [q.speaker.text for q in adoc.quotes] == ["La agencia Prensa Andina"]
    # a person whose title mentions an outlet is still a speaker
    adoc = _quotes(make_doc, "El director del diario, Juan Pérez, dijo que el cierre fue ilegal.")
    assert adoc.reporting == [] and len(adoc.quotes) == 1


def test_carry_over_needs_matching_number(make_doc):
    adoc = _quotes(make_doc, "La alcaldesa de Lima afirmó que la obra terminará pronto. "
                             "Añadieron que el presupuesto está asegurado.")
    assert adoc.quotes[-1].speaker is None and not adoc.quotes[-1].carried_over


def test_prepositional_phrase_is_no_speaker(make_doc):
    adoc = _quotes(make_doc, "Con su chaleco indicaba que trabajaba para la prensa.")
    assert all(q.speaker is None or not q.speaker.text.lower().startswith("con")
               for q in adoc.quotes)


def test_spanish_relative_que_speaks_for_its_noun(make_doc):
    adoc = _quotes(make_doc, "Los mineros, que denunciaron que la empresa no paga, marcharon ayer.")
    [q] = adoc.quotes
    assert q.speaker is not None and q.speaker.text == "Los mineros"
    assert q.content.text == "la empresa no paga"


def test_source_after_the_lead_covers_only_its_sentence(make_doc):
    # no headline: the lead is the first sentence, so the third one is body text
    adoc = _quotes(make_doc, "Miles de campesinos bloquearon el lunes la vía en el Cauca. "
                             "El ministro dijo que no negociará. "
                             "Según la Defensoría del Pueblo, la policía detuvo a doce personas.")
    rep = adoc.reporting[0]
    assert rep.scope == "sentence" and rep.sentences == [2]


def test_segun_person_is_a_quote_not_a_source(make_doc):
    adoc = _quotes(make_doc, "Según el ministro Pedro Gómez, la huelga terminará pronto.",
                   stages=("actors", "attribution"))
    assert adoc.reporting == []
    [q] = adoc.quotes
    assert "Pedro Gómez" in q.speaker.text and q.content.text == "la huelga terminará pronto"


def test_segun_organisation_is_both_source_and_quote(make_doc):
    adoc = _quotes(make_doc, "Unas dos mil personas marcharon, según la central obrera.",
                   stages=("actors", "attribution"))
    assert [r.cue.text for r in adoc.reporting] == ["según la central obrera"]
    [q] = adoc.quotes
    assert q.content.text == "Unas dos mil personas marcharon"


def test_quoted_fragment_takes_the_governing_speaker(make_doc):
    adoc = _quotes(make_doc, 'La ministra calificó de "inaceptable" la medida.')
    [q] = adoc.quotes
    assert q.content.text == "inaceptable" and q.kind == "direct"
    assert q.speaker.text == "La ministra"


def test_infinitival_complement_and_acusar_de(make_doc):
    adoc = _quotes(make_doc, "El opositor acusó al gobierno de favorecer un golpe de Estado.")
    [q] = adoc.quotes
    assert q.content.text == "favorecer un golpe de Estado" and q.speaker.text == "El opositor"


def test_implicit_speaker_is_the_last_explicit_one(make_doc):
    adoc = _quotes(make_doc, 'La ministra Ana Ruiz dijo que habrá elecciones. "Estamos listos", agregó.',
                   stages=("actors", "attribution"))
    assert [q.speaker.text for q in adoc.quotes] == ["Ana Ruiz", "Ana Ruiz"]
    assert adoc.quotes[1].carried_over


def test_speaker_after_a_dateline_dash(make_doc):
    adoc = _quotes(make_doc, "LIMA, Oct 3 (AFP) - La policía peruana anunció haber detenido a tres personas.")
    [q] = adoc.quotes
    assert q.speaker.text == "La policía peruana"
    assert q.content.text == "haber detenido a tres personas"


def test_cueless_continuation_paragraph_keeps_the_speaker(make_doc):
    text = ('El alcalde Luis Mora dijo que "la ciudad está en calma".\n'
            '"No vamos a permitir saqueos ni disturbios en los barrios".')
    adoc = _quotes(make_doc, text, stages=("actors", "attribution"))
    last = adoc.quotes[-1]
    assert last.content.text.startswith("No vamos a permitir") and last.carried_over
    assert last.speaker.text == adoc.quotes[0].speaker.text and last.cue.text == ""


def test_relative_clause_cue_shares_the_main_subject(make_doc):
    adoc = _quotes(make_doc, 'La ministra repudió la agresión, que calificó de "inaceptable".')
    q = next(q for q in adoc.quotes if q.content.text == "inaceptable")
    assert q.speaker.text == "La ministra"


def test_quotation_of_two_sentences_closed_by_its_cue(make_doc):
    adoc = _quotes(make_doc, '"Hay que pagar los salarios. El gobierno debe resolverlo", declaró el ministro.')
    q = next(q for q in adoc.quotes if q.cue.text.startswith("declaró"))
    assert q.content.text.startswith("Hay que pagar") and q.content.text.endswith("resolverlo")


def test_second_quoted_fragment_goes_to_the_sentence_speaker(make_doc):
    adoc = _quotes(make_doc, 'Los manifestantes gritaban consignas, dijo la ministra Ana Ruiz: '
                             '"fuera el gobierno", "queremos trabajo".', stages=("actors", "attribution"))
    contents = {q.content.text: q.speaker.text for q in adoc.quotes if q.speaker}
    assert "queremos trabajo" in contents


def test_segun_plus_verb_of_saying(make_doc):
    adoc = _quotes(make_doc, "Según explicó el párroco Juan Díaz, tres hombres armados entraron en la iglesia.")
    q = next(q for q in adoc.quotes if q.cue.text.startswith("Según"))
    assert q.cue.text.startswith("Según explicó") and "Juan Díaz" in q.speaker.text
    assert q.content.text == "tres hombres armados entraron en la iglesia"


def test_event_chain_runs_from_channel_to_outlet(make_doc):
    adoc = make_doc("El ministro dijo a la AFP en un comunicado que el ejército detuvo a diez personas.",
                    lang="es", date="2024-01-20", stages=["actors", "events", "time", "aux", "attribution"])
    [e] = [e for e in adoc.events if e.event == "COERCE"]
    assert e.reported_by == ["comunicado", "AFP"]


def test_english_addressee_of_told_is_a_link(make_doc):
    adoc = _quotes(make_doc, "Sources told AFP that the talks had failed.", lang="en",
                   stages=("actors", "attribution"))
    assert [r.cue.text for r in adoc.reporting] == ["Sources", "told AFP"]


def test_own_observation_and_impersonal_report(make_doc):
    adoc = _quotes(make_doc, "Tres casas fueron incendiadas en el barrio, constató la AFP.",
                   stages=("actors", "attribution"))
    assert [r.cue.text for r in adoc.reporting] == ["constató la AFP"]
    adoc = _quotes(make_doc, "Se informó que el puente fue cerrado.")
    assert [(r.cue.text, r.source) for r in adoc.reporting] == [("Se informó", "")]


def test_running_builds_no_language_bundle(make_doc, monkeypatch):
    """Per-document work reuses the stage's bundle (and the lexicons built on it): a fresh
    bundle per source phrase rebuilt the actor lexicon for every 'según X' speaker."""
    from cronica.stages.language import bundle

    text = "Según el portavoz del sindicato, la huelga seguirá el lunes en todo el país."
    adoc = _quotes(make_doc, text)  # no actors stage: the speaker is coded from its text
    assert adoc.quotes and adoc.quotes[0].speaker is not None

    def _no_new_bundle(*args, **kwargs):
        raise AssertionError("a language bundle was built while running")

    monkeypatch.setattr(bundle, "load_bundle", _no_new_bundle)
    again = _quotes(make_doc, text)
    assert [q.speaker_codes for q in again.quotes] == [q.speaker_codes for q in adoc.quotes]


def test_match_phrase_takes_the_longest_listed_phrase_within_the_limit(nlp_es):
    from cronica.stages.attribution.lexicon import match_phrase

    doc = nlp_es("de acuerdo con la policía")
    phrases = (("de", "acuerdo", "con"), ("de", "acuerdo"), ("según",))
    assert match_phrase(doc, 0, phrases, len(doc)) == 3
    assert match_phrase(doc, 0, phrases, 2) == 2  # the longer phrase runs past the limit
    assert match_phrase(doc, 1, phrases, len(doc)) == 0
    assert match_phrase(doc, 0, [("de", "acuerdo", "a"), ("de",)], len(doc)) == 1  # a list too


def test_coordinated_cue_ends_the_first_report_and_shares_its_speaker(make_doc):
    adoc = _quotes(make_doc, "Los bomberos llegaron tarde al incendio del puerto.\n"
                             "El gremio también demanda que se cancele el contrato de la empresa "
                             "y desmintió que existan riesgos en la planta.")
    first, second = adoc.quotes
    assert first.cue.text == "demanda" and second.cue.text == "desmintió"
    assert first.content.text == "se cancele el contrato de la empresa"
    assert second.content.text.startswith("existan riesgos")
    assert first.speaker is not None and first.speaker.text.endswith("gremio")
    assert second.speaker is not None and second.speaker.text.endswith("gremio")


def test_a_verb_inside_quoted_words_introduces_no_other_quotation(make_doc):
    adoc = _quotes(make_doc, 'Según la ministra, las protestas "no apuntaban al gobierno", sino que '
                             '"su meta era cerrar las rutas del norte".')
    assert not any(q.cue.text == "apuntaban" for q in adoc.quotes)


def test_quoted_subject_label_is_no_quote(make_doc):
    adoc = _quotes(make_doc, 'El ministro dijo que el plan sigue en pie. Los "halcones del partido" '
                             'han quedado fuera del gabinete.')
    assert not any("halcones" in q.content.text for q in adoc.quotes)


def test_regular_inflection_recovers_the_lemma_of_a_speech_verb():
    from cronica.stages.attribution.lexicon import regular_lemmas

    assert "señalar" in regular_lemmas("señalara")
    assert {"afirmar"} <= regular_lemmas("afirmaran") and "afirmar" not in regular_lemmas("firmaran")


def test_name_closing_a_broken_subject_is_the_speaker(make_doc):
    adoc = _quotes(make_doc, "La ayuda llegó un día después de que la alcaldesa del pueblo -cerca de la "
                             "frontera con Perú- Rosa Quispe, señalara que el río se desbordó.")
    q = next(q for q in adoc.quotes if q.cue.text == "señalara")
    assert q.content.text == "el río se desbordó"
    assert q.speaker is not None and q.speaker.text.endswith("Rosa Quispe")


def test_dative_se_is_no_impersonal_cue(make_doc):
    adoc = _quotes(make_doc, "El canciller repudió la agresión, pero se la atribuyó a que la visita "
                             "se produjo en un mal momento.")
    q = next(q for q in adoc.quotes if q.cue.text == "atribuyó")
    assert q.speaker is not None and q.speaker.text.endswith("canciller")


def test_quotation_before_its_cue_takes_the_subject_after_the_verb(make_doc):
    adoc = _quotes(make_doc, 'Miles de obreros marcharon por el centro.\n"Queremos nuestros salarios ya", '
                             'proclamaban las pancartas de los manifestantes.')
    q = next(q for q in adoc.quotes if q.cue.text == "proclamaban")
    assert q.speaker is not None and "pancartas" in q.speaker.text


def test_quien_refers_to_the_nearest_person_before_it(make_doc):
    adoc = _quotes(make_doc, "La marcha contó con el apoyo de cientos de grupos sociales que piden votar, "
                             "e incluso con el del escritor Carlos Fuentes, y quien aseguró que no "
                             "faltará a la cita.")
    q = next(q for q in adoc.quotes if q.cue.text == "aseguró")
    assert q.speaker is not None and "Fuentes" in q.speaker.text


def test_possessive_standard_after_de_acuerdo_con_is_no_source(make_doc):
    adoc = _quotes(make_doc, "Los afiliados votarán o no de acuerdo con su propia conciencia.")
    assert not any(q.cue.text.startswith("de acuerdo") for q in adoc.quotes)
    adoc = _quotes(make_doc, "De acuerdo con su portavoz, el partido votará en contra.")
    assert any(q.cue.text.lower().startswith("de acuerdo") for q in adoc.quotes)


def test_fragment_of_a_named_speaker_without_actor_code(make_doc):
    adoc = _quotes(make_doc, 'En esa ocasión, Kowalczyk apremió a los vecinos a poner fin a su '
                             '"actitud irresponsable".')
    q = next(q for q in adoc.quotes if q.content.text == "actitud irresponsable")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.text == "Kowalczyk"
