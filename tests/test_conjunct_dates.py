"""A time adjunct at the end of a coordination dates every conjunct ('killed 20 and wounded
dozens more ... on Sunday'), before the date of the verb that reports them ('..., officials
said Monday'); a conjunct in another tense does not share it. Invented sentences."""

from __future__ import annotations

import pytest


def _dates(text: str, lang: str) -> dict[str, str | None]:
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2024-01-22")  # a Monday
    return {e["trigger"]["text"]: e["date"] for e in out["events"]}


@pytest.mark.slow
def test_a_shared_adjunct_dates_the_first_conjunct_before_the_report():
    dates = _dates("Suspected rebels killed 12 farmers and wounded dozens more in an attack on "
                   "a village on Sunday, local officials said Monday.", "en")
    assert dates["killed"] == "2024-01-21"


@pytest.mark.slow
def test_the_first_conjunct_keeps_its_own_date():
    dates = _dates("Police arrested five protesters on Saturday and released them on Sunday.",
                   "en")
    assert dates["arrested"] == "2024-01-20"
