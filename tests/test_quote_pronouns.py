"""A pronoun subject in reported speech is the speaker ('the rebels said they will release');
in direct speech only the first person is: a quoted 'they' are others, never the witness
who is quoted. Invented sentences."""

from __future__ import annotations

import pytest


def _actors(text: str, lang: str) -> dict[str, str | None]:
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2024-01-22")
    return {e["event"]: (e["actor"] or {}).get("text") for e in out["events"]}


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, event", [
    ('"They burned houses and shot anyone who tried to flee," said a resident.', "en", "ASSAULT"),
    ("«Ellos atacaron la aldea de noche», contó un vecino.", "es", "ASSAULT"),
])
def test_a_quoted_third_person_is_not_the_witness(text, lang, event):
    actor = _actors(text, lang)[event]
    assert actor is None or ("resident" not in actor and "vecino" not in actor)


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, event, speaker", [
    ("The rebels said they will release the hostages.", "en", "RETREAT", "rebels"),
    ('"We will attack the base," the rebel commander said.', "en", "THREATEN", "commander"),
])
def test_the_speaker_stays_the_subject_of_reported_and_first_person_speech(text, lang, event,
                                                                           speaker):
    assert speaker in (_actors(text, lang)[event] or "")
