"""Branch speed10: cheaper forms of the stages' reads give the answers of the forms they
replace, to the bit."""

from itertools import repeat

import pytest

pytestmark = pytest.mark.slow

_SENTENCES_ES = [
    "Los maestros anunciaron un paro nacional para exigir al gobierno un aumento salarial.",
    "La policía detuvo ayer en Lima a tres dirigentes de la protesta contra la reforma.",
    "Cientos de vecinos de Pueblo Nuevo marcharon frente al Ministerio de Salud en la capital "
    "del país, según dijo el alcalde Juan Pérez a la prensa local el martes.",
]


def _weights():
    # arbitrary weights whose sums depend on the order they are added in (0.1 + 0.2 + 0.3 is
    # not 0.3 + 0.2 + 0.1), on features of every kind the chooser builds
    names = ["bias", "rule", "rule_none", "is_other", "governs_trigger", "capitalised",
             "trig_noun", "trig_verb", "ev=PROTEST", "mode=demo", "mode=-", "rule_ev=PROTEST",
             "coded=yes", "coded=no", "dist=far", "len=far", "ent=-", "ent=LOC", "ent=PER",
             "sector=-", "sector=GOV", "case=-", "case=de", "case=a", "pos=NOUN", "pos=PROPN",
             "dep=obj", "dep=nsubj", "dep=nmod", "side=before", "side=after",
             "ev_case=PROTEST|-", "ev_case=PROTEST|de", "ev_side=PROTEST|after",
             "case_side=-|before", "trig_case=trig_verb|-", "ev_coded=PROTEST|True",
             "path=nsubj^|", "path=^|obj", "path_case=nsubj^||-", "path=nmod^obj^|"]
    names += [f"len={n}" for n in (1, 2, 4, 8, 15)] + [f"dist={n}" for n in (1, 2, 4, 8, 15)]
    return {name: 0.1 * (k % 7) - 0.3 + 1e-3 * k for k, name in enumerate(names)}


def test_a_row_scored_without_its_features_gets_the_sum_of_their_weights_to_the_bit(nlp_es):
    from cronica.stages.events.recipient import RecipientModel, _TriggerFeatures

    model = RecipientModel(_weights(), 0.5, 0.1)
    w = model.memo()
    for text in _SENTENCES_ES:
        doc = nlp_es(text)
        for trig in doc:
            for rule, other in ((None, None), (doc[0], doc[-1]), (doc[-1], doc[0])):
                for mode in ("demo", None):
                    plain = _TriggerFeatures(trig, "PROTEST", mode, other, rule)
                    scoring = _TriggerFeatures(trig, "PROTEST", mode, other, rule, w=w)
                    for cand in doc:
                        for code in (None, "PER", "PERGOV"):
                            feats = plain.of(cand, code, cand.ent_type_)
                            want = sum(map(model.weights.get, feats, repeat(0.0, len(feats))))
                            got = scoring.score(cand, code, cand.ent_type_, w)
                            assert got == want and type(got) is type(want)


def test_the_chooser_takes_a_rows_own_score_when_it_has_one():
    from cronica.stages.events.recipient import Choice, RecipientModel

    model = RecipientModel({"bias": -1.0, "good": 3.0}, 0.5, 0.1)
    # the features say weak, the score strong: the score is what a scored row is read by
    weak_feats = Choice(2, 4, 9, ["bias"], z=2.0)
    other = Choice(1, 0, 3, ["bias", "good"])
    assert model.choose([weak_feats, other]) is weak_feats
    assert model.choose([Choice(2, 4, 9, ["bias"]), other]) is other


@pytest.mark.parametrize("text", [
    "Los maestros marcharon el 12 de marzo.", "Ñandú über naïve — 3,5 % año", "uno", "",
    "Протест у посольства; 抗议 活动", "a a a b b",
])
def test_the_feature_array_holds_the_words_and_bigrams_buckets(text):
    from cronica.stages.events.learned import _DIGITS, _WORD, _bigram, _word_ids, id_array
    from cronica.stages.events.lexicon import fold

    words = _WORD.findall(_DIGITS.sub("0", fold(text)))
    want = [k for w in words for k in _word_ids(w)]
    want += [_bigram(a, b) for a, b in zip(words, words[1:], strict=False)]
    got = id_array(text).tolist()
    assert got == want


def test_the_years_of_a_document_are_its_four_digit_numbers(nlp_es):
    from cronica.stages.events import modes

    doc = nlp_es("En 1999 y en 2011 hubo 12000 detenidos, 850 heridos y ²³¹⁴ marchas; el año 0999.")
    want = {t.i: int(t.text) for t in doc if len(t.text) == 4 and t.text.isdecimal()}
    assert modes._years(doc) == want
    assert sorted(want.values()) == [999, 1999, 2011]
    again = nlp_es("La huelga de 1999 terminó.")
    assert modes._years(again) == {3: 1999}


def test_the_children_of_each_token_are_spacys_in_order(nlp_es):
    from cronica.stages.nlp.syntax import children_of

    doc = nlp_es("Los maestros de la provincia marcharon ayer frente al Ministerio y pidieron aumentos.")
    for t in doc:
        assert [c.i for c in children_of(t)] == [c.i for c in t.children]


def test_the_dates_found_are_those_of_every_pattern_scanned_in_every_window():
    from datetime import date

    from cronica.stages.time import resolver

    texts = ["El lunes 3 de marzo de 2020 marcharon; en los años 90 y el martes pasado, también.",
             "Hace dos semanas, en mayo y junio de 2019, y desde el 2 al 15 de agosto.",
             "Nada aquí.", "En 1999.", "El jueves.", "ayer, hoy y mañana; el siglo XX"]
    for text in texts:
        first = resolver.find_dates(text, "es", date(2020, 3, 10))
        resolver._SCANS.clear()
        again = resolver.find_dates(text, "es", date(2020, 3, 10))
        assert [(e.start, e.end, e.value) for e in first] == [(e.start, e.end, e.value) for e in again]
    # every pattern a window may match is scanned there: the categories decide, in order
    pats = resolver.build_patterns("es")
    kinds = (frozenset({"weekday"}), None)
    got = resolver._scans(pats, pats.patterns, kinds)
    assert [name for name, _, _ in got] == [name for name, _ in pats.patterns]  # None: all
    for name, _, wanted in got:
        assert (0 in wanted) == resolver._wanted(kinds[0], pats.needs[name]) and 1 in wanted
