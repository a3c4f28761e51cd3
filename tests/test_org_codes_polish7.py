"""An organisation row coded by its sector alone (a union of several countries: the CGT of
Argentina, France and Spain) has no country 'LAB': its country comes from context."""

from __future__ import annotations

import pytest

from cronica.stages.actors.lexicon import _split_code


@pytest.mark.parametrize("code, parts", [
    ("LAB", ("", "LAB")),
    ("IGO", ("IGO", "")),
    ("IMG", ("IMG", "")),
    ("COLREB", ("COL", "REB")),
    ("ARGLAB", ("ARG", "LAB")),
])
def test_split_code(code, parts):
    assert _split_code(code) == parts


@pytest.mark.slow
def test_union_of_several_countries_takes_the_dateline_country():
    from cronica.pipeline import extract

    out = extract("Buenos Aires, 10 abr (EFE).- La CGT convocó este jueves un paro general "
                  "contra la reforma laboral.", lang="es", date="2025-04-10")
    ev = next(e for e in out["events"] if e["actor"] and "CGT" in e["actor"]["text"])
    assert ev["actor_country"] == "ARG" and ev["actor_sector"] == "LAB"
    cgt = next(a for a in out["actors"] if a["span"]["text"] == "CGT")
    assert cgt["country"] != "LAB"
