"""Ingest: idempotent, resumable after kill -9, never dies for one document.

Most tests run a real :class:`Pipeline` with a fake NLP (store_helpers.fake_pipeline) so
they take milliseconds; one end-to-end test runs the real spaCy pipelines.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import corpus_specs, fake_pipeline, synthetic_article, synthetic_record

from cronica.errors import Rejection
from cronica.ingest import Progress, estimate_total, format_summary, ingest
from cronica.model import Article
from cronica.store.base import EventFilter
from cronica.store.sqlite import SQLiteStore

TESTS = Path(__file__).parent


def corpus(n: int) -> list[Article]:
    return [synthetic_article(i, specs, date=day) for i, specs, day in corpus_specs(n)]


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(str(tmp_path / "c.db"))
    yield s
    s.close()


def test_ingest_stores_merges_and_counts(store):
    summary = ingest(corpus(30), store, pipeline=fake_pipeline())
    assert (summary.stored, summary.present, summary.rejected) == (30, 0, 0)
    assert summary.events == sum(len(s) for _, s, _ in corpus_specs(30))
    n_events = store.count_events(EventFilter())
    assert 0 < n_events < summary.events  # some reports merged
    assert store.count_events(EventFilter(min_sources=2)) > 0


def test_second_run_skips_the_nlp(store):
    ingest(corpus(10), store, pipeline=fake_pipeline())

    class NoNLP:
        def pipe(self, items, batch_size=32):
            for item in items:
                raise AssertionError(f"NLP ran on {item}")
            yield from ()

    summary = ingest(corpus(10), store, pipeline=NoNLP())
    assert (summary.stored, summary.present) == (0, 10)
    assert len(store.list_articles(limit=100)) == 10


def test_bad_documents_are_recorded_and_the_batch_goes_on(store):
    items = [
        synthetic_article("ok1", [{"type": "AGREE", "actor": "USAGOV"}]),
        Article(id="empty", text="   ", origin="empty.txt", lang="es"),
        Rejection("bad.jsonl:2", "E006", "[E006] bad.jsonl:2: the line is not a valid JSON object"),
        synthetic_article("boom", [{"type": "AGREE", "actor": "USAGOV"}], salt="FAIL"),
        Article(id="fr", text="Bonjour tout le monde.", origin="fr.txt", lang="fr"),
        synthetic_article("ok2", [{"type": "AGREE", "actor": "IRQGOV"}]),
    ]
    summary = ingest(items, store, pipeline=fake_pipeline(), batch_size=2)
    assert (summary.stored, summary.rejected) == (2, 4)
    assert dict(summary.reasons) == {"E001": 1, "E006": 1, "E010": 1, "E007": 1}
    rows = store.rejections()
    assert {r["origin"] for r in rows} == {"empty.txt", "bad.jsonl:2", "boom.txt", "fr.txt"}
    boom = next(r for r in rows if r["origin"] == "boom.txt")
    assert boom["content_hash"] == items[3].content_hash and "stage failure" in boom["reason"]
    text = format_summary(summary)
    assert "rejected 4" in text and "E006" in text and "cronica rejected" in text


def test_a_store_error_on_one_article_does_not_end_the_batch(store, monkeypatch):
    real_add = SQLiteStore.add

    def add(self, adoc):
        if adoc.article.id == "doc1":
            raise sqlite3.IntegrityError("simulated")
        return real_add(self, adoc)

    monkeypatch.setattr(SQLiteStore, "add", add)
    summary = ingest(corpus(3), store, pipeline=fake_pipeline())
    assert (summary.stored, summary.rejected) == (2, 1)
    assert "simulated" in store.rejections()[0]["reason"]


def test_duplicates_inside_one_run_are_stored_once(store):
    docs = corpus(3)
    summary = ingest(docs + docs, store, pipeline=fake_pipeline(), batch_size=8)
    assert (summary.stored, summary.present) == (3, 3)


def test_progress_lines_when_not_a_terminal():
    out = io.StringIO()
    progress = Progress(total=10, stream=out, every=0.0, tty=False)
    from cronica.ingest import IngestSummary

    s = IngestSummary(stored=4, present=1)
    progress(s)
    progress.close()
    line = out.getvalue()
    assert "5/10 documents" in line and "docs/s" in line and "ETA" in line


def test_estimate_total(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "b.json").write_text("{}", encoding="utf-8")  # a sidecar
    assert estimate_total([str(tmp_path)]) == 3
    assert estimate_total([str(tmp_path / "a.jsonl"), str(tmp_path / "sub" / "b.txt")]) == 3
    assert estimate_total(["-"]) is None


_KILLABLE = """
import sys
sys.path.insert(0, {tests!r})
from store_helpers import fake_pipeline
from cronica.ingest import ingest
from cronica.read import read_inputs
from cronica.store.sqlite import SQLiteStore
store = SQLiteStore({db!r})
ingest(read_inputs([{src!r}]), store, pipeline=fake_pipeline(delay=0.01), batch_size=4)
"""


def _integrity(db: str) -> tuple[int, int, int]:
    con = sqlite3.connect(db)
    bad = con.execute(
        "SELECT COUNT(*) FROM articles a WHERE a.n_events <> "
        "(SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id)"
    ).fetchone()[0]
    assert bad == 0, "an article was stored without all of its events"
    orphan = con.execute("SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
                         "(SELECT 1 FROM mentions m WHERE m.event_id = e.id)").fetchone()[0]
    assert orphan == 0
    dup = con.execute("SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM articles").fetchone()[0]
    assert dup == 0
    arts = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    evs = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    ms = con.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    con.close()
    return arts, evs, ms


def test_kill_9_mid_ingest_then_resume_gives_the_same_store(tmp_path):
    src = tmp_path / "corpus.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i, specs, day in corpus_specs(400):
            fh.write(json.dumps(synthetic_record(i, specs, date=day), ensure_ascii=False) + "\n")
    db = str(tmp_path / "killed.db")
    code = _KILLABLE.format(tests=str(TESTS), db=db, src=str(src))
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.1)
        try:
            con = sqlite3.connect(db, timeout=1)
            stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            continue
        if stored >= 40:
            break
    assert proc.poll() is None, proc.stderr.read().decode()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    arts, _, _ = _integrity(db)
    assert 40 <= arts < 400  # killed in the middle

    from cronica.read import read_inputs

    with SQLiteStore(db) as s:
        summary = ingest(read_inputs([str(src)]), s, pipeline=fake_pipeline())
    assert summary.present == arts and summary.stored == 400 - arts
    resumed = _integrity(db)

    clean = str(tmp_path / "clean.db")
    with SQLiteStore(clean) as s:
        ingest(read_inputs([str(src)]), s, pipeline=fake_pipeline())
    assert resumed == _integrity(clean)
    ids = [sqlite3.connect(p).execute("SELECT id, n_sources FROM events ORDER BY id").fetchall()
           for p in (db, clean)]
    assert ids[0] == ids[1]


def test_cli_ingest_exit_status_and_summary(tmp_path, monkeypatch, capsys):
    from cronica import pipeline
    from cronica.cli import main

    monkeypatch.setattr(pipeline, "_default", fake_pipeline())
    src = tmp_path / "in.jsonl"
    recs = [synthetic_record(i, specs, date=day) for i, specs, day in corpus_specs(5)]
    src.write_text("\n".join(json.dumps(r) for r in recs) + "\nnot json\n", encoding="utf-8")
    db = str(tmp_path / "data" / "c.db")
    assert main(["ingest", str(src), "--db", db, "--json"]) == 1
    out = capsys.readouterr()
    summary = json.loads(out.out)
    assert (summary["stored"], summary["rejected"]) == (5, 1)
    assert "rejected 1" in out.err and "E006" in out.err
    assert main(["ingest", str(src), "--db", db, "--json"]) == 1  # the bad line again
    summary = json.loads(capsys.readouterr().out)
    assert (summary["stored"], summary["present"]) == (0, 5)
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(recs[0]) + "\n", encoding="utf-8")
    assert main(["ingest", str(good), "--db", db]) == 0


@pytest.mark.slow
def test_end_to_end_with_the_real_pipeline(nlp_es, nlp_en, tmp_path):
    """The seed article and an English one through spaCy and every stage, into the store."""
    from cronica.pipeline import Pipeline
    from cronica.read import read_inputs

    root = TESTS.parent
    src = tmp_path / "more.jsonl"
    src.write_text(json.dumps({
        "id": "en1", "lang": "en", "date": "2024-01-26", "source": "Reuters",
        "text": "Iraq's government said on Thursday it had agreed with the United States to "
                "start talks on ending the coalition's military presence.",
    }) + "\n" + json.dumps({"id": "empty", "text": ""}) + "\n", encoding="utf-8")
    pipe = Pipeline(nlp={"es": nlp_es, "en": nlp_en})
    with SQLiteStore(str(tmp_path / "c.db")) as store:
        paths = [str(root / "examples" / "seed"), str(src)]
        summary = ingest(read_inputs(paths), store, pipeline=pipe)
        assert (summary.stored, summary.rejected) == (2, 1)
        assert store.rejections()[0]["code"] == "E001"
        arts = {a["id"]: a for a in store.list_articles()}
        assert set(arts) == {"seed-usa-irq-talks", "en1"}
        seed = store.get_article("seed-usa-irq-talks")
        assert seed["article"]["lang"] == "es"
        assert seed["article"]["n_events"] == len(seed["events"])
        for ev in seed["events"]:
            assert store.get_event(ev["event_id"]) is not None
        again = ingest(read_inputs(paths), store, pipeline=pipe)
        assert (again.stored, again.present) == (0, 2)
        assert summary.extract_seconds > 0 and summary.store_seconds > 0
