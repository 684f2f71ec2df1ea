"""A database made before migrations (tests/fixtures/legacy_0001.sqlite, built by make_legacy_db.py)
opens with today's code: stamped, upgraded, every row intact and the app's reads as they were."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from mcda.loading import load_problem
from mcda.storage import Database, ExpertEditStore, WeightSetStore
from mcda.storage.migrations import first_schema, head
from mcda.workshop import WorkshopService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = FIXTURES.parents[1]
EXPECTED = json.loads((FIXTURES / "legacy_0001.json").read_text(encoding="utf-8"))


def every_row(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of revision 0001 (its columns: later revisions may add some), in
    primary-key order, read with plain sqlite3."""
    with sqlite3.connect(path) as conn:
        return {
            name: conn.execute(f"SELECT {', '.join(table.columns.keys())} FROM {name} ORDER BY id").fetchall()
            for name, table in first_schema().tables.items()
        }


@pytest.fixture
def legacy(tmp_path) -> Path:
    path = tmp_path / "legacy.sqlite"
    shutil.copyfile(FIXTURES / "legacy_0001.sqlite", path)
    return path


def test_the_fixture_is_a_database_made_before_migrations(legacy) -> None:
    with sqlite3.connect(legacy) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(first_schema().tables)  # every table of revision 0001, no alembic_version
    rows = every_row(legacy)
    assert {name: len(r) for name, r in rows.items()} == {
        "weight_sets": 2,
        "expert_edits": 5,
        "expert_edit_ranges": 3,
        "workshops": 2,
        "workshop_rounds": 3,
        "workshop_participants": 6,
        "workshop_submissions": 8,  # 3 + Kari's revision 2 + Ola in round 2 + 3 scorers
        "workshop_score_cells": 3,
    }


def test_opening_it_stamps_and_upgrades_it_and_every_row_is_intact(legacy) -> None:
    before = every_row(legacy)
    db = Database(f"sqlite:///{legacy}")
    try:
        assert (db.upgrade.before, db.upgrade.after, db.upgrade.adopted) == (None, head(), True)
    finally:
        db.dispose()
    assert every_row(legacy) == before
    with sqlite3.connect(legacy) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # revision 0002: the tree rounds' column, NULL on every round made before it
        assert "nodes" in {row[1] for row in conn.execute("PRAGMA table_info(workshop_rounds)")}
        assert conn.execute("SELECT count(*) FROM workshop_rounds WHERE nodes IS NOT NULL").fetchone() == (0,)
    again = Database(f"sqlite:///{legacy}")  # the second opening finds it at head and changes nothing
    assert (again.upgrade.before, again.upgrade.adopted, again.upgrade.changed) == (head(), False, False)
    again.dispose()


def test_the_apps_reads_return_what_they_returned_before(legacy) -> None:
    problem = load_problem(ROOT / "criteria" / "positions.yaml", ROOT / "data" / "positions.csv")
    pid = EXPECTED["problem_id"]
    service = WorkshopService(f"sqlite:///{legacy}")
    try:
        assert {ws.name: ws.weights for ws in WeightSetStore(service.db).list(pid)} == EXPECTED["weight_sets"]
        history = [
            [e.alternative_id, e.criterion_id, e.value, e.author, e.low, e.high, e.range_basis]
            for e in ExpertEditStore(service.db).history(pid)
        ]
        assert history == EXPECTED["history"]
        applied = ExpertEditStore(service.db).apply(problem)
        for place, (value, low, high) in EXPECTED["cells"].items():
            a, c = place.split("/")
            assert (applied.cells[a][c].value, applied.cells[a][c].low, applied.cells[a][c].high) == (value, low, high)

        ahp = EXPECTED["ahp"]
        round_1 = service.group_result(ahp["facilitator_key"], round=1)
        assert round_1.round_status == "closed" and round_1.revealed
        assert round_1.submissions == ahp["round_1_submissions"] == 3
        assert round_1.weights == pytest.approx(ahp["round_1_weights"], rel=1e-12)
        ola = service.member_view(ahp["tokens"]["Ola"])
        assert ola.round == ahp["ola_round"] == 2 and ola.round_status == "open"
        assert ola.submission is not None and ola.submission.weights == pytest.approx(ahp["ola_weights"], rel=1e-12)
        assert ola.revealed is not None and ola.revealed.round == 1
        kari = service.member_view(ahp["tokens"]["Kari"])
        assert kari.submission is None and kari.draft is not None  # her round-1 revision 2 pre-fills the form

        scores = EXPECTED["scores"]
        scored = service.group_result(scores["facilitator_key"], round=1)
        assert {f"{c.alternative_id}/{c.criterion_id}": c.median for c in scored.cells} == scores["medians"]
        assert len(service.accepted_scores(scores["facilitator_key"])) == 3
        eva = service.member_view(scores["tokens"]["Eva"])
        assert eva.revealed is not None and eva.revealed.own["P04"] == {"climate_advantage": 3.0}

        # and the database takes new writes: a fourth member joins the open AHP round
        info = service.workshop_info(ahp["facilitator_key"])
        member = service.join(info.join_code, "Per")
        assert service.member_view(member.token).round == 2
    finally:
        service.dispose()
