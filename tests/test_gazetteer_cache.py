"""The gazetteer's pickle cache keeps a few indexes side by side (one per data digest and
package versions), so checkouts with different data do not delete each other's index."""

import os
import pickle

from cronica.stages.place import gazetteer_index
from cronica.stages.place.gazetteer_index import MAX_CACHED_INDEXES, prune_caches


def _touch(path, mtime):
    path.write_bytes(b"x")
    os.utime(path, (mtime, mtime))


def test_the_most_recently_used_indexes_stay(tmp_path):
    files = [tmp_path / f"gazetteer-11-a-{n}.pickle" for n in range(6)]
    for n, f in enumerate(files):
        _touch(f, 1_000_000 + n)  # files[5] used last
    current = files[0]  # the oldest file is the one in use now: it always stays
    gone = prune_caches(current, keep=3)
    assert sorted(p.name for p in gone) == sorted(f.name for f in files[1:4])
    left = sorted(p.name for p in tmp_path.glob("gazetteer-*.pickle"))
    assert left == sorted(f.name for f in (files[0], files[4], files[5]))


def test_other_files_in_the_cache_folder_are_left_alone(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("mine")
    for n in range(MAX_CACHED_INDEXES + 2):
        _touch(tmp_path / f"gazetteer-{n}.pickle", 1_000_000 + n)
    prune_caches(tmp_path / "gazetteer-0.pickle")
    assert other.read_text() == "mine"
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == MAX_CACHED_INDEXES


def test_a_cache_hit_marks_the_index_used_and_deletes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CRONICA_CACHE_DIR", str(tmp_path))
    path = gazetteer_index._cache_path()
    idx = gazetteer_index.PlaceIndex()
    idx.add("Villa Prueba", 1.0, 2.0, 600, 1, gazetteer_index.CITY, "AR")
    path.write_bytes(pickle.dumps(idx))
    os.utime(path, (1_000_000, 1_000_000))
    for n in range(MAX_CACHED_INDEXES + 1):  # indexes of other checkouts, used more recently
        _touch(tmp_path / f"gazetteer-other-{n}.pickle", 2_000_000 + n)
    loaded = gazetteer_index.load_index()
    assert loaded.names == ["Villa Prueba"]
    assert path.stat().st_mtime > 2_000_000
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == MAX_CACHED_INDEXES + 2
