"""English 'mobilize': by the PLOVER manual MOBILIZE is a military or police move; a civilian
group mobilising people ('the unions mobilized workers') is a rally, PROTEST demo (CAMEO 141),
as Spanish 'movilizar' already is. Invented sentences."""

from __future__ import annotations

import pytest


def _types(text: str) -> list[tuple[str, str | None]]:
    from cronica.pipeline import extract

    return [(e["event"], e["mode"]) for e in extract(text, lang="en", date="2024-03-03")["events"]]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The unions mobilized workers against the pension reform.",
    "Students mobilized across the country.",
    "The opposition mobilized its supporters in the capital.",
])
def test_civilians_mobilising_people_is_a_protest(text):
    assert ("PROTEST", "demo") in _types(text)
    assert not any(t == "MOBILIZE" for t, _ in _types(text))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The army mobilized 20,000 reservists.",
    "The union mobilized police officers in the capital.",
])
def test_forces_mobilised_stay_mobilize(text):
    assert any(t == "MOBILIZE" for t, _ in _types(text))
