"""The events stage: triggers, arguments, auxiliary modes, nesting and headline dedup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cronica.model import PLOVER_TYPES
from cronica.stages.events.lexicon import PLOVER_MODES, fold, lexicon

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "examples" / "seed" / "article.txt"
SEED_GOLD = ROOT / "tests" / "fixtures" / "seed_expected.json"
STAGES = ["actors", "events"]


def events_of(make_doc, text, lang="es", date="2024-01-26"):
    return make_doc(text, lang=lang, date=date, stages=STAGES).events


def frames(events):
    """Types of the events not embedded in another (what the sentence-coded gold counts)."""
    return [e.event for e in events if e.embedded_in is None]


def only(events, etype):
    found = [e for e in events if e.event == etype]
    assert len(found) == 1, [(e.event, e.trigger.text) for e in events]
    return found[0]


def test_verb_trigger_with_subject_as_actor(make_doc):
    e = only(events_of(make_doc, "Los maestros protestaron frente al ministerio."), "PROTEST")
    assert e.trigger.text == "protestaron"
    assert e.actor is not None and "maestros" in e.actor.text
    assert e.aux_mode is None and e.id == "e0" and e.mentions[0] == e.trigger


def test_support_verb_gives_the_event_to_its_noun(make_doc):
    evs = events_of(make_doc, "Los trabajadores realizaron una huelga de 24 horas.")
    assert len(evs) == 1
    e = evs[0]
    assert (e.event, e.mode, e.trigger.text) == ("PROTEST", "strike", "huelga")
    assert e.actor is not None and "trabajadores" in e.actor.text


def test_speech_verbs_are_not_events_but_reported_events_are(make_doc):
    assert events_of(make_doc, "El ministro dijo que la situación es estable.") == []
    e = only(
        events_of(make_doc, "El portavoz dijo que los rebeldes atacaron un cuartel."), "ASSAULT"
    )
    assert "rebeldes" in e.actor.text


def test_passive_agent_is_actor_and_subject_recipient(make_doc):
    e = only(events_of(make_doc, "El cuartel fue atacado por los guerrilleros."), "ASSAULT")
    assert "guerrilleros" in e.actor.text
    assert "cuartel" in e.recipient.text


@pytest.mark.parametrize(
    "text,mode",
    [
        ("Los rebeldes no atacaron la ciudad.", "negation"),
        ("Los sindicatos protestarán el lunes en la capital.", "future"),
        ("Una retirada rápida podría crear un vacío de seguridad.", "hypothetical"),
        ("Washington teme que una retirada rápida pueda crear un vacío.", "hypothetical"),
    ],
)
def test_auxiliary_modes_es(make_doc, text, mode):
    evs = events_of(make_doc, text)
    assert evs and all(e.aux_mode == mode for e in evs), [(e.event, e.aux_mode) for e in evs]


def test_clear_historical_cue_marks_the_event(make_doc):
    e = only(events_of(make_doc, "Las tropas se marcharon del país en 2011."), "RETREAT")
    assert e.aux_mode == "historical"


def _frame_and_act(evs, frame, act):
    """The frame event and the act embedded in it (the act links to the frame's id)."""
    f, a = only(evs, frame), only(evs, act)
    assert f.embedded_in is None
    assert a.embedded_in == f.id, [(e.id, e.event, e.embedded_in) for e in evs]
    return f, a


@pytest.mark.parametrize(
    "text,lang,frame,act,mode",
    [
        ("Los transportistas amenazaron con un paro nacional.", "es", "THREATEN", "PROTEST", "hypothetical"),
        ("Los agricultores amenazaron con bloquear las carreteras.", "es", "THREATEN", "PROTEST", "hypothetical"),
        ("Los mineros exigieron negociar con la empresa.", "es", "REQUEST", "CONSULT", "hypothetical"),
        ("El gobierno rechazó negociar con los huelguistas.", "es", "REJECT", "CONSULT", "negation"),
        ("The truckers threatened a national strike.", "en", "THREATEN", "PROTEST", "hypothetical"),
        ("The rebels threatened to attack the capital.", "en", "THREATEN", "ASSAULT", "hypothetical"),
        ("The government refused to negotiate with the rebels.", "en", "REJECT", "CONSULT", "negation"),
    ],
)
def test_embedded_act_is_its_own_event_with_the_frames_mode(make_doc, text, lang, frame, act, mode):
    """The frame event stays as it was; the threatened, demanded or refused act is an event
    of its own, in the mode its frame implies, linked to the frame through ``embedded_in``."""
    f, a = _frame_and_act(events_of(make_doc, text, lang=lang), frame, act)
    assert f.aux_mode is None
    assert a.aux_mode == mode and a.aux_evidence is not None
    assert a.trigger.start > f.trigger.start


def test_embedded_act_in_the_output_json(make_doc):
    adoc = make_doc("Los transportistas amenazaron con un paro nacional.", lang="es",
                    date="2024-01-26", stages=STAGES)
    out = {e["event"]: e for e in adoc.to_dict()["events"]}
    assert out["PROTEST"]["embedded_in"] == out["THREATEN"]["id"]
    assert out["THREATEN"]["embedded_in"] is None


def test_a_frame_that_says_nothing_of_its_act_still_folds_it(make_doc):
    # an agreement to start talks: no mode for the talks, so they stay part of the AGREE
    evs = events_of(make_doc, "Colombia y Venezuela acuerdan iniciar conversaciones de paz.")
    assert [e.event for e in evs] == ["AGREE"]
    # what the embedded act takes goes with it: no free-standing attacks
    evs = events_of(make_doc, "Peru issued an ultimatum to Ecuador to halt attacks on the border.",
                    lang="en")
    assert all(e.embedded_in for e in evs if e.event == "ASSAULT")


def test_coordinated_subjects_of_reciprocal_event(make_doc):
    e = only(events_of(make_doc, "Colombia y Venezuela acordaron reanudar el diálogo."), "AGREE")
    assert e.actor is not None and e.recipient is not None
    assert "Colombia" in e.actor.text and "Venezuela" in e.recipient.text


def test_coordinated_parties_outrank_an_uncoded_object(make_doc):
    for text, lang in (("Peru and Chile agreed on Monday to a joint border plan.", "en"),
                       ("Perú y Chile acordaron el lunes un plan fronterizo conjunto.", "es")):
        e = only(events_of(make_doc, text, lang=lang), "AGREE")
        assert e.actor and e.actor.code == "PER", text
        assert e.recipient and e.recipient.code == "CHL", text


def test_two_verbs_are_two_events_and_ids_follow_the_text(make_doc):
    evs = events_of(make_doc, "Guerrilleros atacaron la poblacion y asesinaron a dos policias.")
    assert [e.event for e in evs] == ["ASSAULT", "ASSAULT"]
    assert [e.id for e in evs] == ["e0", "e1"]
    assert evs[0].trigger.start < evs[1].trigger.start
    assert evs[1].mode == "targeted"


def test_repeated_mentions_in_a_sentence_are_one_event(make_doc):
    evs = events_of(
        make_doc, "La huelga de los mineros cumplió su tercer día y el paro afecta al sector."
    )
    e = only(evs, "PROTEST")
    assert len(e.mentions) == 2


def test_headline_and_body_report_one_event(make_doc):
    text = "Rebeldes atacan un cuartel militar\nLos rebeldes atacaron el cuartel militar el lunes."
    evs = events_of(make_doc, text)
    e = only(evs, "ASSAULT")
    assert [m.sentence for m in e.mentions] == [1, 0]  # body first, then the headline
    assert "military" in e.context


def test_accent_insensitive_matching(make_doc):
    evs = events_of(make_doc, "Paramilitares ejecutaron a un campesino en la vereda .")
    assert only(evs, "ASSAULT").trigger.text == "ejecutaron"
    assert fold("Protestó") == "protesto"


@pytest.mark.parametrize(
    "text,etype,mode",
    [
        ("Protesters blocked the main road into the capital.", "PROTEST", None),
        ("The army will attack the town tomorrow.", "ASSAULT", "future"),
        ("Iran said it would not negotiate with the rebels.", "CONSULT", "negation"),
        ("Police arrested twelve students on Monday.", "COERCE", None),
    ],
)
def test_english_triggers_and_modes(make_doc, text, etype, mode):
    e = only(events_of(make_doc, text, lang="en"), etype)
    assert e.aux_mode == mode


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lexicon_rows_use_plover_types(lang):
    lex = lexicon(lang)
    entries = [e for es in lex._by_first.values() for e in es]
    assert len(entries) > 100
    assert {e.event for e in entries} <= set(PLOVER_TYPES)
    for e in entries:  # every mode is one the manual lists for that type
        assert e.mode is None or e.mode in PLOVER_MODES.get(e.event, ()), (e.pattern, e.mode)
    assert all(0 < e.weight <= 1 for e in entries)
    assert lex.cues.speech and lex.cues.light and lex.cues.recipient_case


def test_seed_current_events_and_must_not(make_doc):
    expected = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    text = SEED_TEXT.read_text(encoding="utf-8")
    adoc = make_doc(
        text,
        lang="es",
        date=expected["input"]["date"],
        stages=STAGES,
        title=expected["input"]["title"],
    )
    used: set[str] = set()
    for want in expected["current_events"]:
        sent = next(s for s in adoc.sentences if want["evidence"] in s.text)
        modes = want.get("mode_any_of", [None])
        cands = [
            e
            for e in adoc.events
            if e.id not in used
            and e.trigger.sentence == sent.sentence
            and e.event in want["event"]
            and e.aux_mode in modes
        ]
        assert cands, want["key"]
        # the actor's country, read from the actors stage's codes
        countries = want.get("actor_country")
        with_actor = [e for e in cands if e.actor and e.actor.code[:3] in countries]
        assert with_actor, (want["key"], [(e.event, e.actor) for e in cands])
        used.add(with_actor[0].id)
    # no withdrawal reported as a current event, no 2003 invasion as current news
    for e in adoc.events:
        if e.event == "RETREAT":
            assert e.aux_mode in ("hypothetical", "future", "negation", "historical"), e.trigger
        if e.event == "ASSAULT" and "invasión" in e.trigger.text:
            assert e.aux_mode == "historical"


def test_announced_actions_are_agree_or_threaten(make_doc):
    e = only(
        events_of(make_doc, "The rebels said they will release the hostages on Sunday.", lang="en"),
        "AGREE",
    )
    assert e.aux_mode is None and "rebels" in e.actor.text
    evs = events_of(
        make_doc,
        "The party said it will boycott the elections unless the president resigns.",
        lang="en",
    )
    assert "THREATEN" in frames(evs)
    assert "PROTEST" not in frames(evs)
    # the boycott itself is kept embedded in the threat, with its own mode
    assert [e.aux_mode for e in evs if e.event == "PROTEST" and e.embedded_in] in (["future"], ["hypothetical"])


def test_must_under_a_reporting_verb_is_a_request(make_doc):
    e = only(
        events_of(make_doc, "Egypt said that the United States must stop the attacks.", lang="en"),
        "REQUEST",
    )
    assert "Egypt" in e.actor.text and "United States" in e.recipient.text
    assert "ASSAULT" not in [
        x.event
        for x in events_of(
            make_doc, "Egypt said that the United States must stop the attacks.", lang="en"
        )
    ]


def test_pronominal_verb_sense(make_doc):
    assert (
        only(
            events_of(make_doc, "Los estudiantes marcharon hasta la plaza central."), "PROTEST"
        ).trigger.text
        == "marcharon"
    )
    assert only(events_of(make_doc, "Las tropas se marcharon de la ciudad."), "RETREAT")


def test_noun_object_of_a_non_support_verb_keeps_its_own_actor(make_doc):
    evs = events_of(make_doc, "La policía reprimió la marcha de los campesinos.")
    coerce, protest = only(evs, "COERCE"), only(evs, "PROTEST")
    assert "policía" in coerce.actor.text.lower()
    assert protest.actor is None or "policía" not in protest.actor.text.lower()


def test_state_attacker_acts_through_its_military_and_retaliation_target(make_doc):
    text = (
        "Irán atacó una base de Estados Unidos. "
        "Después, Estados Unidos lanzó ataques de represalia."
    )
    evs = [e for e in events_of(make_doc, text) if e.event == "ASSAULT"]
    assert len(evs) == 2
    first, second = evs
    assert first.actor.code == "IRNMIL"
    assert second.actor.code == "USAMIL"
    assert second.recipient is not None and second.recipient.code.startswith("IRN")


def test_reciprocal_event_takes_the_other_party_of_entre(make_doc):
    text = (
        "Lloyd Austin dijo que las conversaciones entre Irak y Estados Unidos comenzarán en marzo."
    )
    e = only(events_of(make_doc, text), "CONSULT")
    assert e.actor is not None and e.actor.code.startswith("USA")
    assert e.recipient is not None and e.recipient.code.startswith("IRQ")


def test_a_gathering_of_protesters_is_a_demonstration(make_doc):
    evs = events_of(make_doc, "Miles de manifestantes se reunieron frente al Congreso.")
    assert [e.event for e in evs] == ["PROTEST"]
    evs = events_of(make_doc, "Los cancilleres se reunieron en Lima.")
    assert [e.event for e in evs] == ["CONSULT"]


def test_a_first_line_ending_in_a_full_stop_is_not_a_headline(make_doc):
    text = (
        "Los rebeldes atacaron el cuartel el lunes.\n"
        "Los rebeldes atacaron el cuartel otra vez el martes."
    )
    evs = events_of(make_doc, text)
    assert [e.event for e in evs] == ["ASSAULT", "ASSAULT"]
    assert all(len(e.mentions) == 1 for e in evs)


def test_negation_reaches_through_support_verbs_only(make_doc):
    e = only(events_of(make_doc, "Los maestros no realizaron la huelga anunciada."), "PROTEST")
    assert e.aux_mode == "negation"
    text = "El gobierno no quiere impedir el bloqueo del puente por parte de los productores."
    e = only(events_of(make_doc, text), "PROTEST")
    assert e.aux_mode != "negation"


# -- precision: what is not a separate event (sentences invented for these tests) ----------
def test_a_complement_of_an_absorbed_trigger_goes_with_it(make_doc):
    text = "Chile issued an ultimatum to Peru to halt raids on its fishing boats."
    evs = events_of(make_doc, text, lang="en")
    assert frames(evs) == ["THREATEN"], [(e.event, e.trigger.text) for e in evs]
    # the demanded halt is embedded in the ultimatum; the raids go with the halt
    _, halt = _frame_and_act(evs, "THREATEN", "SANCTION")
    assert halt.aux_mode == "hypothetical" and "ASSAULT" not in [e.event for e in evs]


def test_a_setting_phrase_is_not_the_content_of_a_frame(make_doc):
    text = "El Senado acordó aprobar la reforma pese a las protestas de los maestros."
    evs = events_of(make_doc, text)
    assert sorted(e.event for e in evs) == ["AGREE", "PROTEST"], [
        (e.event, e.trigger.text) for e in evs
    ]


def test_the_aim_of_an_act_is_part_of_it(make_doc):
    text = "Los campesinos realizaron una marcha para exigir la renuncia del gobernador."
    evs = events_of(make_doc, text)
    assert [e.event for e in evs] == ["PROTEST"], [(e.event, e.trigger.text) for e in evs]
    text = "Los campesinos bloquearon la carretera para apoyar a los maestros."
    assert [e.event for e in events_of(make_doc, text)] == ["PROTEST"]
    text = "Irán suspendió las ventas de crudo para protestar por las nuevas sanciones."
    assert [e.event for e in events_of(make_doc, text)] == ["SANCTION"]


def test_what_a_protest_is_about_is_not_a_new_event(make_doc):
    for text in (
        "Cientos de estudiantes protestaron contra la guerra en la plaza mayor.",
        "Los vecinos protestaron por la detención de su alcalde.",
    ):
        evs = events_of(make_doc, text)
        assert [e.event for e in evs] == ["PROTEST"], [(e.event, e.trigger.text) for e in evs]


def test_the_topic_of_a_protest_noun_is_not_its_actor(make_doc):
    text = "Los mineros iniciaron un paro en protesta por los despidos del gobierno."
    evs = events_of(make_doc, text)
    e = only(evs, "PROTEST")
    assert "mineros" in e.actor.text
    assert len(e.mentions) == 2  # 'paro' and 'protesta' report one protest


def test_a_protest_meeting_is_a_protest(make_doc):
    evs = events_of(make_doc, "Los sindicatos convocaron una reunión de protesta para el viernes.")
    assert [e.event for e in evs] == ["PROTEST"], [(e.event, e.trigger.text) for e in evs]
    assert "sindicatos" in evs[0].actor.text


def test_moving_in_a_vehicle_is_a_journey(make_doc):
    text = "Dos hombres que se movilizaban en una camioneta secuestraron a un comerciante."
    evs = events_of(make_doc, text)
    assert [e.event for e in evs] == ["ASSAULT"], [(e.event, e.trigger.text) for e in evs]
    text = "Los campesinos bloquearon la carretera con un camión."
    assert [e.event for e in events_of(make_doc, text)] == ["PROTEST"]


def test_capital_words_in_a_mixed_sentence_are_names(make_doc):
    text = "Paramilitares asesinaron a un campesino en la vereda El Retiro , CHOCO , MEDIO BAUDO"
    evs = events_of(make_doc, text)
    assert [e.event for e in evs] == ["ASSAULT"], [(e.event, e.trigger.text) for e in evs]
    assert [e.event for e in events_of(make_doc, "MAESTROS PROTESTAN EN LA CAPITAL")] == ["PROTEST"]


def test_the_toll_of_one_attack_is_one_event(make_doc):
    text = "A car bombing near the market killed three police officers and wounded nine others."
    evs = events_of(make_doc, text, lang="en")
    assert [e.event for e in evs] == ["ASSAULT"], [(e.event, e.trigger.text) for e in evs]
    # a perpetrator's two acts stay two events
    text = "Paramilitares asesinaron a un tendero e hirieron a su hijo en el mercado."
    assert [e.event for e in events_of(make_doc, text)] == ["ASSAULT", "ASSAULT"]


def test_an_intention_to_act_against_someone_is_a_threat(make_doc):
    text = "The government plans to arrest the strike leaders next week."
    evs = events_of(make_doc, text, lang="en")
    assert frames(evs) == ["THREATEN"], [(e.event, e.trigger.text) for e in evs]
    _, arrest = _frame_and_act(evs, "THREATEN", "COERCE")
    assert arrest.aux_mode == "hypothetical"  # the act of a threat has not happened


def test_an_intended_protest_is_a_threat_an_intended_talk_an_agreement(make_doc):
    evs = events_of(make_doc, "El sindicato pretende convocar una huelga general en marzo.")
    assert frames(evs) == ["THREATEN"], [(e.event, e.trigger.text) for e in evs]
    assert _frame_and_act(evs, "THREATEN", "PROTEST")[1].aux_mode == "future"
    evs = events_of(make_doc, "El gobierno pretende iniciar conversaciones con los rebeldes.")
    assert frames(evs) == ["AGREE"], [(e.event, e.trigger.text) for e in evs]
    assert _frame_and_act(evs, "AGREE", "CONSULT")[1].aux_mode == "future"


def test_confidence_falls_with_embedding_and_missing_arguments():
    from cronica.stages.events.rank import confidence

    main = confidence(0.8, True, True, True, 1.0, None)
    assert main == pytest.approx(0.8)
    assert confidence(0.8, True, False, False, 1.0, None) < main
    assert confidence(0.8, True, True, True, 0.64, None) < main
    assert confidence(0.8, False, True, True, 1.0, None) < main
    assert confidence(0.8, True, True, True, 1.0, "hypothetical") < main


def test_a_weak_background_mention_is_dropped_beside_the_news(make_doc):
    from cronica.stages.events.coder import EventCoder

    text = "Tras una breve reunión, los rebeldes atacaron el cuartel del ejército."
    adoc = make_doc(text, stages=["actors"])
    coder = EventCoder("es", secondary_threshold=0)
    coder.rerank = None  # the hand-set pruning alone (the learned filter: test_events_rerank)
    coder.run(adoc)
    assert sorted(e.event for e in adoc.events) == ["ASSAULT", "CONSULT"]
    consult = only(adoc.events, "CONSULT")
    assert consult.confidence < only(adoc.events, "ASSAULT").confidence
    evs = events_of(make_doc, text)  # default threshold: the meeting is background
    assert [e.event for e in evs] == ["ASSAULT"], [(e.event, e.confidence) for e in evs]
    # alone in its sentence, the same weak mention is kept
    evs = events_of(make_doc, "Hubo una reunión con los vecinos.")
    assert [e.event for e in evs] == ["CONSULT"]


def test_declining_to_act_is_a_rejection_of_it(make_doc):
    evs = events_of(make_doc, "The minister declined to resign despite the scandal.", lang="en")
    assert frames(evs) == ["REJECT"], [(e.event, e.trigger.text) for e in evs]
    assert _frame_and_act(evs, "REJECT", "RETREAT")[1].aux_mode == "negation"


def test_the_condition_of_a_threat_is_part_of_it(make_doc):
    text = "The rebels said they will attack the capital unless the army agrees to withdraw."
    evs = events_of(make_doc, text, lang="en")
    assert frames(evs) == ["THREATEN"], [(e.event, e.trigger.text) for e in evs]


def test_a_hostile_noun_inside_a_warning_is_its_content(make_doc):
    text = "The governor warned that the police will not tolerate marches by the opposition."
    evs = events_of(make_doc, text, lang="en")
    assert frames(evs) == ["THREATEN"], [(e.event, e.trigger.text) for e in evs]
    _, marches = _frame_and_act(evs, "THREATEN", "PROTEST")
    assert marches.aux_mode in ("future", "hypothetical")  # not current news
    # the predicate of a reported clause stays an event of its own
    text = "Los campesinos denunciaron que los paramilitares atacaron la vereda."
    assert sorted(e.event for e in events_of(make_doc, text)) == ["ACCUSE", "ASSAULT"]


def test_in_protest_names_a_protest_of_its_own(make_doc):
    text = "El alcalde propuso cerrar el mercado en protesta por los nuevos impuestos."
    evs = events_of(make_doc, text)
    assert "PROTEST" in [e.event for e in evs], [(e.event, e.trigger.text) for e in evs]


def test_a_verb_with_enclitic_pronouns_is_found(make_doc):
    evs = events_of(
        make_doc, "Cientos de vecinos pasaron la noche manifestándose ante la alcaldía."
    )
    assert [e.event for e in evs] == ["PROTEST"], [(e.event, e.trigger.text) for e in evs]
