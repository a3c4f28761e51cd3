"""The dashboard in a real browser: Debian's chromium driven by playwright (sync API).

A uvicorn server runs the app in a thread on a free loopback port, over a temporary SQLite
store filled with hand-made articles (those of test_api plus generated ones spread over
six months). Checks that filtering changes the table and the timeline, the map shows
points, and clicking an event (in the table or on the map) shows the article with the
evidence sentence highlighted. Screenshots of each view go to ``$CRONICA_SCREENSHOTS``
(``scripts/screenshots.py`` sets it to docs/img) or to the test's temporary folder.

Without /usr/bin/chromium the test is skipped, except in CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cronica.model import ArticleDoc

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # without these Chromium waits on network services that a closed network never answers
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000

pytestmark = pytest.mark.browser

# (name, code, capital, lat, lon) for the generated articles
COUNTRIES = [
    ("Venezuela", "VEN", "Caracas", 10.49, -66.88),
    ("Colombia", "COL", "Bogotá", 4.61, -74.08),
    ("México", "MEX", "Ciudad de México", 19.43, -99.13),
    ("Argentina", "ARG", "Buenos Aires", -34.6, -58.38),
    ("Brasil", "BRA", "Brasilia", -15.79, -47.88),
    ("Francia", "FRA", "París", 48.86, 2.35),
    ("Rusia", "RUS", "Moscú", 55.76, 37.62),
    ("Ucrania", "UKR", "Kiev", 50.45, 30.52),
    ("Israel", "ISR", "Jerusalén", 31.77, 35.21),
    ("Sudáfrica", "ZAF", "Pretoria", -25.75, 28.19),
]
VERBS = [
    ("ACCUSE", "acusó"),
    ("THREATEN", "amenazó"),
    ("AGREE", "firmó un pacto con"),
    ("CONSULT", "se reunió con"),
    ("SANCTION", "sancionó"),
    ("PROTEST", "protestó ante"),
    ("AID", "envió ayuda a"),
    ("REJECT", "rechazó"),
]


def generated_specs(n: int = 36) -> list[dict[str, Any]]:
    """Varied Spanish articles, one event each, dated January to June 2024."""
    specs = []
    for i in range(n):
        a = COUNTRIES[i % len(COUNTRIES)]
        b = COUNTRIES[(i * 3 + 1) % len(COUNTRIES)]
        if a == b:
            b = COUNTRIES[(i + 1) % len(COUNTRIES)]
        etype, verb = VERBS[i % len(VERBS)]
        date = f"2024-{1 + i % 6:02d}-{1 + (i * 7) % 27:02d}"
        text = (
            f"{a[2].upper()}, {date} (EFE). El gobierno de {a[0]} {verb} {b[0]} el lunes "
            f"tras semanas de tensión. Los analistas esperan nuevas reuniones."
        )
        trigger = verb.split()[0]
        specs.append(
            dict(
                id=f"gen-{i:02d}",
                date=date,
                lang="es",
                source=["EFE", "AFP", "Reuters"][i % 3],
                title=f"{a[0]} y {b[0]}",
                text=text,
                events=[
                    dict(
                        type=etype,
                        trigger=trigger,
                        actor=(f"gobierno de {a[0]}", f"{a[1]}GOV"),
                        recipient=(b[0], b[1]),
                        date=None,
                        place=(a[2], a[1], a[3], a[4]),
                    )
                ],
            )
        )
    return specs


# A second report of the ACCUSE event of test_api's 'irak-1': merged into one event, 2 sources.
SECOND_REPORT = dict(
    id="irak-2",
    date="2024-01-26",
    lang="es",
    source="Reuters",
    title="Bagdad protesta",
    text=(
        "BAGDAD (Reuters). Las autoridades de Irak, por boca de su gobierno, protestaron con "
        "dureza. El gobierno de Irak acusó a Estados Unidos el jueves de un ataque ilegal."
    ),
    events=[
        dict(
            type="ACCUSE",
            trigger="acusó",
            actor=("gobierno de Irak", "IRQGOV"),
            recipient=("Estados Unidos", "USA"),
            date=("el jueves", "2024-01-25"),
            place=("Bagdad", "IRQ", 33.34, 44.40),
        )
    ],
)


def all_docs() -> list[ArticleDoc]:
    # the hand-made articles of the API tests; the path also holds under --import-mode=importlib
    if str(Path(__file__).parent) not in sys.path:
        sys.path.insert(0, str(Path(__file__).parent))
    from test_api import make_doc, sample_docs

    return sample_docs() + [make_doc(SECOND_REPORT)] + [make_doc(s) for s in generated_specs()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def served(store: Any) -> Iterator[str]:
    """Serve the API and dashboard over ``store`` on a free local port (a uvicorn thread);
    yields the base URL, then stops the server and closes the store."""
    import uvicorn

    from cronica.api import create_app

    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(create_app(store=store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from cronica.store.sqlite import SQLiteStore

    store = SQLiteStore(str(tmp_path_factory.mktemp("db") / "dash.db"))
    for adoc in all_docs():
        store.add(adoc)
    yield from served(store)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        msg = f"{CHROMIUM} is missing: apt-get install chromium chromium-driver"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-ES")
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    ctx.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("CRONICA_SCREENSHOTS")
    out = Path(target) if target else tmp_path_factory.mktemp("shots")
    out.mkdir(parents=True, exist_ok=True)
    return out


def wait_loads(page: Any, n: int) -> None:
    """Wait until the dashboard has finished its n-th load of every panel.

    A selector, not wait_for_function: the page's CSP forbids evaluating strings.
    """
    page.wait_for_selector(f"body[data-loads='{n}']", state="attached")


def api(server: str, path: str) -> Any:
    import httpx

    return httpx.get(server + path, timeout=10).json()


def test_dashboard_filters_map_and_detail(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/")
    wait_loads(page, 1)
    total = api(server, "/api/events?limit=1")["total"]
    assert total > 25
    assert page.locator("#events tbody tr[data-id]").count() == 25  # first page
    assert page.locator("#summary").inner_text().startswith(str(total))
    assert page.locator("h2[data-i18n=timeline]").inner_text() == "Eventos en el tiempo"
    bars_all = page.locator("#timeline rect.bar").count()
    assert bars_all >= 6
    assert page.locator("#map path.country").count() > 150
    n_points = len(api(server, "/api/map")["points"])
    assert page.locator("#map circle.point").count() == n_points >= 10
    assert page.locator("#network line.edge").count() > 0
    assert page.locator("#top-actors .actor-row").count() > 0
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)

    # filtering by actor narrows the table and the timeline
    page.fill("#filters input[name=actor]", "IRQ")
    page.click("#apply")
    wait_loads(page, 2)
    rows = page.locator("#events tbody tr[data-id]")
    expected = api(server, "/api/events?actor=IRQ")["total"]
    assert rows.count() == expected >= 1
    assert {rows.nth(i).get_attribute("data-type") for i in range(rows.count())} == {"ACCUSE"}
    assert 0 < page.locator("#timeline rect.bar").count() < bars_all
    assert "actor=IRQ" in page.url

    # include historical events: the 2019 attack appears
    page.fill("#filters input[name=actor]", "")
    page.fill("#filters input[name=country]", "COL")
    page.click("#apply")
    wait_loads(page, 3)
    without = page.locator("#events tbody tr[data-id]").count()
    page.check("#filters input[value=historical]")
    page.click("#apply")
    wait_loads(page, 4)
    assert page.locator("#events tbody tr[data-id]").count() == without + 1
    page.screenshot(path=str(shots / "timeline-filtered.png"), full_page=False)

    # clicking a table row shows the article with the evidence sentence highlighted
    page.click("#reset")
    wait_loads(page, 5)
    page.fill("#filters input[name=q]", "firmó el viernes")
    page.click("#apply")
    wait_loads(page, 6)
    page.locator("#events tbody tr[data-id]").first.click()
    page.wait_for_selector("#detail-panel:not([hidden]) #detail-text mark.hl-evidence")
    evidence = page.locator("#detail-text mark.hl-evidence").all_inner_texts()
    assert "".join(evidence).strip() == (
        "El Gobierno de España firmó el viernes un acuerdo con Marruecos sobre migración."
    )
    assert page.locator("#detail-text .hl-trigger").inner_text() == "firmó"
    assert "ESPGOV" in (page.locator("#detail-text .hl-actor").first.get_attribute("title") or "")
    assert page.locator("#detail-text .hl-date").count() >= 1
    assert page.locator("#detail-text .hl-place").count() >= 1
    page.locator("#detail-panel").screenshot(path=str(shots / "event-detail.png"))

    # clicking a timeline bar narrows the filters to its period and type
    page.click("#reset")
    wait_loads(page, 7)
    bar = page.locator("#timeline rect.bar[data-type=AGREE]").first
    bar_count = int(bar.get_attribute("data-count") or 0)
    bar.click()
    wait_loads(page, 8)
    assert page.input_value("#filters select[name=type]") == "AGREE"
    assert page.input_value("#filters input[name=from]")
    types = page.locator("#events tbody tr[data-id]").evaluate_all(
        "rs => rs.map(r => r.dataset.type)"
    )
    assert set(types) == {"AGREE"} and len(types) == bar_count
    assert not page.problems, page.problems  # type: ignore[attr-defined]


def test_map_point_opens_event_and_language_switch(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/#include=historical")
    wait_loads(page, 1)
    point = page.locator("#map circle.point[data-name=Bagdad]")
    assert point.count() == 1
    point.click()
    page.wait_for_selector("#detail-panel:not([hidden]) #detail-text mark.hl-evidence")
    assert "Bagdad" in page.locator("#place-events").inner_text()
    assert page.locator("#place-events a").count() == 2
    quote = page.locator("#detail-text .hl-quote").all_inner_texts()
    assert any("no aceptaremos más agresiones" in q for q in quote)
    page.locator("#map-panel").screenshot(path=str(shots / "map.png"))

    # the merged event links both reports; the second one opens its own article
    page.locator("#place-events a", has_text="ACCUSE").click()
    page.wait_for_selector("#detail-mentions a[data-article=irak-2]")
    page.click("#detail-mentions a[data-article=irak-2]")
    page.wait_for_selector("#detail-text:has-text('(Reuters)')")
    assert "".join(page.locator("#detail-text mark.hl-evidence").all_inner_texts()).strip() == (
        "El gobierno de Irak acusó a Estados Unidos el jueves de un ataque ilegal."
    )

    # sorting by number of sources puts the event with two reports first
    from playwright.sync_api import expect

    page.click("#events button[data-sort=n_sources]")
    expect(page.locator("#events tbody tr[data-id]").first.locator("td").nth(5)).to_have_text("2")
    assert (
        page.get_attribute("#events th:has(button[data-sort=n_sources])", "aria-sort")
        == "descending"
    )

    page.select_option("#lang", "en")
    assert page.locator("h2[data-i18n=timeline]").inner_text() == "Events over time"
    assert page.locator("#apply").inner_text() == "Apply"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "evidence sentence" in page.locator("#detail-legend").inner_text()  # detail re-rendered
    assert not page.problems, page.problems  # type: ignore[attr-defined]


def test_api_docs_page_renders_offline(page: Any, server: str) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector("#api-docs h2:has-text('GET /api/events')")
    assert page.locator("#api-docs section").count() >= 8
    assert not page.problems, page.problems  # type: ignore[attr-defined]
