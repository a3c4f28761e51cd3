"""`cronica eval brat`: reading BRAT standoff and span-overlap scoring, on hand-made fixtures."""

from __future__ import annotations

import json

import pytest

from cronica.evaluate.brat import (
    PredEvent,
    cameo_class,
    date_from_name,
    gold_from_ann,
    parse_ann,
    predicted,
    read_brat_dir,
    score_doc,
    summarise,
    trigger_errors,
)
from cronica.evaluate.brat_attribution import (
    Attribution,
    gold_attributions,
    predicted_attributions,
    read_attribution_dir,
    score_attributions,
    summarise_attributions,
)

# Invented article; offsets counted by hand below (CRLF line ends, as in the AFP files).
TEXT = "LIMA, Mar 3\r\nLos mineros bloquearon la ruta y el gobierno pidio dialogo en Lima.\r\n"
ANN = "\n".join([
    "T1\tsource 13 24\tLos mineros",
    "T2\tmaterial_conflict 25 35\tbloquearon",
    "T3\ttarget 36 43\tla ruta",
    "T4\t144_Obstruct_passage_block 25 35\tbloquearon",
    "T5\tsource 46 57\tel gobierno",
    "T6\tverbal_conflict 58 63\tpidio",
    "T7\tlocation 0 4\tLIMA",
    "T8\tlocation 75 79\tLima",
    "T9\t0831_Accede 64 71;72 74\tdialogo en",
    " a continuation line of a multi-line entity text",
    "R1\tsrcAct Arg1:T1 Arg2:T4\t",
    "R2\tactTar Arg1:T2 Arg2:T3\t",
    "R3\tsrcAct Arg1:T5 Arg2:T6\t",
    "",
])


def _r(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def test_fixture_offsets_point_at_their_words():
    entities, relations = parse_ann(ANN)
    for e in entities.values():
        assert " ".join(TEXT[a:b] for a, b in e.spans) == e.text
    assert ("srcAct", "T1", "T4") in relations and len(relations) == 3


def test_gold_merges_cameo_labels_into_broad_triggers_and_links_arguments():
    triggers, locations = gold_from_ann(ANN)
    assert [t.text for t in triggers] == ["bloquearon", "pidio", "dialogo en"]
    block, ask, accede = triggers
    assert (block.cls, block.cameo) == ("material_conflict", "144")
    assert block.sources == [[_r("Los mineros")]] and block.targets == [[_r("la ruta")]]
    assert ask.cls == "verbal_conflict" and ask.sources == [[_r("el gobierno")]] and not ask.targets
    # a CAMEO label alone is a trigger of its own, classed by its root code
    assert accede.cls == "material_cooperation" and accede.spans == [(64, 71), (72, 74)]
    assert sorted(locations) == [[(0, 4)], [_r("Lima")]]


def test_cameo_roots_map_to_quad_classes():
    assert [cameo_class(c) for c in ("036", "0831", "112", "145", "20", "x1")] == [
        "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
        "material_conflict", None]


def test_date_from_file_name():
    assert date_from_name("AFP_SPA_19940611.0143") == "1994-06-11"
    assert date_from_name("notes") is None


def test_scores_by_overlap_with_arguments_and_classes():
    triggers, locations = gold_from_ann(ANN)
    events = [
        # right trigger (partial overlap), right source, wrong target
        PredEvent([(25, 30)], "material_conflict", actor=_r("mineros"), recipient=_r("gobierno"),
                  cameo="145"),
        # right trigger via its second mention, wrong class, no actor
        PredEvent([(0, 4), _r("pidio")], "verbal_cooperation"),
        # spurious
        PredEvent([_r("ruta")], "material_conflict"),
    ]
    places = [[_r("Lima")], [_r("mineros")]]
    res = summarise([score_doc(triggers, locations, events, places)])
    t = res["triggers"]
    assert (t["gold_matched"], t["gold"], t["pred_matched"], t["pred"]) == (2, 3, 2, 3)
    assert t["precision"] == pytest.approx(2 / 3, abs=1e-3) and t["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert res["source"] == {"accuracy": 0.5, "correct": 1, "total": 2, "missing": 1,
                             "accuracy_when_predicted": 1.0}
    assert res["target"] == {"accuracy": 0.0, "correct": 0, "total": 1, "missing": 0,
                             "accuracy_when_predicted": 0.0}
    assert res["class_accuracy"]["correct"] == 1 and res["class_accuracy"]["total"] == 2
    # 'bloquearon' is gold 144, predicted 145: same root; 'dialogo en' (0831) was not matched
    assert res["cameo_root_accuracy"] == {"accuracy": 1.0, "correct": 1, "total": 1}
    loc = res["locations"]
    assert (loc["precision"], loc["recall"]) == (0.5, 0.5)
    mc = res["per_class"]["material_conflict"]
    assert (mc["pred_matched"], mc["pred"], mc["gold_matched"], mc["gold"]) == (1, 2, 1, 1)
    assert res["per_class"]["verbal_conflict"]["recall"] == 0.0


def test_trigger_errors_list_missing_gold_and_extra_predictions(tmp_path):
    _write(tmp_path)
    [doc], _ = read_brat_dir(tmp_path)
    events = [PredEvent([(25, 30)], "material_conflict", type="PROTEST"),
              PredEvent([_r("ruta")], "material_conflict", type="ASSAULT")]
    missing, extra = trigger_errors(doc, events)
    assert missing == ["pidio", "dialogo en"] and extra == ["ASSAULT 'ruta'"]


def test_no_predictions_scores_zero_without_dividing_by_zero():
    triggers, locations = gold_from_ann(ANN)
    res = summarise([score_doc(triggers, locations, [], [])])
    assert res["triggers"]["f1"] == 0.0 and res["triggers"]["pred"] == 0
    assert res["source"]["accuracy"] is None


def test_predicted_reads_mentions_and_drops_metonymic_places():
    out = {
        "events": [{"event": "PROTEST", "cameo": "141", "trigger": {"start": 5, "end": 9},
                    "mentions": [{"start": 5, "end": 9}, {"start": 20, "end": 24}],
                    "actor": {"start": 0, "end": 4}, "recipient": None}],
        "places": [{"span": {"start": 30, "end": 34}, "metonymy": False},
                   {"span": {"start": 40, "end": 44}, "metonymy": True}],
    }
    events, places = predicted(out)
    assert events[0].spans == [(5, 9), (20, 24)] and events[0].cls == "material_conflict"
    assert events[0].actor == (0, 4) and events[0].recipient is None and events[0].cameo == "141"
    assert places == [[(30, 34)]]


def _write(tmp_path):
    (tmp_path / "AFP_SPA_20010203.0001.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "AFP_SPA_20010203.0001.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "AFP_SPA_20010204.0002.txt").write_text("Sin anotar.\n", encoding="utf-8")
    (tmp_path / "AFP_SPA_20010204.0002.ann").write_text("", encoding="utf-8")


def test_read_dir_keeps_crlf_offsets_and_lists_unannotated(tmp_path):
    _write(tmp_path)
    docs, skipped = read_brat_dir(tmp_path)
    assert skipped == ["AFP_SPA_20010204.0002"]
    [doc] = docs
    assert doc.text == TEXT and doc.date == "2001-02-03"
    assert read_brat_dir(tmp_path, limit=0) == ([], skipped)


def test_read_dir_finds_annotations_in_a_subfolder(tmp_path):
    _write(tmp_path)
    (tmp_path / "AFP_SPA_20010205.0003.txt").write_text("Otra nota.\n", encoding="utf-8")
    (tmp_path / "older").mkdir()
    (tmp_path / "older" / "AFP_SPA_20010205.0003.ann").write_text(
        "T1\tmaterial_conflict 0 4\tOtra\n", encoding="utf-8")
    docs, skipped = read_brat_dir(tmp_path)
    assert [d.id for d in docs] == ["AFP_SPA_20010203.0001", "AFP_SPA_20010205.0003"]
    assert docs[1].triggers[0].cls == "material_conflict" and docs[1].triggers[0].cameo is None
    assert skipped == ["AFP_SPA_20010204.0002"]


def test_command_smoke(tmp_path, nlp_es, capsys):
    from cronica.cli import main

    _write(tmp_path)
    assert main(["eval", "brat", str(tmp_path), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["articles"] == 1 and res["skipped"] == ["AFP_SPA_20010204.0002"]
    assert res["triggers"]["gold"] == 3
    assert main(["eval", "brat", str(tmp_path), "--errors", "1"]) == 0
    out = capsys.readouterr().out
    assert "triggers" in out and "AFP_SPA_20010203.0001" in out
    assert main(["eval", "brat", str(tmp_path / "missing")]) == 2


# -- attribution gold (Source/Cue/Content, PolNeAR layout) ------------------------------
ATT_TEXT = "Officials said that the bridge will reopen. Traffic is heavy, according to the agency.\n"
ATT_ANN = "\n".join([
    "T1\tSource 0 9\tOfficials",
    "T2\tCue 10 14\tsaid",
    "T3\tContent 20 42\tthe bridge will reopen",
    "T4\tAttribution 10 14\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tCue 62 74\taccording to",
    "T6\tSource 75 85\tthe agency",
    "T7\tContent 44 60\tTraffic is heavy",
    "T8\tAttribution 62 74\taccording to",
    "E2\tAttribution:T8 Source:T6 Cue:T5 Content:T7",
    "",
])


def test_gold_attributions_read_e_records():
    first, second = gold_attributions(ATT_ANN)
    assert first == Attribution([(10, 14)], [(0, 9)], [(20, 42)])
    assert second.cue == [(62, 74)] and second.source == [(75, 85)]


def test_attribution_scores_cues_sources_and_content():
    gold = gold_attributions(ATT_ANN)
    pred = [Attribution([(10, 14)], [(0, 9)], [(20, 30)]),  # half the content
            Attribution([(62, 85)], [(62, 85)]),  # a reporting cue holding its source
            Attribution([(44, 51)])]  # spurious
    res = summarise_attributions([score_attributions(gold, pred)])
    assert (res["cues"]["gold_matched"], res["cues"]["pred_matched"], res["cues"]["pred"]) == (2, 2, 3)
    assert res["source"] == {"accuracy": 1.0, "correct": 2, "total": 2}
    assert res["content"]["correct"] == 1 and res["content"]["total"] == 2
    assert res["content"]["char_f1"] == pytest.approx((2 * 10 / 32) / 2, abs=1e-3)


def test_predicted_attributions_take_quotes_and_reporting():
    out = {"quotes": [{"cue": {"start": 1, "end": 2}, "speaker": None, "content": {"start": 3, "end": 9}}],
           "reporting": [{"cue": {"start": 10, "end": 20}}]}
    q, r = predicted_attributions(out)
    assert q == Attribution([(1, 2)], [], [(3, 9)]) and r == Attribution([(10, 20)], [(10, 20)])


def _write_polnear(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(ATT_TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc1_ab12.ann").write_text(ATT_ANN, encoding="utf-8")
    (tmp_path / "attributions" / "doc1_zz99.ann").write_text("", encoding="utf-8")
    (tmp_path / "text" / "doc2.txt").write_text("No gold here.\n", encoding="utf-8")


def test_read_attribution_dir_takes_first_annotator(tmp_path):
    _write_polnear(tmp_path)
    [(doc_id, text, ann)] = read_attribution_dir(tmp_path)
    assert doc_id == "doc1" and text == ATT_TEXT and ann == ATT_ANN


def test_attribution_command_smoke(tmp_path, nlp_en, capsys):
    from cronica.cli import main

    _write_polnear(tmp_path)
    assert main(["eval", "brat", str(tmp_path), "--attribution", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["documents"] == 1 and res["cues"]["gold"] == 2
    # the stage finds the plain 'said that' quote
    assert res["cues"]["gold_matched"] >= 1
