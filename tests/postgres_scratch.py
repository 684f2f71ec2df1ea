"""A scratch PostgreSQL schema per test, module or session, on the server in ``MCDA_TEST_POSTGRES_URL``.

The URL handed out is the server's with the new schema as its search path, so everything a test
creates lands there; the schema is dropped with everything in it afterwards. Without the URL the
test is skipped, and under CI it fails.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def postgres_url_or_skip() -> str:
    url = os.environ.get("MCDA_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide MCDA_TEST_POSTGRES_URL")
        pytest.skip("no PostgreSQL server configured (MCDA_TEST_POSTGRES_URL)")
    return url


@contextmanager
def scratch_schema(prefix: str) -> Iterator[tuple[str, str]]:
    """A URL whose search path is a new, empty schema ``<prefix>_<8 hex digits>``, and the schema's name."""
    url = postgres_url_or_skip()
    schema = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            options = {"options": f"-csearch_path={schema}"}
            yield make_url(url).update_query_dict(options).render_as_string(hide_password=False), schema
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
