"""Schema migrations: the head equals the tables, 0001 is the schema create_all made, pre-migration
databases are adopted, newer ones refused, and processes starting together do not race."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from postgres_scratch import postgres_url_or_skip, scratch_schema
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from mcda.errors import InputError
from mcda.storage import Database
from mcda.storage.db import make_engine
from mcda.storage.migrations import (
    FIRST_REVISION,
    first_schema,
    head,
    known_revisions,
    migration_transaction,
    newest_revision_file,
    upgrade,
)
from mcda.storage.tables import Base

SRC = Path(__file__).resolve().parents[2] / "src"
FIXTURES = SRC.parent / "tests" / "fixtures"


@pytest.fixture
def fresh_postgres():
    """A URL whose search path is a new, empty schema (dropped afterwards), and that schema's name."""
    with scratch_schema("mcda_migrations") as url_and_schema:
        yield url_and_schema


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    return request.getfixturevalue("fresh_postgres")[0]


def test_the_migrations_head_equals_the_tables(fresh_url) -> None:
    db = Database(fresh_url)
    try:
        assert db.upgrade.before is None and db.upgrade.after == head() and not db.upgrade.adopted
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head()]
    finally:
        db.dispose()


def test_revisions_are_numbered_from_0001_in_one_line() -> None:
    revisions = known_revisions()
    assert revisions[0] == "0001" and revisions[-1] == head()
    assert list(revisions) == [f"{k:04d}" for k in range(1, len(revisions) + 1)]


def test_the_newest_revision_file_is_alembics_head() -> None:
    assert newest_revision_file() == head()


def test_opening_a_database_at_head_does_not_load_alembic(fresh_url) -> None:
    Database(fresh_url).dispose()  # brought to head here
    code = (
        "import sys\n"
        "from mcda.storage import Database\n"
        f"db = Database({fresh_url!r})\n"
        "assert db.upgrade.before == db.upgrade.after and not db.upgrade.changed, db.upgrade\n"
        "assert 'alembic' not in sys.modules, 'alembic loaded'\n"
        "db.dispose()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(SRC)}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_revision_0001_makes_exactly_the_ddl_of_the_schema_before_migrations_on_sqlite(tmp_path) -> None:
    """Against the fixture made by create_all before migrations (tests/fixtures/make_legacy_db.py)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    with migration_transaction(engine) as connection:
        upgrade(connection, FIRST_REVISION)
    engine.dispose()

    def ddl(path: Path) -> list[tuple]:
        with sqlite3.connect(path) as conn:
            query = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name != 'alembic_version'"
            return sorted(conn.execute(query).fetchall(), key=str)

    assert ddl(tmp_path / "migrated.sqlite") == ddl(FIXTURES / "legacy_0001.sqlite")
    assert any("WHERE superseded_at IS NULL" in (row[3] or "") for row in ddl(tmp_path / "migrated.sqlite"))


@pytest.mark.postgres
def test_the_head_makes_exactly_the_ddl_of_create_all_on_postgres(fresh_postgres) -> None:
    """Beyond compare_metadata, which does not compare a partial index's condition."""
    url, schema = fresh_postgres
    Database(url).dispose()
    other = f"{schema}_legacy"
    admin = create_engine(postgres_url_or_skip())
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{other}"'))
        legacy = create_engine(make_url(url).update_query_dict({"options": f"-csearch_path={other}"}))
        Base.metadata.create_all(legacy)
        legacy.dispose()

        def ddl(name: str) -> tuple[list[tuple], list[tuple]]:
            with admin.connect() as conn:
                columns = conn.execute(
                    text(
                        "SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, "
                        "replace(column_default, :s || '.', '') FROM information_schema.columns "
                        "WHERE table_schema = :s AND table_name != 'alembic_version' ORDER BY 1, 2"
                    ),
                    {"s": name},
                ).all()
                indexes = conn.execute(
                    text(
                        "SELECT tablename, indexname, replace(indexdef, :s || '.', '') FROM pg_indexes "
                        "WHERE schemaname = :s AND tablename != 'alembic_version' ORDER BY 1, 2"
                    ),
                    {"s": name},
                ).all()
                return [tuple(c) for c in columns], [tuple(i) for i in indexes]

        assert ddl(schema) == ddl(other)
        assert any("WHERE (superseded_at IS NULL)" in i[2] for i in ddl(schema)[1])
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{other}" CASCADE'))
        admin.dispose()


def test_a_database_made_before_migrations_without_the_newest_tables_is_completed_and_stamped(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    newest = {"workshop_score_cells", "expert_edit_ranges"}
    first_schema().create_all(engine, tables=[t for t in first_schema().sorted_tables if t.name not in newest])
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO expert_edits VALUES (1, 'p', 'a', 'c', 1.5, 'Kari', 'why', '2026-01-01')"))
    engine.dispose()
    db = Database(url)
    try:
        assert db.upgrade.adopted and db.upgrade.after == head()
        assert newest <= set(inspect(db.engine).get_table_names())
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT value, author FROM expert_edits")).all() == [(1.5, "Kari")]
    finally:
        db.dispose()


@pytest.mark.parametrize(
    "change",
    [
        "ALTER TABLE weight_sets ADD COLUMN colour VARCHAR(20)",
        "DROP INDEX uq_workshop_submission_current",
    ],
)
def test_a_database_whose_tables_differ_from_0001_is_refused_and_left_unchanged(tmp_path, change) -> None:
    path = tmp_path / "odd.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    first_schema().create_all(engine)
    with engine.begin() as conn:
        conn.execute(text(change))
    engine.dispose()
    before = dump(path)
    with pytest.raises(InputError) as refused:
        Database(f"sqlite:///{path}")
    error = refused.value
    assert error.issues[0].code == "database_schema_mismatch" and str(path) in error.message("en")
    assert "nothing was changed" in error.message("en") and "ingenting ble endret" in error.message("nb")
    assert dump(path) == before and "alembic_version" not in "".join(before)


def dump(path: Path) -> list[str]:
    """The database as SQL: its schema and every row."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_database_from_a_newer_version_is_refused_before_anything_is_written(fresh_url) -> None:
    Database(fresh_url).dispose()
    engine = create_engine(fresh_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        conn.execute(text("INSERT INTO expert_edits VALUES (1, 'p', 'a', 'c', 1.5, 'Kari', 'why', '2026-01-01')"))
    with pytest.raises(InputError) as refused:
        Database(fresh_url)
    message = refused.value.message("en")
    assert refused.value.issues[0].code == "database_schema_newer"
    assert "revision 9999" in message and f"up to {head()}" in message and "nothing was changed" in message
    assert "mcda:mcda@" not in message  # the URL is named without its password
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["9999"]
        assert conn.execute(text("SELECT count(*) FROM expert_edits")).scalar() == 1
    engine.dispose()


def test_threads_opening_a_new_sqlite_database_at_once_all_succeed(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'race.sqlite'}"
    start = threading.Barrier(6)
    results: list[object] = []

    def open_it() -> None:
        start.wait()
        try:
            db = Database(url)
            results.append(db.upgrade)
            db.dispose()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            results.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(not isinstance(r, Exception) for r in results), results
    assert sum(1 for r in results if r.changed) == 1  # type: ignore[attr-defined]
    with sqlite3.connect(tmp_path / "race.sqlite") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]


OPEN_AT_ONCE = """
import sys, time
from mcda.storage import Database
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
db = Database(sys.argv[1])
print("changed" if db.upgrade.changed else "unchanged")
db.dispose()
"""


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_processes_opening_a_new_database_at_once_all_succeed(kind, request, tmp_path) -> None:
    import time

    url = f"sqlite:///{tmp_path / 'race.sqlite'}" if kind == "sqlite" else request.getfixturevalue("fresh_postgres")[0]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    start = time.time() + 3.0  # every process imported and waiting before the first opens
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AT_ONCE, url, str(start)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 4, [err for _, err in outputs]
    assert sorted(out.strip() for out, _ in outputs) == ["changed", "unchanged", "unchanged", "unchanged"]
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head()]
    engine.dispose()


def test_the_migrations_ship_with_the_package() -> None:
    import tomllib

    config = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["mcda"]
    package = SRC / "mcda"
    assert package / "storage/migrations/script.py.mako" in {p for g in globs for p in package.glob(g)}
    # env.py and the revisions are modules of packages, which setuptools ships
    assert (package / "storage/migrations/__init__.py").exists()
    assert (package / "storage/migrations/versions/__init__.py").exists()
