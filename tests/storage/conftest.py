"""Storage fixtures: a fresh SQLite file per test, and PostgreSQL when ``MCDA_TEST_POSTGRES_URL`` is set."""

from __future__ import annotations

import os
import secrets

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mcda.storage import Database


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'test.sqlite'}")
    yield database
    database.dispose()


def postgres_url_or_skip() -> str:
    url = os.environ.get("MCDA_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide MCDA_TEST_POSTGRES_URL")
        pytest.skip("no PostgreSQL server configured (MCDA_TEST_POSTGRES_URL)")
    return url


@pytest.fixture(scope="module")
def postgres_schema_url():
    """A PostgreSQL URL whose search path is a schema of its own, dropped afterwards."""
    url = postgres_url_or_skip()
    schema = f"mcda_storage_test_{secrets.token_hex(4)}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


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
