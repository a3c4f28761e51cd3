"""PLOVER typing from the manual and CAMEO->PLOVER: prison sentences, releases and exchanges
of captives, pardons, vows of hostile acts."""

from __future__ import annotations

import pytest


def _types(make_doc, text: str, lang: str) -> list[tuple[str, str | None]]:
    adoc = make_doc(text, lang=lang, stages=("actors", "events"))
    return [(e.event, e.mode) for e in adoc.events]


@pytest.mark.parametrize(
    "text,lang,want",
    [
        # a court sentence to prison is COERCE 'arrest' (CAMEO 173; manual, SANCTION 'convict')
        ("Un juez de Quito condenó a seis años de prisión al dirigente sindical.", "es", ("COERCE", "arrest")),
        ("El tribunal condenó al exalcalde a doce años de cárcel.", "es", ("COERCE", "arrest")),
        ("A judge sentenced the union leader to eight years in jail.", "en", ("COERCE", "arrest")),
        # pretrial detention and life sentences are custody too (COERCE 'arrest', CAMEO 173)
        ("La jueza dictó prisión preventiva contra el exministro.", "es", ("COERCE", "arrest")),
        ("El exdictador fue sentenciado a cadena perpetua.", "es", ("COERCE", "arrest")),
        ("Fue condenado a ocho meses de prisión por desacato.", "es", ("COERCE", "arrest")),
        ("La condena a diez años de cárcel del dirigente indignó a sus seguidores.", "es", ("COERCE", "arrest")),
        # release and exchange of captives are RETREAT 'release' (CAMEO 0841)
        ("La guerrilla liberó a tres soldados secuestrados.", "es", ("RETREAT", "release")),
        ("Los dos bandos canjearon prisioneros en la frontera.", "es", ("RETREAT", "release")),
        ("The two armies swapped 40 prisoners on Tuesday.", "en", ("RETREAT", "release")),
        ("The militia released five hostages.", "en", ("RETREAT", "release")),
        # a pardon is CONCEDE
        ("El presidente indultó a doce presos políticos.", "es", ("CONCEDE", None)),
    ],
)
def test_plover_types_of_custody_and_release(make_doc, text, lang, want):
    assert want in _types(make_doc, text, lang)


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Los cancilleres intercambiaron opiniones sobre el comercio.", "es"),
        ("The ministers exchanged views on the budget.", "en"),
    ],
)
def test_an_exchange_of_anything_but_captives_is_no_release(make_doc, text, lang):
    assert not [t for t, _ in _types(make_doc, text, lang) if t == "RETREAT"]


def test_a_condemnation_without_prison_stays_a_rejection(make_doc):
    assert ("COERCE", "arrest") not in _types(
        make_doc, "El gobierno condenó el atentado contra la sede del partido.", "es"
    )


def test_a_vow_of_a_hostile_act_is_a_threat(make_doc):
    types = [t for t, _ in _types(make_doc, "The general vowed to crush the rebellion.", "en")]
    assert "THREATEN" in types and "AGREE" not in types


@pytest.mark.parametrize(
    "text,lang,mode",
    [
        # a Spanish promise or oath announces the act (the attribution guidelines: planned,
        # announced -> future; 'prometer' and 'jurar' are future words in event_cues.tsv)
        ("El gobernador prometió aplastar la revuelta.", "es", "future"),
        ("The governor vowed to crush the revolt.", "en", "hypothetical"),
    ],
)
def test_a_vowed_hostile_act_is_a_threat_with_the_vow_words_mode(make_doc, text, lang, mode):
    adoc = make_doc(text, lang=lang, stages=("actors", "events"))
    frames = [e for e in adoc.events if e.embedded_in is None]
    acts = [e for e in adoc.events if e.embedded_in is not None]
    assert [e.event for e in frames] == ["THREATEN"], [(e.event, e.aux_mode) for e in adoc.events]
    assert acts and all(e.aux_mode == mode for e in acts)


@pytest.mark.parametrize(
    "text,lang,mode",
    [
        ("Los insurgentes prometieron que atacarán los cuarteles.", "es", "future"),
        ("The insurgents vowed that they will attack the barracks.", "en", "hypothetical"),
        ("El gobernador juró aplastar la revuelta.", "es", "future"),
        ("Washington advirtió que impondrá sanciones adicionales a Caracas.", "es", "hypothetical"),
    ],
)
def test_a_vowed_or_threatened_act_in_a_clause(make_doc, text, lang, mode):
    adoc = make_doc(text, lang=lang, stages=("actors", "events"))
    frames = [e for e in adoc.events if e.embedded_in is None]
    acts = [e for e in adoc.events if e.embedded_in is not None]
    assert [e.event for e in frames] == ["THREATEN"], [(e.event, e.aux_mode) for e in adoc.events]
    assert acts and all(e.aux_mode == mode for e in acts)


def test_an_oath_of_office_is_no_vow(make_doc):
    assert _types(make_doc, "El nuevo alcalde juró el cargo ante el concejo.", "es") == []
