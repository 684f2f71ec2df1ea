"""Storage fixtures: a fresh SQLite file per test, and PostgreSQL when ``MCDA_TEST_POSTGRES_URL`` is set."""

from __future__ import annotations

import pytest
from postgres_scratch import scratch_schema

from mcda.storage import Database


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'test.sqlite'}")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def postgres_schema_url():
    """A PostgreSQL URL whose search path is a schema of its own, dropped afterwards."""
    with scratch_schema("mcda_storage_test") as (url, _schema):
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request, tmp_path):
    """A database on SQLite and, when configured, on PostgreSQL."""
    url = (
        f"sqlite:///{tmp_path / 'any.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_schema_url")
    )
    database = Database(url)
    yield database
    database.dispose()
