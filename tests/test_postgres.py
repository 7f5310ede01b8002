"""The same store and merging tests against a real PostgreSQL server.

The server is started here, for this test session only: a throwaway cluster (initdb) in a
temporary folder, listening on a Unix socket, stopped at the end. It needs PostgreSQL's server
binaries (Debian: `apt-get install postgresql`); as root it runs as the `postgres` user. Set
SITROOM_TEST_POSTGRES=postgresql://... to use a running server instead (each test creates its
own database there). Without either, these tests skip and say why.
"""
from __future__ import annotations

import glob
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")

from test_merge import *  # noqa: E402,F401,F403  (the tests below run again with a PostgreSQL db_url)
from test_merge import corpus, ingest  # noqa: E402

del test_a_schema_1_store_is_migrated_and_its_events_merged  # noqa: F821  (SQLite's PRAGMA user_version only)

from sitroom import store  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
_names = itertools.count()


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--"] + args


@pytest.fixture(scope="session")
def pg_server():
    url = os.environ.get("SITROOM_TEST_POSTGRES")
    if url:
        try:
            psycopg.connect(url, connect_timeout=5).close()
        except psycopg.Error as exc:
            pytest.skip(f"SITROOM_TEST_POSTGRES is set but the server is not reachable: {exc}")
        yield url
        return
    bindir = _binaries()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql) and SITROOM_TEST_POSTGRES unset")
    folder = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    try:
        subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                                        "--auth=trust", "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                                        "-w", "-t", "60", "-o",
                                        f"-c listen_addresses='' -k {sockets} -c fsync=off", "start"]),
                       check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL server: {exc} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql://postgres@/postgres?host={sockets}"
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(url: str, label: str = "t") -> str:
    """A new empty database on the server of `url`; returns its URL."""
    name = f"sitroom_{label}_{os.getpid()}_{next(_names)}_{int(time.time() * 1000) % 100000}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    base, _, query = url.partition("?")
    base = base.rsplit("/", 1)[0] + "/" + name
    return f"{base}?{query}" if query else base


@pytest.fixture()
def db_url(pg_server) -> str:  # overrides test_merge's SQLite file: every imported test runs on PostgreSQL
    return new_database(pg_server)


def test_schema_is_versioned_in_a_table(db_url):
    con = store.connect(db_url)
    assert con.execute("SELECT max(version) FROM sitroom_schema").fetchone()[0] == len(store.MIGRATIONS)
    con.execute("INSERT INTO sitroom_schema (version) VALUES (?)", (len(store.MIGRATIONS) + 1,))
    con.commit()
    con.close()
    with pytest.raises(store.StoreError, match="newer than this sitroom"):
        store.connect(db_url)


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(store.StoreError, match="cannot connect"):
        store.connect("postgresql://nobody:secret@/nowhere?host=/nonexistent-socket-dir", readonly=True)


def test_reading_an_empty_database_is_a_clear_error(db_url):
    with pytest.raises(store.StoreError, match="no sitroom schema"):
        store.connect(db_url, readonly=True)


def test_coordinates_keep_double_precision(db_url):
    ingest(db_url, corpus()[:1])
    con = store.connect(db_url, readonly=True)
    row = store.get_event(con, "m-a")
    assert row["lat"] == 36.20124 and row["lon"] == 37.16117


def test_pipeline_ingest_and_cli_on_postgres(db_url, pipeline):
    from typer.testing import CliRunner

    from sitroom.cli import app
    from sitroom.ingest import ingest as run_ingest

    first = run_ingest([str(FIXTURES / "wires.jsonl"), str(FIXTURES / "aleppo_veto.txt")], db_url, pipeline=pipeline)
    assert first["added"] == 3
    second = run_ingest([str(FIXTURES / "wires.jsonl"), str(FIXTURES / "aleppo_veto.txt")], db_url, pipeline=pipeline)
    assert second["unchanged"] == 3 and second["added"] == 0
    runner = CliRunner()
    lines = runner.invoke(app, ["events", "--db", db_url, "--format", "jsonl"]).stdout.splitlines()
    assert lines and all(json.loads(line)["sources"] for line in lines)
    geo = runner.invoke(app, ["export", "--db", db_url, "--format", "geojson"])
    assert geo.exit_code == 0 and json.loads(geo.stdout)["type"] == "FeatureCollection"
    summary = runner.invoke(app, ["summary", "--db", db_url])
    assert summary.exit_code == 0 and "Events by type" in summary.stdout
