"""Screenshots of the dashboard over a store, in headless Chromium (Debian's /usr/bin/chromium via Playwright).

    python scripts/screenshots.py --db dyad.duckdb [--out tests/screenshots] [--event-text "met"] [--type CONSULT]

Saves ``dashboard.png`` (timeline, network, map, table) and ``reader.png``: the article reader opened on the
first event of the table whose type is ``--type`` and whose trigger or sentence contains ``--event-text``,
with its evidence highlighted. Prints what was clicked and what got highlighted.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]


def serve(db: str):  # type: ignore[no-untyped-def]
    import uvicorn

    from dyad.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db=db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="dyad.duckdb")
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "screenshots")
    ap.add_argument("--event-text", default="", help="text of the trigger or sentence of the event to open")
    ap.add_argument("--type", default="", help="PLOVER type of the event to open, e.g. CONSULT")
    ap.add_argument("--width", type=int, default=1440)
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium")
    if not chromium:
        print("chromium is not installed: make browser-deps", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    server, thread, url = serve(args.db)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": args.width, "height": 1000})
            page.goto(url + "/?modality=asserted")
            page.wait_for_selector("#events-table tbody tr")
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.out / "dashboard.png"), full_page=True)
            print("dashboard:", page.inner_text("#table-count"), "->", args.out / "dashboard.png")
            rows = page.locator("#events-table tbody tr[data-id]")
            target = None
            for i in range(rows.count()):
                row = rows.nth(i)
                cells = row.locator("td")
                text = (cells.nth(7).inner_text() + " " + (cells.nth(7).get_attribute("title") or "")).lower()
                words = re.search(rf"\b{re.escape(args.event_text.lower())}\b", text) if args.event_text else True
                if (not args.type or args.type.upper() in cells.nth(1).inner_text()) and words:
                    target = row
                    break
            if target is None:
                print("no event matches --type/--event-text", file=sys.stderr)
                return 1
            target.click()
            page.wait_for_selector("#reader:not([hidden]) mark")
            page.wait_for_timeout(200)
            page.screenshot(path=str(args.out / "reader.png"))
            for role in ("sentence", "trigger", "source", "target", "date", "place"):
                marked = "".join(page.eval_on_selector_all(f"#article-text mark.r-{role}",
                                                           "ms => ms.map(m => m.textContent)"))
                print(f"  {role:9s} {marked[:120]!r}")
            print("reader ->", args.out / "reader.png")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
