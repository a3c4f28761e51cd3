"""BRAT actor roles, branch brat9 (issue 12): the other party of talks one is called or
asked to. Short invented sentences."""

from __future__ import annotations

from functools import partial

import pytest
from pipeline_helpers import extracted_events

_events = partial(extracted_events, lang="es", secondary=True)


def _recipient_of(text: str, event: str) -> str | None:
    found = [e for e in _events(text) if e["event"] == event]
    assert found, f"no {event} in {text!r}"
    rec = found[0]["recipient"]
    return rec["text"] if rec else None


@pytest.mark.slow
@pytest.mark.parametrize("text,event,addressee", [
    # the act is the complement of the verb of calling, two clauses down
    ("El presidente convocó a los rebeldes para iniciar el diálogo.", "CONSULT", "rebeldes"),
    # an infinitive complement: 'invitar a alguien a negociar'
    ("La ministra invitó a los huelguistas a negociar.", "CONSULT", "huelguistas"),
    # 'llamar a alguien a algo': the agreement is with the one called
    ("El gobierno llamó a la oposición a un acuerdo nacional.", "AGREE", "oposición"),
])
def test_the_one_called_to_talks_is_the_other_party(text, event, addressee):
    rec = _recipient_of(text, event)
    assert rec is not None and addressee in rec


@pytest.mark.slow
def test_a_manner_phrase_yields_to_a_named_addressee():
    # 'al más alto nivel' is how the talks are to be held, not with whom
    rec = _recipient_of("Los mineros pidieron a Juan Pérez diálogo al más alto nivel.", "CONSULT")
    assert rec is not None and "Juan Pérez" in rec


@pytest.mark.slow
def test_a_named_party_of_the_talks_is_kept():
    # the talks' own 'con' party outranks the one asked
    rec = _recipient_of("Los obreros pidieron al ministro que negocie con el sindicato.", "CONSULT")
    assert rec is not None and "sindicato" in rec


@pytest.mark.slow
def test_a_verb_that_calls_nobody_adds_no_recipient():
    # no addressee with 'a': the rule gives nothing
    rec = _recipient_of("El presidente convocó para el lunes el diálogo nacional.", "CONSULT")
    assert rec is None or "lunes" not in rec


@pytest.mark.slow
@pytest.mark.parametrize("text,taken", [
    ("Los campesinos tomaron el local municipal.", "local"),
    ("Los estudiantes tomaron la sede del ministerio.", "sede"),
    # the one-word row already read its object so; the two agree
    ("Los obreros ocuparon la fábrica.", "fábrica"),
])
def test_the_premises_taken_are_the_recipient(text, taken):
    rec = _recipient_of(text, "PROTEST")
    assert rec is not None and taken in rec


@pytest.mark.slow
def test_taking_the_streets_names_no_recipient():
    # 'tomar las calles' is taking to the streets, not occupying someone's premises
    assert _recipient_of("Los vecinos tomaron las calles.", "PROTEST") is None


def _args_of(text: str, trigger: str) -> tuple[str | None, str | None]:
    found = [e for e in _events(text) if e["trigger"]["text"].startswith(trigger)]
    assert found, f"no event at {trigger!r} in {text!r}"
    a, r = found[0]["actor"], found[0]["recipient"]
    return (a["text"] if a else None), (r["text"] if r else None)


@pytest.mark.slow
def test_a_participle_coordinated_with_a_passive_is_passive():
    # 'fue saqueado e incendiado por X': the auxiliary is shared, so is the voice
    actor, recipient = _args_of(
        "Un depósito de comida fue saqueado e incendiado por los manifestantes.", "incendiado")
    assert actor is not None and "manifestantes" in actor
    assert recipient is not None and "depósito" in recipient


@pytest.mark.slow
def test_a_participle_after_an_active_perfect_stays_active():
    # 'han atacado y saqueado': 'haber' makes a perfect, not a passive
    actor, _ = _args_of("Los soldados han atacado y saqueado la aldea.", "atacado")
    assert actor is not None and "soldados" in actor


@pytest.mark.slow
@pytest.mark.parametrize("text,trigger,antecedent", [
    # the parser hangs the relative clause on the main verb: the noun before the comma
    ("El gobierno expulsó a los periodistas, a los que acusa de espionaje.", "acusa", "periodistas"),
    ("Detuvieron al alcalde, al cual acusan de fraude.", "acusan", "alcalde"),
    # 'quien' names a person: the name inside the phrase, not the office it hangs on
    ("Los jueces llegaron durante la presidencia de Juan Pérez (1990-95), a quien se acusó "
     "de corrupción.", "acus", "Juan Pérez"),
])
def test_a_relative_object_is_its_antecedent(text, trigger, antecedent):
    _, recipient = _args_of(text, trigger)
    assert recipient is not None and antecedent in recipient


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # 'entre X y Y' hung on the verb that states the clash, right after the noun's phrase
    "Ayer se produjeron choques violentos entre policías y estudiantes.",
    "Los disturbios dejaron choques entre policías y estudiantes.",
])
def test_the_two_sides_of_a_clash_hung_on_its_verb(text):
    actor, recipient = _args_of(text, "choques")
    assert actor is not None and "policías" in actor
    assert recipient is not None and "estudiantes" in recipient


@pytest.mark.slow
def test_an_entre_phrase_after_another_noun_is_not_the_subjects():
    # the riots are the verb's subject; 'entre X y Y' follows the clash, not them
    actor, recipient = _args_of("Los disturbios dejaron choques entre policías y estudiantes.",
                                "disturbios")
    assert actor is None or "policías" not in actor
    assert recipient is None or "estudiantes" not in recipient


@pytest.mark.slow
def test_a_mistagged_bare_plural_object_is_the_recipient():
    # the tagger reads 'supermercados' as an adjective; in the object slot it is a noun
    _, recipient = _args_of("Centenares de personas asaltaron supermercados en la capital.",
                            "asaltaron")
    assert recipient is not None and "supermercados" in recipient
