"""The engine: the default URL, and SQLite in WAL mode with a busy timeout."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from mcda.storage import default_url


def test_default_url_is_a_sqlite_file_unless_the_environment_says_otherwise(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("MCDA_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)  # the checkout's var/ is used whatever the working directory
    root = Path(__file__).resolve().parents[2]
    assert default_url() == f"sqlite:///{root / 'var' / 'mcda.sqlite'}"
    monkeypatch.setenv("MCDA_DATABASE_URL", "sqlite:///elsewhere.db")
    assert default_url() == "sqlite:///elsewhere.db"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
