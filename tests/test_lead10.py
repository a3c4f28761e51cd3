"""Lead, tenth round: behaviour found by trying invented articles as a user would."""

from __future__ import annotations

import warnings

import pytest

from cronica.pipeline import extract

warnings.filterwarnings("ignore")


def _events(text: str, lang: str = "es") -> list[dict]:
    result = extract(text, lang=lang, date="2024-12-03")
    return list(result["events"])


@pytest.mark.parametrize("text", [
    "Miles de camioneros bloquearon las carreteras del sur de Perú para exigir al Gobierno "
    "la derogación de un decreto.",
    "Cientos de campesinos cortaron la ruta nacional para exigir al Gobierno de Bolivia una "
    "ley de tierras.",
])
def test_road_blocked_is_no_recipient_the_demand_addressee_is(text: str) -> None:
    protest = next(e for e in _events(text) if e["event"] == "PROTEST")
    assert protest["recipient"] is not None
    assert protest["recipient"]["text"].lower().endswith(("gobierno", "gobierno de bolivia"))
    assert protest["recipient_sector"] == "GOV"


def test_road_blocked_without_demand_has_no_recipient() -> None:
    protest = next(e for e in _events("Decenas de vecinos cortaron la ruta 14 en reclamo de "
                                      "agua potable.") if e["event"] == "PROTEST")
    assert protest["recipient"] is None
