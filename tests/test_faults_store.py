"""Stores that are damaged, full, read-only or newer than the code (issue 10, holes 10, 11, 13).

Each fault gives a coded message and exit status 2, never a traceback; an ingest that
meets a full or read-only store stops with its summary, and what it stored stays stored.
Faults are simulated without root tricks: SQLite's ``max_page_count`` makes a store
"full", a ``mode=ro`` connection makes it read-only.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from store_helpers import fake_pipeline, make_adoc, synthetic_article, synthetic_record

from cronica import cli
from cronica.errors import ErrorCode, Rejection, StoreError
from cronica.ingest import IngestService, format_summary, ingest
from cronica.store import schema
from cronica.store.base import EventFilter
from cronica.store.sqlite import SQLiteStore

USA_IRQ = {"type": "CONSULT", "actor": "USAGOV", "recipient": "IRQGOV"}


def _records(n: int) -> list[dict]:
    return [synthetic_record(f"d{i}", [dict(USA_IRQ, verb=f"habló{i}")], salt=str(i))
            for i in range(n)]


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


@pytest.fixture()
def fake_default(monkeypatch):
    """``cronica ingest`` with the fake NLP (no models)."""
    import cronica.pipeline

    monkeypatch.setattr(cronica.pipeline, "default_pipeline", fake_pipeline)


def _damaged_stores(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.db"
    with SQLiteStore(str(good)) as s:
        for i in range(20):
            s.add(make_adoc(f"a{i}", [dict(USA_IRQ, verb=f"v{i}")], salt=str(i)))
    data = good.read_bytes()
    random_bytes = tmp_path / "random.db"
    random_bytes.write_bytes(bytes((i * 37 + 11) % 256 for i in range(8192)))
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(data[: len(data) // 3])
    folder = tmp_path / "folder.db"
    folder.mkdir()
    return {"random": random_bytes, "truncated": truncated, "folder": folder}


@pytest.mark.parametrize("argv", [
    ["query"], ["query", "--count"], ["export", "--format", "csv", "-o", "OUT"], ["rejected"],
    ["ingest", "IN"],
])
def test_damaged_store_is_a_coded_error_with_status_2(tmp_path, capsys, argv, fake_default):
    """Hole 10: a truncated or random-bytes file, or a folder, as the store."""
    inp = _write_jsonl(tmp_path / "in.jsonl", _records(1))
    for kind, db in _damaged_stores(tmp_path).items():
        args = [a.replace("OUT", str(tmp_path / "o.csv")).replace("IN", str(inp)) for a in argv]
        status = cli.main([*args, "--db", str(db)])
        err = capsys.readouterr().err
        if kind == "truncated" and status != 2:
            # SQLite may read a truncated file's first pages fine; then it must work
            assert status in (0, 1), (kind, err)
            continue
        assert status == 2, (kind, err)
        assert "[E013]" in err and "Traceback" not in err, (kind, err)


def test_newer_store_refuses_writes_but_reads(tmp_path, capsys, fake_default):
    """Hole 13: older code must not write into a store of a newer schema."""
    db = tmp_path / "new.db"
    with SQLiteStore(str(db)) as s:
        s.add(make_adoc("a0", [USA_IRQ]))
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, 'x')",
                     (schema.SCHEMA_VERSION + 1,))
    with SQLiteStore(str(db)) as s:
        assert s.count_events(EventFilter()) == 1  # reading still works
        with pytest.raises(StoreError) as exc:
            s.add(make_adoc("a1", [USA_IRQ], salt="x"))
        assert exc.value.code == ErrorCode.E014_STORE_NEWER
        with pytest.raises(StoreError):
            s.add_rejection(Rejection("x", "E001", "empty"))
    inp = _write_jsonl(tmp_path / "in.jsonl", _records(2))
    assert cli.main(["ingest", str(inp), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "[E014]" in err and "Traceback" not in err
    assert cli.main(["query", "--count", "--db", str(db)]) == 0


def _full_store(path: Path, spare_pages: int = 8) -> SQLiteStore:
    """A store that can grow by only ``spare_pages`` pages: 'database or disk is full'."""
    store = SQLiteStore(str(path))
    store._conn.execute("PRAGMA journal_mode = DELETE")  # no WAL: pages are counted at once
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")
    return store


def test_full_disk_stops_ingest_with_a_summary_and_a_rerun_finishes(tmp_path):
    """Hole 11: a full store stops the run (no E010 per document, no crash), and a rerun
    after space is freed stores everything, with no stale rejections."""
    arts = [synthetic_article(f"d{i}", [dict(USA_IRQ, verb=f"dijo{i} " + "x" * 3000)],
                              salt=str(i)) for i in range(40)]
    path = tmp_path / "full.db"
    store = _full_store(path)
    summary = ingest(arts, store, pipeline=fake_pipeline())
    assert summary.error is not None and summary.error.code == ErrorCode.E015_STORE_WRITE
    assert summary.stored < 40 and summary.rejected == 0
    text = format_summary(summary)
    assert "[E015]" in text and "stopped" in text
    stored_before = summary.stored
    store.close()
    with SQLiteStore(str(path)) as again:  # space freed: no page limit on a new connection
        second = ingest(arts, again, pipeline=fake_pipeline())
        assert second.error is None
        assert second.present == stored_before and second.stored == 40 - stored_before
        assert again.rejections() == []


def test_full_disk_cli_exit_status_2(tmp_path, capsys, monkeypatch, fake_default):
    import cronica.commands.ingest as ingest_cmd

    path = tmp_path / "full.db"
    monkeypatch.setattr(ingest_cmd, "open_store", lambda db: _full_store(path, 4))
    recs = [synthetic_record(f"d{i}", [dict(USA_IRQ, verb="v" + "x" * 4000)], salt=str(i))
            for i in range(30)]
    inp = _write_jsonl(tmp_path / "in.jsonl", recs)
    assert cli.main(["ingest", str(inp), "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "[E015]" in err and "stored" in err and "Traceback" not in err


def test_read_only_store(tmp_path):
    path = tmp_path / "ro.db"
    SQLiteStore(str(path)).close()
    store = SQLiteStore(str(path))
    store._conn.close()
    store._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                  check_same_thread=False)
    store._conn.row_factory = sqlite3.Row
    summary = ingest([synthetic_article("d1", [USA_IRQ])], store, pipeline=fake_pipeline())
    assert summary.error is not None and summary.error.code == ErrorCode.E015_STORE_WRITE
    assert store.count_events(EventFilter()) == 0  # reading works
    store.close()


def test_rejections_clear_when_the_document_is_stored(tmp_path):
    with SQLiteStore(str(tmp_path / "r.db")) as store:
        adoc = make_adoc("a1", [USA_IRQ])
        adoc.article.origin = "batch.jsonl:3"
        store.add_rejection(Rejection("batch.jsonl:3", "E010", "store: full", doc_id="a1"),
                            content_hash=adoc.article.content_hash)
        store.add_rejection(Rejection("batch.jsonl:3", "E004", "too large", doc_id="a1"))
        store.add_rejection(Rejection("other.txt", "E001", "empty", doc_id="other"))
        assert len(store.rejections()) == 3
        store.add(adoc)
        assert [r["origin"] for r in store.rejections()] == ["other.txt"]


class _FailingStore(SQLiteStore):
    """Stores ``ok`` articles, then fails as a full disk does."""

    ok = 1

    def add(self, adoc):
        if self.ok <= 0:
            raise StoreError(ErrorCode.E015_STORE_WRITE, self.path, "database or disk is full")
        self.ok -= 1
        return super().add(adoc)


def test_service_reports_what_a_store_failure_left_unstored(tmp_path):
    """Issue 8: a store error halfway is not a 500: stored stays stored, the rest 'failed'."""
    with _FailingStore(str(tmp_path / "f.db")) as store:
        service = IngestService(store, fake_pipeline())
        items = [synthetic_article(f"d{i}", [dict(USA_IRQ, verb=f"v{i}")], salt=str(i))
                 for i in range(3)]
        items.insert(1, Rejection("request:2", "E006", "bad line"))
        result = service.ingest_items(items)
        assert [d.status for d in result.documents] == ["stored", "rejected", "failed", "failed"]
        assert result.error is not None and result.to_dict()["failed"] == 2
        assert store.count_events(EventFilter()) >= 1


def test_service_stores_rejections_with_their_content_hash(tmp_path):
    from cronica.model import Article

    with SQLiteStore(str(tmp_path / "h.db")) as store:
        service = IngestService(store, fake_pipeline())
        art = Article(id="pt", text="Texto em português sobre nada.", lang="pt", origin="request:1")
        result = service.ingest_items([art])
        assert result.documents[0].status == "rejected"
        assert store.rejections()[0]["content_hash"] == art.content_hash
