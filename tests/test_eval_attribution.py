"""`cronica eval attribution` matching rules and `cronica eval modes` TimeML reading."""

from collections import Counter

from cronica.evaluate.attribution import (
    GoldArticle,
    article_part,
    aux_of,
    event_at,
    quote_matches,
    score_article,
    summarise,
)
from cronica.evaluate.modes import expected_mode, read_tml, score

TEXT = "El ministro dijo que la huelga terminará el lunes."


def _gold(**kw):
    rec = {"article": "a", "pub_date": "2024-01-20", "quotes": [], "reported_by": [], "dates": [],
           "event_modes": []}
    rec.update(kw)
    return GoldArticle("a", "2024-01-20", TEXT, rec)


def _q(cs, ce, ss, se, code=None):
    return {"content": {"start": cs, "end": ce}, "speaker": {"start": ss, "end": se},
            "speaker_codes": [code] if code else []}


def test_quote_needs_half_the_gold_words_and_the_speaker():
    gold = {"content_start": 21, "content_end": 49, "speaker_start": 3, "speaker_end": 11,
            "speaker_code": "XGOV"}
    assert quote_matches(TEXT, gold, _q(21, 49, 0, 11))
    assert quote_matches(TEXT, gold, _q(21, 40, 30, 31, "XGOV"))  # code shared, 3 of 5 words
    assert not quote_matches(TEXT, gold, _q(21, 30, 0, 11))  # 2 of 5 words
    assert not quote_matches(TEXT, gold, _q(21, 49, 30, 31, "YGOV"))


def test_scores_dates_sources_and_aux_confusion():
    gold = _gold(dates=[{"start": 40, "end": 48, "value": "2024-01-22"}],
                 reported_by=[{"start": 3, "end": 11}],
                 event_modes=[{"start": 24, "end": 30, "plover": "PROTEST", "aux": "future"},
                              {"start": 3, "end": 11, "plover": "ACCUSE", "aux": "current"}])
    out = {"dates": [{"span": {"start": 40, "end": 48}, "value": "2024-01-22"}],
           "reporting": [{"cue": {"start": 0, "end": 11}}],
           "events": [{"trigger": {"start": 24, "end": 30}, "mentions": [], "aux_mode": "historical"}]}
    res = summarise([score_article(gold, out)])
    assert res["dates"]["recall"] == 1.0 and res["sources"]["precision"] == 1.0
    assert res["events"]["gold_hit"] == 1 and res["aux"]["correct"] == 0
    assert res["confusion"]["future"]["historical"] == 1 and res["confusion"]["current"]["missed"] == 1
    assert aux_of(event_at({"start": 24, "end": 30}, out["events"])) == "historical"


def test_a_silver_record_scores_only_its_layers_and_is_all_fit():
    gold = _gold(part="fit", layers=["event_modes", "dates"],
                 event_modes=[{"start": 24, "end": 30, "plover": "PROTEST", "aux": "future"}])
    out = {"quotes": [_q(21, 49, 0, 11)], "reporting": [{"cue": {"start": 0, "end": 11}}],
           "dates": [{"span": {"start": 40, "end": 48}, "value": "2024-01-22"}],
           "events": [{"trigger": {"start": 24, "end": 30}, "mentions": [], "aux_mode": "future"}]}
    res = summarise([score_article(gold, out)])
    assert res["quotes"]["pred"] == 0 and res["sources"]["pred"] == 0  # not annotated: not scored
    assert res["dates"]["pred"] == 1 and res["dates"]["precision"] == 0.0  # annotated: none there
    assert res["aux"]["correct"] == 1
    assert article_part(gold) == "fit"
    assert article_part(_gold()) in ("fit", "check")  # a gold record keeps the hashed split


def test_timebank_attributes_give_the_widest_mode():
    assert expected_mode({"polarity": "NEG", "tense": "FUTURE"}) == "negation"
    assert expected_mode({"modality": "would", "tense": "NONE"}) == "hypothetical"
    assert expected_mode({"modality": "none", "tense": "FUTURE"}) == "future"
    text, events = read_tml('<TEXT>They <EVENT eid="e1">left</EVENT>.</TEXT>'
                            '<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" polarity="NEG"/>')
    assert text == "They left." and (events[0].start, events[0].end, events[0].mode) == (5, 9, "negation")
    c = score(events, ["negation"])
    assert c == Counter({"total": 1, "correct": 1, "gold:negation": 1, "pred:negation": 1,
                         "hit:negation": 1, "conf:negation:negation": 1})


def test_event_at_a_shared_trigger_prefers_the_gold_type_then_the_embedded_act():
    span = {"start": 10, "end": 18}
    statement = {"event": "AGREE", "trigger": span, "aux_mode": None, "id": "e0"}
    act = {"event": "RETREAT", "trigger": span, "aux_mode": "future", "id": "e1", "embedded_in": "e0"}
    assert event_at({"start": 10, "end": 18, "plover": "RETREAT"}, [statement, act]) is act
    assert event_at({"start": 10, "end": 18, "plover": "ASSAULT"}, [statement, act]) is act
    assert event_at({"start": 10, "end": 18, "plover": "AGREE"}, [statement, act]) is statement
