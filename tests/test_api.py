"""The HTTP API (cronica.api) through FastAPI's TestClient.

The SQLite store behind it holds a few hand-made articles (``sample_docs``): no spaCy, no
pipeline. The browser test uses the same helpers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cronica.api import MAX_PAGE, create_app
from cronica.errors import ErrorCode, InputError, Rejection
from cronica.model import (
    ActorMention,
    Article,
    ArticleDoc,
    DateMention,
    Event,
    EventArg,
    PlaceMention,
    Quote,
    Span,
)
from cronica.store.base import EventFilter, Store
from cronica.store.sqlite import SQLiteStore

TOKEN = "s3cret-token"

# -- hand-made articles ---------------------------------------------------------------
ARTICLES = [
    dict(
        id="irak-1",
        date="2024-01-26",
        lang="es",
        source="AFP",
        title="Irak acusa a EE.UU.",
        text=(
            "BAGDAD, 26 ene (AFP). El gobierno de Irak acusó el jueves a Estados Unidos de violar "
            'su soberanía. Según el primer ministro, "no aceptaremos más agresiones". '
            "Un dron estadounidense atacó el miércoles una base cerca de Bagdad."
        ),
        events=[
            dict(
                type="ACCUSE",
                trigger="acusó",
                actor=("gobierno de Irak", "IRQGOV"),
                recipient=("Estados Unidos", "USA"),
                date=("el jueves", "2024-01-25"),
                place=("Bagdad", "IRQ", 33.34, 44.40),
            ),
            dict(
                type="ASSAULT",
                trigger="atacó",
                actor=("dron estadounidense", "USAMIL"),
                recipient=("Irak", "IRQ"),
                date=("el miércoles", "2024-01-24"),
                place=("Bagdad", "IRQ", 33.34, 44.40),
                loc_text="Bagdad",
            ),
        ],
        quote=("el primer ministro", "Según", "no aceptaremos más agresiones"),
    ),
    dict(
        id="espana-1",
        date="2024-02-10",
        lang="es",
        source="EFE",
        title="Acuerdo migratorio",
        text=(
            "MADRID, 10 feb (EFE). El Gobierno de España firmó el viernes un acuerdo con Marruecos "
            "sobre migración. Las autoridades marroquíes rechazaron las críticas de la oposición."
        ),
        events=[
            dict(
                type="AGREE",
                trigger="firmó",
                actor=("Gobierno de España", "ESPGOV"),
                recipient=("Marruecos", "MAR"),
                date=("el viernes", "2024-02-09"),
                place=("Madrid", "ESP", 40.42, -3.70),
            ),
            dict(
                type="REJECT",
                trigger="rechazaron",
                actor=("autoridades marroquíes", "MARGOV"),
                recipient=("la oposición", "MAROPP"),
                date=None,
                place=None,
            ),
        ],
    ),
    dict(
        id="colombia-1",
        date="2024-03-05",
        lang="en",
        source="Reuters",
        title="Protest in Bogota",
        text=(
            "BOGOTA, March 5 (Reuters). Thousands of students protested on Tuesday against the "
            "government of Colombia in Bogota. In 2019, the army of Colombia attacked protesters."
        ),
        events=[
            dict(
                type="PROTEST",
                trigger="protested",
                actor=("students", "COLEDU"),
                recipient=("government of Colombia", "COLGOV"),
                date=("on Tuesday", "2024-03-05"),
                place=("Bogota", "COL", 4.61, -74.08),
            ),
            dict(
                type="ASSAULT",
                trigger="attacked",
                actor=("army of Colombia", "COLMIL"),
                recipient=("protesters", "COLCVL"),
                date=("In 2019", "2019"),
                aux="historical",
                place=None,
            ),
        ],
    ),
]


def _sentences(text: str) -> list[Span]:
    """Split after '. ' (enough for the hand-made texts)."""
    out, start = [], 0
    while start < len(text):
        cut = text.find(". ", start)
        end = len(text) if cut < 0 else cut + 1
        out.append(Span(text[start:end], start, end, len(out)))
        start = end + 1 if cut >= 0 else len(text)
    return out


def make_doc(spec: dict[str, Any]) -> ArticleDoc:
    """An ArticleDoc with every layer placed by string search in the text."""
    text = spec["text"]
    art = Article(
        id=spec["id"],
        text=text,
        title=spec["title"],
        date=spec["date"],
        lang=spec["lang"],
        source=spec["source"],
        origin=spec["id"],
    )
    adoc = ArticleDoc(article=art, lang=spec["lang"], sentences=_sentences(text))

    def span(s: str, after: int = 0) -> Span:
        i = text.index(s, after)
        return adoc.span(i, i + len(s))

    for n, e in enumerate(spec["events"], 1):
        trig = span(e["trigger"])
        args = []
        for role in ("actor", "recipient"):
            name, code = e[role]
            sp = span(name)
            mid = f"a{len(adoc.actors) + 1}"
            adoc.actors.append(
                ActorMention(id=mid, span=sp, code=code, codes=[code], country=code[:3], name=name)
            )
            args.append(
                EventArg(
                    text=name, code=code, codes=[code], start=sp.start, end=sp.end, mention=mid
                )
            )
        ev = Event(
            id=f"e{n}",
            event=e["type"],
            trigger=trig,
            actor=args[0],
            recipient=args[1],
            aux_mode=e.get("aux"),
            mentions=[trig],
            confidence=0.8,
        )
        if e.get("date"):
            dsp = span(e["date"][0])
            value = e["date"][1]
            prec = {10: "day", 7: "month", 4: "year"}[len(value)]
            adoc.dates.append(DateMention(span=dsp, value=value, precision=prec))
            ev.date, ev.date_precision, ev.date_span = value, prec, dsp
        else:
            ev.date, ev.date_precision, ev.date_inferred = spec["date"], "day", True
        if e.get("place"):
            name, country, lat, lon = e["place"]
            psp = span(name.upper() if text.startswith(name.upper()) else name)
            if not any(p.span.start == psp.start for p in adoc.places):
                adoc.places.append(
                    PlaceMention(
                        span=psp,
                        name=name,
                        country=country,
                        lat=lat,
                        lon=lon,
                        feature="city",
                        from_dateline=psp.start == 0,
                    )
                )
            ev.event_loc = {
                "name": name,
                "country": country,
                "lat": lat,
                "lon": lon,
                "start": psp.start,
                "end": psp.end,
                "source": "text",
            }
        adoc.events.append(ev)
    if spec.get("quote"):
        who, cue, content = spec["quote"]
        adoc.quotes.append(
            Quote(
                id="q1",
                speaker=span(who),
                speaker_code="IRQGOV",
                speaker_codes=["IRQGOV"],
                cue=span(cue),
                content=span(content),
                kind="direct",
            )
        )
    return adoc


def sample_docs() -> list[ArticleDoc]:
    return [make_doc(s) for s in ARTICLES]


def make_store(tmp_path: Path, docs: Iterable[ArticleDoc] | None = None) -> Store:
    """A SQLite store at ``tmp_path/t.db`` filled with ``docs`` (default: the samples)."""
    store = SQLiteStore(str(tmp_path / "t.db"))
    for adoc in sample_docs() if docs is None else docs:
        store.add(adoc)
    return store


class FakePipeline:
    """Stands in for cronica.pipeline.Pipeline: one ACCUSE event per article, no spaCy."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, items: Iterable[Article | Rejection]) -> Iterator[ArticleDoc | Rejection]:
        for a in items:
            if isinstance(a, Rejection):
                yield a
                continue
            self.seen.append(a.id)
            if a.text.strip() == "boom":
                yield Rejection.from_error(
                    InputError(
                        ErrorCode.E010_PROCESSING, a.origin or a.id, "simulated", doc_id=a.id
                    )
                )
                continue
            spec = dict(
                id=a.id,
                date=a.date or "2024-05-01",
                lang=a.lang or "es",
                source=a.source,
                title=a.title,
                text=a.text,
                events=[],
            )
            adoc = make_doc(spec)
            adoc.article = a
            yield adoc


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    st = make_store(tmp_path)
    yield st
    st.close()


@pytest.fixture()
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(store=store, token=TOKEN, pipeline=FakePipeline())
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _ids(resp: Any) -> list[str]:
    return [e["event"] for e in resp.json()["events"]]


# -- reading --------------------------------------------------------------------------
def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/stats",
        "/api/ingest",
        "/api/health",
    ):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert (
        docs.status_code == 200 and "openapi.json" in docs.text + client.get("/static/docs.js").text
    )


def test_events_default_excludes_historical(client: TestClient) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 5  # six events, one historical
    assert all(e["aux_mode"] is None for e in body["events"])
    r = client.get("/api/events", params={"include": "historical"})
    assert r.json()["total"] == 6


def test_event_filters(client: TestClient) -> None:
    assert _ids(client.get("/api/events", params={"type": "accuse"})) == ["ACCUSE"]
    assert sorted(
        _ids(client.get("/api/events", params=[("type", "AGREE"), ("type", "REJECT")]))
    ) == ["AGREE", "REJECT"]
    assert sorted(_ids(client.get("/api/events", params={"type": "AGREE,REJECT"}))) == [
        "AGREE",
        "REJECT",
    ]
    assert _ids(client.get("/api/events", params={"actor": "irq"})) == ["ACCUSE"]
    assert _ids(client.get("/api/events", params={"recipient": "USA"})) == ["ACCUSE"]
    r = client.get("/api/events", params={"from": "2024-02-01", "to": "2024-02-28"})
    assert sorted(_ids(r)) == ["AGREE", "REJECT"]
    assert _ids(client.get("/api/events", params={"q": "firmó"})) == ["AGREE"]
    assert _ids(client.get("/api/events", params={"place": "BOGOTA"})) == ["PROTEST"]
    assert _ids(client.get("/api/events", params={"place": "bogo"})) == []  # whole names
    assert sorted(_ids(client.get("/api/events", params={"country": "IRQ"}))) == [
        "ACCUSE",
        "ASSAULT",
    ]
    assert client.get("/api/events", params={"min_sources": 2}).json()["total"] == 0


def test_pagination_and_sort(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2, "sort": "date"}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2, "sort": "date"}).json()
    assert first["total"] == 5 and len(first["events"]) == 2 and len(second["events"]) == 2
    dates = [e["date"] for e in first["events"] + second["events"]]
    assert dates == sorted(dates)
    assert not {e["id"] for e in first["events"]} & {e["id"] for e in second["events"]}
    newest = client.get("/api/events", params={"limit": 1, "sort": "-date"}).json()["events"][0]
    assert newest["event"] == "PROTEST"


def test_event_detail_has_mentions_and_sentence(client: TestClient) -> None:
    ev = client.get("/api/events", params={"type": "ACCUSE"}).json()["events"][0]
    detail = client.get(f"/api/events/{ev['id']}").json()
    assert detail["event"] == "ACCUSE" and detail["mentions"]
    text = json.dumps(detail, ensure_ascii=False)
    assert "El gobierno de Irak acusó el jueves" in text
    assert client.get("/api/events/nope").status_code == 404


def test_articles(client: TestClient) -> None:
    rows = client.get("/api/articles").json()["articles"]
    assert {r["id"] for r in rows} == {"irak-1", "espana-1", "colombia-1"}
    art = client.get("/api/articles/irak-1").json()
    assert art["article"]["text"].startswith("BAGDAD, 26 ene")
    assert art["quotes"] and art["actors"] and art["places"] and art["dates"] and art["sentences"]
    assert client.get("/api/articles/none").status_code == 404


@pytest.mark.parametrize(
    "by", ["day", "week", "month", "type", "actor", "recipient", "pair", "country"]
)
def test_stats(client: TestClient, by: str) -> None:
    r = client.get("/api/stats", params={"by": by})
    assert r.status_code == 200
    rows = r.json()["rows"]
    assert rows and sum(x["count"] for x in rows) == 5
    if by == "pair":
        assert {"actor": "IRQGOV", "recipient": "USA"}.items() <= next(
            x for x in rows if x["actor"] == "IRQGOV"
        ).items()
    if by == "type":
        assert {x["key"]: x["count"] for x in rows}["AGREE"] == 1


def test_stats_follow_filters(client: TestClient) -> None:
    rows = client.get("/api/stats", params={"by": "type", "country": "ESP"}).json()["rows"]
    assert {x["key"] for x in rows} == {"AGREE"}


def test_timeline_splits_by_type(client: TestClient) -> None:
    t = client.get("/api/timeline", params={"interval": "month"}).json()
    assert t["interval"] == "month"
    assert [b["key"][:7] for b in t["buckets"]] == ["2024-01", "2024-02", "2024-03"]
    jan = t["buckets"][0]
    assert jan["counts"] == {"ACCUSE": 1, "ASSAULT": 1} and jan["total"] == 2
    assert client.get("/api/timeline").json()["interval"] in ("day", "week", "month")
    days = client.get("/api/timeline", params={"interval": "day"}).json()["buckets"]
    assert len(days) == (date(2024, 3, 5) - date(2024, 1, 24)).days + 1  # gaps filled with zeros
    assert days[1] == {"key": "2024-01-25", "total": 1, "counts": {"ACCUSE": 1}}
    assert days[2]["total"] == 0
    weeks = client.get("/api/timeline", params={"interval": "week"}).json()["buckets"]
    assert weeks[0]["key"] == "2024-01-22" and all(
        date.fromisoformat(w["key"]).weekday() == 0 for w in weeks
    )
    only = client.get("/api/timeline", params={"type": "PROTEST"}).json()
    assert only["types"] == ["PROTEST"]


def test_map_points(client: TestClient) -> None:
    pts = client.get("/api/map").json()["points"]
    by_name = {p["name"]: p for p in pts}
    assert by_name["Bagdad"]["count"] == 2 and by_name["Bagdad"]["lat"] == pytest.approx(33.34)
    assert {"Bagdad", "Madrid", "Bogota"} == set(by_name)
    assert by_name["Madrid"]["events"][0]["event"] == "AGREE"


# -- validation and limits ------------------------------------------------------------
@pytest.mark.parametrize(
    "params",
    [
        {"limit": MAX_PAGE + 1},
        {"limit": 0},
        {"offset": -1},
        {"from": "yesterday"},
        {"to": "2024-13"},
        {"type": "HUG"},
        {"include": "maybe"},
        {"sort": "random"},
        {"min_sources": 0},
        {"from": "2024-03-01", "to": "2024-01-01"},
        {"country": "Narnia"},
    ],
)
def test_bad_parameters_are_4xx_with_a_message(client: TestClient, params: dict[str, Any]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    assert isinstance(r.json()["detail"], str) and r.json()["detail"]


def test_bad_stats_grouping(client: TestClient) -> None:
    r = client.get("/api/stats", params={"by": "planet"})
    assert r.status_code == 422 and "planet" in r.json()["detail"]


def test_no_stack_trace_on_failure(tmp_path: Path) -> None:
    class Broken(SQLiteStore):
        def count_events(self, flt: EventFilter) -> int:
            raise RuntimeError("secret internal detail at /home/x/db.py line 42")

    app = create_app(store=Broken(str(tmp_path / "b.db")), token=TOKEN)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/events")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal server error"}
    assert "secret" not in r.text and "Traceback" not in r.text


def test_health_reports_a_broken_store(tmp_path: Path) -> None:
    class Broken(SQLiteStore):
        def list_articles(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
            raise OSError("disk gone")

    with TestClient(create_app(store=Broken(str(tmp_path / "h.db")))) as c:
        r = c.get("/api/health")
    assert r.status_code == 503 and r.json()["status"] == "unavailable" and "disk" not in r.text


def test_security_headers_and_dashboard(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "<html" in r.text.lower()
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "http" not in "".join(
        line for line in r.text.splitlines() if "src=" in line or "href=" in line
    )
    world = client.get("/world.json").json()
    assert len(world["countries"]) > 150 and "Natural Earth" in world["source"]
    for asset in ("app.js", "style.css", "i18n.json"):
        assert client.get(f"/static/{asset}").status_code == 200, asset


# -- ingest ---------------------------------------------------------------------------
def _auth(tok: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {tok}"}


ARTICLE = {
    "id": "new-1",
    "text": "El gobierno de Chile criticó a Perú.",
    "date": "2024-06-01",
    "lang": "es",
}


def test_ingest_needs_token(store: Store) -> None:
    with TestClient(create_app(store=store, token=TOKEN, pipeline=FakePipeline())) as c:
        assert c.post("/api/ingest", json=ARTICLE).status_code == 401
        assert c.post("/api/ingest", json=ARTICLE, headers=_auth("wrong")).status_code == 403
        assert (
            c.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Basic abc"}).status_code
            == 401
        )
    with TestClient(create_app(store=store, token=None, pipeline=FakePipeline())) as c:
        r = c.post("/api/ingest", json=ARTICLE, headers=_auth())
        assert r.status_code == 403 and "disabled" in r.json()["detail"]


def test_ingest_one_article_then_present(client: TestClient) -> None:
    r = client.post("/api/ingest", json=ARTICLE, headers=_auth())
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == 1 and r.json()["documents"][0]["status"] == "stored"
    assert client.get("/api/articles/new-1").status_code == 200
    again = client.post("/api/ingest", json=ARTICLE, headers=_auth()).json()
    assert again["present"] == 1 and again["stored"] == 0


def test_ingest_jsonl_batch_with_rejections(client: TestClient) -> None:
    lines = [
        json.dumps({"id": "b1", "text": "Texto uno sobre Chile.", "lang": "es"}),
        "{not json",
        json.dumps({"id": "b2", "title": "no text"}),
        json.dumps({"id": "b3", "text": "boom"}),
        json.dumps({"text": "Sin identificador, Bolivia protestó.", "lang": "es"}),
    ]
    r = client.post(
        "/api/ingest",
        content="\n".join(lines),
        headers={**_auth(), "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["stored"], body["present"], body["rejected"]) == (2, 0, 3)
    codes = [d.get("code") for d in body["documents"]]
    assert codes[1] == "E006" and codes[2] == "E008" and codes[3] == "E010"
    assert all("stdin" not in (d.get("reason") or "") for d in body["documents"])
    assert body["documents"][4]["id"].startswith("api-")


def test_ingest_json_list(client: TestClient) -> None:
    r = client.post(
        "/api/ingest",
        json=[ARTICLE, {**ARTICLE, "id": "x", "text": "Otro texto."}],
        headers=_auth(),
    )
    assert r.json()["stored"] == 2


@pytest.mark.parametrize("body", [b"", b"   ", b"42", b"\xff\xfe\x00"])
def test_ingest_bad_body_is_400(client: TestClient, body: bytes) -> None:
    r = client.post("/api/ingest", content=body, headers=_auth())
    assert r.status_code == 400 and r.json()["detail"]


def test_body_size_limit(store: Store) -> None:
    app = create_app(store=store, token=TOKEN, pipeline=FakePipeline(), max_body_bytes=1000)
    with TestClient(app, raise_server_exceptions=False) as c:
        big = json.dumps({"text": "x" * 2000})
        r = c.post("/api/ingest", content=big, headers=_auth())
        assert r.status_code == 413
        # a chunked body has no Content-Length: counted while read
        r = c.post(
            "/api/ingest", content=iter([big[:600].encode(), big[600:].encode()]), headers=_auth()
        )
        assert r.status_code == 413
        assert c.post("/api/ingest", json=ARTICLE, headers=_auth()).status_code == 200


def test_aggregates_are_cached_until_ingest(tmp_path: Path) -> None:
    docs = sample_docs()
    store = make_store(tmp_path, docs[:1])
    with TestClient(create_app(store=store, token=TOKEN, pipeline=FakePipeline())) as c:
        assert c.get("/api/events").json()["total"] == 2
        store.add(docs[1])  # as another process would: not seen until the cache expires
        assert c.get("/api/events").json()["total"] == 2
        assert len(c.get("/api/events").json()["events"]) == 4  # pages are never cached
        assert c.post("/api/ingest", json=ARTICLE, headers=_auth()).json()["stored"] == 1
        assert c.get("/api/events").json()["total"] == 4  # ingest cleared the cache
    with TestClient(create_app(store=store, cache_seconds=0)) as c:
        before = c.get("/api/stats", params={"by": "type"}).json()["rows"]
        store.add(docs[2])
        assert c.get("/api/stats", params={"by": "type"}).json()["rows"] != before
    store.close()


def test_app_opens_and_closes_its_own_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cronica.api as api

    opened: list[Store] = []
    closed: list[bool] = []

    class Tracked(SQLiteStore):
        def close(self) -> None:
            closed.append(True)
            super().close()

    def fake_open(url: str | None = None) -> Store:
        st = Tracked(str(url))
        opened.append(st)
        return st

    monkeypatch.setattr(api, "open_store", fake_open)
    with TestClient(create_app(db=str(tmp_path / "x.db"))) as c:
        assert c.get("/api/events").json()["total"] == 0
    assert len(opened) == 1 and closed == [True]


def test_serve_command_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    from cronica.cli import build_parser

    monkeypatch.setenv("CRONICA_TOKEN", "from-env")
    args = build_parser().parse_args(["serve", "--port", "8123"])
    assert args.host == "127.0.0.1" and args.port == 8123
    from cronica.commands.serve import resolve_token

    assert resolve_token(args) == "from-env"
    from cronica.commands.serve import _printable

    assert _printable("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"
    assert _printable("data/cronica.db") == "data/cronica.db"
    assert asdict(EventFilter())["min_sources"] == 1


@pytest.mark.slow
def test_ingest_runs_the_real_pipeline(tmp_path: Path, nlp_es: Any, nlp_en: Any) -> None:
    from cronica.pipeline import Pipeline

    pipeline = Pipeline(nlp={"es": nlp_es, "en": nlp_en})
    store = SQLiteStore(str(tmp_path / "real.db"))
    text = (
        "BAGDAD, 26 ene (AFP). El gobierno de Irak acusó el jueves a Estados Unidos de "
        "violar su soberanía."
    )
    with TestClient(create_app(store=store, token=TOKEN, pipeline=pipeline)) as c:
        r = c.post(
            "/api/ingest",
            json={"id": "real-1", "text": text, "date": "2024-01-26", "lang": "es"},
            headers=_auth(),
        )
        assert r.status_code == 200 and r.json()["stored"] == 1, r.text
        events = c.get("/api/events", params={"article_id": "real-1"}).json()["events"]
        assert any(e["event"] == "ACCUSE" and e["actor"]["code"].startswith("IRQ") for e in events)
        art = c.get("/api/articles/real-1").json()
        assert art["article"]["text"] == text and art["sentences"]
    store.close()


@pytest.mark.slow
def test_article_layers_carry_aux_evidence_and_chain(tmp_path: Path, nlp_es: Any, nlp_en: Any) -> None:
    """What the dashboard's event detail shows: the aux mode's words and the event's chain."""
    from cronica.pipeline import Pipeline

    pipeline = Pipeline(nlp={"es": nlp_es, "en": nlp_en})
    store = SQLiteStore(str(tmp_path / "aux.db"))
    text = ("LIMA, 20 ene (AFP). El ministro dijo a la AFP en un comunicado que los rebeldes "
            "habían atacado el cuartel.")
    with TestClient(create_app(store=store, token=TOKEN, pipeline=pipeline)) as c:
        r = c.post("/api/ingest", json={"id": "aux-1", "text": text, "date": "2024-01-20", "lang": "es"},
                   headers=_auth())
        assert r.status_code == 200, r.text
        art = c.get("/api/articles/aux-1").json()
        [ev] = [e for e in art["events"] if e["event"] == "ASSAULT"]
        assert ev["aux_mode"] == "historical" and ev["aux_evidence"]["rule"] == "pluperfect"
        assert ev["reported_by"] == ["comunicado", "AFP"] and ev["event_id"]
    store.close()
