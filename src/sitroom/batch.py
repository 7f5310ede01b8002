"""Ingestion at scale: read -> analyse (an engine) -> write (one writer) -> checkpoint.

The main process reads the inputs (cheap: bytes, no cleaning), cuts them into batches, and
hands the batches to an engine (this process, local worker processes, or a Dask cluster), which
returns results in input order with a bounded number of batches in flight. The main process is
the single writer: it stores each batch's results, commits every COMMIT_DOCS documents (and
when the run ends or stops), and then records in the checkpoint the position of the last item
committed. A rerun of the same command after an interruption
(Ctrl-C, kill -9, power loss) starts after that position: nothing committed is read again,
nothing is lost, and since the store skips documents it holds with the same content, a batch
done twice (a crash between commit and checkpoint) changes nothing.
"""
from __future__ import annotations

import json
import os
import threading
from collections import deque
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Iterator, Optional

from . import inputs
from .formats import Options
from .model import Failure, Record
from .store import Store

BATCH_DOCS = 16  # documents per batch handed to a worker
# documents per transaction (and checkpoint): a commit writes every page the transaction touched,
# and merging touches the same index pages again and again, so larger transactions write less
COMMIT_DOCS = 64
MARKS_KEPT = 8


class BatchError(Exception):
    """The run cannot go on (a worker died, the cluster is gone); what was committed stays."""


class Checkpoint:
    """Where a run got to, in a small JSON file replaced atomically after every commit.

    It keeps the last few positions, each with a witness (the id and content hash of the last
    document committed at or before it). On resume the newest position whose witness the store
    holds is used, so a store that lost its last commits in a power cut is not skipped past.
    """

    VERSION = 1

    def __init__(self, path: Path, key: dict):
        self.path, self.key = Path(path), key
        self.done = 0
        self.marks: list[dict] = []
        self.note: Optional[str] = None  # what happened to an earlier checkpoint, for the user

    @classmethod
    def open(cls, path: Path, paths: list[str], options: Options, restart: bool = False) -> "Checkpoint":
        key = {"version": cls.VERSION, "inputs": list(paths), "options": asdict(options)}
        checkpoint = cls(path, key)
        if restart or not checkpoint.path.exists():
            return checkpoint
        try:
            data = json.loads(checkpoint.path.read_text())
        except (OSError, ValueError):
            checkpoint.note = f"checkpoint {path} is unreadable; starting from the beginning"
            return checkpoint
        if data.get("key") != key:
            checkpoint.note = (f"checkpoint {path} is for other inputs or options; starting from "
                               "the beginning (use --restart to silence this)")
            return checkpoint
        checkpoint.marks = data.get("marks", [])
        return checkpoint

    def resume(self, known: Callable[[str, Optional[str]], bool]) -> Optional[inputs.Position]:
        """The position to start after (None: from the beginning); sets `done`."""
        for mark in reversed(self.marks):
            witness = mark.get("witness")
            if witness is None or known(*witness):
                self.done = mark["done"]
                self.marks = self.marks[:self.marks.index(mark) + 1]
                self.note = f"resuming after {mark['done']} items (checkpoint {self.path})"
                return inputs.Position(mark["arg"], mark["path"], mark["number"])
        if self.marks:
            self.note = f"checkpoint {self.path} does not match the store; starting from the beginning"
        self.marks = []
        return None

    def save(self, position: inputs.Position, items: int, witness: Optional[list]) -> None:
        self.done += items
        if witness is None and self.marks:
            witness = self.marks[-1]["witness"]
        self.marks = (self.marks + [{"arg": position.arg, "path": position.path, "number": position.number,
                                     "done": self.done, "witness": witness}])[-MARKS_KEPT:]
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w") as handle:
            json.dump({"key": self.key, "marks": self.marks}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def default_checkpoint(db: str) -> Path:
    if "://" in db:  # a database URL: keep the checkpoint in the working folder
        import hashlib

        return Path(f".sitroom-checkpoint-{hashlib.sha1(db.encode()).hexdigest()[:10]}.json")
    return Path(f"{db}.checkpoint.json")


def run(paths: list[str], db: str, *, engine=None, options: Options = Options(),
        checkpoint: Optional[Path] = None, restart: bool = False, batch_docs: int = BATCH_DOCS,
        commit_docs: int = COMMIT_DOCS,
        on_failure: Callable[[Failure], None] = lambda f: None,
        on_warning: Callable[[Record], None] = lambda r: None,
        on_progress: Callable[[int], None] = lambda done: None,
        on_total: Optional[Callable[[int], None]] = None,
        on_note: Callable[[str], None] = lambda text: None) -> dict[str, int]:
    """Ingest `paths` into the store `db`; returns counts (added, updated, unchanged, events,
    failed — which includes skipped — and skipped). `engine` defaults to all local cores."""
    from .engines import EngineError, make_engine

    result = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0, "skipped": 0, "events": 0}
    paths = list(paths)
    with Store(db) as store:
        state = Checkpoint.open(checkpoint, paths, options, restart) if checkpoint else None
        after = state.resume(store.known) if state else None
        if state and state.note:
            on_note(state.note)
        done = state.done if state else 0
        on_progress(done)
        stop = threading.Event()
        if on_total is not None:
            threading.Thread(target=_count, args=(paths, options, on_total, stop), daemon=True).start()
        positions: deque = deque()
        uncommitted = {"items": 0, "position": None, "witness": None}

        def commit() -> None:
            store.commit()
            if state and uncommitted["position"] is not None:
                state.save(uncommitted["position"], uncommitted["items"], uncommitted["witness"])
            uncommitted.update(items=0, position=None, witness=None)

        engine = engine or make_engine("local", known_db=db)
        engine.attach(store.known)
        try:
            with engine:
                for results in engine.map(_batches(inputs.scan(paths, options, after), batch_docs, positions)):
                    for kind, item in results:
                        if kind == "failure":
                            store.add_failure(item)
                            result["failed"] += 1
                            result["skipped"] += item.status == "skipped"
                            on_failure(item)
                            continue
                        status = store.add(item)
                        result[status] += 1
                        if status != "unchanged":
                            result["events"] += len(item.events)
                        if kind == "record":
                            on_warning(item)
                        uncommitted["witness"] = [item.id, item.content_hash]
                    uncommitted["position"] = positions.popleft()
                    uncommitted["items"] += len(results)
                    if uncommitted["items"] >= commit_docs:
                        commit()
                    done += len(results)
                    on_progress(done)
        except EngineError as exc:
            raise BatchError(f"{exc}; {done} items are committed — run the same command again "
                             "to resume") from exc
        finally:
            stop.set()
            commit()  # also when interrupted: what was stored is committed and checkpointed
        if state:
            state.remove()
    return result


def _batches(entries: Iterator[inputs.Entry], size: int, positions: deque) -> Iterator[list]:
    batch, last = [], None
    for entry in entries:
        batch.append(entry.item)
        last = entry.position
        if len(batch) == size:
            positions.append(last)
            yield batch
            batch = []
    if batch:
        positions.append(last)
        yield batch


def _count(paths: list[str], options: Options, on_total: Callable[[int], None], stop: threading.Event) -> None:
    """Count the items of every input (for the progress bar's total and ETA), in the background."""
    from .formats import count

    total = 0
    for path in paths:
        if path == "-":
            return
        for file in inputs.expand(path):
            if stop.is_set():
                return
            total += 1 if isinstance(file, Failure) else count(Path(file[0]), explicit=file[1])
    if not stop.is_set():
        on_total(total)


# --- progress ------------------------------------------------------------------------------

def rich_progress(console, description: str = "ingesting"):
    """A rich progress bar: done/total, documents/s, elapsed and ETA (once the total is known).

    Returns (progress, on_progress, on_total); use `progress` as a context manager.
    """
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} docs/s" if speed else "- docs/s")

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                        MofNCompleteColumn(), Rate(), TimeElapsedColumn(), TextColumn("ETA"),
                        TimeRemainingColumn(), console=console, transient=False,
                        disable=not console.is_terminal)
    task = progress.add_task(description, total=None)
    started = []

    def on_progress(done: int) -> None:
        if not started:  # a resumed run starts part-way: that is not speed
            started.append(done)
            progress.reset(task, completed=done, total=progress.tasks[0].total)
        else:
            progress.update(task, completed=done)

    return progress, on_progress, lambda total: progress.update(task, total=total)
