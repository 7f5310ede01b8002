"""The situation room's web application: a JSON API over the store and the page that uses it.

`create_app(db)` builds a FastAPI app (`sitroom serve` runs it with uvicorn). Reads go through
read-only connections, one per server thread; the only write, `POST /api/documents` (ingest
one article), is off unless a token is configured and then requires `Authorization: Bearer
TOKEN`; it annotates with the full pipeline and stores through the single writer. Every filter
is a bound parameter (sitroom.queries); page sizes and request bodies are capped; the page
renders article text as text, never as markup, and a Content-Security-Policy forbids inline
scripts besides.
"""
from __future__ import annotations

import hmac
import io
import json
import threading
from datetime import date
from typing import Any, Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from uvicorn.protocols.http.h11_impl import H11Protocol

from . import queries, store
from .queries import EventFilter

MAX_PAGE = 500           # events or documents per page
MAX_POINTS = 20_000      # points drawn on the map at once
MAX_EXPORT = 100_000     # events per export request
MAX_BODY = 2_000_000     # bytes of one POST /api/documents body
SORT_KEYS = Literal["date", "-date", "fatalities", "-fatalities", "sources", "-sources",
                    "confidence", "-confidence", "reported", "-reported"]
EXPORTS = {"acled-csv": ("text/csv", "csv"), "jsonl": ("application/x-ndjson", "jsonl"),
           "plover": ("application/x-ndjson", "plover.jsonl"),
           "geojson": ("application/geo+json", "geojson"), "parquet": ("application/vnd.apache.parquet", "parquet")}


# --- response shapes (for the OpenAPI docs; handlers return JSON directly) ---------------------

class EventSummary(BaseModel):
    id: str
    date_start: Optional[str]
    date_end: Optional[str]
    date_precision: Optional[str]
    acled_event_type: Optional[str]
    acled_sub_event_type: Optional[str]
    plover: Optional[str]
    mode: Optional[str]
    actor1: Optional[str]
    actor2: Optional[str]
    place: Optional[str]
    country: Optional[str]
    admin1: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    fatalities: Optional[int]
    fatalities_low: Optional[int]
    fatalities_high: Optional[int]
    injured: Optional[int]
    displaced: Optional[int]
    negated: bool
    hypothetical: bool
    confidence: float
    n_sources: int
    n_documents: int
    contested: list[str]
    evidence_text: Optional[str]
    doc_title: Optional[str]
    doc_source: Optional[str]
    doc_url: Optional[str]


class EventPage(BaseModel):
    offset: int
    limit: int
    more: bool
    events: list[EventSummary]
    total: Optional[int] = None        # with count=true: how many match, exact up to 10,000
    total_exact: Optional[bool] = None


class Highlight(BaseModel):
    kind: str
    start: int
    end: int


class Quote(BaseModel):
    text: Optional[str]
    kind: Optional[str]
    cue: Optional[str]
    speaker: Optional[str]
    role: Optional[str]
    org: Optional[str]


class Source(BaseModel):
    mention: str
    document: str
    outlet: Optional[str]
    title: Optional[str]
    url: Optional[str]
    published: Optional[str]
    sentence: Optional[str]
    highlights: list[Highlight]
    quote: Optional[Quote]


class EventDetail(EventSummary):
    counts: dict[str, Any]
    sources: list[Source]


class Bucket(BaseModel):
    period: str
    key: Optional[str]
    events: int
    fatalities: int


class Points(BaseModel):
    fields: list[str]
    types: list[Optional[str]]         # a point's type is an index into this list
    points: list[list[Any]]
    truncated: bool


class NewDocument(BaseModel):
    text: Optional[str] = None
    html: Optional[str] = None
    id: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None


# --- plumbing ----------------------------------------------------------------------------------

class Readers(threading.local):
    """One read-only connection per server thread (sqlite3 connections stay in their thread)."""

    def __init__(self, db: str):
        self.db = db
        self.con = None

    def get(self):
        if self.con is None:
            self.con = store.connect(self.db, readonly=True)
        return self.con


class SecurityHeaders:
    """Plain ASGI middleware: every response says what the browser may load and run."""

    def __init__(self, app, csp: str):
        self.app, self.csp = app, csp.encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        docs = scope["path"] == "/docs"

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                policy = self.csp.replace(b"script-src 'self'", b"script-src 'self' 'unsafe-inline'") if docs else self.csp
                headers += [(b"content-security-policy", policy), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                caching = _asset_caching(scope)
                if caching:
                    headers.append((b"cache-control", caching))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _asset_caching(scope) -> Optional[bytes]:
    """Static files: the page asks for them with their content hash (`?v=`), so they may be kept
    for a year; without it they are revalidated (ETag). Packaged libraries change only with an upgrade."""
    path = scope["path"]
    if path.startswith("/static/"):
        return b"public, max-age=31536000, immutable" if b"v=" in scope.get("query_string", b"") else b"no-cache"
    if path.startswith("/vendor/"):
        return b"public, max-age=86400"
    return None


PAGE_FILTER_KEYS = ("since", "until", "type", "sub_type", "plover", "actor", "country", "place",
                    "min_sources", "min_confidence", "q", "bbox")  # app.js FILTER_KEYS, in its order


def _preload(request: Request) -> list[str]:
    """The page's first points and events requests, exactly as app.js will spell them, so the
    browser fetches them while it is still loading the scripts."""
    from urllib.parse import quote_plus, urlencode

    def spell(pairs):  # URLSearchParams.toString(): keeps * and escapes ~, unlike quote_plus
        return urlencode(pairs, quote_via=quote_plus, safe="*").replace("~", "%7E")

    given = request.query_params
    filters = [(k, given[k]) for k in PAGE_FILTER_KEYS if given.get(k)]
    listing = [*filters, ("limit", "50"), *((k, given[k]) for k in ("offset", "sort") if given.get(k))]
    return ["/api/points?" + spell(filters), "/api/events?" + spell(listing)]


def _asset_hash(folder) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


class Cache:
    """Answers that cost a scan (aggregates, facets) kept per filter until the store changes:
    SQLite stores are stamped by their files' size and modification time (every commit touches
    the write-ahead log), PostgreSQL ones by the clock (`seconds`)."""

    def __init__(self, db: str, size: int = 256, seconds: float = 10.0):
        self.db, self.size, self.seconds = db, size, seconds
        self.entries: dict[Any, Any] = {}
        self.lock = threading.Lock()

    def stamp(self) -> Any:
        import os
        import time

        if store.is_url(self.db):
            return int(time.monotonic() // self.seconds)
        stamp = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.db + suffix)
                stamp.append((st.st_size, st.st_mtime_ns))
            except FileNotFoundError:
                stamp.append(None)
        return tuple(stamp)

    def get(self, key: Any, compute):
        key = (self.stamp(), key)
        with self.lock:
            if key in self.entries:
                value = self.entries.pop(key)
                self.entries[key] = value  # most recently used last
                return value
        value = compute()
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.size:
                self.entries.pop(next(iter(self.entries)))
        return value


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":")), status_code=status,
                    media_type="application/json")


def event_filter(
    since: Optional[date] = Query(None, description="Events dated on or after (YYYY-MM-DD)."),
    until: Optional[date] = Query(None, description="Events dated on or before (YYYY-MM-DD)."),
    type: Optional[str] = Query(None, max_length=100, description="ACLED event type, exactly as ACLED spells it."),
    sub_type: Optional[str] = Query(None, max_length=100, description="ACLED sub-event type."),
    plover: Optional[str] = Query(None, max_length=40, description="PLOVER category (ASSAULT, PROTEST, ...)."),
    actor: Optional[str] = Query(None, max_length=200, description="Substring of either actor's name."),
    country: Optional[str] = Query(None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code."),
    admin1: Optional[str] = Query(None, max_length=200),
    place: Optional[str] = Query(None, max_length=200, description="Place name, exactly as stored (see /api/places)."),
    bbox: Optional[str] = Query(None, description="west,south,east,north in degrees.",
                                pattern=r"^\s*-?[\d.]+\s*(,\s*-?[\d.]+\s*){3}$"),
    min_sources: Optional[int] = Query(None, ge=1, le=1000, description="At least this many independent sources."),
    min_confidence: Optional[float] = Query(None, ge=0, le=1),
    q: Optional[str] = Query(None, min_length=2, max_length=200,
                             description="Words in any source's evidence sentence (any case)."),
    include_negated: bool = Query(False, description="Also events reported as not having happened."),
    include_hypothetical: bool = Query(True, description="Also threatened or planned events."),
) -> EventFilter:
    box = None
    if bbox:
        west, south, east, north = (float(x) for x in bbox.split(","))
        if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            raise HTTPException(422, "bbox: west,south,east,north with -180..180 and -90..90, south <= north")
        box = (west, south, east, north)
    return EventFilter(since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                       type=type, sub_type=sub_type, plover=plover, actor=actor, country=country, admin1=admin1,
                       place=place, bbox=box, min_sources=min_sources, min_confidence=min_confidence, q=q,
                       include_negated=include_negated, include_hypothetical=include_hypothetical)


# --- the app -----------------------------------------------------------------------------------

def create_app(db: str, token: Optional[str] = None, *, tiles: Optional[str] = None,
               max_body: int = MAX_BODY, pipeline=None) -> FastAPI:
    """The API and page over the store `db` (path or postgresql:// URL).

    token: enables POST /api/documents for requests bearing it. tiles: an online tile URL
    template ({z}/{x}/{y}) the page may offer in its settings; without it the page is offline.
    pipeline: the annotating Pipeline for ingestion (made on first use when not given).
    """
    from fastapi.templating import Jinja2Templates

    from . import __version__
    from .web import STATIC, TEMPLATES, swagger_dir, vendor_dirs
    from .web.basemap import world_geojson

    store.connect(db, readonly=True).close()  # fail now, with the store's message, not on first request
    readers = Readers(db)
    cache = Cache(db)
    assets = _asset_hash(STATIC)
    writer = threading.Lock()
    state: dict[str, Any] = {"pipeline": pipeline}
    app = FastAPI(title="sitroom", version=__version__, docs_url=None, redoc_url=None,
                  description="Merged conflict events with their sources: filter, page, aggregate, export.")
    tile_host = _origin(tiles) if tiles else ""
    app.add_middleware(SecurityHeaders, csp=(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: {tile_host}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"))
    from starlette.middleware.gzip import GZipMiddleware

    app.add_middleware(GZipMiddleware, minimum_size=20_000, compresslevel=5)  # 9 costs 3x for 5 % less
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for name, folder in vendor_dirs().items():
        app.mount(f"/vendor/{name}", StaticFiles(directory=folder), name=f"vendor-{name}")
    swagger = swagger_dir()
    if swagger:
        app.mount("/vendor/swagger", StaticFiles(directory=swagger), name="vendor-swagger")
    templates = Jinja2Templates(directory=TEMPLATES)

    def con():
        return readers.get()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(request: Request):
        return templates.TemplateResponse(request, "index.html", {"tiles": tiles or "", "version": __version__,
                                                                  "assets": assets,
                                                                  "preload": _preload(request)})

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs():
        if not swagger:
            return HTMLResponse('<p>The API is described in <a href="/openapi.json">/openapi.json</a>.</p>')
        return get_swagger_ui_html(openapi_url="/openapi.json", title="sitroom API",
                                   swagger_js_url="/vendor/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger/swagger-ui.css",
                                   swagger_favicon_url="/vendor/swagger/favicon-32x32.png")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    @app.get("/api/basemap.geojson", include_in_schema=False)
    def basemap(request: Request):
        headers = {"cache-control": "public, max-age=86400", "vary": "accept-encoding"}
        if "gzip" not in request.headers.get("accept-encoding", ""):
            return Response(world_geojson(), media_type="application/geo+json", headers=headers)
        if "gzip" not in state:  # compressed once, not per request
            import gzip

            state["gzip"] = gzip.compress(world_geojson(), 6)
        return Response(state["gzip"], media_type="application/geo+json",
                        headers={**headers, "content-encoding": "gzip"})

    @app.get("/api/info", summary="What the store holds and what this server allows")
    def info():
        return {"version": __version__, "counts": store.counts(con()), "ingest": token is not None,
                "tiles": bool(tiles), "limits": {"page": MAX_PAGE, "points": MAX_POINTS,
                                                 "export": MAX_EXPORT, "body_bytes": max_body}}

    @app.get("/api/facets", summary="Event types, sub-types, PLOVER categories and the date range present")
    def facets():
        def compute():
            data = queries.facets(con())
            # two statements: each min/max alone is one index lookup, together they are a scan
            data["dates"] = [con().execute(f"SELECT {f}(date_start) FROM events").fetchone()[0]
                             for f in ("min", "max")]
            return data
        return cache.get("facets", compute)

    @app.get("/api/events", summary="Merged events: filtered, sorted, paged",
             responses={200: {"model": EventPage}})
    def events(flt: EventFilter = Depends(event_filter), sort: SORT_KEYS = "-date",
               limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=1_000_000),
               count: bool = Query(False, description="Also count the matches (exact up to 10,000; costs a scan).")):
        return _json(queries.list_events(con(), flt, sort=sort, limit=limit, offset=offset, count=count))

    @app.get("/api/points", summary="The filtered events with coordinates, compact, for the map",
             responses={200: {"model": Points}})
    def points(flt: EventFilter = Depends(event_filter), limit: int = Query(MAX_POINTS, ge=1, le=MAX_POINTS)):
        return _json(queries.points(con(), flt, limit))

    @app.get("/api/events/{event_id}", summary="One event with every source: sentence, highlights, quote, outlet",
             responses={200: {"model": EventDetail}, 404: {"description": "No such event"}})
    def event(event_id: str = PathParam(..., max_length=200)):
        detail = queries.event_detail(con(), event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return _json(detail)

    @app.get("/api/aggregates", summary="Events and fatalities per day, week or month, by type or place",
             responses={200: {"model": list[Bucket]}})
    def aggregates(flt: EventFilter = Depends(event_filter),
                   interval: Literal["day", "week", "month"] = "day",
                   by: Literal["type", "sub_type", "plover", "country", "admin1", "place", "none"] = "type"):
        return _json(cache.get(("aggregate", flt, interval, by),
                               lambda: queries.aggregate(con(), flt, interval=interval, by=by)))

    @app.get("/api/places", summary="Places of the filtered events, most events first")
    def places(flt: EventFilter = Depends(event_filter), limit: int = Query(100, ge=1, le=MAX_PAGE)):
        return _json(queries.places(con(), flt, limit))

    @app.get("/api/actors", summary="Actors of the filtered events, most events first")
    def actors(flt: EventFilter = Depends(event_filter), limit: int = Query(100, ge=1, le=MAX_PAGE)):
        return _json(queries.actors(con(), flt, limit))

    @app.get("/api/documents", summary="Stored articles, newest first")
    def documents(q: Optional[str] = Query(None, min_length=2, max_length=200, description="Words in the title."),
                  source: Optional[str] = Query(None, max_length=200, description="Outlet, exactly."),
                  limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=1_000_000)):
        return _json(queries.list_documents(con(), q=q, source=source, limit=limit, offset=offset))

    @app.get("/api/documents/{doc_id}", summary="One article: text, quotes, places, and the events it reports")
    def document(doc_id: str = PathParam(..., max_length=200)):
        detail = queries.document_detail(con(), doc_id)
        if detail is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return _json(detail)

    @app.get("/api/export/{format}", summary="The filtered events in an export format (ACLED CSV, JSON Lines, "
                                             "PLOVER, GeoJSON, Parquet)")
    def export(format: Literal["acled-csv", "jsonl", "plover", "geojson", "parquet"],
               flt: EventFilter = Depends(event_filter), sort: SORT_KEYS = "-date",
               limit: int = Query(MAX_EXPORT, ge=1, le=MAX_EXPORT)):
        from .export import BINARY, WRITERS

        rows = queries.event_rows(con(), flt, sort=sort, limit=limit)
        out = io.BytesIO() if format in BINARY else io.StringIO()
        WRITERS[format](rows, out)
        data = out.getvalue()
        media, suffix = EXPORTS[format]
        return StreamingResponse(iter([data if isinstance(data, bytes) else data.encode("utf-8")]),
                                 media_type=media,
                                 headers={"content-disposition": f'attachment; filename="sitroom-events.{suffix}"'})

    @app.post("/api/documents", status_code=201,
              summary="Ingest one article (needs the server's token): annotate, store, merge",
              responses={401: {"description": "Missing or wrong token"},
                         403: {"description": "Ingest is disabled (no token configured)"},
                         413: {"description": "Body too large"}},
              openapi_extra={"requestBody": {"content": {"application/json": {
                  "schema": NewDocument.model_json_schema()}}, "required": True}})
    async def ingest(request: Request):
        from starlette.concurrency import run_in_threadpool

        _authorise(request, token)
        body = await _read_body(request, max_body)
        return _json(await run_in_threadpool(_ingest, body, db, writer, state), status=201)

    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, *, token: Optional[str] = None,
          tiles: Optional[str] = None, workers: Optional[int] = None) -> None:
    """Run the app with uvicorn until interrupted.

    workers: server processes. By default two when the store is a SQLite file and ingest is off
    (every process only reads, so they share nothing but the file), else one (the single writer
    and its lock live in one process). Raises StoreError or ValueError before listening when the
    store or the options are wrong.
    """
    import os

    import uvicorn

    if workers is None:
        workers = 2 if token is None and not store.is_url(db) else 1
    if workers > 1 and token is not None:
        raise ValueError("ingest (--token) needs a single server process")
    if workers == 1:
        uvicorn.run(create_app(db, token=token, tiles=tiles), host=host, port=port, log_level="warning")
        return
    store.connect(db, readonly=True).close()
    if tiles:
        _origin(tiles)
    os.environ[_SERVE_ENV] = json.dumps({"db": db, "tiles": tiles})
    uvicorn.run("sitroom.api:app_from_environment", factory=True, host=host, port=port, workers=workers,
                http=NoDelayH11, log_level="warning")


_SERVE_ENV = "SITROOM_SERVE_OPTIONS"


class NoDelayH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with Nagle's algorithm off. With workers, uvicorn binds the
    listening socket itself without naming TCP, so asyncio leaves Nagle on for its connections:
    a response's second write then waits for the client's delayed ACK (40 ms on Linux)."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        import socket

        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def app_from_environment() -> FastAPI:
    """The app of one worker process started by `serve` (uvicorn imports it by name)."""
    import os

    options = json.loads(os.environ[_SERVE_ENV])
    return create_app(options["db"], tiles=options["tiles"])


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"tiles: {url!r} is not an http(s) URL template")
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in url else parts.netloc
    return f"{parts.scheme}://{host}"


def _authorise(request: Request, token: Optional[str]) -> None:
    if token is None:
        raise HTTPException(403, "ingest through the API is off: start the server with --token")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body over {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest(body: bytes, db: str, writer: threading.Lock, state: dict[str, Any]) -> dict[str, Any]:
    from .formats import Options
    from .formats.jsonl import parse_line
    from .model import Failure
    from .pipeline import Pipeline

    try:
        json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise HTTPException(422, f"the body is not a JSON object ({exc})")
    draft = parse_line("api", body, Options())
    if draft is None or isinstance(draft, Failure):
        raise HTTPException(422, draft.reason if draft else "empty body")
    record = draft.build()
    if isinstance(record, Failure):
        raise HTTPException(422, record.reason)
    with writer:  # one writer: annotate and store one article at a time
        if state["pipeline"] is None:
            state["pipeline"] = Pipeline()
        record = next(state["pipeline"]([record]))
        with store.Store(db) as s:
            status = s.add(record)
            s.commit()
            rows = s.con.execute("SELECT id, event_id FROM mentions WHERE doc_id=? ORDER BY id",
                                 (record.id,)).fetchall()
    return {"id": record.id, "status": status,
            "events": sorted({r[1] for r in rows if r[1]}), "mentions": [r[0] for r in rows]}
