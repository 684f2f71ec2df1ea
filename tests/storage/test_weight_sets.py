"""Weight sets persist per problem; names are protected; concurrent writers all land."""

from __future__ import annotations

import threading

import pytest

from mcda.errors import InputError
from mcda.models import WeightOrigin, WeightSet
from mcda.storage import Database, WeightSetStore


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
def test_weight_sets_on_postgresql(postgres_schema_url) -> None:
    database = Database(postgres_schema_url)
    store = WeightSetStore(database)
    store.delete("pg-test", "kept")
    store.save("pg-test", WeightSet.from_raw({"a": 1, "b": 2}, name="kept"))
    assert store.get("pg-test", "kept").weights["b"] == pytest.approx(2 / 3)
    store.delete("pg-test", "kept")
    database.dispose()
