"""``mcda db``: backup -> change -> restore gives back every table; bad backups and a database in use
are refused with one line and exit code 2, the target's rows unchanged (SQLite, and PostgreSQL when
``MCDA_TEST_POSTGRES_URL`` is set)."""

from __future__ import annotations

import secrets
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import SHIPPED_CRITERIA, SHIPPED_DATA
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from mcda.cli import app
from mcda.loading import load_problem
from mcda.models import WeightOrigin, WeightSet
from mcda.storage import Database, ExpertEditStore, WeightSetStore
from mcda.storage import backup as backups
from mcda.storage.migrations import first_schema, head
from mcda.storage.tables import Base
from mcda.workshop import WorkshopService

runner = CliRunner()
CRITERIA = ["industrial_base", "eu_demand", "supply_risk", "maturity"]


def mcda_db(*args: str):
    return runner.invoke(app, ["db", *args])


def every_table(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of Base.metadata, and the stamped revision, in primary-key order."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = {
                t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables
            }
            tables["alembic_version"] = [
                tuple(r) for r in conn.execute(text("SELECT version_num FROM alembic_version"))
            ]
            return tables
    finally:
        engine.dispose()


def fill(url: str) -> None:
    """Weight sets, expert edits and a workshop with two members, one re-submitted."""
    problem = load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
    service = WorkshopService(url)
    try:
        WeightSetStore(service.db).save(
            problem.info.id,
            WeightSet.from_raw(
                {c: 1.0 for c in problem.criterion_ids}, name="Likevekt", origin=WeightOrigin(kind="equal")
            ),
        )
        ExpertEditStore(service.db).add(problem, "P02", "maturity", 3, "Kari", "Første kommersielle leveranse")
        ws = service.create_workshop(name="Vekting", criteria=CRITERIA, mode="direct")
        kari, ola = service.join(ws.join_code, "Kari"), service.join(ws.join_code, "Ola")
        service.submit(kari.token, {c: 1.0 for c in CRITERIA})
        service.submit(ola.token, {c: float(k + 1) for k, c in enumerate(CRITERIA)})
        service.submit(kari.token, {c: float(4 - k) for k, c in enumerate(CRITERIA)})
    finally:
        service.dispose()


def change(url: str) -> None:
    """After the backup: a weight set deleted, another saved, an edit added, a member joined."""
    problem = load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
    db = Database(url)
    try:
        WeightSetStore(db).delete(problem.info.id, "Likevekt")
        WeightSetStore(db).save(
            problem.info.id,
            WeightSet.from_raw({c: 2.0 for c in problem.criterion_ids}, name="Ny", origin=WeightOrigin(kind="direct")),
        )
        ExpertEditStore(db).add(problem, "P02", "maturity", 1, "Ola", "Uenig")
    finally:
        db.dispose()


def assert_refused(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for word in words:
        assert word in lines[0], lines[0]


# --- SQLite -----------------------------------------------------------------------------------


@pytest.fixture
def sqlite_db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'mcda.sqlite'}"
    fill(url)
    return url


def test_sqlite_backup_change_restore_gives_back_every_table(sqlite_db, tmp_path) -> None:
    saved = every_table(sqlite_db)
    assert len(saved["workshop_submissions"]) == 3 and len(saved["weight_sets"]) == 1
    backup = tmp_path / "backup.sqlite"
    result = mcda_db("backup", str(backup), "--url", sqlite_db)
    assert result.exit_code == 0, result.output
    assert f"revision {head()}" in result.output and str(backup) in result.output
    with sqlite3.connect(backup) as conn:  # one self-contained file: not in WAL mode, intact
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not Path(f"{backup}-wal").exists()

    change(sqlite_db)
    assert every_table(sqlite_db) != saved
    result = mcda_db("restore", str(backup), "--url", sqlite_db)
    assert result.exit_code == 0, result.output
    assert every_table(sqlite_db) == saved
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left

    result = mcda_db("current", "--url", sqlite_db)
    assert result.exit_code == 0 and f"revision: {head()}" in result.output and "up to date" in result.output


def test_a_backup_is_not_written_over_an_existing_file_without_overwrite(sqlite_db, tmp_path) -> None:
    backup = tmp_path / "backup.sqlite"
    backup.write_text("an earlier backup")
    assert_refused(mcda_db("backup", str(backup), "--url", sqlite_db), "already exists", "--overwrite")
    assert backup.read_text() == "an earlier backup"
    assert mcda_db("backup", str(backup), "--url", sqlite_db, "--overwrite").exit_code == 0
    assert backup.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_backup_of_a_missing_database_is_refused_and_creates_nothing(tmp_path) -> None:
    missing = tmp_path / "nowhere.sqlite"
    assert_refused(mcda_db("backup", str(tmp_path / "b.sqlite"), "--url", f"sqlite:///{missing}"), "does not exist")
    assert not missing.exists() and not (tmp_path / "b.sqlite").exists()


def _backup(url: str, tmp_path: Path) -> Path:
    path = tmp_path / "good.sqlite"
    assert mcda_db("backup", str(path), "--url", url).exit_code == 0
    return path


@pytest.mark.parametrize("damage", ["not_sqlite", "truncated", "not_ours", "newer"])
def test_a_bad_backup_is_refused_and_nothing_is_overwritten(sqlite_db, tmp_path, damage) -> None:
    good = _backup(sqlite_db, tmp_path)
    bad = tmp_path / f"{damage}.sqlite"
    if damage == "not_sqlite":
        bad.write_text("id,name\nP01,Silisium\n", encoding="utf-8")
        words: tuple[str, ...] = ("not an SQLite database",)
    elif damage == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        words = ("is damaged",)
    elif damage == "not_ours":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        words = ("not a backup of this tool's database", "weight_sets")
    else:
        bad.write_bytes(good.read_bytes())
        with sqlite3.connect(bad) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
        words = ("revision 9999", f"up to {head()}")
    change(sqlite_db)
    before = every_table(sqlite_db)
    result = mcda_db("restore", str(bad), "--url", sqlite_db)
    assert_refused(result, str(bad), *words)
    assert every_table(sqlite_db) == before


def test_a_restore_onto_a_database_the_app_has_open_is_refused(sqlite_db, tmp_path) -> None:
    backup = _backup(sqlite_db, tmp_path)
    change(sqlite_db)
    before = every_table(sqlite_db)
    app_db = Database(sqlite_db)  # an app process: its pool keeps the connection open, idle
    try:
        with app_db.session() as s:
            s.execute(text("SELECT 1"))
        assert_refused(mcda_db("restore", str(backup), "--url", sqlite_db), "is in use", "stop the app")
    finally:
        app_db.dispose()
    assert every_table(sqlite_db) == before
    assert mcda_db("restore", str(backup), "--url", sqlite_db).exit_code == 0  # the app stopped: it goes through


def test_a_restore_onto_a_database_with_a_write_in_progress_is_refused(sqlite_db, tmp_path) -> None:
    backup = _backup(sqlite_db, tmp_path)
    before = every_table(sqlite_db)
    writer = sqlite3.connect(make_url(sqlite_db).database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM weight_sets")
        assert_refused(mcda_db("restore", str(backup), "--url", sqlite_db), "is in use")
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert every_table(sqlite_db) == before


def test_restore_of_a_missing_backup_file_is_refused(sqlite_db, tmp_path) -> None:
    assert_refused(mcda_db("restore", str(tmp_path / "nothing.sqlite"), "--url", sqlite_db), "file not found")


def test_upgrade_stamps_a_database_made_before_migrations(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    first_schema().create_all(engine)  # as create_all made it before migrations
    engine.dispose()
    assert "made before migrations" in mcda_db("current", "--url", url).output
    result = mcda_db("upgrade", "--url", url)
    assert result.exit_code == 0 and "stamped" in result.output and f"now at {head()}" in result.output
    assert "already at revision" in mcda_db("upgrade", "--url", url).output


def test_upgrade_refuses_a_database_from_a_newer_version(sqlite_db) -> None:
    engine = create_engine(sqlite_db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    assert "NEWER" in mcda_db("current", "--url", sqlite_db).output
    assert_refused(mcda_db("upgrade", "--url", sqlite_db), "revision 9999", "nothing was changed")


def test_the_database_defaults_to_mcda_database_url(sqlite_db, monkeypatch) -> None:
    monkeypatch.setenv("MCDA_DATABASE_URL", sqlite_db)
    result = mcda_db("current")
    assert result.exit_code == 0 and make_url(sqlite_db).database in result.output


# --- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture
def postgres_db():
    """A database of its own on the test server (restore works on whole databases), dropped afterwards."""
    from postgres_scratch import postgres_url_or_skip

    server = make_url(postgres_url_or_skip())
    name = f"mcda_dbtest_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    fill(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_postgres_backup_change_restore_gives_back_every_table(postgres_db, tmp_path) -> None:
    saved = every_table(postgres_db)
    backup = tmp_path / "backup.dump"
    result = mcda_db("backup", str(backup), "--url", postgres_db)
    assert result.exit_code == 0, result.output
    assert backup.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert "mcda:mcda@" not in result.output
    change(postgres_db)
    assert every_table(postgres_db) != saved
    result = mcda_db("restore", str(backup), "--url", postgres_db)
    assert result.exit_code == 0, result.output
    assert every_table(postgres_db) == saved
    # the ids go on after the restored rows (the sequences came back with them)
    change(postgres_db)
    assert len(every_table(postgres_db)["expert_edits"]) == len(saved["expert_edits"]) + 1


@pytest.mark.postgres
def test_postgres_restore_refuses_a_database_with_other_sessions(postgres_db, tmp_path) -> None:
    backup = tmp_path / "backup.dump"
    assert mcda_db("backup", str(backup), "--url", postgres_db).exit_code == 0
    change(postgres_db)
    before = every_table(postgres_db)
    app_db = Database(postgres_db)
    try:
        with app_db.session() as s:
            s.execute(text("SELECT 1"))
        assert_refused(mcda_db("restore", str(backup), "--url", postgres_db), "is in use", "1 other session")
    finally:
        app_db.dispose()
    assert every_table(postgres_db) == before


@pytest.mark.postgres
@pytest.mark.parametrize("damage", ["truncated", "not_a_dump", "newer"])
def test_postgres_restore_refuses_a_bad_dump(postgres_db, tmp_path, damage) -> None:
    good = tmp_path / "good.dump"
    assert mcda_db("backup", str(good), "--url", postgres_db).exit_code == 0
    bad = tmp_path / f"{damage}.dump"
    if damage == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
        words: tuple[str, ...] = ("pg_restore failed",)
    elif damage == "not_a_dump":
        bad.write_text("id,name\nP01,Silisium\n", encoding="utf-8")
        words = ("pg_restore failed",)
    else:
        engine = create_engine(postgres_db)
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        engine.dispose()
        assert mcda_db("backup", str(bad), "--url", postgres_db).exit_code == 0
        engine = create_engine(postgres_db)
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE alembic_version SET version_num = '{head()}'"))
        engine.dispose()
        words = ("revision 9999",)
    change(postgres_db)
    before = every_table(postgres_db)
    assert_refused(mcda_db("restore", str(bad), "--url", postgres_db), str(bad), *words)
    assert every_table(postgres_db) == before


def test_postgres_programs_get_the_password_in_the_environment_only(monkeypatch, tmp_path) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(argv, env, **_kwargs):
        calls.append((list(argv), dict(env)))
        Path(next(a for a in argv if a.startswith("--file=")).split("=", 1)[1]).write_bytes(b"PGDMP")
        return subprocess.CompletedProcess(argv, 0, "", "")

    monkeypatch.setattr(backups.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    monkeypatch.setattr(backups.subprocess, "run", fake_run)
    url = make_url("postgresql+psycopg://mcda:s3cret-pw@db.example:5433/mcda?options=-csearch_path%3Dmcda")
    backups._pg_dump(url, tmp_path / "b.dump")
    (argv, env) = calls[0]
    assert all("s3cret-pw" not in a for a in argv)
    assert (env["PGPASSWORD"], env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"]) == (
        "s3cret-pw",
        "db.example",
        "5433",
        "mcda",
        "mcda",
    )
    assert env["PGOPTIONS"] == "-csearch_path=mcda"


def test_postgres_without_pg_dump_says_what_to_install(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(backups.shutil, "which", lambda _tool: None)
    with pytest.raises(Exception) as refused:
        backups._pg_dump(make_url("postgresql+psycopg://mcda:pw@localhost/mcda"), tmp_path / "b.dump")
    message = refused.value.message("en")  # type: ignore[attr-defined]
    assert "pg_dump is not on the PATH" in message and "postgresql-client" in message
    assert "PostgreSQL-klientprogrammene" in refused.value.message("nb")  # type: ignore[attr-defined]
    assert not (tmp_path / "b.dump").exists()
