"""Search that ignores accents and case and knows a place's other name (issue 11)."""

from __future__ import annotations

import pytest
from store_helpers import make_adoc

from cronica.store.base import EventFilter
from cronica.store.sqlite import SQLiteStore
from cronica.textfold import fold, search_blob


def test_fold():
    assert fold("Bogotá, D.C.") == "bogota d c"
    assert fold("EE. UU.") == fold("EE.UU.") == "ee uu"
    assert search_blob("Marcha en Tiro", ["Tiro", "Tyre", None]) == "marcha en tiro | tiro | tyre"


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(str(tmp_path / "s.db")) as s:
        s.add(make_adoc("m1", [{"type": "PROTEST", "actor": "COLEDU", "actor_text": "Estudiantes",
                                "place": "Bogotá", "country": "COL"}]))
        adoc = make_adoc("t1", [{"type": "ASSAULT", "actor": "ISRMIL", "place": "Tiro",
                                 "country": "LBN"}])
        adoc.events[0].event_loc.update(name="Tyre", text="Tiro")
        s.add(adoc)
        yield s


@pytest.mark.parametrize(("words", "n"), [("bogota", 1), ("BOGOTÁ", 1), ("Bogotá", 1),
                                          ("estudiantes", 1), ("ESTUDIANTES EN BOGOTA", 0),
                                          ("tiro", 1), ("Tyre", 1), ("tyre", 1)])
def test_search_ignores_accents_and_case_and_knows_both_place_names(store, words, n):
    assert store.count_events(EventFilter(text=words)) == n
    assert len(store.query_events(EventFilter(text=words))) == n


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_new_filters_and_year_counts_on_both_backends(kind, tmp_path):
    from store_helpers import open_backend

    st = open_backend(kind, tmp_path)
    try:
        st.add(make_adoc("y1", [
            {"type": "AGREE", "actor": "COLGOV", "place": "Bogotá", "country": "COL",
             "confidence": 0.9},
            {"type": "AGREE", "actor": "PER", "date": "2019", "precision": "year",
             "confidence": 0.4},
            {"type": "PROTEST", "actor": "CVL", "recipient": "COLGOV", "confidence": 0.6},
        ]))
        assert st.count_events(EventFilter(text="bogota")) == 1
        assert st.count_events(EventFilter(min_confidence=0.5)) == 2
        assert st.count_events(EventFilter(sectors=["CVL"])) == 1
        assert st.count_events(EventFilter(sectors=["GOV"])) == 3  # PER is the state: GOV
        assert [(r["key"], r["type"], int(r["count"])) for r in st.year_counts(EventFilter())] == \
            [("2019", "AGREE", 1)]
    finally:
        st.close()
