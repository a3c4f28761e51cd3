"""speed11: cheaper reads with the same answers (docs/benchmarks.md, speed11)."""

from __future__ import annotations

import numpy as np

from cronica.stages.events.learned import N_FEATURES, _counted, id_array, vectorise


def test_feature_ids_are_32_bit_and_give_the_vector_64_bit_ids_give():
    idf = np.linspace(0.25, 3.0, N_FEATURES, dtype=np.float32)
    for text in ["Los docentes marcharon el 3 de mayo frente al Ministerio.",
                 "huelga huelga huelga", "Ünïcödé árbol 12"]:
        ids = id_array(text)
        assert ids.dtype == np.int32 and ids.size and int(ids.max()) < N_FEATURES
        idx32, vals32 = vectorise(ids, idf)
        idx64, vals64 = vectorise(ids.astype(np.int64), idf)
        idx_list, vals_list = vectorise(ids.tolist(), idf)
        assert idx32.tolist() == idx64.tolist() == idx_list.tolist()
        assert vals32.tobytes() == vals64.tobytes() == vals_list.tobytes()
    empty_idx, empty_vals = vectorise(id_array(" ... "), idf)
    assert empty_idx.size == 0 and empty_vals.size == 0


def test_counted_is_unique_with_counts():
    ids = np.array([7, 3, 7, 131071, 0, 3, 7], dtype=np.int32)
    idx, counts = _counted(ids)
    want_idx, want_counts = np.unique(ids, return_counts=True)
    assert idx.tolist() == want_idx.tolist() and counts.tolist() == want_counts.tolist()



def test_bare_passes_leave_out_the_sentence_cap_the_full_pipeline_parses_with():
    import spacy

    from cronica.bench.measure import _bare_pipe
    from cronica.limits import COMPONENT, cap_sentences

    nlp = cap_sentences(spacy.blank("es"))
    assert COMPONENT in nlp.pipe_names
    texts = ["PROTESTA EN QUITO\nLos maestros marcharon."]
    capped = next(iter(nlp.pipe(texts)))
    bare = next(_bare_pipe(nlp, texts, 32))
    assert capped.has_annotation("SENT_START") and not bare.has_annotation("SENT_START")
    assert [t.text for t in bare] == [t.text for t in capped]
    plain = spacy.blank("es")  # a model without the cap runs whole
    assert [t.text for t in next(_bare_pipe(plain, texts, 32))] == [t.text for t in capped]


def test_bench_reports_the_full_over_bare_cpu_of_each_run(nlp_es, nlp_en, monkeypatch):
    from cronica.bench import format_report, run_benchmark, synthetic_corpus

    monkeypatch.setattr("cronica.pipeline.default_stages", lambda lang, only=None: [])
    report = run_benchmark(synthetic_corpus(3, seed=4), processes=(1,), runs=3, warmup=1,
                           in_process=True)
    (r,) = report["results"]
    runs = r["cpu_ratio_runs"]
    assert len(runs) == 3 and all(x > 0 for x in runs)
    assert min(runs) <= max(runs) and r["cpu_ratio"] > 0
    assert "full/bare CPU of each run" in format_report(report)
