"""Read-only queries behind the API and the web page: filtered, sorted, paged events; one event
with every source sentence; documents; places and actors; counts and fatalities per period.

Every value is a bound parameter; the only SQL built from requests is chosen from the fixed
tables below (sort keys, periods, groupings). Works on SQLite and PostgreSQL stores.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, fields
from typing import Any, Optional

from .store import dialect, event_mentions, get_event

TOTAL_CAP = 10_000  # counting stops here: an exact total over a million rows costs a full scan
EVENT_SUMMARY = ("e.id, e.date_start, e.date_end, e.date_precision, e.acled_event_type, "
                 "e.acled_sub_event_type, e.plover, e.mode, e.actor1, e.actor1_type, e.actor2, "
                 "e.actor2_type, e.place, e.country, e.admin1, e.lat, e.lon, e.feature, e.fatalities, "
                 "e.fatalities_low, e.fatalities_high, e.injured, e.displaced, e.negated, e.hypothetical, "
                 "e.confidence, e.n_sources, e.n_documents, e.contested, e.evidence_text, "
                 "e.first_reported, e.last_reported")
WITH_DOCUMENT = ("e.*, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url, "
                 "d.published AS doc_published")
SORTS = {  # name -> column; "-name" sorts descending
    "date": "e.date_start", "fatalities": "e.fatalities", "sources": "e.n_sources",
    "confidence": "e.confidence", "reported": "e.last_reported",
}
GROUPS = {
    "type": "coalesce(e.acled_event_type, e.plover)", "sub_type": "e.acled_sub_event_type",
    "plover": "e.plover", "country": "e.country", "admin1": "e.admin1", "place": "e.place", "none": "''",
}
INTERVALS = ("day", "week", "month")


@dataclass(frozen=True)
class EventFilter:
    """What the events endpoints, the map and the exports are restricted to (all optional)."""
    since: Optional[str] = None          # date_start >= (YYYY-MM-DD)
    until: Optional[str] = None          # date_start <=
    type: Optional[str] = None           # ACLED event type, exactly as spelled
    sub_type: Optional[str] = None       # ACLED sub-event type
    plover: Optional[str] = None         # PLOVER category
    actor: Optional[str] = None          # substring of actor1 or actor2, any case
    country: Optional[str] = None        # ISO 3166-1 alpha-2
    admin1: Optional[str] = None
    place: Optional[str] = None          # place name, exactly as stored
    bbox: Optional[tuple[float, float, float, float]] = None  # west, south, east, north
    min_sources: Optional[int] = None
    min_confidence: Optional[float] = None
    q: Optional[str] = None              # words in any source's evidence sentence, any case
    include_negated: bool = False
    include_hypothetical: bool = True

    def replace(self, **changes) -> "EventFilter":
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return EventFilter(**values)

    def rtree_only(self) -> bool:
        """True when every filter given is one the R-tree holds (box, dates, sources, confidence)."""
        return bool(self.bbox) and not any(getattr(self, name) for name in (
            "type", "sub_type", "plover", "actor", "country", "admin1", "place", "q"))

    def where(self, con=None, *, rtree: bool = False) -> tuple[str, list[Any]]:
        """A WHERE clause over `events e` (or '') and its arguments.

        Given the connection, the clause is shaped for that store's indexes: a bounding box or a
        text search that few events match is looked up in SQLite's R-tree or FTS5 index first,
        an actor substring becomes the list of actor names that contain it, PostgreSQL boxes use
        its GiST index. Without it, the plain portable clause (the same rows, slower). With
        `rtree`, the clause is over SQLite's `events_rtree e` instead (see `rtree_only`)."""
        where: list[str] = []
        args: list[Any] = []
        sqlite = con is not None and dialect(con) == "sqlite"

        def add(sql: str, *values: Any) -> None:
            where.append(sql)
            args.extend(values)

        if self.since:
            add("e.date_start >= ?", self.since)
        if self.until:
            add("e.date_start <= ?", self.until)
        if self.type:
            add("e.acled_event_type = ?", self.type)
        if self.sub_type:
            add("e.acled_sub_event_type = ?", self.sub_type)
        if self.plover:
            add("e.plover = ?", self.plover.upper())
        if self.actor:
            names = actor_names(con, self.actor) if con is not None else None
            if names is None:
                pattern = like_pattern(self.actor)
                add("(lower(e.actor1) LIKE ? ESCAPE '\\' OR lower(e.actor2) LIKE ? ESCAPE '\\')", pattern, pattern)
            elif not names:
                add("1 = 0")
            else:
                marks = ", ".join("?" * len(names))
                add(f"(e.actor1 IN ({marks}) OR e.actor2 IN ({marks}))", *names, *names)
        if self.country:
            add("e.country = ?", self.country.upper())
        if self.admin1:
            add("e.admin1 = ?", self.admin1)
        if self.place:
            add("e.place = ?", self.place)
        if self.bbox:
            west, south, east, north = self.bbox
            if rtree:
                box, values = _rtree_box(self.bbox)
                add(box, *values)
            elif sqlite and _rtree_selective(con, self.bbox):
                box, values = _rtree_box(self.bbox)
                add(f"e.rowid IN (SELECT event_rowid FROM events_rtree e WHERE {box})", *values)
            elif con is not None and dialect(con) == "postgresql":
                boxes = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
                add("(" + " OR ".join(["point(e.lon, e.lat) <@ box(point(?, ?), point(?, ?))"] * len(boxes)) + ")",
                    *(v for w, e in boxes for v in (w, south, e, north)))
            # a box holding many events: read them from events_date (which holds lat and lon),
            # in the order asked for, rather than from an index on latitude (unary + keeps the
            # planner off it)
            plus = "+" if sqlite else ""
            add(f"{plus}e.lat BETWEEN ? AND ?", south, north)
            if west <= east:
                add(f"{plus}e.lon BETWEEN ? AND ?", west, east)
            else:  # the box crosses the antimeridian
                add("(e.lon >= ? OR e.lon <= ?)", west, east)
        if self.min_sources:
            add("e.n_sources >= ?", self.min_sources)
        if self.min_confidence:
            add("e.confidence >= ?", self.min_confidence)
        if self.q:
            pattern = like_pattern(self.q)
            if sqlite and _fts_selective(con, self.q):
                add("e.id IN (SELECT m.event_id FROM mentions m WHERE m.rowid IN "
                    "(SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?) "
                    "AND lower(m.evidence_text) LIKE ? ESCAPE '\\')", fts_match(self.q), pattern)
            else:
                add("EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id "
                    "AND lower(m.evidence_text) LIKE ? ESCAPE '\\')", pattern)
        if not self.include_negated:
            add("e.negated = 0")
        if not self.include_hypothetical:
            add("e.hypothetical = 0")
        return (" WHERE " + " AND ".join(where)) if where else "", args


# A box or a text that matches fewer events than this is looked up in its own index first; one
# that matches more is found soon enough by walking the date (or sort) index and checking rows.
SELECTIVE = 5_000
ACTOR_NAMES_MAX = 200  # more matching names than this: the substring test on every row instead


def _rtree_box(bbox: tuple[float, float, float, float]) -> tuple[str, list[float]]:
    """R-tree constraints over `events_rtree e` (plain ANDs, so the R-tree can use all four; a box
    across the antimeridian constrains latitude only and tests longitude on each candidate)."""
    west, south, east, north = bbox
    if west <= east:
        return ("e.max_lat >= ? AND e.min_lat <= ? AND e.max_lon >= ? AND e.min_lon <= ?",
                [south, north, west, east])
    return "e.max_lat >= ? AND e.min_lat <= ? AND (e.max_lon >= ? OR e.min_lon <= ?)", [south, north, west, east]


def _rtree_selective(con, bbox) -> bool:
    box, args = _rtree_box(bbox)
    n = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM events_rtree e WHERE {box} LIMIT ?) t",
                    [*args, SELECTIVE]).fetchone()[0]
    return n < SELECTIVE


def fts_match(text: str) -> Optional[str]:
    """An FTS5 query asking the trigram index for every trigram of `text`, or None when `text` is
    too short to have one. The index keeps no positions (detail=none), so this finds a superset of
    the sentences holding `text` from the index alone; the caller checks those with LIKE."""
    if len(text.strip()) < 3:
        return None
    low = text.lower()
    grams = dict.fromkeys(low[i:i + 3] for i in range(len(low) - 2))
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def _fts_selective(con, text: str) -> bool:
    query = fts_match(text)
    if query is None:
        return False
    n = con.execute("SELECT count(*) FROM (SELECT 1 FROM mentions_fts WHERE mentions_fts MATCH ? LIMIT ?) t",
                    [query, SELECTIVE]).fetchone()[0]
    return n < SELECTIVE


def actor_names(con, text: str) -> Optional[list[str]]:
    """The stored actor names containing `text` (any case), or None when there are too many to
    list (the caller then tests every row)."""
    names = [n for n in _actor_vocabulary(con) if _like(n, text)]
    return names if len(names) <= ACTOR_NAMES_MAX else None


def _like(name: str, text: str) -> bool:
    # SQLite's lower() folds ASCII only; match what `lower(actor) LIKE lower(text)` would
    return _ascii_lower(text) in _ascii_lower(name)


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _actor_vocabulary(con) -> list[str]:
    key = (id(con), store_version(con))
    cached = _VOCABULARY.get(id(con))
    if cached and cached[0] == key:
        return cached[1]
    names = sorted({r[0] for r in con.execute("SELECT DISTINCT actor1 FROM events WHERE actor1 IS NOT NULL")}
                   | {r[0] for r in con.execute("SELECT DISTINCT actor2 FROM events WHERE actor2 IS NOT NULL")})
    _VOCABULARY[id(con)] = (key, names)
    return names


_VOCABULARY: dict[int, tuple[Any, list[str]]] = {}


def store_version(con) -> Any:
    """Changes whenever the store's contents may have changed: SQLite's data_version (bumped by
    every commit from any connection), or the clock every few seconds on PostgreSQL."""
    if dialect(con) == "sqlite":
        return con.execute("PRAGMA data_version").fetchone()[0]
    return int(time.monotonic() // PG_CACHE_SECONDS)


PG_CACHE_SECONDS = 10


def like_pattern(text: str) -> str:
    """`%text%` for LIKE, with the user's own % and _ taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def order_by(sort: str, con) -> str:
    """ORDER BY for a whitelisted sort key ('date', '-date', ...); unknown keys raise KeyError."""
    descending = sort.startswith("-")
    column = SORTS[sort.lstrip("-")]
    direction = "DESC" if descending else "ASC"
    # SQLite puts NULLs first ascending and last descending, and only then can use the index;
    # PostgreSQL is told to do the same.
    nulls = (" NULLS FIRST" if not descending else " NULLS LAST") if dialect(con) == "postgresql" else ""
    return f" ORDER BY {column} {direction}{nulls}, e.id {direction}"


# --- events ------------------------------------------------------------------------------------

def list_events(con, flt: EventFilter, *, sort: str = "-date", limit: int = 50, offset: int = 0,
                count: bool = False) -> dict[str, Any]:
    """One page of event summaries; `more` says whether another page follows. With `count`, also
    how many match, exact up to TOTAL_CAP (counting costs a scan of everything that matches)."""
    # a box, alone or with dates, sources or confidence, that holds few events: answered from
    # the R-tree, which holds those columns and every sort key
    rtree = dialect(con) == "sqlite" and flt.rtree_only() and _rtree_selective(con, flt.bbox)
    where, args = flt.where(con, rtree=rtree)
    source = "events_rtree" if rtree else "events"
    # the page's ids first (read from an index that holds the filtered and sorted columns, so
    # rows that do not match, or that an offset skips, are never read), then those rows
    rows = con.execute(
        f"SELECT {EVENT_SUMMARY}, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url "
        f"FROM (SELECT e.id FROM {source} e{where}{order_by(sort, con)} LIMIT ? OFFSET ?) p "
        f"JOIN events e ON e.id = p.id JOIN documents d ON d.id = e.doc_id{order_by(sort, con)}",
        [*args, limit + 1, offset]).fetchall()
    page: dict[str, Any] = {"offset": offset, "limit": limit, "more": len(rows) > limit,
                            "events": [summary(r) for r in rows[:limit]]}
    if count:
        total = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {source} e{where} LIMIT ?) t",
                            [*args, TOTAL_CAP + 1]).fetchone()[0]
        page.update(total=min(total, TOTAL_CAP), total_exact=total <= TOTAL_CAP)
    return page


def summary(row) -> dict[str, Any]:
    out = {k: row[k] for k in row.keys()}
    out["negated"], out["hypothetical"] = bool(out["negated"]), bool(out["hypothetical"])
    out["contested"] = out["contested"].split(",") if out.get("contested") else []
    return out


def event_rows(con, flt: EventFilter, *, sort: str = "-date", limit: Optional[int] = None):
    """Full event rows joined with their lead document: what the export writers take."""
    where, args = flt.where(con)
    sql = f"SELECT {WITH_DOCUMENT} FROM events e JOIN documents d ON d.id = e.doc_id{where}{order_by(sort, con)}"
    if limit is not None:
        sql += " LIMIT ?"
        args = [*args, limit]
    return con.execute(sql, args)


def points(con, flt: EventFilter, limit: int) -> dict[str, Any]:
    """The events with coordinates, compact for the map: [id, lat, lon, type, fatalities] rows,
    newest first, where type is an index into `types` (all read from the events_date index)."""
    where, args = flt.where(con)
    where = (where + " AND" if where else " WHERE") + " e.lat IS NOT NULL AND e.lon IS NOT NULL"
    rows = con.execute(
        f"SELECT e.id, e.lat, e.lon, coalesce(e.acled_event_type, e.plover), e.fatalities "
        f"FROM events e{where}{order_by('-date', con)} LIMIT ?", [*args, limit + 1]).fetchall()
    codes: dict[Optional[str], int] = {}
    out = []
    for r in rows[:limit]:
        code = codes.setdefault(r[3], len(codes))
        out.append([r[0], r[1], r[2], code, r[4]])
    return {"fields": ["id", "lat", "lon", "type", "fatalities"], "types": list(codes),
            "points": out, "truncated": len(rows) > limit}


def event_detail(con, event_id: str) -> Optional[dict[str, Any]]:
    """One merged event: its row, and every source with its sentence, the words to highlight in
    it, the quote it is attributed to (with the speaker) and the outlet."""
    row = get_event(con, event_id)
    if row is None:
        return None
    record = json.loads(row["record"])
    event = summary(row)
    event.pop("record", None)
    event.update({"counts": record.get("counts") or {}, "trigger": record.get("trigger"),
                  "document": {"id": row["doc_id"], "title": row["doc_title"], "source": row["doc_source"],
                               "url": row["doc_url"], "published": row["doc_published"]}})
    quotes_by_doc: dict[str, list] = {}
    sources = []
    for m in event_mentions(con, row["id"]):
        mention = json.loads(m["record"])
        if m["doc_id"] not in quotes_by_doc:
            doc = con.execute("SELECT record FROM documents WHERE id=?", (m["doc_id"],)).fetchone()
            quotes_by_doc[m["doc_id"]] = (json.loads(doc[0]).get("quotes") or []) if doc else []
        quotes = quotes_by_doc[m["doc_id"]]
        quote = quotes[m["attribution"]] if m["attribution"] is not None and 0 <= m["attribution"] < len(quotes) else None
        sources.append({
            "mention": m["id"], "document": m["doc_id"], "story": m["story_id"],
            "outlet": m["doc_source"], "title": m["doc_title"], "url": m["doc_url"],
            "published": m["doc_published"], "date": m["date_start"], "place": m["place"],
            "fatalities": m["fatalities"], "injured": m["injured"], "displaced": m["displaced"],
            "sentence": m["evidence_text"], "sentence_start": m["evidence_start"],
            "highlights": highlights(mention, m["evidence_start"], m["evidence_text"]),
            "quote": _quote(quote),
        })
    event["sources"] = sources
    return event


def highlights(mention: dict[str, Any], start: Optional[int], sentence: Optional[str]) -> list[dict[str, Any]]:
    """The trigger, actors and place of a mention as [start, end) offsets into its sentence."""
    if start is None or not sentence:
        return []
    found = []
    for kind, item in (("trigger", mention.get("trigger")), ("actor1", mention.get("actor1")),
                       ("actor2", mention.get("actor2")), ("place", mention.get("place"))):
        if not item or item.get("start") is None or item.get("end") is None:
            continue
        a, b = item["start"] - start, item["end"] - start
        if 0 <= a < b <= len(sentence):
            found.append({"kind": kind, "start": a, "end": b})
    found.sort(key=lambda h: (h["start"], -h["end"]))
    kept, last_end = [], -1
    for h in found:  # overlapping spans would nest marks; keep the first of each overlap
        if h["start"] >= last_end:
            kept.append(h)
            last_end = h["end"]
    return kept


def _quote(quote: Optional[dict[str, Any]]) -> Optional[dict[str, Any]]:
    if not quote:
        return None
    speaker = quote.get("speaker") or {}
    cue = quote.get("cue") or {}
    return {"text": quote.get("text"), "kind": quote.get("kind"), "cue": cue.get("text"),
            "speaker": speaker.get("name") or speaker.get("text"), "role": speaker.get("role"),
            "org": speaker.get("org")}


# --- aggregates and facets ---------------------------------------------------------------------

def period_sql(interval: str, con) -> str:
    if interval == "day":
        return "substr(e.date_start, 1, 10)"
    if interval == "month":
        return "substr(e.date_start, 1, 7)"
    if interval == "week":  # the Monday that starts the ISO week
        if dialect(con) == "postgresql":
            return "to_char(date_trunc('week', e.date_start::date), 'YYYY-MM-DD')"
        return "date(e.date_start, '-' || ((CAST(strftime('%w', e.date_start) AS INTEGER) + 6) % 7) || ' days')"
    raise KeyError(interval)


def aggregate(con, flt: EventFilter, *, interval: str = "day", by: str = "type") -> list[dict[str, Any]]:
    """Events and fatalities per period and group (type, sub_type, plover, country, admin1, place)."""
    period, key = period_sql(interval, con), GROUPS[by]
    where, args = flt.where(con)
    where = (where + " AND" if where else " WHERE") + " e.date_start IS NOT NULL"
    rows = con.execute(
        f"SELECT {period} AS period, {key} AS grp, count(*) AS events, "
        f"sum(coalesce(e.fatalities, 0)) AS fatalities FROM events e{where} "
        f"GROUP BY {period}, {key} ORDER BY 1, 2", args).fetchall()
    return [{"period": r[0], "key": r[1], "events": r[2], "fatalities": r[3]} for r in rows]


def places(con, flt: EventFilter, limit: int) -> list[dict[str, Any]]:
    where, args = flt.where(con)
    where = (where + " AND" if where else " WHERE") + " e.place IS NOT NULL"
    rows = con.execute(
        f"SELECT e.place, e.country, e.admin1, min(e.lat), min(e.lon), count(*), "
        f"sum(coalesce(e.fatalities, 0)) FROM events e{where} "
        f"GROUP BY e.place, e.country, e.admin1 ORDER BY 6 DESC, 1 LIMIT ?", [*args, limit]).fetchall()
    return [dict(zip(("place", "country", "admin1", "lat", "lon", "events", "fatalities"), r)) for r in rows]


def actors(con, flt: EventFilter, limit: int) -> list[dict[str, Any]]:
    where, args = flt.where(con)
    rows = con.execute(
        f"SELECT name, type, count(*) FROM ("
        f"SELECT e.actor1 AS name, e.actor1_type AS type FROM events e{where} UNION ALL "
        f"SELECT e.actor2 AS name, e.actor2_type AS type FROM events e{where}) a "
        f"WHERE name IS NOT NULL GROUP BY name, type ORDER BY 3 DESC, 1 LIMIT ?",
        [*args, *args, limit]).fetchall()
    return [{"name": r[0], "type": r[1], "events": r[2]} for r in rows]


def facets(con) -> dict[str, list]:
    """The values the filter menus offer: event types, sub-types and PLOVER categories present
    (each read from the leading columns of an index, not from the table)."""
    pairs = con.execute("SELECT DISTINCT acled_event_type, acled_sub_event_type FROM events").fetchall()
    plover = con.execute("SELECT DISTINCT plover FROM events").fetchall()
    return {"type": sorted({p[0] for p in pairs if p[0]}), "sub_type": sorted({p[1] for p in pairs if p[1]}),
            "plover": sorted(p[0] for p in plover if p[0])}


# --- documents ---------------------------------------------------------------------------------

DOCUMENT_SUMMARY = "id, title, published, source, url, language, story_id, ingested_at"


def list_documents(con, *, q: Optional[str] = None, source: Optional[str] = None,
                   limit: int = 50, offset: int = 0) -> dict[str, Any]:
    where, args = [], []
    if q:
        where.append("lower(title) LIKE ? ESCAPE '\\'")
        args.append(like_pattern(q))
    if source:
        where.append("source = ?")
        args.append(source)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    rows = con.execute(f"SELECT {DOCUMENT_SUMMARY} FROM documents{clause} "
                       f"ORDER BY published DESC, id LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    total = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM documents{clause} LIMIT ?) t",
                        [*args, TOTAL_CAP + 1]).fetchone()[0]
    return {"total": min(total, TOTAL_CAP), "total_exact": total <= TOTAL_CAP, "offset": offset,
            "limit": limit, "documents": [dict(zip(r.keys(), r)) for r in rows]}


def document_detail(con, doc_id: str) -> Optional[dict[str, Any]]:
    row = con.execute(f"SELECT {DOCUMENT_SUMMARY}, text, record FROM documents WHERE id=?", (doc_id,)).fetchone()
    if row is None:
        return None
    out = {k: row[k] for k in row.keys() if k != "record"}
    record = json.loads(row["record"])
    out["quotes"] = [_quote(q) for q in record.get("quotes") or []]
    out["places"] = record.get("places") or []
    out["mentions"] = [{"mention": r[0], "event": r[1]} for r in con.execute(
        "SELECT id, event_id FROM mentions WHERE doc_id=? ORDER BY evidence_start, id", (doc_id,))]
    return out
