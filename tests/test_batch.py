"""Ingestion at scale: worker processes give the serial store; interrupted runs resume exactly."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_snapshot import snapshot

from sitroom import batch, inputs
from sitroom.engines import make_engine
from sitroom.engines.local import InProcess
from sitroom.formats import Options

PLACES = ["Aleppo", "Idlib", "Homs", "Mosul", "Sanaa", "Taiz", "Kabul", "Benghazi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "Government forces shelled rebel-held districts of {p} on {d}, killing {n} civilians, local "
    "medics said. The United Nations said {m} people had fled the fighting in the past week.",
    "Protesters marched through the centre of {p} on {d} to demand the release of detained "
    "activists. Police fired tear gas and arrested {n} people, witnesses said.",
    "An airstrike hit a market in {p} on {d}, killing at least {n} people and wounding {m}, "
    'officials said. "We heard the planes and then everything was fire," said a shopkeeper.',
]


def write_corpus(folder: Path, n: int = 40) -> Path:
    """`n` short reports in a .jsonl, one bad line among them, and one .txt file."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        text = " ".join(TEMPLATES[(i + k) % 3].format(p=PLACES[(i * 3 + k) % 8], d=DAYS[(i + k) % 5],
                                                      n=2 + (i * 7 + k) % 40, m=100 + i * 37 + k)
                        for k in range(3))
        lines.append(json.dumps({"id": f"doc-{i}", "text": text, "published": f"2016-12-{1 + i % 28:02d}"}))
    lines.insert(n // 2, "this line is not JSON")
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "z.txt").write_text("Title: Late report\nPublished: 2017-01-02\n\nRebels shelled a "
                                  "government checkpoint near Idlib on Friday, killing three soldiers.")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scale") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory, pipeline) -> dict:
    """The store of one uninterrupted run in this process."""
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    result = batch.run([str(corpus)], str(db), engine=InProcess(pipeline))
    assert result["added"] == 41 and result["failed"] == 1
    return snapshot(db)


def test_worker_processes_give_the_serial_store(corpus, reference, tmp_path):
    db = tmp_path / "parallel.db"
    result = batch.run([str(corpus)], str(db), engine=make_engine("local", workers=2, known_db=str(db)))
    assert result["added"] == 41 and result["failed"] == 1
    assert snapshot(db) == reference


class StopAfter:
    """An in-process engine interrupted (like Ctrl-C) after `batches` batches; counts what it saw."""

    def __init__(self, pipeline, batches: int | None = None):
        self.inner, self.batches, self.items = InProcess(pipeline), batches, 0

    def attach(self, known):
        self.inner.attach(known)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def map(self, batches):
        for n, results in enumerate(self.inner.map(batches), 1):
            self.items += len(results)
            yield results
            if self.batches is not None and n == self.batches:
                raise KeyboardInterrupt


def test_interrupted_run_resumes_after_what_was_committed(corpus, reference, tmp_path, pipeline):
    db, checkpoint = tmp_path / "s.db", tmp_path / "s.ckpt"
    first = StopAfter(pipeline, batches=2)
    with pytest.raises(KeyboardInterrupt):
        batch.run([str(corpus)], str(db), engine=first, checkpoint=checkpoint, batch_docs=8)
    assert checkpoint.exists() and first.items == 16
    second, notes = StopAfter(pipeline), []
    result = batch.run([str(corpus)], str(db), engine=second, checkpoint=checkpoint, batch_docs=8,
                       on_note=notes.append)
    assert second.items == 42 - 16  # nothing committed is read or analysed again
    assert result["added"] == 41 - 16 and result["unchanged"] == 0
    assert any("resuming after 16 items" in n for n in notes)
    assert not checkpoint.exists()  # a finished run leaves no checkpoint behind
    assert snapshot(db) == reference


def test_resume_falls_back_when_the_store_lost_its_last_commits(tmp_path):
    state = batch.Checkpoint.open(tmp_path / "c.json", ["in"], Options())
    state.save(inputs.Position(0, "in/a.jsonl", 10), 10, ["d10", "h10"])
    state.save(inputs.Position(0, "in/a.jsonl", 20), 10, ["d20", "h20"])
    state.save(inputs.Position(0, "in/a.jsonl", 25), 5, None)  # failures only: witness carried over
    reopened = batch.Checkpoint.open(tmp_path / "c.json", ["in"], Options())
    stored = {("d10", "h10")}  # a power cut lost the commits after the first batch
    assert reopened.resume(lambda i, h: (i, h) in stored) == inputs.Position(0, "in/a.jsonl", 10)
    assert reopened.done == 10
    nothing = batch.Checkpoint.open(tmp_path / "c.json", ["in"], Options())
    assert nothing.resume(lambda i, h: False) is None and nothing.done == 0


def test_checkpoint_of_other_inputs_or_options_is_not_used(tmp_path):
    state = batch.Checkpoint.open(tmp_path / "c.json", ["in"], Options())
    state.save(inputs.Position(0, "in/a.jsonl", 10), 10, ["d10", "h10"])
    for paths, options in ((["other"], Options()), (["in"], Options(text_column="body"))):
        other = batch.Checkpoint.open(tmp_path / "c.json", paths, options)
        assert other.resume(lambda i, h: True) is None and "other inputs" in other.note
    assert batch.Checkpoint.open(tmp_path / "c.json", ["in"], Options(), restart=True).resume(
        lambda i, h: True) is None


def test_kill_9_mid_run_then_rerun_gives_the_uninterrupted_store(corpus, reference, tmp_path):
    psutil = pytest.importorskip("psutil")
    db = tmp_path / "k.db"
    checkpoint = Path(f"{db}.checkpoint.json")
    command = [sys.executable, "-m", "sitroom.cli", "ingest", str(corpus), "--db", str(db), "--workers", "2",
               "--commit-every", "16"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while not checkpoint.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = psutil.Process(proc.pid).children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert checkpoint.exists(), proc.stderr.read().decode()[-2000:]
    done = json.loads(checkpoint.read_text())["marks"][-1]["done"]
    assert 0 < done < 42  # killed mid-way, after at least one commit
    _, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive  # workers exit with their parent
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 1, rerun.stderr[-2000:]  # the one bad line
    assert f"resuming after {done} items" in rerun.stderr
    assert not checkpoint.exists()
    assert snapshot(db) == reference


def test_speed_bench_alternates_rounds_and_reports_their_median(tmp_path):
    from statistics import median

    from sitroom.bench import speed

    (tmp_path / "a.txt").write_text("Shelling hit Aleppo on Monday, killing three people, rescuers said.\n")
    figures = speed.run(tmp_path, docs=3, words=20, scaling=(), rounds=2)
    assert len(figures["round_ratios"]) == 2
    assert figures["ratio"] == median(figures["round_ratios"])
    assert figures["docs"] == 3 and figures["events"] >= 3


def test_workers_check_stored_documents_through_a_read_only_connection(tmp_path):
    from sitroom import engines
    from sitroom.engines import known_in
    from sitroom.model import Record
    from sitroom.store import Store

    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add(Record(id="doc-1", text="Shelling hit Aleppo.", content_hash="h1"))
    known = known_in(str(db))
    assert known("doc-1", "h1") and not known("doc-1", "h2") and not known("doc-2", "h1")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        engines._stores[str(db)].execute("DELETE FROM documents")
    assert known_in(str(tmp_path / "missing.db")) is None
