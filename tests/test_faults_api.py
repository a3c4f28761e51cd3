"""The API under hostile requests (issue 10, holes 1, 6, 7, 8 and issue 8's ingest).

A fuzz test sends generated values for every parameter of every reading endpoint and
demands a non-5xx answer; targeted tests pin the reproductions of the audit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import fake_pipeline, make_adoc, synthetic_record

from cronica.api import create_app
from cronica.errors import ErrorCode, StoreError
from cronica.store.sqlite import SQLiteStore

TOKEN = "s3cret-token"
USA_IRQ = {"type": "CONSULT", "actor": "USAGOV", "recipient": "IRQGOV", "place": "Bagdad",
           "country": "IRQ"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def app_store(tmp_path_factory) -> Iterator[SQLiteStore]:
    path = tmp_path_factory.mktemp("api") / "a.db"
    store = SQLiteStore(str(path))
    for i in range(4):
        store.add(make_adoc(f"a{i}", [dict(USA_IRQ, verb=f"habló{i}")], salt=str(i)))
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(app_store) -> Iterator[TestClient]:
    app = create_app(store=app_store, token=TOKEN, pipeline=fake_pipeline(), cache_seconds=0)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


FILTER_PARAMS = ["from", "to", "type", "mode", "actor", "recipient", "country", "place",
                 "source", "q", "min_sources", "include", "article_id", "min_confidence",
                 "sector"]
ENDPOINTS: dict[str, list[str]] = {
    "/api/events": [*FILTER_PARAMS, "limit", "offset", "sort"],
    "/api/stats": [*FILTER_PARAMS, "by", "limit"],
    "/api/timeline": [*FILTER_PARAMS, "interval"],
    "/api/map": [*FILTER_PARAMS, "limit"],
    "/api/articles": ["limit", "offset"],
    "/api/export": [*FILTER_PARAMS, "format"],
    "/api/labels": ["lang", "code"],
    "/api/network": FILTER_PARAMS,
    "/api/years": FILTER_PARAMS,
}


def test_fuzz_covers_every_get_endpoint(client):
    """A new reading endpoint must be added to ENDPOINTS (with its parameters)."""
    paths = {r.path for r in client.app.routes
             if "GET" in getattr(r, "methods", set()) and r.path.startswith("/api/")
             and "{" not in r.path and r.path not in ("/api/health", "/api/meta")}
    assert paths <= set(ENDPOINTS), paths - set(ENDPOINTS)
# characters the audit found dangerous, mixed into ordinary text
NASTY = st.sampled_from(["\x00", "\U0010ffff", "\ufffe", "\x1f", "%", "_", '"', "'", "\\",
                         "*", "-", "|", "→", "~", "NEAR", "AND", "(", ")", "9999", "-1", "ñ"])
VALUE = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    st.lists(NASTY, min_size=1, max_size=4).map("".join),
    st.integers(-10**12, 10**12).map(str),
)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(endpoint=st.sampled_from(sorted(ENDPOINTS)), data=st.data())
def test_fuzzed_parameters_never_give_5xx(client, endpoint, data):
    names = data.draw(st.lists(st.sampled_from(ENDPOINTS[endpoint]), min_size=1, max_size=3,
                               unique=True))
    params = {n: data.draw(VALUE) for n in names}
    resp = client.get(endpoint, params=params)
    assert resp.status_code < 500, (endpoint, params, resp.text)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ident=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=400))
def test_fuzzed_ids_never_give_5xx(client, ident):
    for route in ("/api/events/", "/api/articles/"):
        resp = client.get(route + quote(ident, safe=""))
        assert resp.status_code < 500, (route, ident, resp.text)


@pytest.mark.parametrize("endpoint", ["/api/events", "/api/stats", "/api/timeline", "/api/map"])
@pytest.mark.parametrize("params", [
    {"q": "gob\x00ierno"}, {"place": "\x00"}, {"actor": "\U0010ffff"},
    {"recipient": "IRQ\U0010ffff"}, {"source": "a\x00b"},
])
def test_audit_parameters_get_422(client, endpoint, params):
    """Hole 6: NUL in q/place and U+10FFFF in actor/recipient were 500s."""
    resp = client.get(endpoint, params=params)
    assert resp.status_code == 422, resp.text
    assert "not allowed" in resp.json()["detail"]


def test_store_layer_takes_nul_and_max_code_point(app_store):
    """The same values through the library (and so the CLI): no crash, sensible answers."""
    from cronica.store.base import EventFilter

    assert app_store.count_events(EventFilter(actor="USA\U0010ffff")) == 0
    assert app_store.count_events(EventFilter(actor="\U0010ffff")) == 0
    assert app_store.count_events(EventFilter(text="habl\x00ó0")) == 1  # the NUL is dropped
    assert app_store.count_events(EventFilter(place="\x00")) == app_store.count_events(
        EventFilter())
    app_store.query_events(EventFilter(place="Bag\x00dad"), limit=5)
    app_store.stats(EventFilter(text="\x00x\x00"), "type")
    app_store.places(EventFilter(source="\x00"))


def test_cli_query_with_max_code_point(tmp_path, capsys):
    from cronica import cli

    db = tmp_path / "c.db"
    SQLiteStore(str(db)).close()
    # a count (0) or a usage error naming the value (exit 2), never a crash
    for args in (["--actor", "\U0010ffff"], ["--text", "a\x00b"], ["--place", "\x00"]):
        status = cli.main(["query", "--db", str(db), *args, "--count"])
        err = capsys.readouterr().err
        assert status in (0, 2) and "Traceback" not in err
        assert status == 0 or "cronica query:" in err


def test_500_carries_the_security_headers(tmp_path):
    """Hole 7."""

    class Broken(SQLiteStore):
        def list_articles(self, limit=100, offset=0):
            raise RuntimeError("boom")

    with TestClient(create_app(store=Broken(str(tmp_path / "b.db"))),
                    raise_server_exceptions=False) as c:
        resp = c.get("/api/articles")
        ok = c.get("/api/meta")
    assert resp.status_code == 500 and "boom" not in resp.text
    for name in ("x-content-type-options", "x-frame-options", "content-security-policy",
                 "referrer-policy"):
        assert resp.headers.get(name) == ok.headers.get(name) != None  # noqa: E711


def test_every_error_status_carries_the_security_headers(client):
    """413 (declared length), 404, 422, 401: the headers whatever layer answers."""
    answers = [
        client.post("/api/ingest", content=b"x", headers={**AUTH, "Content-Length": str(10**9)}),
        client.get("/api/nothing"),
        client.get("/api/events", params={"limit": "-1"}),
        client.post("/api/ingest", content=b"{}"),
    ]
    assert [r.status_code for r in answers] == [413, 404, 422, 401]
    for r in answers:
        assert r.headers.get("x-frame-options") == "DENY", r.status_code


def test_store_failure_is_503_with_a_code(tmp_path):
    class Full(SQLiteStore):
        def list_articles(self, limit=100, offset=0):
            raise StoreError(ErrorCode.E013_STORE_DAMAGED, "x.db", "file is not a database")

    with TestClient(create_app(store=Full(str(tmp_path / "f.db"))),
                    raise_server_exceptions=False) as c:
        resp = c.get("/api/articles")
    assert resp.status_code == 503 and resp.json()["code"] == "E013"
    assert resp.headers.get("x-frame-options") == "DENY"


def test_host_header_allow_list(app_store):
    """Hole 8: DNS rebinding sends the attacker's name in Host."""
    app = create_app(store=app_store, allowed_hosts=["127.0.0.1", "localhost", "news.example"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/meta").status_code == 200
        assert c.get("/api/meta", headers={"Host": "localhost:8000"}).status_code == 200
        assert c.get("/api/meta", headers={"Host": "NEWS.example"}).status_code == 200
        bad = c.get("/api/meta", headers={"Host": "evil.example:8000"})
        assert bad.status_code == 400 and "evil.example" in bad.json()["detail"]
        assert bad.headers.get("x-frame-options") == "DENY"
        assert c.get("/", headers={"Host": "attacker.test"}).status_code == 400
    with TestClient(create_app(store=app_store), base_url="http://[::1]:8000") as c:
        assert c.get("/api/meta").status_code == 200


def test_serve_allowed_hosts(monkeypatch):
    from cronica.commands.serve import allowed_hosts

    monkeypatch.setenv("CRONICA_ALLOWED_HOSTS", "a.example, b.example")
    names = allowed_hosts("127.0.0.1", ["c.example"])
    assert {"127.0.0.1", "localhost", "::1", "a.example", "b.example", "c.example"} <= set(names)
    assert "localhost" not in allowed_hosts("192.0.2.7")


def test_deep_json_body_is_400_or_a_rejection(tmp_path):
    """Hole 1 through the API: a body nested 1,000+ deep was a 500."""
    with SQLiteStore(str(tmp_path / "d.db")) as store:
        app = create_app(store=store, token=TOKEN, pipeline=fake_pipeline())
        with TestClient(app, raise_server_exceptions=False) as c:
            deep = "[" * 5000 + "]" * 5000
            resp = c.post("/api/ingest", content=deep, headers=AUTH)
            assert resp.status_code == 400, resp.text
            good = json.dumps(synthetic_record("ok", [USA_IRQ]))
            deep_obj = '{"id": "deep", "text": "x", "meta": ' + "[" * 3000 + "]" * 3000 + "}"
            resp = c.post("/api/ingest", content=good + "\n" + deep_obj + "\n", headers=AUTH)
            assert resp.status_code == 200, resp.text
            docs = resp.json()["documents"]
            assert docs[0]["status"] == "stored"
            assert docs[1]["status"] == "rejected" and docs[1]["code"] == "E006"


def test_api_ingest_store_failure_is_503_listing_failed_documents(tmp_path):
    class FullAfterOne(SQLiteStore):
        left = 1

        def add(self, adoc):
            if self.left <= 0:
                raise StoreError(ErrorCode.E015_STORE_WRITE, self.path, "database or disk is full")
            self.left -= 1
            return super().add(adoc)

    with FullAfterOne(str(tmp_path / "f.db")) as store:
        app = create_app(store=store, token=TOKEN, pipeline=fake_pipeline())
        with TestClient(app, raise_server_exceptions=False) as c:
            body = "\n".join(json.dumps(synthetic_record(f"d{i}", [dict(USA_IRQ, verb=f"v{i}")],
                                                         salt=str(i))) for i in range(3))
            resp = c.post("/api/ingest", content=body, headers=AUTH)
    assert resp.status_code == 503
    out = resp.json()
    assert [d["status"] for d in out["documents"]] == ["stored", "failed", "failed"]
    assert out["error"]["code"] == "E015" and out["stored"] == 1


def test_api_ingest_does_not_hold_the_lock_while_extracting(tmp_path):
    """Issue 8: a slow extraction must not make other requests wait for the store lock."""
    import threading

    started, release = threading.Event(), threading.Event()

    class SlowPipeline:
        def __init__(self):
            self.inner = fake_pipeline()

        def pipe(self, items, batch_size=32):
            started.set()
            release.wait(10)
            yield from self.inner.pipe(items, batch_size=batch_size)

    with SQLiteStore(str(tmp_path / "s.db")) as store:
        app = create_app(store=store, token=TOKEN, pipeline=SlowPipeline())
        state_lock = None
        with TestClient(app, raise_server_exceptions=False) as c:
            body = json.dumps(synthetic_record("slow", [USA_IRQ]))
            t = threading.Thread(target=c.post, args=("/api/ingest",),
                                 kwargs={"content": body, "headers": AUTH})
            t.start()
            assert started.wait(10)
            # find the service's lock through the route's closure-free state
            for route in app.routes:
                endpoint = getattr(route, "endpoint", None)
                if getattr(endpoint, "__name__", "") == "ingest":
                    cells = [c.cell_contents for c in endpoint.__closure__ or ()]
                    state_lock = next(s.ingest.lock for s in cells if hasattr(s, "ingest"))
            assert state_lock is not None and not state_lock.locked()
            release.set()
            t.join(10)


def test_ingest_lock_is_free_during_extraction_path(tmp_path: Path):
    """The service stores under its lock but extracts outside it."""
    from cronica.ingest import IngestService

    seen = []

    class Probe:
        def __init__(self, service_ref):
            self.ref = service_ref
            self.inner = fake_pipeline()

        def pipe(self, items, batch_size=32):
            seen.append(self.ref[0].lock.locked())
            yield from self.inner.pipe(items, batch_size=batch_size)

    with SQLiteStore(str(tmp_path / "p.db")) as store:
        ref: list = []
        service = IngestService(store, Probe(ref))
        ref.append(service)
        from store_helpers import synthetic_article

        res = service.ingest_items([synthetic_article("p1", [USA_IRQ])])
    assert seen == [False] and res.documents[0].status == "stored"
