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
