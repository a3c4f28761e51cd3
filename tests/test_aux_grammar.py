"""Aux modes from Spanish grammar: scope of negating words, conditions, relative clauses,
purpose clauses and presupposed events (the attribution guidelines' aux rules). Every
sentence is invented for the test."""

import pytest

STAGES = ["actors", "events", "time", "aux"]


def _mode(make_doc, text: str, word: str, date: str = "2024-01-20") -> str | None:
    """The aux mode of the event (or secondary event word) whose trigger holds ``word``."""
    adoc = make_doc(text, lang="es", date=date, stages=STAGES)
    start = text.index(word)
    found = [e for e in [*adoc.events, *adoc.secondary_events]
             if e.trigger.start < start + len(word) and start < e.trigger.end]
    assert found, f"no event at {word!r}"
    return found[0].aux_mode or "current"


def test_a_negating_verb_reaches_the_noun_of_a_support_verb(make_doc):
    # 'se realice una huelga': the strike is the event of the support verb
    assert _mode(make_doc, "El sindicato rechazó que se realice una huelga.", "huelga") == "negation"


def test_a_no_of_a_higher_clause_does_not_reach_a_complement_clause(make_doc):
    # 'no confirmó que ...': the attack is not denied
    assert _mode(make_doc, "El ejército no confirmó que los rebeldes atacaron el cuartel el 3 de enero.",
                 "atacaron") == "historical"


def test_indicative_relative_clause_is_out_of_the_governing_scope(make_doc):
    text = "El sindicato, que lideró una huelga, convocó a votar."
    assert _mode(make_doc, text, "huelga") != "future"


def test_a_hoped_for_act_is_not_recoded_as_the_speakers_threat(make_doc):
    adoc = make_doc('"Esperamos que la policía pueda detener a los culpables", dijo el ministro.',
                    lang="es", date="2024-01-20", stages=STAGES)
    [arrest] = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "detener"]
    assert arrest.event == "COERCE" and arrest.aux_mode == "hypothetical"


# -- past events whose time the sentence or the discourse gives --------------------------


@pytest.mark.parametrize("second", [
    "Los soldados han detenido a diez rebeldes en la capital.",  # the perfect: news of the day
    "El ministro dijo que los soldados detuvieron a diez rebeldes.",  # a statement of the day
    "Los soldados detuvieron a diez rebeldes en la capital, dijo el ministro.",
])
def test_a_sentence_after_a_dated_one_keeps_its_own_time(make_doc, second):
    # background dated in one sentence, news of the day in the next, with no date of its own
    text = "Los rebeldes atacaron el cuartel el 3 de enero. " + second
    assert _mode(make_doc, text, "detenido" if "han" in second else "detuvieron") == "current"


def test_a_narrated_preterite_continues_the_dated_sentence_before_it(make_doc):
    # the narrative keeps the reference time of the dated main clause before it ...
    text = ("Los rebeldes atacaron el cuartel el 3 de enero. "
            "Los soldados detuvieron a diez rebeldes en la capital.")
    assert _mode(make_doc, text, "detuvieron") == "historical"
    # ... but not a date of a subordinate clause, nor one after 'desde' (an open period)
    text = ("La marcha recordó la masacre que ocurrió el 3 de enero. "
            "Los soldados detuvieron a diez manifestantes en la capital.")
    assert _mode(make_doc, text, "detuvieron") == "current"
    text = ("Los mineros ocupan la mina desde el 3 de enero. "
            "Los soldados detuvieron a diez mineros en la capital.")
    assert _mode(make_doc, text, "detuvieron") == "current"


def test_a_date_of_another_clause_does_not_date_the_event(make_doc):
    # 'el 3 de enero' dates the relative clause's attack, not the condemnation
    text = "El presidente condenó el sábado el ataque que sufrió la embajada el 3 de enero."
    assert _mode(make_doc, text, "condenó") == "current"


def test_a_stated_plan_keeps_its_act_embedded_with_its_own_mode(make_doc):
    adoc = make_doc("El gobierno anunció que retirará sus tropas de la frontera.", lang="es",
                    date="2024-01-20", stages=STAGES)
    at = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "retirará"]
    statement = [e for e in at if e.embedded_in is None]
    acts = [e for e in at if e.embedded_in is not None]
    assert [e.event for e in statement] == ["AGREE"] and statement[0].aux_mode is None
    assert [(e.event, e.aux_mode) for e in acts] == [("RETREAT", "future")]


def test_the_recoded_statement_takes_no_tense_mode_of_its_act(make_doc):
    adoc = make_doc('"Lo voy a expulsar del país si sigue provocando", dijo el presidente.', lang="es",
                    date="2024-01-20", stages=STAGES)
    at = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text.startswith("expulsar")]
    assert {(e.event, e.aux_mode) for e in at} >= {("THREATEN", None)}
    assert any(e.embedded_in and e.aux_mode == "hypothetical" for e in at)


def test_a_regular_conditional_misread_as_an_imperfect_is_the_future_of_the_past(make_doc):
    text = "El ministro dijo que los rebeldes atacarían la capital."
    adoc = make_doc(text, lang="es", date="2024-01-20", stages=STAGES)
    at = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "atacarían"]
    assert any(e.aux_mode == "future" for e in at)  # the attack itself, embedded in the threat


def test_an_obligation_of_another_is_not_the_speakers_intention(make_doc):
    adoc = make_doc("El presidente debe renunciar, dijo el líder opositor.", lang="es",
                    date="2024-01-20", stages=STAGES)
    at = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "renunciar"]
    assert at and all(e.event != "AGREE" for e in at)
    assert any(e.aux_mode == "hypothetical" for e in at)


def test_the_cause_of_a_prepared_act_is_not_prepared(make_doc):
    # 'preparar' reaches its object or aim (through a classifier noun), not the nouns under it
    text = "La policía se prepara para una jornada de protestas por el ataque a la embajada."
    assert _mode(make_doc, text, "ataque") != "future"


def test_a_causal_clause_of_the_speakers_frame_stays_under_the_condition(make_doc):
    # a reason in the present or future is no asserted fact: the condition still reaches it
    adoc = make_doc('"Vaya preparando sus maletas, porque lo voy a expulsar del país si sigue provocando", '
                    'dijo el presidente.', lang="es", date="2024-01-20", stages=STAGES)
    acts = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text.startswith("expulsar")]
    assert any(e.event == "SANCTION" and e.aux_mode == "hypothetical" for e in acts)


def test_a_dated_mention_of_another_story_of_a_digest_is_another_event(make_doc):
    first = "LIMA, Ene 20 (AFP) - El ataque del 3 de enero contra el cuartel dejó diez muertos. "
    last = "Los vecinos condenaron el ataque."
    same = make_doc(first + last, lang="es", date="2024-01-20", stages=STAGES)
    other = make_doc(first + "QUITO - Un ataque contra la alcaldía dejó dos heridos. " + last,
                     lang="es", date="2024-01-20", stages=STAGES)
    def final(adoc):
        return max((e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "ataque"),
                   key=lambda e: e.trigger.start)
    assert final(same).aux_mode == "historical"
    assert final(other).aux_mode is None


@pytest.mark.parametrize(("word", "mode"), [("accused", "current"), ("attacked", "negation")])
def test_an_accusation_after_a_denied_clause_is_the_deniers_own_act(make_doc, word, mode):
    # 'accused' has no subject and cannot share 'had' as a finite past: it is coordinated
    # with 'denied', whatever the parse; an ambiguous '-ed' form is lifted only as a speech act
    text = "The army denied that its soldiers had attacked the village and accused the rebels of lying."
    adoc = make_doc(text, lang="en", date="2024-01-20", stages=STAGES)
    [e] = [e for e in adoc.events if e.trigger.text == word]
    assert (e.aux_mode or "current") == mode


def test_an_ambiguous_participle_conjunct_stays_in_the_denied_clause(make_doc):
    text = "The army denied that its soldiers had attacked and killed the villagers."
    adoc = make_doc(text, lang="en", date="2024-01-20", stages=STAGES)
    found = [e for e in [*adoc.events, *adoc.secondary_events]
             if any(m.text == "killed" for m in e.mentions)]
    assert found and all(e.aux_mode == "negation" for e in found)



@pytest.mark.parametrize(("text", "word", "mode"), [
    ("The government ruled out talks with the rebels.", "talks", "negation"),
    ("The union called off the strike planned for Monday.", "strike", "negation"),
    ("The minister put off the meeting with the protesters.", "meeting", "future"),
    # the same verbs without their particle govern nothing
    ("The government ruled the province after talks with the rebels.", "talks", "current"),
])
def test_a_phrasal_verb_governs_its_act_with_its_particle(make_doc, text, word, mode):
    adoc = make_doc(text, lang="en", date="2024-01-20", stages=STAGES)
    found = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == word]
    assert found, f"no event at {word!r}"
    assert (found[0].aux_mode or "current") == mode


# (rule, sentence, word of the event, its aux mode, publication date or None)
_CASES = [
    ('a_negating_verb_negates_its_complement_clause', 'El general negó que sus tropas atacaran la aldea.', 'atacaran', 'negation', None),
    ('negation_reaches_through_a_classifier_noun', 'La guerrilla no realizará actos de sabotaje.', 'sabotaje', 'negation', None),
    ('si_clause_read_as_a_complement_of_a_future_verb_is_a_condition', 'El ministro advirtió que el ejército atacará si los rebeldes no se rinden.', 'atacará', 'hypothetical', None),
    ('purpose_clause_under_an_adjective_takes_the_mode_of_its_governor', 'El papa pidió a las partes un lugar propicio para dialogar.', 'dialogar', 'hypothetical', None),
    ('proposed_act_with_a_date_stays_hypothetical', 'El presidente propuso reunirse con los rebeldes el 25 de enero.', 'reunirse', 'hypothetical', None),
    ('presupposed_scheduled_event_under_a_wish_stays_future', 'El canciller espera que la reunión del 25 de enero sea un éxito.', 'reunión', 'future', None),
    ('present_subjunctive_of_a_time_clause_is_future', 'La tensión surge a once días de que los presidentes se reúnan en Lima.', 'reúnan', 'future', None),
    ('impersonal_expectation_is_future_and_a_personal_hope_hypothetical-1', 'Se espera que los presidentes se reúnan el lunes.', 'reúnan', 'future', None),
    ('impersonal_expectation_is_future_and_a_personal_hope_hypothetical-2', 'El obispo espera que los presidentes se reúnan.', 'reúnan', 'hypothetical', None),
    ('conditional_under_a_past_verb_is_the_future_of_that_past', 'El ministro prometió que los culpables serían detenidos.', 'detenidos', 'future', None),
    ('modal_conditional_stays_hypothetical', 'El ministro dijo que el ejército podría atacar la aldea.', 'atacar', 'hypothetical', None),
    ('a_promised_act_is_future_and_a_warned_one_hypothetical-1', 'Los rebeldes prometieron que atacarán la capital.', 'atacarán', 'future', None),
    ('a_promised_act_is_future_and_a_warned_one_hypothetical-2', 'El ministro advirtió que impondrá sanciones.', 'sanciones', 'hypothetical', None),
    ('resolve_to_act_is_future', 'Los rebeldes están decididos a atacar la capital.', 'atacar', 'future', None),
    ('relative_clause_inside_a_dated_event_phrase_takes_its_date', 'Los campesinos denunciaron la incursión, el 3 de enero, de aviones que bombardearon una aldea.', 'bombardearon', 'historical', None),
    ('anaphoric_time_phrase_takes_the_date_named_before', 'El ministro visitó la frontera el 3 de enero. En esa ocasión, el ministro condenó a los contrabandistas.', 'condenó', 'historical', None),
    ('anaphoric_time_phrase_after_a_date_in_the_window_stays_current', 'El ministro visitó la frontera el viernes. En esa ocasión, el ministro condenó a los contrabandistas.', 'condenó', 'current', None),
    ('preterite_with_a_duration_of_months_is_past_background', 'El sindicato, que lideró una huelga de nueve meses, llamó a votar.', 'huelga', 'historical', None),
    ('a_week_that_places_an_event_is_no_duration', 'Los estudiantes realizaron esta semana protestas frente al ministerio.', 'protestas', 'current', None),
    ('time_clause_shares_the_date_of_its_governing_clause', 'Los rebeldes atacaron la ciudad el 3 de enero cuando los soldados dispararon contra la multitud.', 'dispararon', 'historical', None),
    ('due_to_act_on_a_date_after_publication_is_future', 'Los presidentes deben reunirse el 25 de enero.', 'reunirse', 'future', None),
    ('a_demanded_act_named_as_the_object_of_the_demand_stays_hypothetical', 'Los manifestantes exigieron la liberación de los presos antes del 25 de enero.', 'liberación', 'hypothetical', None),
    ('implicative_verbs_cancel_or_postpone_their_act-1', 'El gobierno canceló la reunión con los rebeldes.', 'reunión', 'negation', None),
    ('implicative_verbs_cancel_or_postpone_their_act-2', 'Los sindicatos aplazaron la huelga.', 'huelga', 'future', None),
    ('a_negative_quantifier_negates_its_event_noun', 'Ninguna negociación se realizó con los rebeldes.', 'negociación', 'negation', None),
    ('the_noun_of_a_demand_makes_its_content_hypothetical', 'Los obreros presentaron una demanda de aumento salarial y de negociación colectiva.', 'negociación', 'hypothetical', None),
    ('a_stated_intention_is_a_plan', 'El presidente anunció su intención de reunirse con los rebeldes.', 'reunirse', 'future', None),
    ('a_call_to_an_event_noun_convenes_it', 'Los sindicatos llamaron a una huelga general.', 'huelga', 'future', None),
    ('a_call_on_people_to_act_asks_for_the_act', 'El presidente llamó a la oposición a negociar con el gobierno.', 'negociar', 'hypothetical', None),
    ('what_a_decision_settles_is_planned', 'El gobierno decidió que las tropas se retiren de la frontera.', 'retiren', 'future', None),
    ('an_act_of_last_week_is_historical_and_of_this_week_not-1', 'Los rebeldes atacaron la aldea la semana pasada.', 'atacaron', 'historical', None),
    ('an_act_of_last_week_is_historical_and_of_this_week_not-2', 'Los rebeldes atacaron la aldea esta semana.', 'atacaron', 'current', None),
    ('a_summary_of_recent_months_is_historical', 'En los últimos meses, los rebeldes atacaron varias aldeas.', 'atacaron', 'historical', None),
    ('a_subjunctive_aim_is_not_yet_reached-1', 'Los campesinos marcharon para que el gobierno negocie con ellos.', 'negocie', 'hypothetical', None),
    ('a_subjunctive_aim_is_not_yet_reached-2', 'Los campesinos marcharon para que el gobierno negocie con ellos.', 'marcharon', 'current', None),
    ('a_warned_act_in_the_conditional_is_threatened', 'El primer ministro advirtió que impondría sanciones a los grupos armados.', 'sanciones', 'hypothetical', None),
    ('an_indicative_relative_trigger_is_out_of_its_nouns_governing_scope', 'Los manifestantes exigieron la liberación de los presos que detuvo la policía.', 'detuvo', 'current', None),
    ('an_age_is_no_duration', 'A los 14 años, el dirigente sindical lideró una huelga en la mina.', 'huelga', 'current', None),
    ('a_planning_participle_of_tener_schedules_its_act-1', 'Los ministros tienen previsto reunirse en Lima.', 'reunirse', 'future', None),
    ('a_planning_participle_of_tener_schedules_its_act-2', 'El presidente tiene programada una visita a Chile.', 'visita', 'future', None),
    ('a_decided_subject_is_no_plan_of_its_adjunct', 'Tras cinco días de bloqueo, los campesinos seguían decididos a marchar.', 'bloqueo', 'current', None),
    ('an_act_being_prepared_is_planned-1', 'La policía se prepara para una nueva jornada de protestas.', 'protestas', 'future', None),
    ('an_act_being_prepared_is_planned-2', 'Los rebeldes preparaban un atentado contra el ministro.', 'atentado', 'future', None),
    ('a_call_convenes_a_protest_but_asks_for_the_act_of_another-1', 'El obispo llamó a la liberación de los rehenes.', 'liberación', 'hypothetical', None),
    ('a_call_convenes_a_protest_but_asks_for_the_act_of_another-2', 'Los sindicatos llamaron a una marcha nacional.', 'marcha', 'future', None),
    ('the_aim_of_a_purpose_phrase_with_its_date_ahead_is_scheduled', 'El presidente viajará a Lima para la cumbre del 25 de enero.', 'cumbre', 'future', None),
    ('a_conditioned_noun_with_a_date_ahead_stays_hypothetical', 'Los mineros dijeron que si las demandas no son atendidas para fines de enero, marcharán.', 'demandas', 'hypothetical', None),
    ('an_act_placed_in_a_coming_period_is_future-1', 'El sindicato anunció una huelga para la próxima semana.', 'huelga', 'future', None),
    ('an_act_placed_in_a_coming_period_is_future-2', 'Los estudiantes mantienen su decisión de realizar protestas en los próximos días.', 'protestas', 'future', None),
    ('a_modifier_of_another_noun_does_not_reach_its_complement-1', 'Los rebeldes anunciaron un próximo paro de los bombardeos.', 'bombardeos', 'current', None),
    ('a_modifier_of_another_noun_does_not_reach_its_complement-2', 'El clérigo, un decidido adversario de la ocupación extranjera, controla cinco ministerios.', 'ocupación', 'current', None),
    ('a_modifier_of_a_classifier_noun_reaches_its_act', 'El gobierno creó una comisión para establecer un eventual proceso de diálogo con los rebeldes.', 'diálogo', 'hypothetical', None),
    ('a_scheduled_participle_on_the_act_makes_it_future', 'Los sindicatos suspendieron la marcha prevista para el jueves.', 'marcha', 'future', None),
    ('an_act_scheduled_by_its_relative_clause_is_presupposed_under_a_call', 'Miles de obreros fueron llamados a participar en los piquetes que se realizarán el jueves.', 'piquetes', 'future', None),
    ('an_act_scheduled_by_its_participle_is_presupposed_under_a_demand', 'El ministro pidió que la reunión prevista para el lunes se realice en Lima.', 'reunión', 'future', None),
    ('a_relative_clause_of_an_act_under_way_does_not_schedule_it', 'Los obreros realizan desde el jueves un paro que se prolongará por dos días.', 'paro', 'current', None),
    ('a_committed_act_is_future', 'El ministro se comprometió a retomar las negociaciones con los sindicatos.', 'negociaciones', 'future', None),
    ('a_negated_act_under_a_commitment_is_negation', 'Las partes se comprometieron a no atacar a los civiles.', 'atacar', 'negation', None),
    ('the_aim_of_a_journey_takes_its_time-1', 'El presidente viajó a España para una visita oficial de cinco días.', 'visita', 'current', None),
    ('the_aim_of_a_journey_takes_its_time-2', 'El presidente viajará a Lima para una reunión con los rebeldes.', 'reunión', 'future', None),
    ('an_aim_of_talks_is_not_reached_yet', 'Los delegados iniciaron conversaciones para una retirada de las tropas.', 'retirada', 'hypothetical', None),
    ('an_announced_protest_is_planned-1', 'Los estudiantes anunciaron nuevas protestas.', 'protestas', 'future', None),
    ('an_announced_protest_is_planned-2', 'La multitud celebró el anuncio del paro nacional.', 'paro', 'future', None),
    ('an_announced_result_keeps_its_time', 'La policía anunció la detención de diez manifestantes.', 'detención', 'current', None),
    ('due_to_act_in_a_coming_period_is_future', 'Los presidentes deberán reunirse la próxima semana en Lima.', 'reunirse', 'future', None),
    ('a_passive_indicative_relative_trigger_is_out_of_the_demand', 'Los manifestantes exigen la libertad de los estudiantes que fueron detenidos el lunes.', 'detenidos', 'historical', None),
    ('a_subjunctive_passive_relative_stays_in_the_demand', 'Los campesinos exigen una tregua que sea respetada por el ejército.', 'tregua', 'hypothetical', None),
    ('the_narrators_imperfect_is_background', 'En un principio los estudiantes reclamaban la renuncia del rector.', 'reclamaban', 'historical', None),
    ('an_imperfect_of_the_news_window_is_going_on', 'Miles de personas manifestaban este sábado frente al Congreso.', 'manifestaban', 'current', '2024-01-20'),
    ('an_imperfect_relative_clause_describes_the_time_of_its_clause', 'La policía dispersó a una multitud que exigía la renuncia del alcalde.', 'exigía', 'current', None),
    ('a_narrative_goes_on_in_the_time_of_a_dated_time_clause_before_it', 'El incidente ocurrió cuando el ministro visitó la aldea el 3 de enero. Ante la situación, los soldados dispararon contra la multitud.', 'dispararon', 'historical', None),
    ('a_reaction_to_an_event_is_the_news_of_the_day', 'Los rebeldes atacaron el cuartel el 3 de enero. Los vecinos condenaron el ataque contra el cuartel.', 'condenaron', 'current', None),
    ('a_noun_after_a_determiner_is_no_modal_auxiliary', 'El coronel llegó al poder prometiendo elecciones libres.', 'prometiendo', 'current', None),
    ('a_definite_noun_refers_back_only_to_an_event_that_took_place', 'Los presidentes se reunirán el 25 de enero en Lima. El canciller elogió las negociaciones con los rebeldes.', 'negociaciones', 'current', None),
    ('a_past_causal_clause_asserts_its_reason', 'El coronel no debió ser detenido porque viajó con pasaporte diplomático.', 'viajó', 'current', None),
    ('a_rejected_request_was_made-1', 'El tribunal rechazó la petición de los sindicatos.', 'petición', 'current', None),
    ('a_passive_of_convening_names_the_organiser-1', 'La marcha fue convocada por los sindicatos mineros.', 'marcha', 'current', None),
    ('the_cause_of_a_wished_act_is_presupposed-1', 'El ministro estudia protestar ante la ONU por la redada de la policía.', 'redada', 'current', None),
    ('a_finite_coordinate_of_a_demand_is_a_parallel_act-1', 'Los sindicatos reclamaron mejores salarios y exigieron la renuncia del ministro.', 'exigieron', 'current', None),
    ('an_rr_imperfect_is_no_conditional', 'Cuando transcurría el minuto veinte del encuentro, un hombre invadió el campo.', 'encuentro', 'current', None),
    ('a_finite_coordinate_of_a_demand_is_a_parallel_act-2', 'Los sindicatos reclamaron que el ministro renuncie y convoquen elecciones.', 'convoquen', 'hypothetical', None),
    ('the_cause_of_a_wished_act_is_presupposed-2', 'El gobierno estudia protestar ante la ONU por un posible ataque.', 'ataque', 'hypothetical', None),
    ('a_complex_preposition_of_means_is_no_cause', 'El ministro dijo que el conflicto sólo podía resolverse por medio del diálogo.', 'diálogo', 'hypothetical', None),
    ('a_passive_of_convening_names_the_organiser-2', 'La marcha fue convocada por los sindicatos para el 25 de enero.', 'marcha', 'future', None),
    ('a_rejected_request_was_made-2', 'El ministro rechazó aplicar sanciones a los camioneros.', 'sanciones', 'negation', None),
    ('a_negated_verb_of_existence_negates_its_event-1', 'No hubo enfrentamientos entre la policía y los campesinos.', 'enfrentamientos', 'negation', None),
    ('a_negated_verb_of_existence_negates_its_event-2', 'El ministro dijo que no habrá negociaciones con los rebeldes.', 'negociaciones', 'negation', None),
    ('a_negated_verb_of_existence_negates_its_event-3', 'En la capital no se registraron bloqueos.', 'bloqueos', 'negation', None),
    ('a_verb_of_existence_under_another_negated_clause_keeps_its_event', 'No hay duda de que hubo ataques contra la aldea.', 'ataques', 'current', None),
    ('a_finite_conjunct_of_a_denied_participle_is_the_deniers_act', 'El ejército negó que sus tropas hubieran atacado la aldea y acusó a los rebeldes de mentir.', 'acusó', 'current', None),
    ('an_indicative_conjunct_of_a_denied_subjunctive_is_the_deniers_act', 'El ejército negó que sus tropas atacaran la aldea y acusó a los rebeldes de mentir.', 'acusó', 'current', None),
    ('an_act_not_ruled_out_is_possible-1', 'El ministro no descartó nuevas protestas de los mineros.', 'protestas', 'hypothetical', None),
    ('an_act_not_ruled_out_is_possible-2', 'El gobierno nunca descartó sanciones contra los rebeldes.', 'sanciones', 'hypothetical', None),
    ('a_connective_is_no_negation_of_a_rule_out', 'El gobierno, sin embargo, descartó sanciones contra los rebeldes.', 'sanciones', 'negation', None),
    ('an_act_made_to_depend_on_a_condition_is_not_asserted', 'El ejército condicionó su respaldo al gobierno a que éste convoque elecciones.', 'respaldo', 'hypothetical', None),
    ('the_event_whose_end_is_conditioned_was_going_on', 'Los mineros condicionaron el fin de la huelga a un aumento salarial.', 'huelga', 'current', None),
    ('a_conditional_conjunction_of_several_words_opens_a_condition-1', 'En caso de que los mineros bloqueen las rutas, el ejército intervendrá.', 'bloqueen', 'hypothetical', None),
    ('a_conditional_conjunction_of_several_words_opens_a_condition-2', 'Habrá bloqueos en las rutas a menos que el gobierno pague.', 'bloqueos', 'hypothetical', None),
    ('siempre_que_with_the_indicative_is_whenever', 'Los obreros marchan siempre que el gobierno sube los precios.', 'marchan', 'current', None),
    ('a_negated_condition_is_hypothetical', 'Los sindicatos marcharán si el gobierno no negocia con ellos.', 'negocia', 'hypothetical', None),
    ('a_participle_with_the_time_its_act_is_set_for_schedules_it-1', 'Los sindicatos podrían suspender la huelga convocada para el jueves.', 'huelga', 'future', None),
    ('a_participle_with_the_time_its_act_is_set_for_schedules_it-2', 'El gobierno pidió a los sindicatos suspender la marcha anunciada para el próximo jueves.', 'marcha', 'future', None),
    ('a_participle_with_no_time_set_schedules_nothing', 'Los sindicatos podrían suspender la huelga convocada por los mineros.', 'huelga', 'hypothetical', None),
    ('a_dated_definite_noun_is_presupposed_under_a_modal', 'El presidente podría participar en la cumbre del 25 de enero.', 'cumbre', 'future', None),
    ('a_dated_definite_noun_is_presupposed_in_a_condition', 'Si la reunión del 25 de enero fracasa, habrá huelga.', 'reunión', 'future', None),
    ('a_noun_dated_by_a_deadline_stays_under_the_modal', 'Los rebeldes podrían exigir la liberación de los presos antes del 25 de enero.', 'liberación', 'hypothetical', None),
    ('an_invited_act_is_asked_for', 'El presidente invitó a los rebeldes a negociar.', 'negociar', 'hypothetical', None),
    ('an_exhortation_not_to_act_is_a_request', 'El papa exhortó a las partes a que no ataquen a los civiles.', 'ataquen', 'hypothetical', None),
    ('a_weekday_of_a_present_tense_lies_ahead-1', 'Los presidentes se reúnen el jueves en Lima.', 'reúnen', 'future', None),
    ('a_weekday_of_a_present_tense_lies_ahead-2', 'España expondrá su plan en la cumbre que comienza el jueves en Bruselas.', 'cumbre', 'future', None),
    ('a_weekday_of_a_preterite_or_a_perfect_lies_behind-1', 'Los presidentes se reunieron el jueves en Lima.', 'reunieron', 'historical', None),
    ('a_weekday_of_a_preterite_or_a_perfect_lies_behind-2', 'Los presidentes se han reunido el jueves en Lima.', 'reunido', 'historical', None),
    ('a_weekday_of_an_infinitive_under_a_present_lies_ahead', 'El partido piensa boicotear el jueves la reunión del gobierno.', 'boicotear', 'future', None),
    ('a_past_weekday_of_a_present_tense_is_no_schedule', 'Los presidentes se reúnen el jueves pasado en Lima.', 'reúnen', 'current', None),
    ('a_finite_clause_keeps_its_own_tense-1', 'La cumbre comenzará el miércoles y todavía se desconoce la lista de los participantes.', 'desconoce', 'current', None),
    ('a_finite_clause_keeps_its_own_tense-2', 'El conflicto habría causado diez muertos y reabrió las tensiones entre ambos países.', 'reabrió', 'current', None),
    ('a_non_finite_act_takes_the_tense_of_its_clause', 'Los rebeldes atacarán la aldea para destruir la escuela.', 'destruir', 'future', None),
    ('a_verb_after_para_que_is_a_subjunctive_whatever_the_tagger', 'El acuerdo abriría las puertas para que el banco conceda préstamos al gobierno.', 'conceda', 'hypothetical', None),
    ('an_indicative_concession_is_a_fact-1', 'El ministro pidió que se investigue, aunque la policía detuvo a diez sospechosos.', 'detuvo', 'current', None),
    ('an_indicative_concession_is_a_fact-2', 'El gobierno está dispuesto a dialogar, pese a que exigió a los mineros poner fin al paro.', 'exigió', 'current', None),
    ('an_indicative_concession_is_a_fact-3', 'Si bien el atentado no fue reivindicado, la policía acusa a los rebeldes.', 'atentado', 'current', None),
    ('a_no_negates_only_its_own_finite_conjunct-1', 'El paro no contó con la adhesión de los transportistas, pero fue respaldado por los funcionarios.', 'respaldado', 'current', None),
    ('a_no_negates_only_its_own_finite_conjunct-2', 'Algunos misiles no alcanzaron su blanco, pero otros explotaron y destruyeron el campamento.', 'destruyeron', 'current', None),
    ('a_no_negates_only_its_own_finite_conjunct-3', 'Los obreros no están contra el plan, sino que exigen que se negocie.', 'exigen', 'current', None),
    ('ni_carries_the_negation_to_the_next_conjunct', 'No bloqueamos la carretera ni quemamos neumáticos.', 'quemamos', 'negation', None),
    ('a_conditional_conjunction_whose_que_the_parse_split_off_opens_a_condition', 'Habrá despidos en caso de que el Congreso no acepte el veto del presidente.', 'acepte', 'hypothetical', None),
    ('a_plan_stated_inside_a_condition_is_not_asserted', 'La producción podría caer si el sindicato mantiene su intención de ir a la huelga.', 'huelga', 'hypothetical', None),
    ('a_refusal_stated_inside_a_condition_is_not_asserted', 'Si el gobierno se niega a negociar, los mineros marcharán.', 'negociar', 'hypothetical', None),
    ('the_cause_of_an_act_dated_ahead_is_not_placed_ahead', 'Los mineros iniciarán el lunes una huelga en protesta por la detención de sus dirigentes.', 'detención', 'current', None),
    ('a_cause_with_its_own_date_ahead_is_future', 'Los mineros marcharán el lunes en protesta por la visita del 25 de enero.', 'visita', 'future', None),
    ('an_act_going_on_since_a_past_date_is_current', 'El gobierno condenó las protestas que los estudiantes realizan desde el pasado 3 de enero.', 'protestas', 'current', None),
    ('a_preterite_dated_by_a_month_read_ahead_is_last_years', 'Los rebeldes, que en marzo atacaron la ciudad, negaron su participación.', 'atacaron', 'historical', None),
    ('a_future_dated_by_a_month_ahead_stays_future', 'Los rebeldes atacarán la ciudad en marzo.', 'atacarán', 'future', None),
    ('an_act_a_verb_of_ending_takes_was_going_on', 'El ministro pidió a los rebeldes que acaben con los ataques a la frontera.', 'ataques', 'current', None),
    ('an_act_a_noun_of_ending_beside_the_verb_takes_was_going_on', 'El papa pidió a las partes que pongan fin al bloqueo de la ciudad.', 'bloqueo', 'current', None),
    ('an_event_ending_in_something_is_no_ended_event', 'El ministro teme que la marcha acabe en enfrentamientos.', 'marcha', 'hypothetical', None),
    ('a_demonstrative_points_back_at_the_event_placed_ahead', 'Los campesinos marcharán el lunes hacia la capital. Esta marcha busca protestar contra los precios.', 'marcha', 'future', None),
    ('an_act_of_the_last_season_is_historical', 'El verano pasado, los rebeldes atacaron la ciudad.', 'atacaron', 'historical', None),
    ('an_act_of_the_last_season_in_a_locution_is_historical', 'Los líderes se pusieron de acuerdo la pasada primavera para apoyar un tratado.', 'acuerdo', 'historical', None),
    ('al_infinitive_shares_its_date_with_the_main_clause', 'Al asumir el 20 de diciembre, el presidente se comprometió a impulsar reformas.', 'comprometió', 'historical', None),
    ('a_dated_cuando_clause_dates_its_main_clause', 'Cuando asumió el 20 de diciembre, el presidente se comprometió a impulsar reformas.', 'comprometió', 'historical', None),
    ('an_event_its_own_past_relative_clause_tells_took_place', 'Los sindicatos quieren hacer olvidar los disturbios que ensangrentaron la capital.', 'disturbios', 'current', None),
    ('a_relative_clause_of_another_noun_does_not_assert_the_event', 'Los obreros exigen la liberación de los dirigentes que fueron detenidos por la policía.', 'liberación', 'hypothetical', None),
    # (the relative clause does not shield the noun from 'evitar'; as an aim, since aux12,
    # 'para evitar' leaves the strike possible: hypothetical, no longer negation)
    ('a_periphrasis_in_the_relative_clause_asserts_no_act', 'El gobierno subió los salarios para evitar el paro que iba a comenzar esta noche.', 'paro', 'hypothetical', None),
    ('a_verb_of_stopping_takes_an_act_going_on', 'El gobierno dictó el estado de sitio con la intención de frenar una ola de saqueos.', 'saqueos', 'current', None),
    ('an_event_noun_of_last_week_is_historical', 'Los ministros condenaron la huelga de la semana pasada.', 'huelga', 'historical', None),
    ('a_preposed_de_infinitive_is_a_condition-1', 'De no haber acuerdo, los mineros marcharán a la capital.', 'acuerdo', 'hypothetical', None),
    ('a_preposed_de_infinitive_is_a_condition-2', 'De continuar los bloqueos, el gobierno romperá relaciones con el sindicato.', 'romperá relaciones', 'hypothetical', None),
    ('de_infinitive_after_its_verb_is_a_complement', 'La ONU fue acusada por el gobierno, de iniciar los ataques.', 'ataques', 'current', None),
    ('otherwise_opens_a_conditional_consequent', 'El gobierno debe pagar; en caso contrario, los mineros marcharán hasta la capital.', 'marcharán', 'hypothetical', None),
    ('an_impersonal_obligation_leaves_its_act_owed', 'El ministro dijo que hay que negociar con los rebeldes.', 'negociar', 'hypothetical', None),
    ('the_object_of_an_obliged_infinitive_is_owed', 'El fiscal dijo que tienen que realizar una investigación de la masacre.', 'investigación', 'hypothetical', None),
    ('a_preterite_obligation_was_carried_out', 'Los soldados tuvieron que enfrentar a los rebeldes en la frontera.', 'enfrentar', 'current', None),
    ('the_act_a_future_inquiry_judges_took_place', 'El gobierno investigará los asesinatos de tres dirigentes.', 'asesinatos', 'current', None),
    ('the_act_a_demanded_condemnation_judges_is_no_demand', 'El sindicato pidió condenar los ataques contra los mineros.', 'ataques', 'current', None),
    ('the_act_whose_inquiry_is_demanded_is_no_demand', 'La ONU exigió el esclarecimiento de la masacre.', 'masacre', 'current', None),
    ('the_inquiry_itself_stays_demanded', 'El sindicato exigió la investigación de los asesinatos.', 'investigación', 'hypothetical', None),
    ('the_subjunctive_clause_of_a_factive_verb_is_presupposed-1', 'El ministro lamentó que la policía haya reprimido la marcha.', 'reprimido', 'current', None),
    ('the_subjunctive_clause_of_a_factive_verb_is_presupposed-2', 'Los sindicatos repudiaron que la policía detuviera a sus dirigentes.', 'detuviera', 'current', None),
    ('the_clause_a_future_condemnation_judges_is_no_plan', 'La ONU condenará que el ejército haya atacado a los civiles.', 'atacado', 'current', None),
    ('a_feared_act_stays_unreal', 'Al obispo le preocupa que el ejército ataque la aldea.', 'ataque', 'hypothetical', None),
    ('an_asserted_prevention_negates_its_act', 'La policía impidió que los estudiantes marcharan hacia el palacio.', 'marcharan', 'negation', None),
    ('an_asserted_avoidance_negates_its_act', 'El gobierno evitó una huelga.', 'huelga', 'negation', None),
    ('an_avoidance_as_an_aim_leaves_its_act_possible', 'El gobierno subió los salarios para evitar una huelga.', 'huelga', 'hypothetical', None),
    ('an_attempted_prevention_leaves_its_act_possible', 'La policía intentó impedir que los estudiantes marcharan.', 'marcharan', 'hypothetical', None),
    ('a_misread_ar_subjunctive_is_a_subjunctive', 'Los soldados custodian el puente para impedir que los campesinos bloqueen la carretera.', 'bloqueen', 'hypothetical', None),
]


@pytest.mark.parametrize(("sentence", "word", "mode", "date"),
                         [c[1:] for c in _CASES], ids=[c[0] for c in _CASES])
def test_aux_mode_of_the_grammar_rule(make_doc, sentence, word, mode, date):
    kw = {"date": date} if date else {}
    assert _mode(make_doc, sentence, word, **kw) == mode


def test_a_negated_protest_has_no_topic_to_fold(make_doc):
    # the call beside a boycott asserted not to happen is an act of its own, with its own mode
    text = ("El sindicato anunció que no boicoteará las elecciones, pero dijo que es posible que "
            "sus miembros recorran las mesas para llamar a no votar.")
    adoc = make_doc(text, lang="es", date="2024-01-20", stages=STAGES)
    every = [*adoc.events, *adoc.secondary_events]
    [boycott] = [e for e in every if e.trigger.text.startswith("boicote")]
    assert boycott.aux_mode == "negation" and all(not m.text.startswith("llamar") for m in boycott.mentions)
    assert any(e.trigger.text.startswith("llamar") and e.aux_mode == "hypothetical" for e in every)


def test_the_model_vocabulary_is_read_once_per_language(monkeypatch):
    # the subjunctive repair asks the parser's vocabulary about every misread '-ar' form;
    # reading it from disk per call made the events stage 100 times slower (round 6)
    from cronica.stages.events import modes

    calls: list[str] = []

    def fake(lang):
        calls.append(lang)
        return frozenset({"bloquear"})

    monkeypatch.setattr(modes, "model_words", fake)
    monkeypatch.setattr(modes, "_MODEL_WORDS", {})
    assert "bloquear" in modes._model_words("es")
    assert "bloquear" in modes._model_words("es")
    assert calls == ["es"]


def test_an_english_not_negates_only_its_own_finite_conjunct(make_doc):
    # 'but shelled': a finite conjunct of its own, affirmed; the 'not' stays with 'attack'
    text = "The army did not attack the village but shelled the town."
    adoc = make_doc(text, lang="en", date="2024-01-20", stages=STAGES)
    modes = {e.trigger.text: e.aux_mode or "current" for e in [*adoc.events, *adoc.secondary_events]}
    assert modes.get("attack") == "negation" and modes.get("shelled") == "current"


# -- aux11: a call to an act with no one called ------------------------------------------


@pytest.mark.parametrize("text,mode", [
    ("El partido llamó a manifestar el domingo contra la exclusión.", "future"),  # convened
    ("El partido llamó a la población a manifestar el domingo.", "hypothetical"),  # asks people
])
def test_a_call_to_an_act_with_no_one_called_convenes_it(make_doc, text, mode):
    assert _mode(make_doc, text, "manifestar", date="1998-07-02") == mode
