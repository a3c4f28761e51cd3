"""A count whose noun carries an adjective of the state ('dejó tres soldados muertos', 'dos
manifestantes heridos') fills dead / injured. Invented sentences."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_dead_and_injured_from_state_adjectives():
    from cronica.pipeline import extract

    (e,) = extract("Un tiroteo dejó tres soldados armenios muertos y cinco heridos.",
                   lang="es", date="2025-03-04")["events"]
    assert e["dead"]["value"] == 3 and e["injured"]["value"] == 5
