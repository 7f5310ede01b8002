"""Incremental, order-independent merging of mentions into events.

The events are defined as a function of the set of stored mentions (never of arrival order):
take the mentions in canonical order (`Mention.key`: most precisely dated, then placed, then
smallest id); each joins the first *seed* before it that it is compatible with (merge.rules), or
else becomes a seed itself. An event is a seed and the mentions that joined it; its id is the
seed's mention id. Comparing with the seed only (not with any member) keeps events from
chaining across a month of daily strikes on the same town.

Keeping that partition up to date needs no corpus-wide pass: a mention's assignment depends
only on compatible mentions that come before it, so when mentions arrive or leave, only the
mentions after them whose seed might change are re-decided, in canonical order (a worklist);
candidates come from an index on (type group | country | status, first day).
"""
from __future__ import annotations

import heapq
from typing import Iterable

from ..model import to_json
from . import rules
from .aggregate import aggregate_event
from .rules import LOOKBACK_DAYS, SELECT_MENTION, Mention, compare, compatible
from .stories import Stories


class Merger:
    def __init__(self, con):
        self.con = con
        self.stories = Stories(con)

    # --- entry points used by the Store -------------------------------------------------------

    def add_document(self, doc_id: str, text: str, mention_ids: Iterable[str]) -> None:
        changed_docs = self.stories.add(doc_id, text)
        dirty = self._settle(list(mention_ids))
        dirty |= self._events_of_documents(changed_docs - {doc_id})
        self._aggregate(dirty)

    def remove_document(self, doc_id: str) -> None:
        """Before a document is deleted: take its mentions out of their events."""
        gone = [Mention.from_row(r) for r in self.con.execute(
            f"SELECT {SELECT_MENTION} FROM mentions WHERE doc_id=?", (doc_id,))]
        changed_docs = self.stories.remove(doc_id)
        self.con.execute("DELETE FROM mentions WHERE doc_id=?", (doc_id,))
        dirty = {m.event_id for m in gone if m.event_id}
        orphans: list[str] = []
        for m in gone:
            if m.is_seed:
                orphans += [r[0] for r in self.con.execute("SELECT id FROM mentions WHERE event_id=?", (m.id,))]
        dirty |= self._settle(orphans)
        for m in gone:
            if m.is_seed:
                self._alias(m.id, orphans)
        dirty |= self._events_of_documents(changed_docs)
        self._aggregate(dirty)

    def merge_pending(self) -> None:
        """Merge mentions that belong to no event (stored before merging existed)."""
        pending = [r[0] for r in self.con.execute("SELECT id FROM mentions WHERE event_id IS NULL")]
        if not pending:
            return
        self._backfill_blocks()
        for doc_id, text in self.con.execute(
                "SELECT id, text FROM documents WHERE story_id IS NULL ORDER BY id").fetchall():
            self.stories.add(doc_id, text)
        self._aggregate(self._settle(pending))

    # --- the worklist -------------------------------------------------------------------------

    def _settle(self, ids: list[str]) -> set[str]:
        """Re-decide these mentions and every later one their change affects; returns the
        events whose membership changed."""
        # a mention's row changes only when it is itself re-decided, and each is queued once,
        # so the row read when it was queued is still current when it comes off the heap
        heap: list[tuple[tuple, str]] = []
        queued: dict[str, Mention] = {}

        def push(m: Mention) -> None:
            if m.id not in queued:
                queued[m.id] = m
                heapq.heappush(heap, (m.key, m.id))

        for m in self._load(ids):
            push(m)
        dirty: set[str] = set()
        while heap:
            _, mid = heapq.heappop(heap)
            m = queued[mid]
            candidates = self._candidates(m)
            seed, verdict = None, None
            for c in sorted((c for c in candidates if c.is_seed and c.key < m.key), key=lambda c: c.key):
                if compatible(m, c):
                    seed, verdict = c, compare(m, c)
                    break
            new_event = seed.id if seed else m.id
            was_seed, now_seed = m.is_seed, new_event == m.id
            if new_event != m.event_id:
                match = verdict.to_dict() | {"role": "member", "seed": seed.id} if seed else self._seed_match(m)
                self.con.execute("UPDATE mentions SET event_id=?, match=? WHERE id=?",
                                 (new_event, to_json(match), m.id))
                dirty |= {e for e in (m.event_id, new_event) if e}
            if now_seed and not was_seed:
                # later mentions compatible with this new seed may now belong to it
                for c in candidates:
                    if c.key > m.key and compatible(c, m):
                        push(c)
            elif was_seed and not now_seed:
                for r in self.con.execute(f"SELECT {SELECT_MENTION} FROM mentions WHERE event_id=? AND id<>?",
                                          (m.id, m.id)).fetchall():
                    push(Mention.from_row(r))
        return dirty

    def _seed_match(self, m: Mention) -> dict:
        return {"role": "seed", "rules": [], "why": (
            f"lead report: no earlier compatible report in canonical order "
            f"(date precision {m.date_precision or 'none'}, place precision "
            f"{m.feature if m.place else 'none'}, then smallest id)")}

    def _candidates(self, m: Mention) -> list[Mention]:
        where, args = rules.place_prefilter(m)
        if m.day_start is None:
            rows = self.con.execute(
                f"SELECT {SELECT_MENTION} FROM mentions WHERE block=? AND day_start IS NULL AND id<>? AND {where}",
                (m.block, m.id, *args))
        else:
            back = LOOKBACK_DAYS.get(m.date_precision or "day", 8)
            rows = self.con.execute(
                f"SELECT {SELECT_MENTION} FROM mentions WHERE block=? AND day_start BETWEEN ? AND ? "
                f"AND id<>? AND {where}", (m.block, m.day_start - back, m.day_end + 1, m.id, *args))
        return [Mention.from_row(r) for r in rows]

    def _load(self, ids: list[str]) -> list[Mention]:
        out = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out += [Mention.from_row(r) for r in self.con.execute(
                f"SELECT {SELECT_MENTION} FROM mentions WHERE id IN ({','.join('?' * len(chunk))})", chunk)]
        return out

    # --- around the worklist --------------------------------------------------------------------

    def _events_of_documents(self, doc_ids: set[str]) -> set[str]:
        out: set[str] = set()
        for doc_id in doc_ids:
            out |= {r[0] for r in self.con.execute(
                "SELECT DISTINCT event_id FROM mentions WHERE doc_id=? AND event_id IS NOT NULL", (doc_id,))}
        return out

    def _aggregate(self, event_ids: set[str]) -> None:
        for event_id in sorted(event_ids):
            aggregate_event(self.con, event_id)

    def _alias(self, old_id: str, former_members: list[str]) -> None:
        """An event id vanished with its seed: point it (and aliases to it) at a successor."""
        successor = None
        for m in sorted(self._load(former_members), key=lambda m: m.key):
            successor = m.event_id
            break
        if successor is None:
            return
        self.con.execute("INSERT INTO event_aliases (alias, event_id) VALUES (?, ?) "
                         "ON CONFLICT (alias) DO UPDATE SET event_id=excluded.event_id", (old_id, successor))
        self.con.execute("UPDATE event_aliases SET event_id=? WHERE event_id=?", (successor, old_id))

    def _backfill_blocks(self) -> None:
        rows = self.con.execute(
            "SELECT id, acled_event_type, acled_sub_event_type, plover, country, negated, hypothetical, "
            "date_start, date_end FROM mentions WHERE block IS NULL").fetchall()
        for r in rows:
            start, end = rules.day_range(r[7], r[8])
            self.con.execute("UPDATE mentions SET block=?, day_start=?, day_end=? WHERE id=?",
                             (rules.block_of(r[1], r[2], r[3], r[4], r[5], r[6]), start, end, r[0]))
