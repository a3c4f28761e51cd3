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
