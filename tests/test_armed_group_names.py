"""A multiword armed-group name in orgs.tsv wins over the generic 'fuerzas'/'forces' agent
word, and the actor span covers the whole name. Invented sentences."""

from __future__ import annotations

import pytest


def _actors(text: str, lang: str) -> list[dict]:
    from cronica.pipeline import extract

    return [e["actor"] for e in extract(text, lang=lang, date="2024-03-03")["events"] if e["actor"]]


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, name", [
    ("Las Fuerzas de Apoyo Rápido bombardearon un mercado en Darfur.", "es", "Fuerzas de Apoyo Rápido"),
    ("The Rapid Support Forces shelled a market in Darfur.", "en", "Rapid Support Forces"),
])
def test_rapid_support_forces_are_a_sudanese_armed_group(text, lang, name):
    (actor, *_) = _actors(text, lang)
    assert actor["code"] == "SDNREB" and name in actor["text"]


@pytest.mark.slow
def test_generic_forces_stay_forces():
    (actor, *_) = _actors("Las fuerzas de seguridad dispersaron a los manifestantes en Jartum.", "es")
    assert actor["code"] != "SDNREB"
