"""Event arguments as a user sees them (branch target7, issue 12). Short invented
sentences."""

from __future__ import annotations

import pytest

from cronica.model import ActorMention, ArticleDoc, EventArg, arg_to_dict


def _args(text: str, lang: str) -> list[dict]:
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2024-03-03")
    found = []
    for e in [*out["events"], *out.get("secondary_events", [])]:
        found += [a for a in (e["actor"], e["recipient"]) if a]
        for m in e.get("mentions", []):
            found += [a for a in (m.get("actor"), m.get("recipient")) if a]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("text,lang", [
    ("The president vowed to crush the unrest.", "en"),
    ("El gobierno prometió aplastar la revuelta.", "es"),
    ("Los vecinos protestaron contra la subida de los precios.", "es"),
])
def test_every_argument_has_a_code_or_none(text, lang):
    args = _args(text, lang)
    assert args, "the sentence has an argument"
    for a in args:
        assert a["code"] is None or a["code"], a
        assert a["codes"] == ([] if a["code"] is None else a["codes"]), a
        assert a["code"] is None or a["code"] in a["codes"], a


def test_an_uncoded_phrase_keeps_its_span_without_a_code():
    arg = EventArg("la subida", "", [], 10, 19)
    out = arg_to_dict(arg)
    assert out is not None and out["code"] is None and out["codes"] == [] and out["text"] == "la subida"


def test_a_mention_with_a_sector_but_no_code_gives_the_sector():
    from cronica.model import Article, Span

    adoc = ArticleDoc(Article(id="a", text="La policía cargó."))
    adoc.actors = [ActorMention("a0", Span("La policía", 0, 10, 0), "", sector="COP")]
    out = arg_to_dict(EventArg("La policía", "", [], 0, 10, "a0"), adoc)
    assert out is not None and out["code"] == "COP" and out["codes"] == ["COP"]


def _roles(text: str, lang: str, trigger: str) -> tuple[str, str]:
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2024-03-03")
    for e in [*out["events"], *out.get("secondary_events", [])]:
        if e["trigger"]["text"].startswith(trigger):
            return (e["actor"] or {}).get("text") or "", (e["recipient"] or {}).get("text") or ""
    raise AssertionError(f"no event at {trigger!r}")


@pytest.mark.slow
@pytest.mark.parametrize("text,lang,trigger,actor,recipient", [
    ("El presidente Juan Pérez recibió amenazas de los rebeldes.", "es", "amenazas", "rebeldes", "presidente"),
    ("El cuartel sufrió un ataque de la guerrilla.", "es", "ataque", "guerrilla", "cuartel"),
    ("El alcalde fue objeto de un abucheo de los vecinos.", "es", "abucheo", "vecinos", "alcalde"),
    ("El ministro fue víctima de un atentado.", "es", "atentado", "", "ministro"),
    ("The base suffered an attack by insurgents.", "en", "attack", "insurgents", "base"),
])
def test_the_subject_of_a_verb_of_undergoing_is_the_recipient(text, lang, trigger, actor, recipient):
    got_actor, got_recipient = _roles(text, lang, trigger)
    assert recipient in got_recipient and (actor in got_actor if actor else not got_actor), (got_actor, got_recipient)


def test_a_contraction_inside_a_locution_is_read_as_its_preposition():
    import spacy

    from cronica.stages.events.recipient import case_of

    nlp = spacy.blank("es")
    doc = spacy.tokens.Doc(nlp.vocab, words=["marcharon", "frente", "al", "Congreso"],
                           heads=[0, 3, 1, 0], deps=["ROOT", "case", "fixed", "obl"],
                           pos=["VERB", "ADV", "ADP", "PROPN"])
    assert case_of(doc[3]) == "frente a"


def _recipient(text: str, lang: str, trigger: str) -> dict:
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2024-03-03")
    for e in out["events"]:
        if e["trigger"]["text"].startswith(trigger):
            return e["recipient"] or {}
    raise AssertionError(f"no event at {trigger!r}")


@pytest.mark.slow
@pytest.mark.parametrize("text,lang,trigger,first,last,codes", [
    ("Los rebeldes atacaron a policías y soldados en la capital.", "es", "atacaron",
     "policías", "soldados", {"COP", "MIL"}),
    ("The rebels attacked police officers and soldiers near the border.", "en", "attacked",
     "police", "soldiers", {"COP", "MIL"}),
])
def test_a_recipient_spans_the_nouns_coordinated_with_it(text, lang, trigger, first, last, codes):
    r = _recipient(text, lang, trigger)
    assert r["text"].startswith(first) and r["text"].endswith(last), r
    assert set(r["codes"]) == codes and r["code"] in codes, r


@pytest.mark.slow
def test_a_conjunct_behind_another_preposition_is_another_role():
    r = _recipient("Los manifestantes protestaron contra el gobierno y por la liberación de los "
                   "presos.", "es", "protestaron")
    assert r["text"] == "el gobierno", r


@pytest.mark.slow
def test_a_widened_recipient_never_takes_in_the_actor():
    from cronica.pipeline import extract

    out = extract("El gobierno y la oposición firmaron un acuerdo.", lang="es", date="2024-03-03")
    for e in out["events"]:
        a, r = e["actor"], e["recipient"]
        if a and r:
            assert a["end"] <= r["start"] or r["end"] <= a["start"], (a, r)


@pytest.mark.slow
def test_an_actor_spans_the_nouns_coordinated_with_it():
    from cronica.pipeline import extract

    out = extract("Los mineros y los campesinos bloquearon la carretera.", lang="es", date="2024-03-03")
    e = next(e for e in out["events"] if e["trigger"]["text"].startswith("bloquearon"))
    assert e["actor"]["text"] == "Los mineros y los campesinos", e["actor"]
    assert "campesinos" not in (e["recipient"] or {}).get("text", "")
