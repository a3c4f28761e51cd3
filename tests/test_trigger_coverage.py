"""Spanish trigger coverage by CAMEO verb class (branch trig3): the event words of the CAMEO
categories, matched by the lexicon as mention rows (secondary event words with their own
type and aux mode, never PLOVER events of the article on their own)."""

import pytest

from cronica.stages.events.lexicon import lexicon

STAGES = ["actors", "events", "time", "aux"]


def _words(make_doc, text):
    adoc = make_doc(text, lang="es", date="2024-03-20", stages=STAGES)
    return adoc, {(e.trigger.text, e.event) for e in adoc.secondary_events}


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        ("Los vecinos lincharon a un presunto ladrón en la plaza.", "lincharon", "ASSAULT"),
        ("La embajada recibió una petición de asilo del opositor.", "asilo", "AID"),
        ("El ministro deploró la decisión del tribunal.", "deploró", "ACCUSE"),
        ("El gobierno descartó cualquier diálogo con los rebeldes.", "descartó", "REJECT"),
        ("El sindicato convocó a los obreros el lunes.", "convocó", "THREATEN"),
        ("La policía realizó una redada en el barrio.", "redada", "COERCE"),
        ("El presidente llamó a consultas a su embajador en Lima.", "llamó a consultas", "SANCTION"),
        ("Los guerrilleros atacaron el pueblo y tomaron rehenes.", "tomaron rehenes", "ASSAULT"),
        # (aimed at a target, 'contra los soldados', the row is an attack of its own: trig11)
        ("Los jóvenes lanzaron piedras durante la noche.", "lanzaron piedras", "ASSAULT"),
    ],
)
def test_cameo_class_words_are_secondary_event_words(make_doc, text, word, event):
    adoc, words = _words(make_doc, text)
    assert (word, event) in words
    assert not any(e.trigger.text == word for e in adoc.events)


def test_latin_american_ceasefire_with_al_is_matched(nlp_es):
    nlp = nlp_es
    lex = lexicon("es")
    for text in ("Las partes acordaron un cese al fuego.", "Pidieron un alto al fuego."):
        doc = nlp(text)
        found = [(doc[m.start:m.end].text, m.entry.event)
                 for i in range(len(doc)) if (m := lex.match(doc, i))]
        assert any(w.endswith("al fuego") and ev == "RETREAT" for w, ev in found), found


def test_light_verbs_are_no_trigger_without_their_object(make_doc):
    _, words = _words(make_doc, "El gobierno tomó nota y lanzó una campaña de vacunación.")
    assert not any(w.startswith(("tomó", "lanzó")) for w, _ in words)


def _script():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "learn_trigger_lemmas.py"
    spec = importlib.util.spec_from_file_location("learn_trigger_lemmas", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def test_learn_script_lists_uncovered_fit_trigger_heads(tmp_path, capsys):
    text = "Los vecinos zarandearon al alcalde. Luego los rebeldes atacaron el cuartel."
    # a file name that falls in the *fit* part of cronica.evaluate.split
    (tmp_path / "AFP_SPA_20240101.0002.txt").write_text(text, encoding="utf-8")
    a, b = text.index("zarandearon"), text.index("zarandearon") + len("zarandearon")
    c, d = text.index("atacaron"), text.index("atacaron") + len("atacaron")
    (tmp_path / "AFP_SPA_20240101.0002.ann").write_text(
        f"T1\tmaterial_conflict {a} {b}\tzarandearon\nT2\tmaterial_conflict {c} {d}\tatacaron\n",
        encoding="utf-8")
    assert _script().main([str(tmp_path), "--min-count", "1", "--min-share", "0"]) == 0
    out = capsys.readouterr()
    rows = [line.split("\t") for line in out.out.splitlines()[1:]]
    assert [r[:3] for r in rows] == [["zarandear", "V", "1"]]  # 'atacar' is covered
    assert "covered by the lexicon 1" in out.err
    # the check part prints its coverage total only
    assert _script().main([str(tmp_path), "--part", "check"]) == 0
    assert capsys.readouterr().out == ""


def test_all_capital_inflections_are_undone_as_mentions_only(nlp_es):
    lex = lexicon("es")
    doc = nlp_es("EJERCITO DINAMITA UN PUENTE TRAS LOS DISTURBIOS")
    found = {doc[m.start:m.end].text: m.entry for i in range(len(doc)) if (m := lex.match(doc, i))}
    assert found["DINAMITA"].pattern == ("dinamitar",) and found["DINAMITA"].mention_only
    assert found["DISTURBIOS"].pattern == ("disturbio",) and found["DISTURBIOS"].mention_only
    # the same inflection in ordinary text is the lemmatizer's, and codes the event
    doc = nlp_es("La guerrilla ataca el cuartel.")
    [m] = [m for i in range(len(doc)) if (m := lex.match(doc, i))]
    assert not m.entry.mention_only


def test_lower_case_word_tagged_as_a_name_is_read_as_a_verb_mention(nlp_es):
    lex = lexicon("es")
    doc = nlp_es("Exigen que la Gobernación negocie y firme con los obreros.")
    tok = next(t for t in doc if t.text == "negocie")
    if tok.pos_ != "PROPN":
        pytest.skip("the tagger read the verb right; nothing to undo")
    m = lex.match(doc, tok.i)
    assert m is not None and m.entry.pattern == ("negociar",) and m.entry.mention_only
