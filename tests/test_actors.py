"""The actors stage: lexicon matching, attachment of countries to agents, roles, metonymy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cronica.resources import read_tsv
from cronica.stages.actors.coder import actor_for_span, code_text
from cronica.stages.actors.lexicon import load_lexicon, normalize
from cronica.stages.language.bundle import load_bundle

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "examples" / "seed" / "article.txt").read_text(encoding="utf-8")
SEED_GOLD = json.loads(
    (ROOT / "tests" / "fixtures" / "seed_expected.json").read_text(encoding="utf-8")
)


def _actors(make_doc, text: str, lang: str = "es"):
    return make_doc(text, lang=lang, stages=["actors"]).actors


def _by_text(actors, text: str):
    hits = [m for m in actors if m.span.text.lower() == text.lower()]
    assert hits, f"no mention {text!r} in {[(m.span.text, m.code) for m in actors]}"
    return hits[0]


# -- the seed article ------------------------------------------------------
@pytest.fixture(scope="module")
def seed(make_doc):
    return make_doc(SEED_TEXT, lang="es", date="2024-01-26", stages=["actors"])


@pytest.mark.parametrize("gold", SEED_GOLD["actors"], ids=lambda a: a["text"])
def test_seed_actor_span_and_code(seed, gold):
    want = gold["code"] if isinstance(gold["code"], list) else [gold["code"]]
    hits = [m for m in seed.actors if m.span.text.lower() == gold["text"].lower()]
    assert hits, f"{gold['text']!r} not a mention"
    for m in hits:
        assert set(m.codes) & set(want), f"{gold['text']}: {m.codes}, want {want}"


def test_seed_mentions_are_ordered_and_consistent(seed):
    text = seed.article.text
    assert [m.id for m in seed.actors] == [f"a{i}" for i in range(len(seed.actors))]
    starts = [m.span.start for m in seed.actors]
    assert starts == sorted(starts)
    for m in seed.actors:
        assert text[m.span.start : m.span.end] == m.span.text
        assert m.code == m.codes[0]
        tok = seed.doc[m.head]
        assert m.span.start <= tok.idx < m.span.end
        assert seed.sentences[m.span.sentence].contains(m.span)


def test_seed_metonymy_only_for_acting_capitals(seed):
    capitals = [m for m in seed.actors if m.kind == "capital"]
    assert {m.span.text for m in capitals} == {"Bagdad", "Washington"}
    assert all(m.metonymy and m.sector == "GOV" for m in capitals)
    # 'presencia continua en Irak' is a place, not an actor
    i = SEED_TEXT.index("presencia continua en Irak") + len("presencia continua en ")
    assert not any(m.span.start == i for m in seed.actors)


# -- countries, capitals, agents --------------------------------------------
def test_capital_acts_or_is_a_place(make_doc):
    acting = _actors(make_doc, "Moscú anunció nuevas sanciones contra Kiev.")
    m = _by_text(acting, "Moscú")
    assert (m.code, m.metonymy, m.kind) == ("RUSGOV", True, "capital")
    place = _actors(make_doc, "La reunión se celebró en Moscú el martes.")
    assert not any("Moscú" in m.span.text for m in place)


def test_agent_takes_attached_country_whole_phrase(make_doc):
    adoc = make_doc("El gobierno de Perú rechazó la propuesta del ministerio.", stages=["actors"])
    m = _by_text(adoc.actors, "El gobierno de Perú")
    assert (m.code, m.country, m.sector) == ("PERGOV", "PER", "GOV")
    assert adoc.doc[m.head].text == "gobierno"  # the head word, not the determiner
    actors = adoc.actors
    bare = _by_text(actors, "ministerio")
    assert (bare.code, bare.country) == ("GOV", "")


def test_demonym_inflections_attach(make_doc):
    actors = _actors(make_doc, "La policía colombiana detuvo a dos estudiantes chilenas en Quito.")
    assert _by_text(actors, "La policía colombiana").code == "COLCOP"
    assert _by_text(actors, "estudiantes chilenas").code == "CHLEDU"
    assert not any(m.span.text == "Quito" for m in actors)


def test_coordinated_demonyms_one_mention_several_codes(make_doc):
    actors = _actors(make_doc, "Diplomáticos franceses y alemanes se reunieron ayer.")
    m = _by_text(actors, "Diplomáticos franceses y alemanes")
    assert m.codes == ["FRAGOV", "DEUGOV"] and m.code == "FRAGOV"
    two = _actors(make_doc, "Francia y Alemania firmaron un acuerdo.")
    assert [m.code for m in two] == ["FRA", "DEU"]


def test_sector_without_country(make_doc):
    actors = _actors(make_doc, "El ejército disparó contra los manifestantes.")
    army = _by_text(actors, "El ejército")
    assert (army.code, army.country, army.sector) == ("MIL", "", "MIL")
    assert _by_text(actors, "los manifestantes").code == "CVL"


def test_adjective_use_is_no_actor(make_doc):
    actors = _actors(make_doc, "La comisión militar visitó el suelo iraquí.")
    assert actors == []


def test_backed_group_takes_backer(make_doc):
    actors = _actors(make_doc, "Milicias respaldadas por Irán atacaron la base.")
    m = actors[0]
    assert m.span.text.startswith("Milicias") and m.code == "IRNUAF"
    assert m.confidence < 0.9


def test_title_person_and_surname_coreference(make_doc):
    text = (
        "La ministra de Exteriores de Chile, Ana Sofía Barrientos, viajó a Lima. "
        "Barrientos dijo que el diálogo continuará."
    )
    actors = _actors(make_doc, text)
    person = _by_text(actors, "Ana Sofía Barrientos")
    assert (person.code, person.kind) == ("CHLGOV", "person")
    later = [m for m in actors if m.span.text == "Barrientos"]
    assert later and later[0].code == "CHLGOV"


def test_organisations_and_groups(make_doc):
    actors = _actors(
        make_doc, "La OTAN y la ONU condenaron los ataques de Hezbolá y del Estado Islámico."
    )
    codes = {m.span.text: m.code for m in actors}
    assert codes["OTAN"] == "IGO" and codes["ONU"] == "IGO"
    assert codes["Hezbolá"] == "LBNREB" and codes["Estado Islámico"] == "IMG"


def test_accents_stripped_and_capitals(make_doc):
    text = "GUERRILLEROS DE LAS FARC atacaron a la policia y a un campesino de 40 annos ."
    actors = _actors(make_doc, text)
    assert actors[0].code == "COLREB" and actors[0].span.text == "GUERRILLEROS DE LAS FARC"
    assert _by_text(actors, "la policia").code == "COP"
    assert _by_text(actors, "un campesino").code == "AGR"


def test_members_of_take_the_group_code(make_doc):
    actors = _actors(make_doc, "Miembros de un grupo armado secuestraron a un comerciante.")
    assert _by_text(actors, "Miembros de un grupo armado").code == "UAF"
    assert _by_text(actors, "un comerciante").code == "BUS"


def test_media_is_jrn(make_doc):
    actors = _actors(make_doc, "Según la agencia Reuters y Al Jazeera, hubo combates.")
    assert _by_text(actors, "Reuters").code == "GBRJRN"
    m = _by_text(actors, "Al Jazeera")
    assert (m.code, m.kind) == ("QATJRN", "media")


# -- English --------------------------------------------------------------
def test_english_agents_demonyms_backers(make_doc):
    text = "U.S. forces and Iraqi police clashed with Iran-backed militias in Baghdad."
    actors = _actors(make_doc, text, lang="en")
    codes = [m.code for m in actors]
    assert codes[:2] == ["USAMIL", "IRQCOP"]
    assert "IRNUAF" in codes
    assert not any(m.span.text == "Baghdad" for m in actors)


def test_english_capitals_as_governments(make_doc):
    actors = _actors(make_doc, "Washington warned that Tehran would pay a price.", lang="en")
    assert [(m.span.text, m.code, m.metonymy) for m in actors] == [
        ("Washington", "USAGOV", True),
        ("Tehran", "IRNGOV", True),
    ]


def test_english_title_before_name(make_doc):
    actors = _actors(
        make_doc, "British Foreign Secretary David Cameron met the Kenyan president.", lang="en"
    )
    assert actors[0].code == "GBRGOV" and "David Cameron" in actors[0].span.text
    assert actors[-1].code == "KENGOV"


# -- helpers for other stages ------------------------------------------------
def test_actor_for_span_prefers_the_phrase_head(make_doc):
    text = "El presidente colombiano, Gustavo Petro, criticó a la OTAN."
    adoc = make_doc(text, lang="es", stages=["actors"])
    subj = actor_for_span(adoc, 0, text.index(", criticó"))
    assert subj is not None and subj.code == "COLGOV"
    obj = actor_for_span(adoc, text.index("a la OTAN"), len(text) - 1)
    assert obj is not None and obj.code == "IGO"
    assert actor_for_span(adoc, text.index("criticó"), text.index("criticó") + 7) is None


@pytest.mark.parametrize(
    "text,lang,codes",
    [
        ("Ministerio de Asuntos Exteriores de Irak", "es", ["IRQGOV"]),
        ("Funcionarios estadounidenses e iraquíes", "es", ["USAGOV", "IRQGOV"]),
        ("el portavoz del ejército ucraniano", "es", ["UKRMIL"]),
        ("Guerrilleros del ELN", "es", ["COLREB"]),
        ("Bagdad", "es", ["IRQGOV"]),
        ("Reuters", "en", ["GBRJRN"]),
        ("Israeli officials", "en", ["ISRGOV"]),
        ("un vecino", "es", ["CVL"]),
        ("Vladimir Putin", "en", ["RUSGOV"]),
        ("los paramilitares", "es", ["COLUAF"]),
        ("los sindicatos", "es", ["LAB"]),
        ("milicias", "es", ["UAF"]),
        ("la mesa de madera", "es", []),
    ],
)
def test_code_text(text, lang, codes):
    assert code_text(text, lang) == codes


# -- data --------------------------------------------------------------------
def test_inflections_by_the_bundle_rules():
    spanish_inflections, english_inflections = load_bundle("es").inflect, load_bundle("en").inflect
    assert spanish_inflections("colombiano") == [
        "colombiano",
        "colombiana",
        "colombianos",
        "colombianas",
    ]
    assert set(spanish_inflections("iraquí")) >= {"iraquí", "iraquíes"}
    assert set(map(normalize, spanish_inflections("francés"))) == {
        "frances",
        "francesa",
        "franceses",
        "francesas",
    }
    assert spanish_inflections("estadounidense") == ["estadounidense", "estadounidenses"]
    assert english_inflections("Iraqi") == ["Iraqi", "Iraqis"] and english_inflections(
        "Chinese"
    ) == ["Chinese"]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_country_has_a_name_and_most_a_demonym(lang):
    shared = {row[0] for row in read_tsv("countries.tsv")}
    assert {"PSE", "KOS", "TWN", "USA", "IRQ"} <= shared and len(shared) >= 196
    rows = {row[0]: row for row in read_tsv(lang, "countries.tsv")}
    assert shared == set(rows)
    assert sum(1 for r in rows.values() if len(r) > 2 and r[2]) >= 120
    named = [iso for iso, r in rows.items() if r[1]]
    assert len(named) >= len(shared) - 1


def test_normalize_keeps_offsets():
    for text in ("Irak, EE. UU. y Türkiye", "İstanbul ﬁn", "niña annos"):
        assert len(normalize(text)) == len(text)
    assert normalize("Moscú") == "moscu"


def test_short_acronyms_need_capitals():
    lex = load_lexicon("en")
    assert [m.entry.country for m in lex.find("The US said")] == ["USA"]
    assert lex.find("let us say") == []


# -- fallbacks and knowledge ---------------------------------------------------
def test_modifier_after_a_coordinated_noun_is_not_attached(make_doc):
    text = "Los rebeldes atacaron a las fuerzas y bases militares de Brasil."
    actors = _actors(make_doc, text)
    assert _by_text(actors, "las fuerzas").code == "MIL"
    assert _by_text(actors, "Brasil").code == "BRA"


def test_well_known_leader_without_role(make_doc):
    actors = _actors(make_doc, "El viernes, Putin recibió a una delegación.")
    assert _by_text(actors, "Putin").code == "RUSGOV"
    en = _actors(make_doc, "President Bush met reporters.", lang="en")
    assert en[0].code == "USAGOV" and en[0].span.text == "President Bush"


def test_unknown_person_is_a_low_confidence_civilian(make_doc):
    actors = _actors(make_doc, "Ayer por la tarde, Rodrigo Quintanilla Ferraz fue detenido.")
    m = _by_text(actors, "Rodrigo Quintanilla Ferraz")
    assert (m.code, m.kind) == ("CVL", "person") and m.confidence < 0.5


def test_short_form_after_full_name(make_doc):
    text = "La coalición internacional bombardeó posiciones. Después, la coalición se retiró."
    actors = _actors(make_doc, text)
    assert [m.code for m in actors if "coalición" in m.span.text] == ["IMG", "IMG"]
    alone = _actors(make_doc, "La coalición de gobierno se rompió.")
    assert not any(m.code == "IMG" for m in alone)


def test_named_party_versus_lowercase_word(make_doc):
    actors = _actors(make_doc, "El Partido Verde criticó el partido de fútbol.")
    assert [m.code for m in actors] == ["PTY"]


def test_membership_noun_alone_is_no_actor_but_keeps_what_it_governs(make_doc):
    actors = _actors(make_doc, "Los miembros de la OTAN votaron.")
    nato = _by_text(actors, "Los miembros de la OTAN")
    assert nato.code == "IGO"
    assert _actors(make_doc, "Los miembros votaron ayer.") == []
    actors = _actors(make_doc, "La administración anunció cambios.")
    assert actors == []  # 'administración' is an actor only with a country or a name


@pytest.mark.parametrize(
    "text,codes",
    [
        ("EE. UU. y la UE firmaron.", ["USA", "IGO"]),
        ("EEUU, Corea del Norte y los talibanes hablaron.", ["USA", "PRK", "AFGREB"]),
        ("Los iraquíes votaron y los estadounidenses también.", ["IRQ", "USA"]),
    ],
)
def test_spelling_variants(make_doc, text, codes):
    assert [m.code for m in _actors(make_doc, text)] == codes


def test_definite_state_agent_refers_back(make_doc):
    text = (
        "Las tropas peruanas entraron en la zona. Después, las tropas se retiraron. "
        "Unos manifestantes gritaron y la policía intervino."
    )
    actors = _actors(make_doc, text)
    later = [m for m in actors if m.span.text == "las tropas"]
    assert later and later[0].code == "PERMIL" and later[0].confidence < 0.9
    assert _by_text(actors, "la policía").code == "COP"  # no police named before


# -- attachment through the parse, roles, context (invented sentences) -------------------
def test_agent_located_in_a_country_takes_it(make_doc):
    en = _actors(make_doc, "Rebels in Chad attacked a convoy on Monday.", lang="en")
    assert _by_text(en, "Rebels").code == "TCDREB"
    assert not any(m.span.text == "Chad" for m in en)  # still a place for the place stage
    es = _actors(make_doc, "Los rebeldes en Colombia rechazaron la tregua.")
    assert _by_text(es, "Los rebeldes").code == "COLREB"
    # troops stationed in a country are often foreign: no guess for the military
    blue = _actors(make_doc, "Officials said peacekeepers in Haiti would stay.", lang="en")
    assert _by_text(blue, "peacekeepers").code == "MIL"


def test_former_title_is_eli(make_doc):
    en = _actors(make_doc, "The former Chilean president criticised the plan.", lang="en")
    assert en[0].code == "CHLELI"
    es = _actors(make_doc, "El ex presidente peruano criticó el plan.")
    assert es[0].code == "PERELI"


def test_known_leader_gives_the_country_to_the_body_he_heads(make_doc):
    actors = _actors(make_doc, "The Merkel government rejected the offer.", lang="en")
    assert _by_text(actors, "government").code == "DEUGOV"


def test_title_and_name_take_the_country_of_the_sentence(make_doc):
    text = "President Tomas Verbek declared a curfew in Moldova on Sunday."
    m = _by_text(_actors(make_doc, text, lang="en"), "President Tomas Verbek")
    assert m.code == "MDAGOV" and m.confidence <= 0.5
    text = "El presidente Tomás Ribera decretó el toque de queda en Bolivia."
    actors = _actors(make_doc, text)
    assert any(m.code == "BOLGOV" and "Ribera" in m.span.text for m in actors)
    # two countries in the sentence: no guess
    two = "President Tomas Verbek met envoys from Chile and Peru."
    assert _by_text(_actors(make_doc, two, lang="en"), "President Tomas Verbek").code == "GOV"


def test_organisation_before_a_titled_name(make_doc):
    text = "Arab League Secretary General Nabil Haddad arrived on Monday."
    actors = _actors(make_doc, text, lang="en")
    assert any(m.code == "IGOGOV" and "Haddad" in m.span.text for m in actors)


def test_demonym_on_a_noun_of_action_names_the_country(make_doc):
    en = _actors(make_doc, "Chile rejected an Argentine proposal on fishing.", lang="en")
    assert _by_text(en, "Argentine").code == "ARG"
    es = _actors(make_doc, "Perú rechazó la propuesta argentina sobre la pesca.")
    assert _by_text(es, "argentina").code == "ARG"
    assert _actors(make_doc, "La comisión visitó el suelo iraquí.") == []


def test_agent_adjective_on_a_noun_of_action(make_doc):
    es = _actors(make_doc, "Los ataques guerrilleros dejaron tres muertos.")
    assert _by_text(es, "guerrilleros").code == "REB"
    op = _actors(make_doc, "Un operativo policial terminó con dos detenidos.")
    assert _by_text(op, "policial").code == "COP"


def test_agent_in_a_capitals_headline(make_doc):
    actors = _actors(make_doc, "CAMPESINOS BLOQUEAN LA CARRETERA DEL NORTE")
    assert _by_text(actors, "CAMPESINOS").code == "AGR"


def test_demonym_after_a_locative_word_still_attaches(make_doc):
    text = "A detainee died while in Egyptian police custody, a report said."
    actors = _actors(make_doc, text, lang="en")
    assert _by_text(actors, "Egyptian police").code == "EGYCOP"


def test_anti_country_is_not_the_agent_s_country(make_doc):
    text = "An anti-Iran reporter was wounded in an explosion."
    actors = _actors(make_doc, text, lang="en")
    assert not any(m.code == "IRNJRN" for m in actors)
    assert any(m.sector == "JRN" for m in actors)


def test_leader_names_and_common_surnames():
    lex = load_lexicon("es")
    assert lex.leader("Ernesto Pérez Balladares").code == "PANGOV"
    assert lex.leader("Fujimori").code == "PERGOV"
    assert lex.leader("Juan Pérez") is None  # a surname is matched alone only when listed
    assert lex.leader("Pedro Sánchez").code == "ESPGOV" and lex.leader("Luis Sánchez") is None


def test_well_known_leader_missed_by_the_ner(make_doc):
    actors = _actors(make_doc, "Fujimori, por su parte, viajó a Tokio con su familia.")
    assert _by_text(actors, "Fujimori").code == "PERGOV"


@pytest.mark.parametrize(
    "text,lang,codes",
    [
        ("UN peacekeepers", "en", ["IGOMIL"]),
        ("los cascos azules de la ONU", "es", ["IGOMIL"]),
        ("the European Community", "en", ["IGO"]),
        ("UNITA", "en", ["AGOREB"]),
        ("los Jemeres Rojos", "es", ["KHMREB"]),
        ("Fijian rebels", "en", ["FJIREB"]),
        ("Kampuchea", "en", ["KHM"]),
        ("militias from Darfur", "en", ["SDNUAF"]),
        ("los rebeldes de Chechenia", "es", ["RUSREB"]),
        ("the rulers of Belarus", "en", ["BLRGOV"]),
        ("the police chief of Damascus", "en", ["SYRCOP"]),
        ("los moradores de Caracas", "es", ["VENCVL"]),
    ],
)
def test_added_lexicon_entries(text, lang, codes):
    assert code_text(text, lang) == codes
