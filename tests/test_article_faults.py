"""Faults found by running whole invented articles: a month before a year is a date, not the
town of that name."""

from __future__ import annotations

import pytest

ARTICLE = (
    "Thousands rally in the capital against a media law\n"
    "Thousands of students marched through the capital on Saturday to protest a draft media "
    "law, organisers said.\n"
    "Police detained 20 people outside parliament.\n"
    "A similar law was withdrawn in March 2023 after two nights of street protests.\n"
)


@pytest.fixture(scope="module")
def events() -> list[dict]:
    from cronica.pipeline import extract

    return extract(ARTICLE, lang="en", date="2024-05-12")["events"]


@pytest.mark.slow
def test_a_month_before_a_year_is_no_place(events):
    names = {(e["event_loc"] or {}).get("name") for e in events}
    assert "March" not in names
