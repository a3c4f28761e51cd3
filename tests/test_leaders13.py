"""Well-known leaders named without a role (data/leaders.tsv, leaders13): heads of state and
government of 2024-2025, ministers, IGO heads, armed-group and opposition leaders, in the
spellings Spanish and English agencies use; ambiguous surnames are matched only in full."""

from __future__ import annotations

import pytest

from cronica.resources import read_tsv
from cronica.stages.actors.lexicon import load_lexicon, name_key


def _actors(make_doc, text: str, lang: str):
    return make_doc(text, lang=lang, stages=["actors"]).actors


def _code_of(actors, text: str) -> str:
    hits = [m for m in actors if text.lower() in m.span.text.lower()]
    assert hits, f"no mention {text!r} in {[(m.span.text, m.code) for m in actors]}"
    return hits[0].code


@pytest.mark.parametrize(
    "text,lang,name,code",
    [
        ("En La Paz, Arce convocó a sus ministros a una reunión urgente.", "es", "Arce", "BOLGOV"),
        ("Ruto dijo el martes que la reforma seguirá adelante.", "en", "Ruto", "KENGOV"),
        (
            "On Monday Zelenskiy called on allies to send more air defences.",
            "en",
            "Zelenskiy",
            "UKRGOV",
        ),
        ("El jueves, Boric anunció un nuevo gabinete.", "es", "Boric", "CHLGOV"),
        ("Hemedti rechazó el domingo cualquier tregua.", "es", "Hemedti", "SDNREB"),
        (
            "Ayer, María Corina Machado pidió a sus seguidores marchar.",
            "es",
            "María Corina Machado",
            "VENOPP",
        ),
        ("On Sunday Pezeshkian warned that the talks could fail.", "en", "Pezeshkian", "IRNGOV"),
        # sentence-initial, a name the English tagger reads as an adjective ('-ian')
        ("Pezeshkian warned on Sunday that the talks could fail.", "en", "Pezeshkian", "IRNGOV"),
    ],
)
def test_added_leader_is_coded_without_a_role(make_doc, text, lang, name, code):
    assert _code_of(_actors(make_doc, text, lang), name) == code


def _leader_code(lang: str, name: str) -> str | None:
    entry = load_lexicon(lang).leader(name)
    return entry.code if entry is not None else None


@pytest.mark.parametrize("lang", ["es", "en"])
def test_added_spellings_and_full_names(lang):
    assert _leader_code(lang, "Volodímir Zelenski") == "UKRGOV"
    assert _leader_code(lang, "Jamenei") == "IRNGOV" and _leader_code(lang, "Khamenei") == "IRNGOV"
    assert _leader_code(lang, "Abbas Araqchi") == "IRNGOV"
    assert _leader_code(lang, "Mark Rutte") == "IGOGOV"
    assert _leader_code(lang, "Tedros") == "IGOMED"
    assert _leader_code(lang, "Pedro Castillo") == "PERGOV"
    assert _leader_code(lang, "Keiko Fujimori") == "PEROPP"  # the full name, not the surname
    assert _leader_code(lang, "Fujimori") == "PERGOV"
    assert _leader_code(lang, "Iván Duque") == "COLGOV"  # 'Duque' alone: a word, a place name


@pytest.mark.parametrize(
    "name",
    ["Castillo", "Machado", "Rubio", "Costa", "Khan", "Johnson", "Sánchez", "Martin", "Duque"],
)
def test_ambiguous_surname_alone_is_no_leader(name):
    for lang in ("es", "en"):
        assert load_lexicon(lang).leader(name) is None
        assert load_lexicon(lang).leader(f"Juan {name}") is None


def test_ambiguous_surname_alone_is_not_coded_as_the_leader(make_doc):
    actors = _actors(make_doc, "El miércoles, Castillo dijo que no renunciará.", "es")
    assert not any(m.code == "PERGOV" for m in actors)
    actors = _actors(make_doc, "On Friday, Machado said the vote was rigged.", "en")
    assert not any(m.code == "VENOPP" for m in actors)


def test_leader_rows_are_well_formed():
    seen: dict[str, str] = {}
    for row in read_tsv("leaders.tsv"):
        assert len(row) == 3, row
        forms, code, _ = row
        assert len(code) >= 3 and code.isupper(), row
        for form in forms.split("|"):
            key = name_key(form)
            assert key, row
            # one name form, one code: a repeated form would silently overwrite another row
            assert seen.setdefault(key, code) == code, (form, seen[key], code)


def test_a_common_word_that_is_no_listed_name_stays_uncoded(make_doc):
    # the tagger's adjective is let through only for a listed leader's name outside the
    # model's vocabulary: a capitalised ordinary word is no person
    actors = _actors(
        make_doc, "Iranian officials warned on Sunday that the talks could fail.", "en"
    )
    assert [m.code for m in actors if m.kind == "person"] == []
