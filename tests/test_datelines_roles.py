"""Datelines in agency forms (never an actor; the event's place only when the sentence
names none) and roles across speech verbs."""

from __future__ import annotations

import pytest

from cronica.read.dateline import dateline_end, find_dateline


@pytest.mark.parametrize("text,place,date,agency", [
    ("Bogotá, 14 mar (EFE).- El presidente habló.", "Bogotá", "14 mar", "EFE"),
    ("Kuala Lumpur, 28 jul (AFP).- Dos países firmaron.", "Kuala Lumpur", "28 jul", "AFP"),
    ("KUALA LUMPUR, 28 jul (AFP) - Two countries signed.", "KUALA LUMPUR", "28 jul", "AFP"),
    ("Ciudad de México, 3 de marzo de 2024 (EFE).- Texto.", "Ciudad de México",
     "3 de marzo de 2024", "EFE"),
    ("Washington, March 3 (Reuters) - The minister said.", "Washington", "March 3", "Reuters"),
    ("Lima (AFP) - El gobierno dijo.", "Lima", None, None),
    ("Madrid, 5 may.- Texto.", "Madrid", "5 may.", None),
    ("SAN SALVADOR, Abr 26\n\nTexto.", "SAN SALVADOR", "Abr 26", None),
])
def test_agency_datelines_in_every_case(text, place, date, agency):
    m = find_dateline(text)
    assert m is not None and m.group("place") == place and m.group("date") == date
    if agency:
        assert agency in (m.group("agency") or m.group("agency0"))


@pytest.mark.parametrize("text", [
    "El ministro, Jun 14 dijo que...",
    "Los manifestantes, unos 200 - dijeron.",
    "Rebels attacked: the army answered.",
    "La OTAN (Organización del Tratado del Atlántico Norte) - dijo",
])
def test_sentences_are_not_mixed_case_datelines(text):
    assert find_dateline(text) is None


def test_dateline_end_is_the_closing_dash():
    text = "Beirut, 12 nov (EFE).- El texto."
    start, end = dateline_end(text)
    assert text[start:end] == ".- "[: end - start] and "-" in text[start:end]
    assert dateline_end("NAIROBI, Kenya (AP)\nText.") is None


def _events(text: str, lang: str) -> list[dict]:
    from cronica.pipeline import extract

    return extract(text, lang=lang, date="2024-07-29")


@pytest.mark.slow
def test_a_mixed_case_dateline_is_never_an_actor():
    out = _events("Montevideo, 28 jul (EFE).- Brasil y Paraguay acordaron una tregua.", "es")
    assert not any(a["span"]["text"].startswith("Montevideo") for a in out["actors"])
    agree = [e for e in out["events"] if e["event"] == "AGREE"]
    assert agree and agree[0]["actor"]["text"] == "Brasil"


@pytest.mark.slow
def test_speaker_is_the_actor_of_a_subjectless_reported_act():
    out = _events("El Ejército peruano aseguró que atacó un campamento de los rebeldes.", "es")
    (ev,) = [e for e in out["events"] if e["event"] == "ASSAULT"]
    assert ev["actor"]["text"].startswith("El Ejército") and ev["actor_country"] == "PER"
    out = _events("Los rebeldes dijeron que el ejército atacó la aldea.", "es")
    (ev,) = [e for e in out["events"] if e["event"] == "ASSAULT"]
    assert ev["actor"]["text"] == "el ejército"  # the clause's own subject, not the speaker


@pytest.mark.slow
def test_titles_do_not_take_a_country_from_a_reported_clause_or_an_agency():
    out = _events("Regional governor Ivan Petrov said Chilean troops crossed the river.", "en")
    gov = next(a for a in out["actors"] if "governor" in a["span"]["text"])
    assert gov["country"] in ("", None)
    out = _events("Police spokesman John Doe told AFP that gunmen killed 12 villagers.", "en")
    spk = next(a for a in out["actors"] if "spokesman" in a["span"]["text"])
    assert spk["country"] in ("", None)


@pytest.mark.slow
@pytest.mark.parametrize("text,lang,event,actor,recipient", [
    ("Hubo enfrentamientos entre policías y manifestantes en la capital.", "es", "ASSAULT",
     "policías", "manifestantes"),
    ("La manifestación fue organizada por el movimiento Libertad.", "es", "PROTEST",
     "el movimiento Libertad", None),
    ("Desde la camilla, el oficial acusó a los soldados de haberle apuntado.", "es", "ACCUSE",
     "el oficial", "los soldados"),
])
def test_noun_and_passive_arguments(text, lang, event, actor, recipient):
    out = _events(text, lang)
    ev = next(e for e in out["events"] if e["event"] == event)
    assert ev["actor"]["text"] == actor
    assert (ev["recipient"] or {}).get("text") == recipient


@pytest.mark.slow
@pytest.mark.parametrize("text,event,actor,recipient", [
    ("Seis manifestantes resultaron heridos en los enfrentamientos.", "ASSAULT", None,
     "manifestantes"),
    ("Los trabajadores marcharon para protestar por la decisión del gobierno.", "PROTEST",
     "Los trabajadores", "gobierno"),
])
def test_victims_and_protest_targets(text, event, actor, recipient):
    out = _events(text, "es")
    ev = next(e for e in out["events"] if e["event"] == event)
    assert (ev["actor"] or {}).get("text") == actor
    assert (ev["recipient"] or {}).get("text", "").endswith(recipient)
