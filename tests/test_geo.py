"""The place stage (cronica.stages.place.geocoder) and the offline gazetteer (cronica.stages.place.gazetteer)."""

from __future__ import annotations

import pytest

from cronica.model import Article, ArticleDoc
from cronica.stages.language.fold import fold_key as fold
from cronica.stages.place.gazetteer import Gazetteer, default_gazetteer, haversine_km
from cronica.stages.place.geocoder import Geocoder


# -- a tiny hand-made gazetteer: ranking rules without the real data -------------------
@pytest.fixture(scope="module")
def tiny() -> Gazetteer:
    return Gazetteer.from_records([
        {"name": "Georgia", "country": "GE", "iso3": "GEO", "lat": 42.0, "lon": 43.5,
         "feature": "country", "population": 3_700_000},
        {"name": "Georgia", "country": "US", "iso3": "USA", "lat": 32.7, "lon": -83.5,
         "feature": "admin1", "population": 10_000_000},
        {"name": "Atlanta", "country": "US", "iso3": "USA", "lat": 33.75, "lon": -84.39,
         "population": 500_000},
        {"name": "Córdoba", "country": "AR", "iso3": "ARG", "lat": -31.41, "lon": -64.18,
         "population": 1_400_000},
        {"name": "Córdoba", "country": "ES", "iso3": "ESP", "lat": 37.89, "lon": -4.78,
         "population": 320_000},
        {"name": "Santiago", "country": "CL", "iso3": "CHL", "lat": -33.45, "lon": -70.65,
         "feature": "capital", "population": 4_800_000},
        {"name": "Santiago de Compostela", "country": "ES", "iso3": "ESP", "lat": 42.88,
         "lon": -8.54, "population": 95_000, "names": ["Santiago"]},
        {"name": "Kyiv", "country": "UA", "iso3": "UKR", "lat": 50.45, "lon": 30.52,
         "feature": "capital", "population": 2_900_000, "names": ["Kiev", "Kíev"]},
    ])


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("EE.UU.") == fold("EEUU") == "eeuu"
    assert fold("Bogotá") == "bogota"
    assert fold("Khān  Yūnis") == "khan yunis"
    assert fold("Ar-Raqqa") == "ar raqqa"


def test_lookup_is_accent_insensitive_and_drops_a_leading_article(tiny):
    assert [c.country for c in tiny.lookup("KIEV")] == ["UKR"]
    assert [c.country for c in tiny.lookup("kíev")] == ["UKR"]
    assert {c.country for c in tiny.lookup("Cordoba")} == {"ARG", "ESP"}
    assert tiny.lookup("Cordoba", country="ES")[0].country == "ESP"
    assert tiny.lookup("Cordoba", country="ESP")[0].country == "ESP"
    assert tiny.lookup("la Córdoba")  # the article is not part of the name
    assert tiny.lookup("Atlantis") == []


def test_best_prefers_population_then_the_articles_countries(tiny):
    assert tiny.best("Córdoba").country == "ARG"
    assert tiny.best("Córdoba", countries_in_article={"ESP"}).country == "ESP"
    # a main name beats an alternate name, and a capital a namesake
    assert tiny.best("Santiago").country == "CHL"


def test_a_country_name_means_the_country_unless_the_article_says_otherwise(tiny):
    assert tiny.best("Georgia").feature == "country"
    # an article about the United States that never names the country Georgia
    assert tiny.best("Georgia", countries_in_article={"USA"}).country == "USA"
    assert tiny.best("Georgia", countries_in_article={"USA", "GEO"}).country == "GEO"


def test_admin_areas_named_by_the_caller_break_ties(tiny):
    gaz = Gazetteer.from_records([
        {"name": "Springfield", "country": "US", "iso3": "USA", "lat": 39.8, "lon": -89.6,
         "population": 110_000, "admin1": "Illinois"},
        {"name": "Springfield", "country": "US", "iso3": "USA", "lat": 37.2, "lon": -93.3,
         "population": 170_000, "admin1": "Missouri"},
        {"name": "Illinois", "country": "US", "lat": 40.0, "lon": -89.0, "feature": "admin1"},
        {"name": "Missouri", "country": "US", "lat": 38.5, "lon": -92.5, "feature": "admin1"},
    ])
    assert gaz.best("Springfield").lat == pytest.approx(37.2)
    assert gaz.best("Springfield", admin=["Illinois"]).lat == pytest.approx(39.8)
    assert gaz.best("Springfield").admin1 == "Missouri"


def test_haversine_km():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert haversine_km(33.34, 44.40, 33.34, 44.40) == 0


# -- the real gazetteer (built once per machine, then read from its cache) -------------
@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize("name, iso3, lat, lon, km", [
    ("Irak", "IRQ", 33.0, 44.0, 500),
    ("Bagdad", "IRQ", 33.34, 44.40, 25),
    ("Gaza", "PSE", 31.50, 34.47, 25),
    ("Pekín", "CHN", 39.91, 116.40, 25),
    ("EEUU", "USA", 39.8, -98.5, 1500),
    ("U.S.", "USA", 39.8, -98.5, 1500),
    ("Reino Unido", "GBR", 54.0, -2.5, 500),
    ("Cisjordania", "PSE", 32.0, 35.25, 60),
    ("West Bank", "PSE", 32.0, 35.25, 60),
    ("Texas", "USA", 31.0, -99.5, 250),
    ("Anbar", "IRQ", 33.4, 42.5, 200),
])
def test_real_gazetteer_knows_news_names(gaz, name, iso3, lat, lon, km):
    cand = gaz.best(name)
    assert cand is not None, name
    assert cand.country == iso3
    assert haversine_km(cand.lat, cand.lon, lat, lon) <= km


def test_regions_and_continents_resolve(gaz):
    assert gaz.best("Oriente Medio").feature == "region"
    assert gaz.best("Middle East").feature == "region"
    assert gaz.best("Europa").feature == "region"
    assert gaz.best("Texas").feature == "admin1"
    assert gaz.best("Francia").feature == "country"
    assert gaz.best("French").country == "FRA"  # demonyms name the country


def test_country_context_picks_the_namesake(gaz):
    assert gaz.best("Córdoba").country == "ARG"
    assert gaz.best("Córdoba", countries_in_article={"ESP"}).country == "ESP"
    assert gaz.best("San José", country="CR").country == "CRI"


# -- datelines: text only, no parse needed ---------------------------------------------
@pytest.mark.parametrize("text, place, dateline", [
    ("SAN SALVADOR, Abr 26 (AFP) - El gobierno dijo...", "SAN SALVADOR", "SAN SALVADOR, Abr 26"),
    ("BOGOTÁ, 3 mar (EFE)\nEl presidente...", "BOGOTÁ", "BOGOTÁ, 3 mar"),
    ("WASHINGTON (AP) — The president said...", "WASHINGTON", "WASHINGTON"),
    ("REBELDES ATACAN UN CUARTEL\n\nCARTAGENA, Colombia, Jun 14\n\nDos torres...", "CARTAGENA",
     "CARTAGENA, Colombia, Jun 14"),
])
def test_dateline_is_found_and_geocoded(gaz, text, place, dateline):
    adoc = ArticleDoc(article=Article(id="t", text=text, lang="es"), lang="es")
    geo = Geocoder("es", gazetteer=gaz)
    m = geo._dateline(adoc)
    assert m is not None and m.group("place") == place
    pm = geo._dateline_place(adoc, m, set(), set())
    assert pm is not None and pm.from_dateline and pm.lat is not None
    assert adoc.article.dateline.text == dateline


@pytest.mark.parametrize("text", [
    "ESTALLA POLEMICA EN VISPERAS DE ELECCION\n\nLa Iglesia tomó partido.",
    "El ministro, Jun 14 dijo que...",
    "La OTAN (Organización del Tratado del Atlántico Norte) - dijo",
])
def test_headlines_and_sentences_are_not_datelines(text):
    adoc = ArticleDoc(article=Article(id="t", text=text, lang="es"), lang="es")
    assert Geocoder("es", gazetteer=Gazetteer.from_records([]))._dateline(adoc) is None


def test_existing_dateline_is_kept(gaz):
    from cronica.model import Span

    given = Span("BOGOTÁ", 0, 6, 0)
    adoc = ArticleDoc(article=Article(id="t", text="BOGOTÁ, 3 mar (EFE) - Texto.", dateline=given))
    geo = Geocoder("es", gazetteer=gaz)
    geo._dateline_place(adoc, geo._dateline(adoc), set(), set())
    assert adoc.article.dateline is given


# -- the stage on parsed text -----------------------------------------------------------
@pytest.mark.slow
def test_spanish_places_metonymy_and_event_location(make_doc):
    text = ("Milicianos atacaron una base militar en Anbar el jueves. "
            "Bagdad pretende negociar con Estados Unidos. "
            "Washington teme una escalada en la región.")
    adoc = make_doc(text, lang="es", date="2024-01-26", stages=["actors", "events", "place"])
    by_text = {p.span.text: p for p in adoc.places}
    assert by_text["Anbar"].country == "IRQ"
    assert by_text["Bagdad"].metonymy and by_text["Bagdad"].country == "IRQ"
    assert not by_text["Anbar"].metonymy
    for p in adoc.places:
        assert text[p.span.start:p.span.end] == p.span.text
    attack = [e for e in adoc.events if e.trigger.text.startswith("atac")]
    assert attack and attack[0].event_loc is not None
    assert attack[0].event_loc["text"] == "Anbar" and attack[0].event_loc["source"] == "clause"
    assert attack[0].event_loc["country"] == "IRQ"
    for e in adoc.events:  # a capital standing for its government is never a location
        assert (e.event_loc or {}).get("text") not in ("Bagdad", "Washington")


@pytest.mark.slow
def test_english_dateline_is_the_fallback_location(make_doc):
    text = ("NAIROBI (Reuters) — Police arrested dozens of protesters on Monday. "
            "Militants attacked a military base near Mosul, officials said.")
    adoc = make_doc(text, lang="en", stages=["actors", "events", "place"])
    dl = [p for p in adoc.places if p.from_dateline]
    assert len(dl) == 1 and dl[0].country == "KEN"
    assert adoc.article.dateline is not None and adoc.article.dateline.text == "NAIROBI"
    assert sum(1 for p in adoc.places if p.span.start == 0) == 1  # not twice
    locs = {e.trigger.text: e.event_loc for e in adoc.events}
    if "attacked" in locs:
        assert locs["attacked"]["text"] == "Mosul" and locs["attacked"]["source"] == "clause"
    if "arrested" in locs:
        assert locs["arrested"]["source"] == "dateline"
        assert locs["arrested"]["country"] == "KEN"


@pytest.mark.slow
def test_a_place_in_another_clause_is_not_the_event_location(make_doc):
    text = "El ministro dijo en Madrid que los rebeldes atacaron el cuartel."
    adoc = make_doc(text, lang="es", stages=["actors", "events", "place"])
    assert any(p.span.text == "Madrid" and p.country == "ESP" for p in adoc.places)
    for e in adoc.events:
        if e.trigger.text.startswith("atac"):
            assert e.event_loc is None or e.event_loc["text"] != "Madrid"


@pytest.mark.slow
def test_no_events_no_places_is_fine(make_doc):
    adoc = make_doc("Hoy llueve mucho.", lang="es", stages=["place"])
    assert adoc.places == []


@pytest.mark.parametrize("text, place", [
    ("TITULAR\n\nPor Ana Pérez; BUENOS AIRES, Ago 2\n\nLa huelga...", "BUENOS AIRES"),
    ("TITULAR\n\nRIO DE JANEIRO, 18\n\nUnos 300 vecinos...", "RIO DE JANEIRO"),
    ("NUEVA YORK (ONU), Abr 5\n\nEstados Unidos amenazó...", "NUEVA YORK"),
])
def test_dateline_variants_of_agency_copy(text, place):
    adoc = ArticleDoc(article=Article(id="t", text=text, lang="es"), lang="es")
    m = Geocoder("es", gazetteer=Gazetteer.from_records([]))._dateline(adoc)
    assert m is not None and m.group("place") == place


@pytest.mark.slow
def test_weak_evidence_needs_a_notable_place(make_doc):
    # a headline in capitals, a common noun after 'de' inside an institution's name, and an
    # adjective the NER may take: none of them is a place; 'Lima' after 'en' is
    text = ("TRABAJADORES EN PARO\n\nEl Ministerio de Salud anunció el plan en Lima. "
            "La delegación argentina llegó el lunes.")
    adoc = make_doc(text, lang="es", stages=["actors", "events", "place"])
    names = {p.span.text for p in adoc.places}
    assert "Lima" in names
    assert not names & {"PARO", "Salud", "argentina"}


@pytest.mark.parametrize("lang, text, name", [
    ("es", "Hubo protestas en la provincia de Tungurahua.", "Tungurahua"),
    ("es", "Hubo bloqueos en el departamento del Cauca.", "Cauca"),
    ("es", "Hubo protestas en Quito.", "Quito"),
    ("en", "Clashes broke out in the town of Pandi.", "Pandi"),
    ("en", "Clashes broke out near Mosul.", "Mosul"),
])
def test_locative_phrases_span_a_place_noun(lang, text, name):
    geo = Geocoder(lang, gazetteer=Gazetteer.from_records([]))
    assert geo._is_locative(text, text.index(name))


@pytest.mark.parametrize("lang, text, name", [
    ("es", "El Ministerio de Salud de Quito habló.", "Quito"),
    ("en", "The mayor of Mosul spoke.", "Mosul"),
])
def test_other_prepositions_are_not_locative(lang, text, name):
    geo = Geocoder(lang, gazetteer=Gazetteer.from_records([]))
    assert not geo._is_locative(text, text.index(name))


def test_area_centre_is_the_box_middle_and_handles_the_antimeridian():
    from array import array

    from cronica.stages.place.gazetteer_index import _area_centre

    lat, lon = _area_centre(array("f", [10.0, 20.0, 30.0]), array("f", [0.0, 5.0, 10.0]))
    assert (lat, lon) == pytest.approx((20.0, 5.0))
    # towns on both sides of 180°: the middle is near 180, not near 0
    lat, lon = _area_centre(array("f", [50.0, 52.0]), array("f", [179.0, -179.0]))
    assert abs(abs(lon) - 180.0) < 1.0
    # many towns: one far-off island does not drag the box
    lats = array("f", [40.0 + i * 0.1 for i in range(30)] + [-20.0])
    lons = array("f", [10.0] * 31)
    assert _area_centre(lats, lons)[0] > 35.0


def test_cached_lookups_answer_as_fresh_ones(tiny):
    """The per-name caches give the same candidates, with and without a country filter."""
    for name in ["Georgia", "Córdoba", "la Córdoba", "Santiago", "Kíev", "Bogotá"]:
        first = tiny.lookup(name)
        assert tiny.lookup(name) == first
        for cand in first:
            if cand.country:
                assert tiny.lookup(name, country=cand.country) == [
                    c for c in first if c.country == cand.country]


def test_area_centre_reaches_a_thinly_settled_north():
    """Most towns in the south, a few in the north: the box spans them all (a province's
    centre lies between its ends, not in its settled south)."""
    from array import array

    from cronica.stages.place.gazetteer_index import _area_centre

    lats = array("f", [42.0 + i * 0.05 for i in range(20)] + [50.0, 52.0, 55.0])
    lons = array("f", [-80.0 - i * 0.1 for i in range(23)])
    lat, _ = _area_centre(lats, lons)
    assert lat == pytest.approx(48.5, abs=0.01)


def test_lexicon_demonyms_fill_gaps_but_never_shadow_a_place():
    from cronica.stages.place.gazetteer_index import COUNTRY, PlaceIndex, _add_lexicon_demonyms

    idx = PlaceIndex()
    idx.iso3.update({"RS": "SRB", "BA": "BIH"})
    rows = {"RS": idx.add("Serbia", 44.0, 21.0, 7_000_000, 1, COUNTRY, "RS"),
            "BA": idx.add("Bosnia", 44.0, 18.0, 3_000_000, 2, COUNTRY, "BA")}
    town = idx.add("Bosnian", 1.0, 1.0, 800, 3, 0, "ZZ")  # an invented namesake town
    idx.key("Bosnian", town)
    _add_lexicon_demonyms(idx, rows)
    assert idx.rows(fold("Serb")) == (rows["RS"],)  # from data/en/countries.tsv
    assert idx.rows(fold("Bosnian")) == (town,)
    assert fold("Serb") in idx.demonyms and fold("Bosnian") not in idx.demonyms


def test_real_gazetteer_reads_demonyms_and_abbreviations(gaz):
    assert gaz.best("Bosnian").country == "BIH"  # actor lexicon demonym
    english = gaz.best("English")  # hand-written demonym of a first-level area
    assert english.feature == "admin1" and english.country == "GBR"
    assert gaz.best("Texan").country == "USA" and gaz.best("Texan").feature == "admin1"
    assert gaz.is_demonym("English") and gaz.is_demonym("Syrian")
    assert not gaz.is_demonym("Texas")
    dc = gaz.best("D.C.")
    assert haversine_km(dc.lat, dc.lon, 38.9, -77.04) < 25
    assert gaz.best("Korea").country == "KOR"
    assert gaz.best("N.B.").country == "CAN"


def test_province_reference_point_is_its_middle(gaz):
    # a province whose towns crowd its south: the point is the middle of the province
    bc = gaz.best("British Columbia")
    assert bc.feature == "admin1" and 53.0 < bc.lat < 56.0


@pytest.mark.slow
def test_a_demonym_after_a_preposition_is_not_a_place(make_doc):
    text = "The minister spoke in English to reporters in Mosul on Monday."
    adoc = make_doc(text, lang="en", stages=["actors", "events", "place"])
    names = {p.span.text for p in adoc.places}
    assert "Mosul" in names and "English" not in names


def test_names_of_one_article_support_nearby_readings():
    """An invented 'Kentford' is a big town far away and a smaller county near the article's
    other names: together with them, the county wins; on its own, the town."""
    gaz = Gazetteer.from_records([
        {"name": "Kentford", "country": "US", "iso3": "USA", "lat": 47.4, "lon": -122.2,
         "population": 120_000},
        {"name": "Kentford", "country": "GB", "iso3": "GBR", "lat": 51.2, "lon": 0.7,
         "population": 60_000},
        {"name": "Norwold", "country": "GB", "lat": 52.6, "lon": 1.0, "population": 20_000},
        {"name": "Norwold", "country": "US", "lat": 36.8, "lon": -76.3, "population": 15_000},
        {"name": "Essby", "country": "GB", "lat": 51.8, "lon": 0.6, "population": 30_000},
    ])
    assert gaz.best("Kentford").country == "USA"
    chosen = gaz.best_in_article(["Kentford", "Norwold", "Essby", "Kentford"])
    assert chosen["Kentford"].country == "GBR"
    assert chosen["Norwold"].country == "GBR"
    assert chosen["Essby"].country == "GBR"
    assert gaz.best_in_article(["Kentford"])["Kentford"].country == "USA"
    assert gaz.best_in_article(["Nowhere"]) == {"Nowhere": None}


@pytest.mark.slow
def test_sentence_place_and_parenthesised_area_locate_the_event(make_doc):
    text = "On 3 May 2021, hundreds of teachers held a protest at the square in Mendoza (Mendoza)."
    adoc = make_doc(text, lang="en", stages=["actors", "events", "place"])
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and all(loc["country"] == "ARG" for loc in locs)
    assert locs[0]["source"] in ("clause", "sentence") and locs[0]["admin1"]


@pytest.mark.slow
def test_a_later_sentence_without_a_place_keeps_the_narrative_place(make_doc):
    text = "Rebels attacked a convoy near Mosul. Police arrested twenty people."
    adoc = make_doc(text, lang="en", stages=["actors", "events", "place"])
    arrest = [e for e in adoc.events if e.trigger.text == "arrested"]
    assert arrest and arrest[0].event_loc is not None
    assert arrest[0].event_loc["name"] == "Mosul" and arrest[0].event_loc["source"] == "previous"


# -- an area in parentheses after a place ----------------------------------------------
@pytest.mark.parametrize("text, names", [
    ("Drivers blocked a road in Zzyzxville (Santa Fe) on Monday.", ["Zzyzxville"]),
    ("Parents gathered in Lomas Altas del Qwerty (Cordoba) yesterday.", ["Lomas Altas del Qwerty"]),
    ("Nurses marched in Loma Nueva district (Tucuman) on Friday.", ["Loma Nueva"]),
])
def test_name_before_a_parenthesis(gaz, text, names):
    geo = Geocoder("en", gazetteer=gaz)
    got = geo._name_before(text, text.index("("))
    assert got is not None and text[got[0]:got[1]] == names[0] and got[2]


@pytest.mark.slow
def test_the_area_in_parentheses_picks_the_homonym_or_stands_in(make_doc):
    # a homonym abroad is not read when the note says which province it is in; a village
    # the gazetteer lacks is placed at its province
    text = ("Truck drivers blocked a road in San Lorenzo (Santa Fe) on Monday. "
            "Farmers blocked a bridge in Zzyzxville (Mendoza) on Tuesday.")
    adoc = make_doc(text, lang="en", stages=["actors", "events", "place"])
    by_text = {p.span.text: p for p in adoc.places}
    assert "Zzyzxville" not in by_text
    assert by_text["Mendoza"].country == "ARG"
    if "San Lorenzo" in by_text:
        assert by_text["San Lorenzo"].country == "ARG"
    else:
        assert by_text["Santa Fe"].country == "ARG"
    for e in adoc.events:
        if e.event_loc is not None:
            assert e.event_loc["country"] == "ARG"
