"""The place filter matches a place by one of its whole names (folded), never by a part of
one: a common word that is part of a place's name ('sur', Spanish for 'south', in Tyre's
alternate name 'Es Sur' or in 'Corea del Sur') finds only a place called that."""

from __future__ import annotations

import pytest
from store_helpers import make_adoc, open_backend

from cronica.store import place_names
from cronica.store.base import EventFilter
from cronica.store.sqlite import SQLiteStore

# invented gazetteer entries: Tyre (9001) with alternate names holding 'sur' as a word and
# as part of a word; a town called Sur (9002); a country written 'Corea del Sur' (9003)
ALTERNATES = {
    9001: ("tyre", "tiro", "es sur", "surru"),
    9002: ("sur", "sour"),
    9003: ("south korea", "corea del sur"),
}
PLACES = {
    "tyre": ("Tiro", "Tyre", 9001, "LBN"),
    "oman": ("Sur", "Sur", 9002, "OMN"),
    "korea": ("Corea del Sur", "South Korea", 9003, "KOR"),
    "plain": ("Bogotá", "Bogota", None, "COL"),
}


@pytest.fixture(autouse=True)
def small_gazetteer():
    place_names.set_provider(lambda gid: ALTERNATES.get(gid, ()))
    yield
    place_names.set_provider(None)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    s = open_backend(request.param, tmp_path)
    for n, (doc_id, (written, name, gid, country)) in enumerate(PLACES.items()):
        adoc = make_adoc(doc_id, [{"type": "PROTEST", "actor": "CVL", "place": written,
                                   "country": country, "date": f"2024-01-1{n}"}], salt=doc_id)
        adoc.events[0].event_loc = {"name": name, "text": written, "country": country,
                                    "lat": 10.0 + n, "lon": 20.0 + n, "geonameid": gid}
        s.add(adoc)
    yield s
    s.close()


def _ids(store, place: str) -> set[str]:
    return {e["article_id"] for e in store.query_events(EventFilter(place=place), limit=100)}


@pytest.mark.parametrize("query, expected", [
    ("sur", {"oman"}),                 # the town called Sur, not Tyre nor Korea
    ("SÚR", {"oman"}),                 # case and accents folded
    ("sour", {"oman"}),                # an alternate name, whole
    ("es sur", {"tyre"}),
    ("Tiro", {"tyre"}),                # the local name
    ("tyre", {"tyre"}),
    ("Corea del Sur", {"korea"}),
    ("south korea", {"korea"}),
    ("corea", set()),                  # a part of a name is not the place
    ("tyr", set()),
    ("bogota", {"plain"}),             # the written name, without a gazetteer entry
    ("  Bogotá ", {"plain"}),
    ("a_b", set()),                    # LIKE's wildcards are literal
    ("%", set()),
])
def test_the_place_filter_matches_whole_names_only(store, query, expected):
    assert _ids(store, query) == expected
    assert store.count_events(EventFilter(place=query)) == len(expected)


def test_counts_and_the_map_driven_by_the_trigram_index_keep_whole_names(tmp_path, monkeypatch):
    # a frequent substring makes SQLite walk the trigram matches (count with a cap, map):
    # the whole-name test must hold there too
    monkeypatch.setattr(SQLiteStore, "FTS_DENSE", 1)
    monkeypatch.setattr(SQLiteStore, "REST_SELECTIVE", 1)
    s = SQLiteStore(str(tmp_path / "dense.db"))
    for n, (doc_id, gid, written) in enumerate((("t1", 9001, "Tiro"), ("t2", 9001, "Tiro"),
                                                ("o", 9002, "Sur"))):
        adoc = make_adoc(doc_id, [{"type": "PROTEST", "actor": "CVL", "place": written,
                                   "date": f"2024-02-1{n}"}], salt=doc_id)
        adoc.events[0].event_loc = {"name": written, "text": written, "country": "LBN",
                                    "lat": 33.0, "lon": 35.0, "geonameid": gid}
        s.add(adoc)
    assert s.count_events(EventFilter(place="sur"), limit=10) == 1
    assert s.count_events(EventFilter(place="tiro"), limit=10) == 2
    places = s.places(EventFilter(place="sur"))
    assert [p["name"] for p in places] == ["Sur"]
    s.close()
