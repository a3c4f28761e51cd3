"""Hostile inputs and output faults (issue 10, holes 1-5, 9 and 12).

Each test reproduces one hole of the audit with tiny self-made files. Unreadable paths
are simulated by making ``os.scandir`` / ``Path.stat`` raise PermissionError (chmod does
not stop root, and the tests may run as root); a chmod variant runs when not root.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from store_helpers import fake_pipeline, synthetic_record

from cronica import cli
from cronica.errors import ErrorCode, InputError, Rejection
from cronica.export import TMP_PREFIX, atomic_output, clean_stale
from cronica.model import Article
from cronica.read import read_inputs
from cronica.read.metadata import MAX_ID_CHARS, make_article

GOOD = "El gobierno de Bolivia anunció ayer que negociará con los sindicatos mineros."
USA_IRQ = {"type": "CONSULT", "actor": "USAGOV", "recipient": "IRQGOV"}


def _read(paths, **kw) -> list[Article | Rejection]:
    return list(read_inputs([str(p) for p in paths], **kw))


def _rejections(items) -> list[Rejection]:
    return [i for i in items if isinstance(i, Rejection)]


# -- hole 1: deep JSON ---------------------------------------------------------------
def test_deeply_nested_jsonl_line_is_a_rejection_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "d.jsonl"
    lines = ["[" * 1000 + "]" * 1000, json.dumps({"id": "ok", "text": GOOD}),
             json.dumps({"id": "meta", "text": GOOD, "extra": json.loads("[" * 200 + "]" * 200)})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read([path])
    assert [type(i).__name__ for i in items] == ["Rejection", "Article", "Rejection"]
    assert items[0].code == "E006" and "nested deeper" in items[0].reason
    assert items[0].origin.endswith("d.jsonl:1")


def test_deep_json_cli_ingest_stores_the_rest(tmp_path, monkeypatch, capsys):
    import cronica.pipeline

    monkeypatch.setattr(cronica.pipeline, "default_pipeline", fake_pipeline)
    path = tmp_path / "d.jsonl"
    path.write_text("[" * 1000 + "]" * 1000 + "\n" + json.dumps(synthetic_record("ok", [USA_IRQ]))
                    + "\n", encoding="utf-8")
    assert cli.main(["ingest", str(path), "--db", str(tmp_path / "t.db")]) == 1
    err = capsys.readouterr().err
    assert "stored 1 articles" in err and "E006" in err and "Traceback" not in err


def test_deep_json_file_and_sidecar(tmp_path):
    (tmp_path / "a.json").write_text("[" * 3000 + "]" * 3000, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.json").write_text('{"x": ' + "[" * 3000 + "]" * 3000 + "}", encoding="utf-8")
    for p in ("a.json", "b.txt"):
        (rej,) = _rejections(_read([tmp_path / p]))
        assert rej.code == "E006"


# -- hole 2: unreadable folders and files, symlinks ------------------------------------
def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "open").mkdir(parents=True)
    (root / "locked").mkdir()
    (root / "open" / "a.txt").write_text(GOOD, encoding="utf-8")
    (root / "locked" / "b.txt").write_text(GOOD, encoding="utf-8")
    return root


def test_unreadable_subfolder_is_a_rejection_naming_it(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = _read([root])
    (rej,) = _rejections(items)
    assert rej.code == "E009" and rej.origin.endswith("locked") and "cannot be read" in rej.reason
    assert [i.id for i in items if isinstance(i, Article)] == ["a"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_subfolder_by_chmod(tmp_path):
    root = _tree(tmp_path)
    (root / "locked").chmod(0)
    try:
        (rej,) = _rejections(_read([root]))
        assert rej.origin.endswith("locked")
        (rej,) = _rejections(_read([root / "locked" / "b.txt"]))
        assert rej.code == "E009"
    finally:
        (root / "locked").chmod(0o755)


def test_file_in_unreadable_folder_is_a_rejection(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    target = root / "locked" / "b.txt"
    real = Path.stat

    def stat(self, *a, **kw):
        if "locked" in str(self):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *a, **kw)

    monkeypatch.setattr(Path, "stat", stat)
    items = _read([target, root / "open" / "a.txt"])
    assert isinstance(items[0], Rejection) and items[0].code == "E009"
    assert "Permission denied" in items[0].reason and items[0].origin == str(target)
    assert isinstance(items[1], Article)


def test_dangling_and_looping_symlinks_are_recorded(tmp_path):
    root = _tree(tmp_path)
    (root / "gone.txt").symlink_to(root / "missing.txt")
    (root / "open" / "back").symlink_to(root)
    (root / "self.txt").symlink_to(root / "self.txt")
    items = _read([root])
    reasons = {Path(r.origin).name: r.reason for r in _rejections(items)}
    assert "dangling" in reasons["gone.txt"]
    assert "loop" in reasons["back"]
    assert "loop" in reasons["self.txt"]
    assert sorted(i.id for i in items if isinstance(i, Article)) == ["a", "b"]


# -- hole 3: devices and pipes ----------------------------------------------------------
def test_a_device_is_read_only_up_to_the_limit():
    (rej,) = _read(["/dev/zero"], max_bytes=1000)
    assert rej.code == "E004" and "reading stopped" in rej.reason


def test_a_pipe_is_read_only_up_to_the_limit(tmp_path):
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    stop = threading.Event()

    def writer():
        try:
            with open(fifo, "wb") as fh:
                while not stop.is_set():
                    fh.write(b"texto " * 1000)
        except BrokenPipeError:
            pass

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    try:
        (rej,) = _read([fifo], max_bytes=50_000)
    finally:
        stop.set()
    t.join(5)
    assert rej.code == "E004"


# -- hole 5: smaller ones ------------------------------------------------------------------
def test_ingest_has_max_bytes(tmp_path, monkeypatch, capsys):
    import cronica.pipeline

    monkeypatch.setattr(cronica.pipeline, "default_pipeline", fake_pipeline)
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 10, encoding="utf-8")
    assert cli.main(["ingest", str(path), "--db", str(tmp_path / "t.db"), "--max-bytes", "100"]) == 1
    assert "E004" in capsys.readouterr().err


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(tmp_path, codec):
    path = tmp_path / "u.txt"
    path.write_bytes(("Información: " + GOOD).encode(codec))
    (art,) = _read([path])
    assert isinstance(art, Article) and art.text.startswith("Información")
    assert art.meta["encoding"] == codec


def test_deeply_nested_html_keeps_its_text(tmp_path):
    body = "<p>" + GOOD * 3 + "</p>"
    page = "<html><body>" + "<div>" * 100_000 + body + "</div>" * 100_000 + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    (art,) = _read([path])
    assert isinstance(art, Article) and "Bolivia" in art.text


def test_non_string_metadata_is_json_not_python_repr():
    art = make_article(GOOD, {"title": {"x": 1}, "source": ["EFE", "AFP"], "url": 7}, "o", "d",
                       None)
    assert art.title == '{"x": 1}' and art.source == '["EFE", "AFP"]' and art.url == "7"


def test_far_future_date_is_rejected():
    from cronica.pipeline import Pipeline

    p = Pipeline(nlp={"es": object()})
    with pytest.raises(InputError) as exc:
        p.prepare(Article(id="f", text=GOOD, lang="es", date="9999-12-31", origin="f"))
    assert exc.value.code == ErrorCode.E011_BAD_DATE and "after today" in exc.value.message
    p.prepare(Article(id="ok", text=GOOD, lang="es", date="2024-01-26", origin="ok"))


# -- hole 9: ids ---------------------------------------------------------------------------
@pytest.mark.parametrize("raw", ["a\x00b\x1fc", "x" * 1000, "\x01\x02", "línea\nnueva"])
def test_ids_are_normalised_at_read_time(raw):
    import re

    from cronica.api import ID_PATTERN

    art = make_article(GOOD, {}, "o", raw, None)
    assert re.match(ID_PATTERN, art.id) and len(art.id) <= MAX_ID_CHARS
    # the store may add '~' and 12 hex digits to an id already taken: still servable
    assert re.match(ID_PATTERN, art.id + "~" + "0" * 12)
    if len(raw) > MAX_ID_CHARS:
        assert art.id != make_article(GOOD, {}, "o", raw + "y", None).id  # stays unique


def test_api_and_cli_normalise_ids_alike(tmp_path):
    from fastapi.testclient import TestClient

    from cronica.api import create_app
    from cronica.store.sqlite import SQLiteStore

    rec = synthetic_record("id\x07with\x1fcontrols" + "z" * 400, [USA_IRQ])
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (art,) = _read([path])
    with SQLiteStore(str(tmp_path / "a.db")) as store:
        app = create_app(store=store, token="t", pipeline=fake_pipeline())
        with TestClient(app) as c:
            out = c.post("/api/ingest", content=json.dumps(rec),
                         headers={"Authorization": "Bearer t"}).json()
            doc_id = out["documents"][0]["id"]
            assert doc_id == art.id
            assert c.get(f"/api/articles/{doc_id}").status_code == 200


# -- hole 4: limits ------------------------------------------------------------------------
def test_time_budget_rejects_with_e012_and_the_batch_goes_on():
    from cronica.pipeline import Pipeline

    clock = iter(range(0, 10_000, 50))

    class Slow:
        name = "slow"
        requires: tuple = ()
        assigns: tuple = ()

        def run(self, adoc):
            pass

    base = fake_pipeline()
    p = Pipeline(nlp=base._nlp, stages={"es": [Slow()]}, time_budget=30)
    import cronica.limits as limits

    real = limits.Budget.__init__

    def init(self, seconds, origin, doc_id, clock_fn=None):
        real(self, seconds, origin, doc_id, clock=lambda: next(clock))

    try:
        limits.Budget.__init__ = init
        out = list(p.pipe([Article(id="a", text=GOOD, lang="es", origin="a"),
                           Rejection("x", "E001", "empty")]))
    finally:
        limits.Budget.__init__ = real
    assert isinstance(out[0], Rejection) and out[0].code == "E012"
    assert "budget 30" in out[0].reason and out[1].code == "E001"


def test_sentence_cap_bounds_sentences(nlp_es):
    from cronica.limits import SentenceCap

    words = "el gobierno de Bolivia anunció que negociará con los sindicatos y".split()
    doc = nlp_es.make_doc(" ".join(words[i % len(words)] for i in range(1000)))
    SentenceCap(100)(doc)
    starts = [t.i for t in doc if t.is_sent_start]
    assert starts[:3] == [100, 200, 300] or starts[:3] == [0, 100, 200]
    text = "Uno dos tres. " * 100
    doc = nlp_es.make_doc(text)
    SentenceCap(100)(doc)
    assert not any(t.is_sent_start for t in doc[1:])  # real sentences: nothing forced
    # a stretch of exactly the cap is left whole; one token more gets a break at the cap
    doc = nlp_es.make_doc(" ".join(["palabra"] * 100))
    SentenceCap(100)(doc)
    assert not any(t.is_sent_start for t in doc[1:])
    doc = nlp_es.make_doc(" ".join(["palabra"] * 101))
    SentenceCap(100)(doc)
    assert [t.i for t in doc[1:] if t.is_sent_start] == [100]


def test_document_length_cap():
    from cronica.pipeline import Pipeline

    p = Pipeline(nlp={"es": object()}, max_chars=1000)
    with pytest.raises(InputError) as exc:
        p.prepare(Article(id="l", text="palabra " * 500, lang="es", origin="l"))
    assert exc.value.code == ErrorCode.E004_TOO_LARGE


# -- hole 12: atomic, tidy output ------------------------------------------------------------
def test_extract_output_is_atomic(tmp_path, capsys):
    from cronica.commands import extract as extract_cmd

    out = tmp_path / "out.json"
    out.write_text("old content", encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")

    class Boom:
        def pipe(self, items, batch_size=32):
            yield from fake_pipeline().pipe(items, batch_size=batch_size)
            raise KeyboardInterrupt

    args = cli.build_parser().parse_args(["extract", str(src), "-o", str(out), "--lang", "es"])
    with pytest.raises(KeyboardInterrupt):
        extract_cmd.run(args, pipeline=Boom())
    assert out.read_text(encoding="utf-8") == "old content"
    assert not [n for n in os.listdir(tmp_path) if n.startswith(TMP_PREFIX)]


def test_output_on_a_full_disk_is_e016_and_leaves_nothing(tmp_path, monkeypatch):
    from cronica.errors import OutputError

    target = tmp_path / "x.csv"
    with pytest.raises(OutputError) as exc, atomic_output(str(target)) as fh:
        fh.write("a")
        raise OSError(28, "No space left on device")
    assert "[E016]" in exc.value.message and "No space" in exc.value.message
    assert os.listdir(tmp_path) == []


def test_full_disk_extract_cli_exit_2(tmp_path, monkeypatch, capsys):
    import cronica.commands.extract as extract_cmd

    def boom(results, out, fmt):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(extract_cmd, "write_results", boom)
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    fp = fake_pipeline()
    monkeypatch.setattr("cronica.pipeline.Pipeline", lambda: fp)
    assert cli.main(["extract", str(src), "-o", str(tmp_path / "o.json")]) == 2
    err = capsys.readouterr().err
    assert "[E016]" in err and "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]


def test_stale_export_temporaries_are_cleaned(tmp_path):
    dead = tmp_path / f"{TMP_PREFIX}999999999-abc{'.tmp'}"
    dead.write_text("x")
    legacy_old = tmp_path / f"{TMP_PREFIX}abcdef.tmp"
    legacy_old.write_text("x")
    os.utime(legacy_old, (1, 1))
    mine = tmp_path / f"{TMP_PREFIX}{os.getpid()}-live.tmp"
    mine.write_text("x")
    removed = clean_stale(str(tmp_path))
    assert sorted(removed) == sorted([dead.name, legacy_old.name])
    assert mine.exists()


def test_export_follows_umask_and_refuses_existing(tmp_path, capsys):
    from cronica.store.sqlite import SQLiteStore

    db = tmp_path / "e.db"
    SQLiteStore(str(db)).close()
    out = tmp_path / "e.csv"
    old = os.umask(0o022)
    try:
        assert cli.main(["export", "--db", str(db), "--format", "csv", "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    assert cli.main(["export", "--db", str(db), "--format", "csv", "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert cli.main(["export", "--db", str(db), "--format", "csv", "-o", str(out), "--force"]) == 0


KILL_SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
from store_helpers import fake_pipeline
from cronica import cli
from cronica.commands import extract

class Slow:
    def __init__(self):
        self.inner = fake_pipeline()
    def pipe(self, items, batch_size=32):
        for res in self.inner.pipe(items, batch_size=1):
            time.sleep(0.05)
            yield res

args = cli.build_parser().parse_args(["extract", {src!r}, "-o", {out!r}, "--lang", "es"])
extract.run(args, pipeline=Slow())
"""


def test_kill_during_extract_leaves_the_old_file(tmp_path):
    """Hole 12: a kill -9 mid-write left 160 of 300 lines under the final name."""
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(synthetic_record(f"k{i}", [USA_IRQ], salt=str(i))) + "\n"
                           for i in range(300)), encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent), src=str(src), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    tmp = []
    while time.monotonic() < deadline and proc.poll() is None:
        tmp = [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)]
        if tmp and tmp[0].stat().st_size > 500:
            break
        time.sleep(0.1)
    assert proc.poll() is None, "the extract finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert out.read_text(encoding="utf-8") == "old"
    assert tmp and tmp[0].exists()  # left behind by the kill ...
    assert clean_stale(str(tmp_path)) == [tmp[0].name]  # ... and removed by the next run
