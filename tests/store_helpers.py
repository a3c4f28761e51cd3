"""Helpers for the store tests: hand-built ArticleDocs (no spaCy) and a PostgreSQL server.

The server: ``CRONICA_TEST_PG_URL`` when set; otherwise a throwaway cluster started with
Debian's binaries (``/usr/lib/postgresql/*/bin``) in a temporary folder on a free port,
as user ``postgres`` when running as root. One per test process, stopped at exit.
When none can be started the tests skip, except under ``CI=true`` where they fail.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

from cronica.model import Article, ArticleDoc, Event, EventArg, Span

TEXT_TEMPLATE = "{actor} {verb} a {recipient} en {place}."


def make_adoc(
    doc_id: str,
    events: list[dict],
    date: str | None = "2024-01-26",
    source: str | None = "AFP",
    lang: str = "es",
    salt: str = "",
) -> ArticleDoc:
    """An ArticleDoc with one sentence per event spec.

    Spec keys: type, actor, recipient (codes), date, precision ('day'), inferred (False),
    country (place country), place (name), aux_mode, mode, reported_by (list), verb.
    ``salt`` changes the text (hence the content hash) without changing the events.
    """
    sentences: list[str] = []
    for i, spec in enumerate(events):
        sentences.append(TEXT_TEMPLATE.format(
            actor=spec.get("actor_text", spec.get("actor") or "Alguien"),
            verb=spec.get("verb", f"actuó{i}"),
            recipient=spec.get("recipient_text", spec.get("recipient") or "nadie"),
            place=spec.get("place") or "algún lugar",
        ))
    text = " ".join(sentences) + (f" {salt}" if salt else "") or "Nada."
    adoc = ArticleDoc(
        article=Article(id=doc_id, text=text, date=date, lang=lang, source=source, title=doc_id,
                        origin=f"{doc_id}.txt"),
        lang=lang,
    )
    pos = 0
    for i, s in enumerate(sentences):
        adoc.sentences.append(Span(s, pos, pos + len(s), i))
        pos += len(s) + 1
    for i, spec in enumerate(events):
        sent = adoc.sentences[i]
        actor_txt = spec.get("actor_text", spec.get("actor") or "Alguien")
        verb = spec.get("verb", f"actuó{i}")
        v_start = sent.start + len(actor_txt) + 1
        trigger = Span(verb, v_start, v_start + len(verb), i)
        actor = None
        if spec.get("actor"):
            actor = EventArg(actor_txt, spec["actor"], [spec["actor"]], sent.start,
                             sent.start + len(actor_txt))
        recipient = None
        if spec.get("recipient"):
            r_text = spec.get("recipient_text", spec["recipient"])
            r_start = sent.text.index(" a " + r_text) + sent.start + 3
            recipient = EventArg(r_text, spec["recipient"], [spec["recipient"]], r_start,
                                 r_start + len(r_text))
        loc = None
        if spec.get("country") or spec.get("place"):
            loc = {"name": spec.get("place"), "country": spec.get("country"),
                   "lat": spec.get("lat", 10.0), "lon": spec.get("lon", 20.0)}
        ev_date = spec.get("date", date)
        adoc.events.append(Event(
            id=f"e{i}", event=spec.get("type", "CONSULT"), trigger=trigger,
            mode=spec.get("mode"), context=spec.get("context", []),
            aux_mode=spec.get("aux_mode"), actor=actor, recipient=recipient,
            date=ev_date, date_precision=spec.get("precision", "day" if ev_date else None),
            date_inferred=spec.get("inferred", False), event_loc=loc, mentions=[trigger],
            reported_by=spec.get("reported_by", []), confidence=spec.get("confidence", 0.8),
        ))
    return adoc


# -- PostgreSQL ---------------------------------------------------------------------------
_PG: dict[str, str | None] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_pg_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    quoted = " ".join(f"'{c}'" for c in cmd)
    return [runuser, "-u", "postgres", "--", *cmd] if runuser else ["su", "postgres", "-c", quoted]


def _start_cluster() -> str | None:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        return None
    bindir = os.path.dirname(bins[-1])
    tmp = tempfile.mkdtemp(prefix="cronica-pg-")
    data = os.path.join(tmp, "data")
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    port = _free_port()
    try:
        subprocess.run(_as_pg_user([f"{bindir}/initdb", "-D", data, "-U", "postgres",
                                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_pg_user([
            f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(tmp, "log"), "-w", "-t", "60",
            "-o", f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ]), check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError):
        shutil.rmtree(tmp, ignore_errors=True)
        return None

    def stop() -> None:
        subprocess.run(_as_pg_user([f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


def pg_server_url() -> str:
    """The URL of a running server, or skip (fail under CI=true) when there is none."""
    if "url" not in _PG:
        _PG["url"] = os.environ.get("CRONICA_TEST_PG_URL") or _start_cluster()
        if _PG["url"]:
            _wait_ready(_PG["url"])
    url = _PG["url"]
    if not url:
        msg = ("no PostgreSQL server: set CRONICA_TEST_PG_URL or install Debian's postgresql "
               "(apt-get install -y postgresql)")
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return url


def _wait_ready(url: str) -> None:
    import psycopg

    for _ in range(50):
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            time.sleep(0.2)


def fresh_pg_database() -> str:
    """A new empty database on the test server; returns its URL."""
    import psycopg

    base = pg_server_url()
    name = "cronica_test_" + uuid.uuid4().hex[:10]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    if os.environ.get("CRONICA_TEST_PG_URL"):  # someone else's server: leave it clean
        atexit.register(_drop_database, base, name)
    return base.rsplit("/", 1)[0] + "/" + name


def _drop_database(base: str, name: str) -> None:
    import psycopg

    try:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error:
        pass  # best effort at exit: the server may already be gone


def open_backend(kind: str, tmp_path) -> object:
    """A fresh store of the given kind ('sqlite' or 'postgres')."""
    if kind == "sqlite":
        from cronica.store.sqlite import SQLiteStore

        return SQLiteStore(str(tmp_path / "store" / "cronica.db"))
    from cronica.store.postgres import PostgresStore

    return PostgresStore(fresh_pg_database())


# -- a real Pipeline with a fake NLP: fast ingest tests --------------------------------------
class _FakeSent:
    def __init__(self, start: int, end: int) -> None:
        self.start_char, self.end_char = start, end


class FakeDoc:
    """Stands in for a spaCy Doc: the whole text as one 'sentence'."""

    def __init__(self, text: str) -> None:
        self.sents = [_FakeSent(0, len(text))]
        self.user_data: dict = {}


class FakeNLP:
    def __call__(self, text: str) -> FakeDoc:
        return FakeDoc(text)

    def pipe(self, texts):
        for t in texts:
            yield FakeDoc(t)


class SpecEvents:
    """A stage that rebuilds the events described in ``article.meta['events']``.

    Texts containing 'FAIL' make it raise (a processing bug on one document);
    ``delay`` seconds per document imitate the NLP's cost.
    """

    name = "events"

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def run(self, adoc: ArticleDoc) -> None:
        if "FAIL" in adoc.article.text:
            raise RuntimeError("stage failure")
        if self.delay:
            time.sleep(self.delay)
        a = adoc.article
        built = make_adoc(a.id, a.meta.get("events", []), date=a.date, source=a.source,
                          salt=a.meta.get("salt", ""))
        assert built.article.text == a.text
        adoc.sentences = built.sentences
        adoc.events = built.events


def fake_pipeline(delay: float = 0.0):
    from cronica.pipeline import Pipeline

    stage = SpecEvents(delay)
    return Pipeline(nlp={"es": FakeNLP(), "en": FakeNLP()}, stages={"es": [stage], "en": [stage]})


def synthetic_article(doc_id: str, specs: list[dict], salt: str = "", **kw) -> Article:
    """An Article whose text and metadata let :class:`SpecEvents` rebuild ``specs``."""
    a = make_adoc(doc_id, specs, salt=salt, **kw).article
    a.meta = {"events": specs, "salt": salt}
    return a


def synthetic_record(doc_id: str, specs: list[dict], salt: str = "", **kw) -> dict:
    """The same as a JSONL record (extra keys end up in ``Article.meta``)."""
    a = synthetic_article(doc_id, specs, salt=salt, **kw)
    return {"id": a.id, "text": a.text, "date": a.date, "lang": a.lang, "source": a.source,
            "events": specs, "salt": salt}


ACTORS = ["USAGOV", "IRQGOV", "IRNGOV", "MEXGOV", "COLREB", "VENGOV", "ESPGOV", "FRAMIL"]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "PROTEST", "ASSAULT", "AID"]


def corpus_specs(n: int) -> list[tuple[str, list[dict], str]]:
    """n synthetic articles (id, event specs, date); many events repeat across articles,
    so merging has work to do."""
    out = []
    for i in range(n):
        day = f"2024-01-{1 + i % 28:02d}"
        specs = []
        for j in range(1 + i % 3):
            k = (i // 3 + j) % 40
            specs.append({"type": TYPES[k % len(TYPES)], "actor": ACTORS[k % len(ACTORS)],
                          "recipient": ACTORS[(k + 3) % len(ACTORS)], "verb": f"hizo{i}x{j}",
                          "date": f"2024-01-{1 + (i // 3) % 28:02d}"})
        out.append((f"doc{i}", specs, day))
    return out
