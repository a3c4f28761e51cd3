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

