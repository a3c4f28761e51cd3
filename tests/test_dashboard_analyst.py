"""The dashboard as an analyst uses it (issue 11), in Chromium, over the example articles of
``examples/articles/`` run through the real pipeline. Screenshots of these views are the
ones in docs/img (``scripts/screenshots.py``).

Without /usr/bin/chromium the tests skip, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_dashboard_browser import browser, page, served, shots, wait_loads  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from cronica.ingest import ingest
    from cronica.read import read_inputs
    from cronica.store.sqlite import SQLiteStore

    store = SQLiteStore(str(tmp_path_factory.mktemp("db") / "examples.db"))
    summary = ingest(read_inputs([str(EXAMPLES)]), store)
    assert summary.stored == len(list(EXAMPLES.glob("*.txt")))
    yield from served(store)


def api(server: str, path: str, **params: Any) -> Any:
    return httpx.get(server + path, params=params, timeout=20).json()


def test_overview_names_network_map_and_download(page: Any, server: str, shots: Path) -> None:  # noqa: F811 (fixtures)
    page.goto(server + "/")
    wait_loads(page, 1)
    # names beside codes in the table; uncoded actors show their words
    cells = page.locator("#events tbody td.code").all_inner_texts()
    assert any("IRQ" in c and "Iraq" in c or "Irak" in c for c in cells)
    assert page.locator("#events tbody .uncoded").count() > 0
    assert "·" in (page.locator("#top-actors .actor-row text").first.text_content() or "")
    # the network: sector-only codes are kept apart per country, nodes spread by the layout
    nodes = page.locator("#network .node").evaluate_all("ns => ns.map(n => n.dataset.code)")
    assert "CVL@COL" in nodes and "CVL" not in nodes
    xy = page.locator("#network .node circle").evaluate_all(
        "cs => cs.map(c => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))])")
    assert len({(round(x), round(y)) for x, y in xy}) == len(xy)  # no two nodes on one spot
    # the map fits the events' places and labels them
    box = [float(v) for v in page.get_attribute("#map", "viewBox").split()]
    assert box[2] < 360
    labels = page.locator("#map .place-label").evaluate_all("ls => ls.map(l => l.textContent)")
    assert any(lbl.startswith("Tyre") for lbl in labels) and any("Bogot" in lbl for lbl in labels)
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    page.click("#zoom-in")
    assert float(page.get_attribute("#map", "viewBox").split()[2]) < box[2]
    page.click("#zoom-fit")
    assert [float(v) for v in page.get_attribute("#map", "viewBox").split()] == box

    # the download link carries the current filters and gives what the table shows
    page.select_option("#filters select[name=type]", "AGREE")
    page.click("#apply")
    wait_loads(page, 2)
    href = page.get_attribute("#dl-csv", "href")
    assert "type=AGREE" in href and "format=csv" in href
    rows = list(csv.DictReader(io.StringIO(httpx.get(server + href, timeout=20).text)))
    shown = page.locator("#events tbody tr[data-id]").count()
    assert len(rows) == shown == api(server, "/api/events", type="AGREE")["total"]
    assert {r["event"] for r in rows} == {"AGREE"} and all(r["article_urls"] for r in rows)
    assert not page.problems, page.problems  # type: ignore[attr-defined]


def test_filters_search_history_and_dates(page: Any, server: str, shots: Path) -> None:  # noqa: F811 (fixtures)
    page.goto(server + "/")
    wait_loads(page, 1)
    total = api(server, "/api/events")["total"]
    # accents and case do not matter; the place's other name is known
    page.fill("#filters input[name=q]", "bogota")
    page.click("#apply")
    wait_loads(page, 2)
    n_bogota = page.locator("#events tbody tr[data-id]").count()
    assert n_bogota == api(server, "/api/events", q="Bogotá")["total"] > 0
    page.fill("#filters input[name=q]", "tyre")
    page.click("#apply")
    wait_loads(page, 3)
    langs = set(page.locator("#events tbody tr[data-id] td.evidence").all_inner_texts())
    assert any("Tiro" in x for x in langs) and any("Tyre" in x for x in langs)

    # confidence, sector and mode filters reach the API (no silent ignoring)
    page.fill("#filters input[name=q]", "")
    page.select_option("#filters select[name=sector]", "CVL")
    page.click("#apply")
    wait_loads(page, 4)
    n_cvl = page.locator("#events tbody tr[data-id]").count()
    assert 0 < n_cvl == api(server, "/api/events", sector="CVL")["total"] < total
    page.select_option("#filters select[name=sector]", "")
    page.fill("#filters input[name=min_confidence]", "0.99")
    page.click("#apply")
    wait_loads(page, 5)
    assert page.locator("#events tbody tr[data-id]").count() == api(
        server, "/api/events", min_confidence="0.99")["total"] < total
    page.fill("#filters input[name=min_confidence]", "")
    page.select_option("#filters select[name=mode]", "demo")
    page.click("#apply")
    wait_loads(page, 6)
    assert page.locator("#events tbody tr[data-id]").count() == api(
        server, "/api/events", mode="demo")["total"]

    # back and forward restore the filters and the table
    page.go_back()
    wait_loads(page, 7)
    assert page.input_value("#filters input[name=min_confidence]") == "0.99"
    assert page.input_value("#filters select[name=mode]") == ""
    page.go_forward()
    wait_loads(page, 8)
    assert page.input_value("#filters select[name=mode]") == "demo"

    # a range that ends before it starts: one message, no failed requests
    page.select_option("#filters select[name=mode]", "")
    page.fill("#filters input[name=from]", "2025-03-01")
    page.fill("#filters input[name=to]", "2025-01-01")
    page.click("#apply")
    wait_loads(page, 9)
    assert "2025-03-01" in page.locator("#status").inner_text()
    assert page.locator("#status.error").count() == 1

    # year-only events are listed beside the timeline (the 2019 memorandum, with --include)
    page.fill("#filters input[name=from]", "")
    page.fill("#filters input[name=to]", "")
    page.check("#filters input[value=historical]")
    page.click("#apply")
    wait_loads(page, 10)
    assert page.locator("#year-only a[data-year='2019']").count() == 1
    page.locator("#timeline-panel").screenshot(path=str(shots / "timeline-filtered.png"))
    assert not page.problems, page.problems  # type: ignore[attr-defined]


def test_event_detail_sources_speakers_and_reports(page: Any, server: str, shots: Path) -> None:  # noqa: F811 (fixtures)
    # an event of the Tyre strike reported by both the Spanish and the English article
    # (which of them merges depends on the extraction: the test is about the detail view)
    events = api(server, "/api/events", q="tyre", sort="-n_sources")["events"]
    merged = next(e for e in events if e["n_sources"] >= 2)
    page.goto(server + f"/#type={merged['event']}&event={merged['id']}")
    wait_loads(page, 1)
    page.wait_for_selector("#detail-panel:not([hidden]) #detail-text mark.hl-evidence")
    fields = page.locator("#detail-fields").inner_text()
    assert merged["id"] in fields and (merged.get("cameo") or "") in fields
    reports = page.locator("#detail-mentions li")
    assert reports.count() == merged["n_sources"]
    assert f"{merged['n_sources']}" in page.locator("#detail-mentions h3").inner_text()
    links = page.locator("#detail-mentions a.external").evaluate_all("as => as.map(a => a.href)")
    assert any("tyre-drone-strike" in u for u in links) and any("tiro" in u for u in links)
    assert page.locator("#detail-fields a.external").count() == 1  # the shown article's url
    page.locator("#detail-panel").screenshot(path=str(shots / "event-detail.png"))

    # a quoted event names its speaker
    quoted = api(server, "/api/events", q="este acuerdo es un paso")["events"][0]
    page.goto("about:blank")  # a new document: a hash change alone would not reload
    page.goto(server + f"/#event={quoted['id']}")
    wait_loads(page, 1)
    page.wait_for_selector(f"#detail-fields dd:has-text('{quoted['id']}')")
    assert "IRQGOV" in page.locator("#detail-fields").inner_text()
    speakers = page.locator("#detail-fields dd").all_inner_texts()
    assert any("ministro" in s for s in speakers)

    # the map panel, zoomed on the events
    page.goto("about:blank")
    page.goto(server + "/")
    wait_loads(page, 1)
    page.locator("#map circle.point[data-name=Tyre]").dispatch_event("click")  # Lebanon sits on it
    page.wait_for_selector("#detail-panel:not([hidden]) #detail-text mark.hl-evidence")
    page.locator("#map-panel").screenshot(path=str(shots / "map.png"))
    assert not page.problems, page.problems  # type: ignore[attr-defined]
