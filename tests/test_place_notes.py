"""Place names in event notes written the way coders write them: 'X city', 'X, Y' with Y the
area holding X, '(coded to X)', hyphenated names. Sentences invented for these tests."""

from __future__ import annotations

import pytest

from cronica.stages.place.gazetteer import default_gazetteer
from cronica.stages.place.geocoder import _CODED_TO, _COMMA_PAIR, Geocoder


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder("en", gazetteer=default_gazetteer())


def _places(make_doc, text):
    adoc = make_doc(text, lang="en", stages=["actors", "events", "place"])
    return adoc, {p.span.text: p for p in adoc.places}


def test_comma_pair_and_coded_to_patterns():
    pairs = [(m.group("x"), m.group("y")) for m in
             _COMMA_PAIR.finditer("Shells hit Ivanivka, Zaporizhzhia region. Then Lviv, Ukraine.")]
    assert ("Ivanivka", "Zaporizhzhia region") in pairs and ("Then Lviv", "Ukraine") in pairs
    assert _CODED_TO.search("in Salta province (coded to Salta, Salta)").group(1) == "Salta, Salta"
    assert _CODED_TO.search("in Telemark [coded to Skien]").group(1) == "Skien"
    assert _CODED_TO.search("in the area (as reported)") is None


def test_a_name_is_read_inside_the_area_after_its_comma(geo):
    text = "Artillery hit Barvinkove, Kharkiv on Monday."
    found = geo._comma_areas(text)
    assert [f.text for f in found] == ["Barvinkove"]
    assert found[0].reading is not None and found[0].reading.country == "UKR"
    # words before the name that the gazetteer does not know are left out
    assert [f.text for f in geo._comma_areas("Then Lviv, Ukraine, saw a rally.")] == ["Lviv"]
    # a name with no reading in the area after the comma is not taken
    assert geo._comma_areas("Teachers met Maria, Kharkiv said.") == []


@pytest.mark.slow
def test_a_trailing_place_noun_the_gazetteer_lacks_is_trimmed(make_doc):
    adoc, by_text = _places(make_doc, "On 3 May 2021, in Mandalay city, students held a march.")
    assert "Mandalay" in by_text and by_text["Mandalay"].country == "MMR"
    assert any(e.event_loc and e.event_loc["name"] == "Mandalay" for e in adoc.events)


@pytest.mark.slow
def test_coded_to_gives_the_event_its_point(make_doc):
    text = "On 2 June 2021, in Entre Rios province (coded to Parana, Entre Rios), nurses protested."
    adoc, by_text = _places(make_doc, text)
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and locs[0]["source"] == "coded" and locs[0]["country"] == "ARG"
    assert locs[0]["name"] == "Paraná" and locs[0]["feature"] == "city"


@pytest.mark.slow
def test_hyphenated_names_after_a_preposition(make_doc):
    _, by_text = _places(make_doc, "On 5 May 2021, farmers marched in Saint-Pair-sur-Mer.")
    assert "Saint-Pair-sur-Mer" in by_text and by_text["Saint-Pair-sur-Mer"].country == "FRA"


@pytest.mark.slow
def test_the_first_words_of_a_longer_unknown_name_are_not_a_place_abroad(make_doc):
    text = "On 4 May 2021, soldiers burned houses in Lay Zzqwe village (Sagaing region)."
    _, by_text = _places(make_doc, text)
    assert "Lay" not in by_text  # a French village, not the first word of a Myanmar one
    assert all(p.country == "MMR" for p in by_text.values())


@pytest.mark.slow
def test_an_event_far_from_any_place_takes_the_articles_place(make_doc):
    text = ("On 4 May 2021, hundreds of teachers marched in Mendoza. The march was long. "
            "Many sang songs. Nobody was tired. Later, police arrested nine teachers.")
    adoc = make_doc(text, lang="en", stages=["actors", "events", "place"])
    arrest = [e for e in adoc.events if e.trigger.text == "arrested"]
    assert arrest and arrest[0].event_loc is not None
    assert arrest[0].event_loc["name"] == "Mendoza" and arrest[0].event_loc["source"] == "article"


@pytest.mark.slow
def test_a_name_the_ner_missed_is_read_in_the_area_after_it(make_doc):
    text = "On 9 June 2021, in General Roca (Rio Negro), nurses protested for wages."
    adoc, by_text = _places(make_doc, text)
    assert by_text["General Roca"].country == "ARG"
    assert by_text["Rio Negro"].country == "ARG"  # the province, not a Brazilian town
    text = "On 2 June 2021, in Olho d'Agua das Flores (Alagoas), a man was shot."
    _, by_text = _places(make_doc, text)
    assert by_text["Olho d'Agua das Flores"].country == "BRA"


@pytest.mark.slow
def test_a_building_named_after_a_place_is_not_the_event_place(make_doc):
    text = "On 4 May 2021, students rallied at Federal Plaza in Chicago (Illinois)."
    adoc, _ = _places(make_doc, text)
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and locs[0]["name"] == "Chicago"


@pytest.mark.slow
def test_a_direction_word_alone_is_no_region_abroad(make_doc):
    text = "On 4 May 2021, farmers marched in Merowe (Northern state) to demand water."
    _, by_text = _places(make_doc, text)
    assert "Northern" not in by_text or by_text["Northern"].country == "SDN"


def test_coded_as_and_leading_words(geo):
    found = geo._coded_to("Rockets hit the area. Coded as provincial capital Baquba city.")
    assert [f.text for f in found] == ["Baquba"] and found[0].coded
    assert geo._coded_to("Clashes (coded as a separate event) went on.") == []


@pytest.mark.slow
def test_the_area_in_parentheses_and_the_town_noun_pick_the_reading(make_doc):
    _, by_text = _places(make_doc, "On 2 June 2021, in San Estanislao (San Pedro), women marched.")
    assert by_text["San Estanislao"].country == "PRY" and by_text["San Pedro"].country == "PRY"
    _, by_text = _places(make_doc, "On 2 June 2021, guards patrolled the streets of Amara city.")
    assert by_text["Amara"].country == "IRQ"  # the town, not the Ethiopian region


def test_a_provinces_seat_is_its_most_populous_town():
    gaz = default_gazetteer()
    area = next(c for _, c in gaz.rank("Neuquen") if c.feature == "admin1")
    town = gaz.seat(area.geonameid)
    assert town is not None and town.feature == "city" and town.admin1 == area.name
    assert gaz.seat(None) is None and gaz.seat(0) is None


@pytest.mark.slow
def test_an_event_known_by_its_province_stands_at_its_main_town(make_doc):
    adoc, _ = _places(make_doc, "On 2 June 2021, in Neuquen province, teachers protested.")
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and locs[0]["feature"] == "admin1" and locs[0]["seat"]
    assert abs(locs[0]["lat"] - (-38.95)) < 0.2  # the town, not the province's middle


def test_a_list_of_places_is_not_a_town_and_its_area(geo):
    # 'Washington, New York' in a list: the capital is not a namesake town in that state
    assert geo._comma_areas("After stops in Washington, New York and Boston, he left.") == []
    # a sentence that runs on after the area does not hide it
    found = geo._comma_areas("a shooting in Parkland, Florida The case goes on")
    assert [f.text for f in found] == ["Parkland"] and found[0].reading.admin1 == "Florida"


@pytest.mark.slow
def test_a_town_the_sentence_names_inside_the_chosen_area_is_the_events_place(make_doc):
    # the state is what the clause names; the town inside it is where the march was
    adoc, _ = _places(make_doc, "On 3 May 2021, farmers in Maharashtra marched to an office of Nashik.")
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and locs[0]["name"] == "Nashik" and locs[0]["feature"] == "city"


def test_an_area_gives_way_only_to_a_town_inside_it():
    from cronica.model import PlaceMention, Span
    from cronica.stages.place.geocoder import _narrowed

    def mention(name, feature, country, lat, lon, admin1=None, sentence=0):
        return PlaceMention(span=Span(name, 0, len(name), sentence), name=name, country=country,
                            lat=lat, lon=lon, feature=feature, admin1=admin1)

    area = mention("Punjab", "admin1", "IND", 30.9, 75.4)
    town = mention("Ludhiana", "city", "IND", 30.9, 75.85, admin1="Punjab")
    far = mention("Chennai", "city", "IND", 13.08, 80.27, admin1="Tamil Nadu")
    abroad = mention("Lahore", "city", "PAK", 31.55, 74.34, admin1="Punjab")
    later = mention("Amritsar", "city", "IND", 31.6, 74.9, admin1="Punjab", sentence=1)
    assert _narrowed(area, [area, town]) is town
    assert _narrowed(area, [area, far, abroad, later]) is area
    assert _narrowed(town, [area, town]) is town
    country = mention("India", "country", "IND", 21.0, 78.0)
    assert _narrowed(country, [country, far]) is far


def test_a_namesake_abroad_of_a_spot_inside_a_named_town_gives_way_to_the_town():
    from cronica.model import PlaceMention, Span
    from cronica.stages.place.geocoder import _container_abroad

    def at(text, name, feature, country, lat, lon):
        start = text.index(name)
        return PlaceMention(span=Span(name, start, start + len(name), 0), name=name,
                            country=country, lat=lat, lon=lon, feature=feature)

    text = "Nurses rallied at Riverside Park in downtown Cusco on Friday."
    spot = at(text, "Riverside Park", "city", "USA", 33.9, -117.4)
    town = at(text, "Cusco", "city", "PER", -13.5, -71.97)
    assert _container_abroad(text, spot, [spot, town]) is town
    # the same country: the text's place is kept (the reading may be the right one)
    near = at(text, "Riverside Park", "city", "PER", -13.6, -72.0)
    assert _container_abroad(text, near, [near, town]) is near
    # two places side by side, not one inside the other
    text2 = "Nurses marched from Riverside Park to Cusco."
    spot2 = at(text2, "Riverside Park", "city", "USA", 33.9, -117.4)
    town2 = at(text2, "Cusco", "city", "PER", -13.5, -71.97)
    assert _container_abroad(text2, spot2, [spot2, town2]) is spot2
    # the areas in the parenthesis after it, the broadest last
    text3 = "Shots were fired in Riverside township (Cusco-East district, Cusco region)."
    spot3 = at(text3, "Riverside", "city", "USA", 33.9, -117.4)
    region = at(text3, "Cusco region", "admin1", "PER", -13.5, -71.97)
    assert _container_abroad(text3, spot3, [spot3, region]) is region


@pytest.mark.slow
def test_a_town_that_is_the_target_is_where_the_attack_happened(make_doc):
    adoc, _ = _places(make_doc, "On 4 May 2022, Russian forces shelled Kharkiv. Casualties unknown.")
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and locs[0]["name"] == "Kharkiv" and locs[0]["source"] == "target"


@pytest.mark.slow
def test_a_town_before_the_part_of_it_is_the_events_place(make_doc):
    # 'X - South Zone' names a part of the town X: the event is there, not in a country the
    # sentence names as the topic
    adoc, _ = _places(make_doc, "On 2 March 2022, in Lima - South Zone (Lima), party members "
                                "demonstrated backing the war in Ukraine, near a consulate.")
    protest = [e for e in adoc.events if e.event == "PROTEST"]
    assert protest and protest[0].event_loc and protest[0].event_loc["country"] == "PER"


def test_a_foreign_country_named_as_topic_gives_way_to_a_home_town():
    from cronica.model import PlaceMention, Span
    from cronica.stages.place.geocoder import _home_town

    def mention(name, feature, country, sentence=0):
        return PlaceMention(span=Span(name, 0, len(name), sentence), name=name, country=country,
                            lat=1.0, lon=1.0, feature=feature)

    topic = mention("Ukraine", "country", "UKR")
    town = mention("Oviedo", "city", "ESP")
    area = mention("Asturias", "admin1", "ESP")
    assert _home_town(topic, [topic, area, town], "ESP") is town
    # a town of the article's country in another sentence does not count
    assert _home_town(topic, [topic, mention("Gijon", "city", "ESP", 1)], "ESP") is topic
    # the article's own country, or a town chosen, stays
    assert _home_town(mention("Spain", "country", "ESP"), [town], "ESP").name == "Spain"
    assert _home_town(town, [topic, town], "UKR") is town
    # a province abroad (a lone direction word read as one) gives way as well
    north = mention("Nord", "admin1", "HTI")
    assert _home_town(north, [north, town], "ESP") is town


@pytest.mark.slow
def test_an_unlocated_event_takes_the_most_specific_place_of_another_sentence(make_doc):
    adoc, _ = _places(make_doc, "On 3 May 2022, the Sanchez family (Trujillo, La Libertad) faced "
                                "a new rule. Their lawyers protested against the judges.")
    protest = [e for e in adoc.events if e.event == "PROTEST"]
    assert protest and protest[0].event_loc
    assert protest[0].event_loc["name"] == "Trujillo" and protest[0].event_loc["source"] == "article"


def test_an_area_named_word_for_word_beats_one_that_only_holds_the_name():
    from cronica.stages.place.gazetteer import Candidate
    from cronica.stages.place.geocoder import _area_fit, _part_spans

    def town(admin1: str | None, admin2: str | None = None) -> Candidate:
        return Candidate("X", "ARG", 0.0, 0.0, 1, "city", admin1=admin1, admin2=admin2)

    assert _area_fit(town("Provincia de Santa Fe"), "santa fe") == 2
    assert _area_fit(town(None, "Kayes Cercle"), "kayes") == 2
    assert _area_fit(town("San Luis Potosí"), "san luis") == 1  # holds the name, is not it
    assert _area_fit(town("Rio de Janeiro"), "rio de janeiro") == 2  # inner 'de' stays
    assert _area_fit(town("Mendoza"), "salta") == 0
    # two parts with the same name are two places
    text = "in Qzx village (Kale township, Kale district)"
    first = text.index("Kale")
    second = text.index("Kale", first + 1)
    assert _part_spans(text, 0, ["Kale", "Kale"]) == [(first, "Kale"), (second, "Kale")]


@pytest.mark.slow
def test_the_town_is_read_in_the_area_whose_name_the_parenthesis_gives(make_doc):
    # 'San Luis' is also part of 'San Luis Potosí'; the area called San Luis is Argentine
    adoc, by_text = _places(make_doc, "On 3 May 2022, in San Luis (San Luis), nurses marched.")
    assert by_text["San Luis"].country == "ARG"
    # an area in parentheses the NER takes for a person still says where the town is
    text = "On 3 May 2022, dozens of traders protested in the town of Kita (Kita, Kayes)."
    adoc, by_text = _places(make_doc, text)
    assert by_text["Kita"].country == "MLI"
    assert by_text["Kayes"].feature == "admin1"  # the region holding it, not its capital
    assert [e.event_loc["name"] for e in adoc.events if e.event_loc] == ["Kita"]


@pytest.mark.slow
def test_the_larger_area_of_a_parenthesis_is_not_the_events_place(make_doc):
    # the village is unknown: the first area stands for it, the province holds that area
    text = "On 3 May 2022, air raids hit Qzxwv (At Tuhayat, Al Hudaydah). Casualties unknown."
    adoc, _ = _places(make_doc, text)
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and locs[0]["name"] == "At Tuhayat" and locs[0]["country"] == "YEM"


@pytest.mark.slow
def test_a_name_followed_by_province_is_the_province_not_a_town_abroad(make_doc):
    adoc, by_text = _places(make_doc, "On 2 May 2022, in San Juan province, teachers protested.")
    (place,) = by_text.values()
    assert place.country == "ARG" and place.feature == "admin1"  # not the Puerto Rican city
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and locs[0]["country"] == "ARG" and locs[0]["seat"]  # at its main town
    # a town of a country the article names stays a town: 'Kulu district of Konya'
    _, by_text = _places(make_doc, "On 2 May 2022, police shot a driver in Kulu district of Konya.")
    assert by_text["Kulu"].country == "TUR"


def test_a_name_before_a_place_noun_is_a_place_whatever_the_ner_took_it_for(geo):
    found = geo._before_place_noun("Gunmen shelled Al Bab city and then Marte LGA.")
    assert [(f.text, f.level) for f in found] == [("Al Bab", "town"), ("Marte", "area")]
    # not the last word of a longer name, nor the area of 'X, Y region', nor a name that
    # is known with its noun ('New York City' is the NER's)
    assert geo._before_place_noun("Crowds filled Shahr e Kord city.") == []
    assert geo._before_place_noun("Shells hit Qzxyv, Donetsk region.") == []
    assert geo._before_place_noun("The New York City council met.") == []
    # unknown leading words go, but a name is not cut down to its last word
    assert [f.text for f in geo._before_place_noun("Troops left Qzxyv Imam Sahib district.")] \
        == ["Imam Sahib"]
    assert geo._before_place_noun("Cases rose in Kasai Occidental province.") == []


@pytest.mark.slow
def test_a_small_town_before_its_place_noun_is_the_events_place(make_doc):
    text = "On 3 May 2022, gunmen abducted four traders along a road, Sabon Birni LGA (Sokoto)."
    adoc, by_text = _places(make_doc, text)
    assert by_text["Sabon Birni"].country == "NGA"
    locs = [e.event_loc for e in adoc.events if e.event_loc]
    assert locs and locs[0]["name"] == "Sabon Birni"
