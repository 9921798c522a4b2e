"""The FastAPI app: REST resources over a dyad store (read-only) and the dashboard's static files.

``create_app(settings, db=..., store=...)`` builds it; ``dyad serve`` runs it with uvicorn. Every error
leaves as one JSON shape, ``{"ok": false, "error": {"code": "E542", "message": "..."}}``."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import dyad
from dyad.errors import DyadError, StoreError, UsageError
from dyad.settings import Settings, get_settings
from dyad.store import Store
from dyad.store.queries import reader

WEB = Path(str(resources.files("dyad.api").joinpath("web")))

STATUS = {"E543": 404, "E201": 503, "E202": 503, "E204": 503, "E203": 503, "E205": 503}


# Seconds without a request after which the server lets go of the DuckDB file, so that a `dyad ingest`
# (DuckDB allows one writer and no reader beside it) can run while the dashboard sits open; reopening
# costs ~40 ms on the next request.
IDLE_CLOSE_S = 2.0


class StoreHolder:
    """Hands each request its own cursor over one read-only connection, opened on demand and closed when
    idle (IDLE_CLOSE_S). A failed open (the file is locked by a running ``dyad ingest``) becomes a clear
    503 for that request and is retried on the next. An injected store (tests) is never closed."""

    def __init__(self, path: str | None = None, store: Store | None = None, idle_close: float | None = None) -> None:
        self.path = path
        self.store = store
        self.idle_close = (IDLE_CLOSE_S if idle_close is None else idle_close) if path is not None else None
        self.lock = threading.Lock()
        self.active = 0
        self.last_used = time.monotonic()
        self.timer: threading.Timer | None = None

    def acquire(self) -> Store:
        with self.lock:
            if self.store is None:
                self.store = open_read_only(self.path or "dyad.duckdb")
            self.active += 1
            return reader(self.store)

    def release(self, cursor: Store) -> None:
        cursor.con.close()
        with self.lock:
            self.active -= 1
            self.last_used = time.monotonic()
            if self.idle_close is not None and self.timer is None:
                self.timer = threading.Timer(self.idle_close, self._close_if_idle)
                self.timer.daemon = True
                self.timer.start()

    def _close_if_idle(self) -> None:
        with self.lock:
            self.timer = None
            if self.store is None or self.active:
                return
            idle = time.monotonic() - self.last_used
            if idle < (self.idle_close or 0):
                self.timer = threading.Timer((self.idle_close or 0) - idle, self._close_if_idle)
                self.timer.daemon = True
                self.timer.start()
                return
            self.store.close()
            self.store = None

    def close(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            if self.store is not None and self.path is not None:
                self.store.close()
                self.store = None


def open_read_only(path: str) -> Store:
    try:
        return Store(path, read_only=True)
    except StoreError as exc:
        if "lock" in str(exc).lower():
            raise StoreError(
                f"{path!r} is locked by another process (a running 'dyad ingest'?); DuckDB allows one writer "
                "and no readers beside it. Wait for it to finish, or serve a copy of the file.", code="E205",
            ) from exc
        raise


def error(code: str, message: str, status: int) -> JSONResponse:
    return JSONResponse({"ok": False, "error": {"code": code, "message": message}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg')}" + (f" (got {err['input']!r})" if "input" in err and err["input"]
                                                    is not None else ""))
    return "invalid parameter " + "; ".join(parts)


def create_app(settings: Settings | None = None, *, db: str | None = None, store: Store | None = None) -> FastAPI:
    """The API and dashboard over ``store`` (tests) or the DuckDB file ``db`` (default: settings.db)."""
    from dyad.api.routers import actors, articles, dyads, events, flags, health

    settings = settings or get_settings()
    app = FastAPI(
        title="dyad",
        docs_url=None,
        redoc_url=None,
        version=dyad.__version__,
        lifespan=lifespan,
        description="Auditable event data: who did what to whom, where, when, said by whom — every field with "
                    "the span of the article it came from. Read-only over a dyad store.",
    )
    app.state.stores = StoreHolder(None if store is not None else (db or settings.db), store)

    @app.exception_handler(DyadError)
    async def dyad_error(request: Request, exc: DyadError) -> JSONResponse:
        status = STATUS.get(exc.code, 503 if isinstance(exc, StoreError) else 400 if isinstance(exc, UsageError)
                            else 500)
        return error(exc.code, exc.reason, status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error("E542", _validation_message(exc), 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "E543" if exc.status_code == 404 else "E542"
        return error(code, str(exc.detail), exc.status_code)

    for module in (events, articles, actors, dyads, flags, health):
        app.include_router(module.router)

    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the vendored swagger-ui-dist, not a CDN: the docs work offline too."""
        return get_swagger_ui_html(openapi_url="/openapi.json", title="dyad API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png")

    return app


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.stores.close()
