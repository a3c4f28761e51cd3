"""`cronica eval dates`: TimeML reading and TempEval-3-style scoring on hand-made snippets."""

from __future__ import annotations

import json

from cronica.cli import main
from cronica.evaluate.dates import Timex, parse_timeml, score_doc, value_correct

DOC = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-09" functionInDocument="CREATION_TIME">March 9</TIMEX3></DCT>
<TEXT>Talks &amp; votes began <TIMEX3 tid="t1" type="DATE" value="2001-03-08">yesterday</TIMEX3>
and will last <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>, after the
<TIMEX3 tid="t3" type="DATE" value="1999">1999</TIMEX3> accord.</TEXT>
</TimeML>
"""


def test_parse_timeml_offsets_and_dct():
    doc = parse_timeml(DOC)
    assert doc.dct == "2001-03-09"
    assert doc.text.startswith("Talks & votes began yesterday")
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "2001-03-08"), ("two weeks", "DURATION", "P2W"), ("1999", "DATE", "1999")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_value_correct_strict_and_relaxed():
    assert value_correct("2019-12", "2019-12")
    assert not value_correct("2019-12-20", "2019-12")
    assert value_correct("2019-12-20", "2019-12", relaxed=True)
    assert not value_correct("2019", "2019-12", relaxed=True)  # coarser than the gold
    assert not value_correct("2019-11-20", "2019-1", relaxed=True)  # not a field boundary
    assert not value_correct(None, "2019")


def test_score_doc_counts():
    gold = [Timex(0, 9, "yesterday", "DATE", "2001-03-08"),
            Timex(20, 29, "two weeks", "DURATION", "P2W"),
            Timex(40, 44, "1999", "DATE", "1999"),
            Timex(50, 56, "Monday", "DATE", "2001-03-05")]
    pred = [(0, 9, "2001-03-08"),  # strict match, right value
            (20, 29, "2001-02-23"),  # on a DURATION: not scored
            (36, 44, "1998"),  # relaxed match, wrong value
            (60, 64, "2000")]  # false positive
    c = score_doc(gold, pred)
    r = c.report()
    assert (c.gold, c.pred, c.strict_tp) == (3, 3, 1)
    assert (c.relaxed_tp_gold, c.relaxed_tp_pred, c.matched) == (2, 2, 2)
    assert r["value_accuracy_strict"] == 0.5
    assert r["other_types_excluded"] == {"DURATION": 1}
    assert r["relaxed"]["recall"] == round(2 / 3, 4)
    assert [e["kind"] for e in c.errors] == ["value", "missed"]


def test_eval_dates_command_on_two_files(tmp_path, capsys):
    with_dct = ("<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2001-03-09\" "
                "functionInDocument=\"CREATION_TIME\">9 de marzo</TIMEX3></DCT><TEXT>Votaron "
                "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2001-03-06\">el martes</TIMEX3> y "
                "durante <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P2D\">dos días</TIMEX3> "
                "celebraron.</TEXT></TimeML>")
    no_dct = ("<TimeML><TEXT>Llegó <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2019-12-19\">ayer"
              "</TIMEX3> y se irá <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2019-12-23\">el "
              "próximo lunes</TIMEX3>.</TEXT></TimeML>")
    (tmp_path / "a.tml").write_text(with_dct, encoding="utf-8")
    (tmp_path / "b.tml").write_text(no_dct, encoding="utf-8")
    assert main(["eval", "dates", str(tmp_path), "--lang", "es", "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert set(reports) == {"fit", "check", "all"}
    assert reports["fit"]["files"] + reports["check"]["files"] == 2
    report = reports["all"]
    assert report["files"] == 2 and report["gold_dates"] == 3
    assert report["value_matched"] == 3 and report["value_accuracy_strict"] == 1.0
    assert report["strict"]["f1"] == 1.0 and report["other_types_excluded"] == {"DURATION": 1}
    # without a DCT the anchor comes from --anchor (default 2019-12-20, HourGlass)
    assert main(["eval", "dates", str(tmp_path / "b.tml"), "--lang", "es",
                 "--anchor", "2019-12-27", "--json", "--part", "all"]) == 0
    shifted = json.loads(capsys.readouterr().out)["all"]
    assert shifted["value_matched"] == 2 and shifted["value_accuracy_strict"] == 0.0
    assert main(["eval", "dates", str(tmp_path), "--lang", "es"]) == 0
    assert "value accuracy on 3 matched: strict 1.000" in capsys.readouterr().out


def test_eval_dates_missing_folder(tmp_path, capsys):
    assert main(["eval", "dates", str(tmp_path / "nope")]) == 2


def test_eval_dates_parts_follow_the_file_id(tmp_path, capsys):
    from cronica.evaluate.dates import doc_id
    from cronica.evaluate.split import part_of

    doc = ("<TimeML><TEXT>Llegó <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2019-12-19\">ayer"
           "</TIMEX3>.</TEXT></TimeML>")
    names = [f"doc{i}" for i in range(12)]
    for name in names:
        (tmp_path / f"{name}.tml").write_text(doc, encoding="utf-8")
    assert doc_id(tmp_path / "doc3.tml") == "doc3"
    fit = sum(part_of(n) == "fit" for n in names)
    assert main(["eval", "dates", str(tmp_path), "--lang", "es", "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert reports["fit"]["files"] == fit and reports["check"]["files"] == 12 - fit
    assert main(["eval", "dates", str(tmp_path), "--lang", "es", "--part", "check"]) == 0
    out = capsys.readouterr().out
    assert "check: " in out and "fit: " not in out
