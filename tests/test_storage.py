"""The database: weight sets and expert edits persist; SQLite runs in WAL with immediate writes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from mcda.errors import InputError
from mcda.models import WeightOrigin, WeightSet
from mcda.storage import Database, ExpertEditStore, WeightSetStore, default_url


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'test.sqlite'}")
    yield database
    database.dispose()


def test_default_url_is_a_sqlite_file_unless_the_environment_says_otherwise(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("MCDA_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)  # the checkout's var/ is used whatever the working directory
    root = Path(__file__).resolve().parents[1]
    assert default_url() == f"sqlite:///{root / 'var' / 'mcda.sqlite'}"
    monkeypatch.setenv("MCDA_DATABASE_URL", "sqlite:///elsewhere.db")
    assert default_url() == "sqlite:///elsewhere.db"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_weight_sets_round_trip_and_names_are_protected(db) -> None:
    store = WeightSetStore(db)
    ws = WeightSet.from_raw(
        {"a": 1, "b": 3}, name="EU-demand focus", origin=WeightOrigin(kind="ahp", details={"cr": 0.03})
    )
    store.save("p1", ws)
    assert store.list("p1") == [ws]
    assert store.get("p1", "EU-demand focus") == ws
    assert store.list("p2") == []
    with pytest.raises(InputError, match="exists"):
        store.save("p1", ws)
    changed = WeightSet.from_raw({"a": 1, "b": 1}, name="EU-demand focus")
    store.save("p1", changed, overwrite=True)
    assert store.get("p1", "EU-demand focus").weights == {"a": 0.5, "b": 0.5}
    assert store.delete("p1", "EU-demand focus") and store.list("p1") == []


def test_weight_sets_survive_a_new_connection(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    WeightSetStore(Database(url)).save("p", WeightSet.from_raw({"a": 1}, name="kept"))
    assert [w.name for w in WeightSetStore(Database(url)).list("p")] == ["kept"]


def test_expert_edits_are_logged_and_applied(db, shipped_problem) -> None:
    store = ExpertEditStore(db)
    assert shipped_problem.cell("P08", "resource_base").value is None
    store.add(shipped_problem, "P08", "resource_base", 2, "Kari Nordmann", "Carbon feedstock from a Norwegian supplier")
    store.add(shipped_problem, "P08", "resource_base", 3, "Ola Nordmann", "Revised after company input")
    edited = store.apply(shipped_problem)
    cell = edited.cell("P08", "resource_base")
    assert cell.value == 3 and cell.provenance.kind == "expert_judgment"
    assert cell.provenance.author == "Ola Nordmann" and cell.provenance.rationale == "Revised after company input"
    assert [e.value for e in store.history(shipped_problem.info.id)] == [2, 3]  # nothing is lost
    assert shipped_problem.cell("P08", "resource_base").value is None  # the original is untouched


@pytest.mark.parametrize(
    "alt, crit, value, author, rationale, match",
    [
        ("P99", "resource_base", 1, "A", "why", "P99"),
        ("P02", "resource_base", 9, "A", "why", "outside the criterion's scale"),
        ("P02", "resource_base", 1, " ", "why", "author"),
        ("P02", "resource_base", 1, "A", "", "rationale"),
    ],
)
def test_bad_expert_edits_are_refused_and_nothing_is_saved(
    db, shipped_problem, alt, crit, value, author, rationale, match
) -> None:
    store = ExpertEditStore(db)
    with pytest.raises(InputError, match=match):
        store.add(shipped_problem, alt, crit, value, author, rationale)
    assert store.history(shipped_problem.info.id) == []


def test_concurrent_writers_all_land(db) -> None:
    store = WeightSetStore(db)
    errors: list[Exception] = []

    def save(i: int) -> None:
        try:
            store.save("p", WeightSet.from_raw({"a": i + 1, "b": 1}, name=f"member {i}"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.list("p")) == 20


@pytest.mark.postgres
def test_weight_sets_on_postgresql() -> None:
    url = os.environ.get("MCDA_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide MCDA_TEST_POSTGRES_URL")
        pytest.skip("no PostgreSQL server configured (MCDA_TEST_POSTGRES_URL)")
    database = Database(url)
    store = WeightSetStore(database)
    store.delete("pg-test", "kept")
    store.save("pg-test", WeightSet.from_raw({"a": 1, "b": 2}, name="kept"))
    assert store.get("pg-test", "kept").weights["b"] == pytest.approx(2 / 3)
    store.delete("pg-test", "kept")
    database.dispose()
