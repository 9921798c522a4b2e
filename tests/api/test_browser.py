"""The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): it loads offline,
draws the timeline, network, map and table, filters, and clicking an event highlights its evidence in the
article reader. Screenshots go to tests/screenshots/ (gitignored). Skips when Chromium or Playwright is
absent (`make browser-deps` installs Chromium)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Self

import pytest
from api_fixtures import fixture_batch

from dyad.store import Store

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
SHOTS = Path(__file__).resolve().parent.parent / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving the dashboard over a store file, in a thread of the test process."""

    def __init__(self, db: str) -> None:
        import uvicorn

        from dyad.api import create_app

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(db=db), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("dash") / "fixture.duckdb"
    with Store(db) as s:
        s.write(fixture_batch())
    with Server(str(db)) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (make browser-deps)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        except sync_api.Error as exc:  # a broken Chromium install is an environment problem, not a dashboard bug
            pytest.skip(f"chromium does not start: {exc}")
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, device_scale_factor=1)
    pg = ctx.new_page()
    pg.outside = []  # requests that left the server: the dashboard must work offline
    pg.errors = []
    pg.on("request", lambda r: None if r.url.startswith(server.url) else pg.outside.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()
    assert pg.outside == []
    assert pg.errors == []


def shot(page, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def settled(page) -> None:
    """Wait until the dashboard has redrawn every view after the last change."""
    page.wait_for_selector("body[data-state=ready]")


def load(page, server, query: str = "") -> None:
    page.goto(f"{server.url}/{query}")
    settled(page)
    page.wait_for_selector("#events-table tbody tr[data-id]")
    page.wait_for_selector("#map circle.point")


def table_ids(page) -> set[str]:
    return set(page.eval_on_selector_all("#events-table tbody tr[data-id]", "rs => rs.map(r => r.dataset.id)"))


def marked(page, role: str) -> str:
    """Text highlighted for ``role``; a span cut by other spans' boundaries is several adjacent marks."""
    return "".join(page.eval_on_selector_all(f"#article-text mark.r-{role}", "ms => ms.map(m => m.textContent)"))


def test_dashboard_draws_every_view(page, server):
    load(page, server)
    assert page.locator("#timeline .bar").count() >= 4
    assert page.locator("#network .node").count() >= 8
    boxes = page.eval_on_selector_all("#network .node text", "ts => ts.map(t => t.getBBox().x + t.getCTM().e)")
    assert min(boxes) >= 0  # labels stay inside the network's box
    assert page.locator("#network .edge").count() >= 5
    assert {"Kuala Lumpur", "Nairobi", "Gaza City"} <= set(
        page.eval_on_selector_all("#map circle.point", "cs => cs.map(c => c.dataset.place)"))
    assert page.locator("#map path.country").count() > 100
    # asserted events only by default: negated, future and hypothetical ones are not drawn as facts
    assert table_ids(page) == {"ev-meet", "ev-deny", "ev-accuse", "ev-strike", "ev-demand", "ev-teargas",
                               "ev-protest", "ev-ruto"}
    assert "8 events" in page.inner_text("#table-count")
    shot(page, "01-overview")


def test_filter_by_actor_and_modality(page, server):
    load(page, server)
    page.fill("input[name=actor]", "Q187383")
    page.select_option("select[name=modality]", "all")
    page.click("button.primary")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-id]').length === 2")
    assert table_ids(page) == {"ev-meet", "ev-deny"}
    assert "actor=Q187383" in page.url
    page.select_option("select[name=modality]", "negation")
    page.fill("input[name=actor]", "")
    page.click("button.primary")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-id]').length === 2"
                           " && document.querySelector('#events-table tbody tr.muted')")
    assert table_ids(page) == {"ev-sanctions", "ev-shell-denied"}
    shot(page, "02-filtered-negation")


def test_click_event_highlights_its_evidence(page, server):
    load(page, server)
    page.click("#events-table tbody tr[data-id=ev-meet]")
    page.wait_for_selector("#reader:not([hidden]) mark.r-trigger")
    marks = {role: marked(page, role) for role in ("trigger", "place", "date", "source", "target")}
    assert marks == {"trigger": "met", "place": "Kuala Lumpur", "date": "Thursday", "source": "Sergei Lavrov",
                     "target": "Marco Rubio"}
    assert marked(page, "sentence").startswith("Russian Foreign Minister Sergei Lavrov met US Secretary of State")
    assert page.locator("#reader-events li.active").count() == 1
    assert "Minister of Foreign Affairs of Russia" in page.inner_text("#reader-events li.active .role")
    assert "focus=event" in page.url
    shot(page, "03-reader-event", full_page=False)


def test_reader_highlights_quotes_and_flags(page, server):
    load(page, server, "?article=art-summit")
    page.wait_for_selector("#reader:not([hidden]) #reader-quotes li[data-id]")
    page.click("#reader-quotes li[data-id=q-summit-1]")
    assert marked(page, "quote").startswith("We will not lift sanctions")
    assert marked(page, "quote_cue") == "told"
    page.click("#reader-flags li[data-kind=flag]")
    assert marked(page, "flag") == "US Secretary of State Marco Rubio"
    shot(page, "04-reader-flag", full_page=False)
    page.click("#article-text [data-event=ev-accuse]")  # a trigger word in the text selects its event
    assert marked(page, "trigger") == "accused"
    assert page.locator("#reader-events li.active[data-id=ev-accuse]").count() == 1
    page.click("#reader-close")
    assert page.locator("#reader").is_hidden()


def test_click_map_point_and_network_node_filter(page, server):
    load(page, server)
    page.click("#map circle.point[data-place=Nairobi]")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-id]').length === 2")
    assert table_ids(page) == {"ev-teargas", "ev-ruto"}
    assert page.input_value("input[name=place]") == "184745"
    page.click("#reset")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-id]').length === 8")
    page.click("#timeline .bar[data-day='2025-07-12']")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-id]').length === 2")
    assert table_ids(page) == {"ev-strike", "ev-demand"}
    page.click("#reset")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-id]').length === 8")
    first = page.locator("#timeline .bar[data-day='2025-07-08'] rect").first.bounding_box()
    last = page.locator("#timeline .bar[data-day='2025-07-09'] rect").first.bounding_box()
    page.mouse.move(first["x"] + 2, first["y"] + 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, last["y"] + 2, steps=5)
    page.mouse.up()
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-id]').length === 3")
    assert table_ids(page) == {"ev-teargas", "ev-protest", "ev-ruto"}
    assert "date_from=2025-07-08&date_to=2025-07-09" in page.url


def test_bad_filter_shows_the_api_error(page, server):
    load(page, server)
    page.fill("input[name=date_from]", "2025-07-12")
    page.fill("input[name=date_to]", "2025-07-01")
    page.click("button.primary")
    page.wait_for_function("document.querySelector('#status').textContent.includes('E542')")
    assert "after date_to" in page.inner_text("#status")


def test_network_edge_opens_the_dyad_series(page, server):
    load(page, server, "?modality=all")
    page.locator("#network .edge").first.dispatch_event("click")  # the heaviest edge: Egypt → Israel
    settled(page)
    page.wait_for_selector("#series-card:not([hidden]) #series svg")
    assert "source=Q79&target=Q801" in page.url
    assert "Egypt → Israel · 2 events" in page.inner_text("#series-title")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-id]').length === 2")
    assert table_ids(page) == {"ev-demand", "ev-offer"}
    shot(page, "05-dyad-series")


def test_articles_and_flags_lists_open_the_reader(page, server):
    load(page, server)
    page.wait_for_selector("#articles li[data-id]")
    assert page.locator("#articles li[data-id]").count() == 3
    page.click("#flags li[data-id]:has-text('role_contradiction')")
    page.wait_for_selector("#reader:not([hidden]) mark.r-flag")
    assert marked(page, "flag") == "US Secretary of State Marco Rubio"
    page.click("#reader-close")
    page.click("#articles li[data-id=art-nairobi]")
    page.wait_for_function("document.querySelector('#reader-title').textContent.includes('Kenya')")
    assert page.locator("#reader-events li[data-id]").count() == 3


def test_api_docs_render_offline(page, server):
    page.goto(f"{server.url}/docs")
    page.wait_for_selector(".swagger-ui .opblock-summary-path")
    paths = page.eval_on_selector_all(".opblock-summary-path", "ps => ps.map(p => p.textContent)")
    assert "/events" in [p.replace("\u200b", "") for p in paths]


def test_empty_store_shows_empty_views(browser, tmp_path):
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    with Server(str(db)) as srv:
        pg = browser.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(srv.url)
        settled(pg)
        assert "No dated events" in pg.inner_text("#timeline")
        assert "No events match" in pg.inner_text("#events-table")
        assert errors == []
        pg.close()


def test_load_more_walks_the_cursor_pages(browser, tmp_path):
    from api_fixtures import nairobi

    from dyad.records import replace

    base = nairobi()
    events = tuple(replace(base.events[i % 3], id=f"ev-{i:03d}") for i in range(120))
    db = tmp_path / "many.duckdb"
    with Store(db) as s:
        s.write([replace(base, events=events)])
    with Server(str(db)) as srv:
        pg = browser.new_page(viewport={"width": 1440, "height": 1000})
        pg.goto(srv.url)
        settled(pg)
        rows = "document.querySelectorAll('#events-table tbody tr[data-id]').length"
        assert pg.evaluate(rows) == 50
        pg.click("#more")
        pg.wait_for_function(f"{rows} === 100")
        pg.click("#more")
        pg.wait_for_function(f"{rows} === 120")
        assert pg.locator("#more").is_hidden()
        assert len(set(pg.eval_on_selector_all("#events-table tbody tr[data-id]", "rs => rs.map(r => r.dataset.id)"))) == 120
        pg.close()
