"""One merged event from its mentions: every source kept, counts as UCDP-style ranges.

Counts: each independent source (a story: near-duplicate articles count once) gives one value
per kind: its latest version's largest reported figure. `low` is the smallest low bound any
source gives, `high` the largest high bound, `best` the median of the sources' values (the
lower median on a tie, so it is always a figure someone reported). A count is *contested* when
independent sources disagree by more than CONTEST_RATIO.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional

from ..model import from_json, to_json
from .rules import SELECT_MENTION, Mention

COUNT_KINDS = ("fatalities", "injured", "displaced")
CONTEST_RATIO = 1.2


_SELECT_MEMBERS = (
    f"SELECT {', '.join('m.' + f for f in Mention.FIELDS)}, m.fatalities, m.injured, m.displaced, "
    f"m.size, m.evidence_start, m.evidence_end, m.evidence_text, m.attribution, m.confidence, "
    f"m.record, m.date_value, d.story_id, d.source, d.url, d.title, d.published "
    f"FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id=?")


def aggregate_event(con, event_id: str) -> None:
    rows = con.execute(_SELECT_MEMBERS, (event_id,)).fetchall()
    if not rows:
        con.execute("DELETE FROM events WHERE id=?", (event_id,))
        return
    members = [_Member(r) for r in rows]
    members.sort(key=lambda x: x.mention.key)
    row = merged_row(event_id, members)
    con.execute(_upsert(tuple(row)), list(row.values()))


@lru_cache(maxsize=4)
def _upsert(columns: tuple[str, ...]) -> str:
    updates = ", ".join(f"{c}=excluded.{c}" for c in columns if c != "id")
    return (f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}")


class _Member:
    def __init__(self, r):
        n = len(Mention.FIELDS)
        self.mention = Mention.from_row(r)
        (self.fatalities, self.injured, self.displaced, self.size, self.evidence_start,
         self.evidence_end, self.evidence_text, self.attribution, self.confidence, record,
         self.date_value, self.story_id, self.source, self.url, self.title,
         self.published) = (r[i] for i in range(n, n + 16))
        self.event = from_json(record)

    def count(self, kind: str) -> tuple[Optional[int], Optional[int], Optional[int]]:
        best = getattr(self, kind)
        rng = (self.event.get("counts") or {}).get(kind) or {}
        low = rng.get("low") if rng.get("low") is not None else best
        high = rng.get("high") if rng.get("high") is not None else best
        return low, best, high


def merged_row(event_id: str, members: list[_Member]) -> dict[str, Any]:
    seed = next((x for x in members if x.mention.id == event_id), members[0])
    lead = seed.mention
    typed = next((x for x in members if not _generic(x.mention)), seed).mention
    actor1 = next((x for x in members if x.mention.actor1), None)
    actor2 = next((x for x in members if x.mention.actor2), None)
    stories = _by_story(members)
    ranges, contested = {}, []
    for kind in COUNT_KINDS:
        rng, disputed = _range(stories, kind)
        if rng:
            ranges[kind] = rng
        if disputed:
            contested.append(kind)
    record = dict(seed.event)
    record.update({
        "id": event_id, "mention_id": lead.id,
        "acled_event_type": typed.acled_event_type, "acled_sub_event_type": typed.acled_sub_event_type,
        "plover": typed.plover, "mode": typed.mode or record.get("mode"),
        "actor1": actor1.event.get("actor1") if actor1 else None,
        "actor2": actor2.event.get("actor2") if actor2 else None,
        "confidence": _corroborated(stories),
        "counts": {k: {"low": lo, "best": b, "high": hi, "text": ""} for k, (lo, b, hi) in ranges.items()},
        "contested": contested,
        "n_mentions": len(members), "n_documents": len({x.mention.doc_id for x in members}),
        "n_sources": len(stories),
        "sources": [_source(x) for x in sorted(members, key=lambda x: (x.published or "", x.mention.doc_id, x.mention.id))],
    })
    for kind in COUNT_KINDS:
        record[kind] = ranges[kind][1] if kind in ranges else None
    published = sorted(x.published for x in members if x.published)
    return {
        "id": event_id, "doc_id": lead.doc_id, "plover": typed.plover, "mode": record["mode"],
        "acled_event_type": typed.acled_event_type, "acled_sub_event_type": typed.acled_sub_event_type,
        "actor1": actor1.mention.actor1 if actor1 else None,
        "actor1_type": actor1.mention.actor1_type if actor1 else None,
        "actor2": actor2.mention.actor2 if actor2 else None,
        "actor2_type": actor2.mention.actor2_type if actor2 else None,
        "place": lead.place, "geonameid": lead.geonameid, "country": lead.country, "admin1": lead.admin1,
        "lat": lead.lat, "lon": lead.lon, "feature": lead.feature,
        "date_value": seed.date_value, "date_start": lead.date_start, "date_end": lead.date_end,
        "date_precision": lead.date_precision,
        "fatalities": record["fatalities"], "injured": record["injured"], "displaced": record["displaced"],
        "size": seed.size, "negated": lead.negated, "hypothetical": lead.hypothetical,
        "evidence_start": seed.evidence_start, "evidence_end": seed.evidence_end,
        "evidence_text": seed.evidence_text, "attribution": seed.attribution,
        "confidence": record["confidence"],
        "record": to_json(record),
        "fatalities_low": _part(ranges, "fatalities", 0), "fatalities_high": _part(ranges, "fatalities", 2),
        "injured_low": _part(ranges, "injured", 0), "injured_high": _part(ranges, "injured", 2),
        "displaced_low": _part(ranges, "displaced", 0), "displaced_high": _part(ranges, "displaced", 2),
        "contested": ",".join(contested) or None,
        "n_mentions": len(members), "n_documents": record["n_documents"], "n_sources": len(stories),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
    }


def _generic(m: Mention) -> bool:
    return m.acled_sub_event_type == "Attack" and not m.mode


def _by_story(members: list[_Member]) -> dict[str, list[_Member]]:
    out: dict[str, list[_Member]] = {}
    for x in members:
        out.setdefault(x.story_id or x.mention.doc_id, []).append(x)
    return out


def _range(stories: dict[str, list[_Member]], kind: str):
    lows, bests, highs = [], [], []
    for versions in stories.values():
        latest = max(x.published or "" for x in versions)
        reported = [x.count(kind) for x in versions if (x.published or "") == latest]
        reported = [c for c in reported if c[1] is not None]
        if not reported:
            continue
        lows.append(min(c[0] for c in reported))
        bests.append(max(c[1] for c in reported))
        highs.append(max(c[2] for c in reported))
    if not bests:
        return None, False
    ordered = sorted(bests)
    best = ordered[(len(ordered) - 1) // 2]
    disputed = len(bests) > 1 and (ordered[0] == 0 < ordered[-1] or
                                   ordered[0] > 0 and ordered[-1] / ordered[0] > CONTEST_RATIO)
    return (min(lows), best, max(highs)), disputed


def _corroborated(stories: dict[str, list[_Member]]) -> float:
    """1 - prod(1 - c): independent sources raise confidence; copies of one story do not."""
    doubt = 1.0
    for versions in stories.values():
        doubt *= 1.0 - max(float(x.confidence or 0.0) for x in versions)
    return round(1.0 - doubt, 3)


def _part(ranges, kind, i):
    return ranges[kind][i] if kind in ranges else None


def _source(x: _Member) -> dict[str, Any]:
    return {
        "mention": x.mention.id, "document": x.mention.doc_id, "story": x.story_id,
        "source": x.source, "url": x.url, "title": x.title, "published": x.published,
        "evidence": [{"start": x.evidence_start, "end": x.evidence_end}] if x.evidence_start is not None else [],
        "evidence_text": x.evidence_text, "attribution": x.attribution,
        "fatalities": x.fatalities, "injured": x.injured, "displaced": x.displaced,
        "date": x.mention.date_start, "place": x.mention.place,
    }
