"""A name in apposition to a title is a person's, whatever the NER says (branch polish7):
'El ministro de Exteriores de Irán, Abbas Araghchi,' was tagged as a place, so 'Abbas' was
read as Mahmoud Abbas (PSEGOV) and the later 'Araghchi' as a civilian."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_apposed_name_takes_the_title_code_and_its_surname_too():
    from cronica.pipeline import extract

    out = extract("El ministro de Exteriores de Irán, Abbas Araghchi, rechazó las amenazas. "
                  "No cederemos, dijo Araghchi.", lang="es", date="2025-05-20")
    codes = {a["span"]["text"]: a["code"] for a in out["actors"]}
    assert codes.get("Abbas Araghchi") == "IRNGOV"
    assert codes.get("Araghchi") == "IRNGOV"
    assert "PSEGOV" not in codes.values()
