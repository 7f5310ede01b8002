"""The Dask engine: a 2-worker LocalCluster gives exactly the single-process store and records."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from store_snapshot import snapshot

from sitroom import batch
from sitroom.engines.local import InProcess

distributed = pytest.importorskip("distributed")

REPORTS = [
    "An airstrike hit a market in Saada on Saturday, killing at least nine people, officials said.",
    "Protesters marched in Sanaa on Sunday to denounce the blockade of the port, organisers said.",
    "Rebels shelled a government checkpoint near Idlib on Friday, killing three soldiers.",
    "Government forces took the eastern districts of Aleppo on Monday; the UN said 16,000 people fled.",
    "Police fired tear gas at thousands of protesters in Minsk on Sunday and arrested 120 people.",
    "Gunmen attacked a village near Maiduguri on Tuesday, killing 12 people, residents said.",
]


def event_ids(db: Path) -> list[list[str]]:
    con = sqlite3.connect(db)
    records = [json.loads(r) for (r,) in con.execute("SELECT record FROM documents ORDER BY id")]
    con.close()
    return [[e["id"] for e in record["events"]] for record in records]


def test_local_cluster_gives_the_single_process_results(tmp_path, pipeline):
    from distributed import Client, LocalCluster, get_task_stream

    from sitroom.engines.dask import DaskEngine

    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "published": "2016-12-05"}) + "\n"
                              for i, t in enumerate(REPORTS)) + "{broken\n")
    serial, distributed_db = tmp_path / "serial.db", tmp_path / "dask.db"
    batch.run([str(corpus)], str(serial), engine=InProcess(pipeline), batch_docs=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        with get_task_stream(client) as stream:
            result = batch.run([str(corpus)], str(distributed_db), engine=DaskEngine(client, workers=2),
                               batch_docs=2)
        ran_on = {task["worker"] for task in stream.data if "process_remote" in task["key"]}
    assert result["added"] == 6 and result["failed"] == 1
    assert len(ran_on) == 2  # the batches were shared between both workers
    assert event_ids(distributed_db) == event_ids(serial) and any(event_ids(serial))
    assert snapshot(distributed_db) == snapshot(serial)
