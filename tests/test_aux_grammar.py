"""Aux modes from Spanish grammar: scope of negating words, conditions, relative clauses,
purpose clauses and presupposed events (the attribution guidelines' aux rules). Every
sentence is invented for the test."""

STAGES = ["actors", "events", "time", "aux"]


def _mode(make_doc, text: str, word: str, date: str = "2024-01-20") -> str | None:
    """The aux mode of the event (or secondary event word) whose trigger holds ``word``."""
    adoc = make_doc(text, lang="es", date=date, stages=STAGES)
    start = text.index(word)
    found = [e for e in [*adoc.events, *adoc.secondary_events]
             if e.trigger.start < start + len(word) and start < e.trigger.end]
    assert found, f"no event at {word!r}"
    return found[0].aux_mode or "current"


def test_a_negating_verb_negates_its_complement_clause(make_doc):
    assert _mode(make_doc, "El general negó que sus tropas atacaran la aldea.", "atacaran") == "negation"


def test_a_negating_verb_reaches_the_noun_of_a_support_verb(make_doc):
    # 'se realice una huelga': the strike is the event of the support verb
    assert _mode(make_doc, "El sindicato rechazó que se realice una huelga.", "huelga") == "negation"


def test_negation_reaches_through_a_classifier_noun(make_doc):
    assert _mode(make_doc, "La guerrilla no realizará actos de sabotaje.", "sabotaje") == "negation"


def test_a_no_of_a_higher_clause_does_not_reach_a_complement_clause(make_doc):
    # 'no confirmó que ...': the attack is not denied
    assert _mode(make_doc, "El ejército no confirmó que los rebeldes atacaron el cuartel el 3 de enero.",
                 "atacaron") == "historical"


def test_si_clause_read_as_a_complement_of_a_future_verb_is_a_condition(make_doc):
    text = "El ministro advirtió que el ejército atacará si los rebeldes no se rinden."
    assert _mode(make_doc, text, "atacará") == "hypothetical"


def test_purpose_clause_under_an_adjective_takes_the_mode_of_its_governor(make_doc):
    text = "El papa pidió a las partes un lugar propicio para dialogar."
    assert _mode(make_doc, text, "dialogar") == "hypothetical"


def test_indicative_relative_clause_is_out_of_the_governing_scope(make_doc):
    text = "El sindicato, que lideró una huelga, convocó a votar."
    assert _mode(make_doc, text, "huelga") != "future"


def test_proposed_act_with_a_date_stays_hypothetical(make_doc):
    text = "El presidente propuso reunirse con los rebeldes el 25 de enero."
    assert _mode(make_doc, text, "reunirse") == "hypothetical"


def test_presupposed_scheduled_event_under_a_wish_stays_future(make_doc):
    text = "El canciller espera que la reunión del 25 de enero sea un éxito."
    assert _mode(make_doc, text, "reunión") == "future"


def test_present_subjunctive_of_a_time_clause_is_future(make_doc):
    text = "La tensión surge a once días de que los presidentes se reúnan en Lima."
    assert _mode(make_doc, text, "reúnan") == "future"


def test_impersonal_expectation_is_future_and_a_personal_hope_hypothetical(make_doc):
    assert _mode(make_doc, "Se espera que los presidentes se reúnan el lunes.", "reúnan") == "future"
    assert _mode(make_doc, "El obispo espera que los presidentes se reúnan.", "reúnan") == "hypothetical"


def test_conditional_under_a_past_verb_is_the_future_of_that_past(make_doc):
    text = "El ministro prometió que los culpables serían detenidos."
    assert _mode(make_doc, text, "detenidos") == "future"


def test_modal_conditional_stays_hypothetical(make_doc):
    text = "El ministro dijo que el ejército podría atacar la aldea."
    assert _mode(make_doc, text, "atacar") == "hypothetical"


def test_a_promised_act_is_future_and_a_warned_one_hypothetical(make_doc):
    assert _mode(make_doc, "Los rebeldes prometieron que atacarán la capital.", "atacarán") == "future"
    assert _mode(make_doc, "El ministro advirtió que impondrá sanciones.", "sanciones") == "hypothetical"


def test_resolve_to_act_is_future(make_doc):
    assert _mode(make_doc, "Los rebeldes están decididos a atacar la capital.", "atacar") == "future"


def test_a_hoped_for_act_is_not_recoded_as_the_speakers_threat(make_doc):
    adoc = make_doc('"Esperamos que la policía pueda detener a los culpables", dijo el ministro.',
                    lang="es", date="2024-01-20", stages=STAGES)
    [arrest] = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "detener"]
    assert arrest.event == "COERCE" and arrest.aux_mode == "hypothetical"


# -- past events whose time the sentence or the discourse gives --------------------------
def test_relative_clause_inside_a_dated_event_phrase_takes_its_date(make_doc):
    text = "Los campesinos denunciaron la incursión, el 3 de enero, de aviones que bombardearon una aldea."
    assert _mode(make_doc, text, "bombardearon") == "historical"


def test_anaphoric_time_phrase_takes_the_date_named_before(make_doc):
    text = ("El ministro visitó la frontera el 3 de enero. "
            "En esa ocasión, el ministro condenó a los contrabandistas.")
    assert _mode(make_doc, text, "condenó") == "historical"


def test_anaphoric_time_phrase_after_a_date_in_the_window_stays_current(make_doc):
    text = ("El ministro visitó la frontera el viernes. "
            "En esa ocasión, el ministro condenó a los contrabandistas.")
    assert _mode(make_doc, text, "condenó") == "current"


def test_a_sentence_after_a_dated_one_keeps_its_own_time(make_doc):
    # background dated in one sentence, news of the day in the next, with no date of its own
    text = ("Los rebeldes atacaron el cuartel el 3 de enero. "
            "Los soldados detuvieron a diez rebeldes en la capital.")
    assert _mode(make_doc, text, "detuvieron") == "current"


def test_preterite_with_a_duration_of_months_is_past_background(make_doc):
    text = "El sindicato, que lideró una huelga de nueve meses, llamó a votar."
    assert _mode(make_doc, text, "huelga") == "historical"


def test_a_week_that_places_an_event_is_no_duration(make_doc):
    text = "Los estudiantes realizaron esta semana protestas frente al ministerio."
    assert _mode(make_doc, text, "protestas") == "current"


def test_a_date_of_another_clause_does_not_date_the_event(make_doc):
    # 'el 3 de enero' dates the relative clause's attack, not the condemnation
    text = "El presidente condenó el sábado el ataque que sufrió la embajada el 3 de enero."
    assert _mode(make_doc, text, "condenó") == "current"


def test_time_clause_shares_the_date_of_its_governing_clause(make_doc):
    text = "Los rebeldes atacaron la ciudad el 3 de enero cuando los soldados dispararon contra la multitud."
    assert _mode(make_doc, text, "dispararon") == "historical"


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


def test_due_to_act_on_a_date_after_publication_is_future(make_doc):
    text = "Los presidentes deben reunirse el 25 de enero."
    assert _mode(make_doc, text, "reunirse") == "future"


def test_an_obligation_of_another_is_not_the_speakers_intention(make_doc):
    adoc = make_doc("El presidente debe renunciar, dijo el líder opositor.", lang="es",
                    date="2024-01-20", stages=STAGES)
    at = [e for e in [*adoc.events, *adoc.secondary_events] if e.trigger.text == "renunciar"]
    assert at and all(e.event != "AGREE" for e in at)
    assert any(e.aux_mode == "hypothetical" for e in at)


def test_a_demanded_act_named_as_the_object_of_the_demand_stays_hypothetical(make_doc):
    text = "Los manifestantes exigieron la liberación de los presos antes del 25 de enero."
    assert _mode(make_doc, text, "liberación") == "hypothetical"


def test_implicative_verbs_cancel_or_postpone_their_act(make_doc):
    assert _mode(make_doc, "El gobierno canceló la reunión con los rebeldes.", "reunión") == "negation"
    assert _mode(make_doc, "Los sindicatos aplazaron la huelga.", "huelga") == "future"


def test_a_negative_quantifier_negates_its_event_noun(make_doc):
    assert _mode(make_doc, "Ninguna negociación se realizó con los rebeldes.", "negociación") == "negation"


def test_the_noun_of_a_demand_makes_its_content_hypothetical(make_doc):
    text = "Los obreros presentaron una demanda de aumento salarial y de negociación colectiva."
    assert _mode(make_doc, text, "negociación") == "hypothetical"


def test_a_stated_intention_is_a_plan(make_doc):
    text = "El presidente anunció su intención de reunirse con los rebeldes."
    assert _mode(make_doc, text, "reunirse") == "future"


def test_a_call_to_an_event_noun_convenes_it(make_doc):
    assert _mode(make_doc, "Los sindicatos llamaron a una huelga general.", "huelga") == "future"


def test_a_call_on_people_to_act_asks_for_the_act(make_doc):
    text = "El presidente llamó a la oposición a negociar con el gobierno."
    assert _mode(make_doc, text, "negociar") == "hypothetical"


def test_what_a_decision_settles_is_planned(make_doc):
    text = "El gobierno decidió que las tropas se retiren de la frontera."
    assert _mode(make_doc, text, "retiren") == "future"


def test_an_act_of_last_week_is_historical_and_of_this_week_not(make_doc):
    assert _mode(make_doc, "Los rebeldes atacaron la aldea la semana pasada.", "atacaron") == "historical"
    assert _mode(make_doc, "Los rebeldes atacaron la aldea esta semana.", "atacaron") == "current"


def test_a_summary_of_recent_months_is_historical(make_doc):
    text = "En los últimos meses, los rebeldes atacaron varias aldeas."
    assert _mode(make_doc, text, "atacaron") == "historical"


def test_a_subjunctive_aim_is_not_yet_reached(make_doc):
    text = "Los campesinos marcharon para que el gobierno negocie con ellos."
    assert _mode(make_doc, text, "negocie") == "hypothetical"
    assert _mode(make_doc, text, "marcharon") == "current"


def test_a_warned_act_in_the_conditional_is_threatened(make_doc):
    text = "El primer ministro advirtió que impondría sanciones a los grupos armados."
    assert _mode(make_doc, text, "sanciones") == "hypothetical"


def test_an_indicative_relative_trigger_is_out_of_its_nouns_governing_scope(make_doc):
    text = "Los manifestantes exigieron la liberación de los presos que detuvo la policía."
    assert _mode(make_doc, text, "detuvo") == "current"


def test_an_age_is_no_duration(make_doc):
    text = "A los 14 años, el dirigente sindical lideró una huelga en la mina."
    assert _mode(make_doc, text, "huelga") == "current"
