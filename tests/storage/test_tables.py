"""The schema: one Database creates every table."""

from __future__ import annotations

from sqlalchemy import inspect

from mcda.storage import Database


def test_database_creates_the_workshop_tables(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'schema.sqlite'}")
    names = set(inspect(db.engine).get_table_names())
    assert {"workshops", "workshop_rounds", "workshop_participants", "workshop_submissions"} <= names
    assert "weight_sets" in names
    db.dispose()
