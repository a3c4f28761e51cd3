"""A coup: the PLOVER manual codes coups through the pro_autocracy context, and the 'seize'
mode is for searches, confiscations and raids; 'seized power' is a COERCE with no such
mode. Invented sentences."""

from __future__ import annotations

from functools import partial

import pytest
from pipeline_helpers import extracted_events

_events = partial(extracted_events, lang="en")


@pytest.mark.slow
def test_seizing_power_in_a_coup():
    (e,) = [e for e in _events("Army officers seized power in a coup in Gabon.") if e["event"] == "COERCE"]
    assert e["mode"] is None and "pro_autocracy" in e["context"]


@pytest.mark.slow
def test_seizing_goods_keeps_the_seize_mode():
    assert any(e["mode"] == "seize" for e in _events("Customs officers seized ten tonnes of cocaine."))
