"""Scoring workshops (mode "scores") through the service: rounds, reveal, acceptance, concurrency.

Like tests/test_workshop.py, every test that takes ``service`` runs on a fresh SQLite file and,
with ``MCDA_TEST_POSTGRES_URL``, on PostgreSQL in a schema of its own.
"""

from __future__ import annotations

import pytest
import test_workshop as shared
from sqlalchemy import create_engine, inspect, select

from mcda.errors import InputError
from mcda.gaps import analyse_gaps
from mcda.models import WeightSet
from mcda.ranking import RankingSettings, rank_alternatives
from mcda.storage import Database, ExpertEditRow, ExpertEditStore, workshops
from mcda.storage.migrations import first_schema
from mcda.storage.tables import ExpertEditRangeRow, ScoreCellRow
from mcda.workshop import RoundStateError, WorkshopError

# the same databases as the weighting workshops' tests (SQLite, and PostgreSQL when configured)
postgres_url = shared.postgres_url
database_url = shared.database_url
service = shared.service
run_at_once = shared.run_at_once

CELLS = [("P04", "climate_advantage"), ("P05", "climate_advantage"), ("P08", "resource_base")]


def rows(service, workshop_id: int) -> int:
    with service.db.session() as s:
        return workshops.count_submission_rows(s, workshop_id)


@pytest.fixture
def scoring(service):
    return service.create_workshop(name="Skåring desember", mode="scores", cells=CELLS)


def test_a_scoring_round_with_three_members_reveal_and_a_second_round(service, scoring, shipped_problem) -> None:
    key = scoring.facilitator_key
    info = service.workshop_info(key)
    assert info.mode == "scores"
    assert info.cells == (("P08", "resource_base"), ("P04", "climate_advantage"), ("P05", "climate_advantage"))
    assert info.criterion_ids == ("resource_base", "climate_advantage")
    kari, ola, per = (service.join(scoring.join_code, n) for n in ("Kari", "Ola", "Per"))
    service.submit(
        kari.token,
        {"P04": {"climate_advantage": 3}, "P05": {"climate_advantage": 1}, "P08": {"resource_base": 1}},
        rationales={"P04": {"climate_advantage": "Vannkraft og lave utslipp"}},
    )
    service.submit(
        ola.token, {"P04": {"climate_advantage": 2}, "P05": {"climate_advantage": 2}, "P08": {"resource_base": None}}
    )
    service.submit(per.token, {"P04": {"climate_advantage": 4}, "P05": {"climate_advantage": 2}})
    result = service.group_result(key)
    assert (result.submissions, result.participants, result.round_status) == (3, 3, "open")
    p04 = result.cell("P04", "climate_advantage")  # 2, 3, 4
    assert (p04.median, p04.q1, p04.q3, p04.min, p04.max, p04.n, p04.dont_know) == (3.0, 2.5, 3.5, 2.0, 4.0, 3, 0)
    p05 = result.cell("P05", "climate_advantage")  # 1, 2, 2
    assert (p05.median, p05.q1, p05.q3, p05.min, p05.max, p05.n) == (2.0, 1.5, 2.0, 1.0, 2.0, 3)
    p08 = result.cell("P08", "resource_base")  # 1, don't know, not given
    assert (p08.median, p08.n, p08.dont_know) == (1.0, 1, 2)
    assert p08.current_kind == "missing" and p04.current_value is None
    climate = next(a for a in result.agreement if a.criterion_id == "climate_advantage")
    from mcda.workshop.scoring import ordinal_alpha

    assert climate.alpha == pytest.approx(ordinal_alpha([[3, 1], [2, 2], [4, 2]], [0, 1, 2, 3, 4])[0])
    assert next(a for a in result.agreement if a.criterion_id == "resource_base").undefined == "too_few"
    assert [m.display_name for m in result.members] == ["Kari", "Ola", "Per"]
    assert result.members[0].rationales == {"P04": {"climate_advantage": "Vannkraft og lave utslipp"}}

    # before the reveal a member sees only their own answers
    view = service.member_view(ola.token)
    assert view.revealed is None and view.submission.scores["P04"] == {"climate_advantage": 2.0}
    service.close_round(key, reveal=True)
    view = service.member_view(ola.token)
    assert view.revealed.round == 1 and view.revealed.own["P04"] == {"climate_advantage": 2.0}
    seen = {(c.alternative_id, c.criterion_id): c for c in view.revealed.cells}
    assert seen[("P04", "climate_advantage")].median == 3.0 and seen[("P04", "climate_advantage")].q3 == 3.5

    # round 2: Ola revises towards the group; the others are carried over
    service.open_next_round(key, carry_over=True)
    view = service.member_view(ola.token)
    assert view.round == 2 and view.submission.carried_over and view.draft.scores["P04"]["climate_advantage"] == 2.0
    revised = service.submit(ola.token, {"P04": {"climate_advantage": 3}, "P05": {"climate_advantage": 2}})
    assert (revised.round, revised.revision, revised.carried_over) == (2, 2, False)
    second = service.group_result(key)
    assert second.round == 2 and second.cell("P04", "climate_advantage").q1 == 3.0  # 3, 3, 4
    assert service.group_result(key, round=1).cell("P04", "climate_advantage").q1 == 2.5  # round 1 kept
    history = service.round_history(key)
    assert [(h.number, h.submissions) for h in history] == [(1, 3), (2, 3)]


def test_accepting_a_round_writes_expert_judgments_with_ranges_and_a_later_round_supersedes(
    service, scoring, shipped_problem
) -> None:
    key = scoring.facilitator_key
    members = [service.join(scoring.join_code, n) for n in ("Kari", "Ola", "Per")]
    for m, (a, b) in zip(members, [(3, 1), (2, 2), (4, 2)], strict=True):
        service.submit(
            m.token,
            {"P04": {"climate_advantage": a}, "P05": {"climate_advantage": b}, "P08": {"resource_base": None}},
            rationales={"P04": {"climate_advantage": f"grunn {a}"}},
        )
    with pytest.raises(RoundStateError, match="still open"):
        service.accept_scores(key)
    service.close_round(key, reveal=True)
    accepted = service.accept_scores(key)
    assert accepted.skipped == (("P08", "resource_base"),)  # only "don't know"
    p04 = next(c for c in accepted.accepted if c.alternative_id == "P04")
    assert (p04.value, p04.low, p04.high, p04.answers) == (3.0, 2.5, 3.5, 3)
    assert p04.author == "Arbeidsmøte «Skåring desember», runde 1"
    assert "Kari: grunn 3 | Ola: grunn 2 | Per: grunn 4" in p04.rationale and "Median av 3 svar" in p04.rationale

    problem = ExpertEditStore(service.db).apply(shipped_problem)
    cell = problem.cells["P04"]["climate_advantage"]
    assert (cell.value, cell.low, cell.high) == (3.0, 2.5, 3.5)
    assert cell.provenance.kind == "expert_judgment" and cell.provenance.author == p04.author
    assert cell.provenance.rationale == p04.rationale
    assert problem.cells["P08"]["resource_base"].value is None  # skipped stays missing

    # round 2 moves P04 to 4: a new edit supersedes the first, which stays in the log
    service.open_next_round(key)
    for m, a in zip(members, (4, 4, 3), strict=True):
        service.submit(m.token, {"P04": {"climate_advantage": a}})
    service.close_round(key)
    service.accept_scores(key)
    problem = ExpertEditStore(service.db).apply(shipped_problem)
    cell = problem.cells["P04"]["climate_advantage"]
    assert (cell.value, cell.low, cell.high) == (4.0, 3.5, 4.0)
    assert cell.provenance.author == "Arbeidsmøte «Skåring desember», runde 2"
    log = [e for e in ExpertEditStore(service.db).history(shipped_problem.info.id) if e.alternative_id == "P04"]
    assert [(e.value, e.low, e.high, e.range_basis) for e in log] == [(3.0, 2.5, 3.5, "iqr"), (4.0, 3.5, 4.0, "iqr")]
    assert [e.round_number for e in service.accepted_scores(key) if e.alternative_id == "P04"] == [1, 2]

    # a later edit in the app (no range) supersedes the workshop's value and range
    ExpertEditStore(service.db).add(shipped_problem, "P04", "climate_advantage", 2, "Kari", "ny kunnskap")
    cell = ExpertEditStore(service.db).apply(shipped_problem).cells["P04"]["climate_advantage"]
    assert (cell.value, cell.low, cell.high) == (2.0, None, None)


def test_the_ranking_uses_the_accepted_ranges_for_its_rank_ranges(service, shipped_problem) -> None:
    complete = shipped_problem.subset(criteria=["industrial_base", "eu_demand", "supply_risk", "maturity"])
    ws = service.create_workshop(name="Modenhet", mode="scores", criteria=["maturity"], problem=complete)
    weights = WeightSet.equal(complete.criterion_ids)
    settings = RankingSettings(method="wsm", normalization="minmax")
    before = rank_alternatives(ExpertEditStore(service.db).apply(complete), weights, settings)
    assert all(e.rank_best is None for e in before.entries)  # nothing uncertain, nothing missing
    members = [service.join(ws.join_code, f"Deltaker {k}") for k in range(4)]
    spread = {0: 0, 1: 1, 2: 3, 3: 4}
    for k, m in enumerate(members):
        service.submit(m.token, {a: {"maturity": spread[(k + i) % 4]} for i, a in enumerate(complete.alternative_ids)})
    service.close_round(ws.facilitator_key)
    service.accept_scores(ws.facilitator_key)
    accepted = ExpertEditStore(service.db).apply(complete)
    cell = accepted.cells["P01"]["maturity"]
    assert (cell.value, cell.low, cell.high) == (2.0, 0.75, 3.25)  # answers 0, 1, 3, 4
    after = rank_alternatives(accepted, weights, settings)
    assert all(e.rank_best is not None and e.rank_best <= e.rank <= e.rank_worst for e in after.entries)
    assert any(e.rank_best < e.rank_worst for e in after.entries)
    # the rank ranges rest on the cells' [Q1, Q3]
    from mcda.ranking import value_bounds

    low, high = value_bounds(accepted)
    j = accepted.criterion_ids.index("maturity")
    assert low[:, j].tolist() == [accepted.cells[a]["maturity"].low for a in accepted.alternative_ids]
    assert high[:, j].tolist() == [accepted.cells[a]["maturity"].high for a in accepted.alternative_ids]
    # the knowledge gaps list the accepted cells as uncertain values over their interquartile range
    gaps = analyse_gaps(accepted, weights, settings, samples=200)
    p01 = next(g for g in gaps.gaps if (g.id, g.criterion) == ("P01", "maturity"))
    assert (p01.kind, p01.interval) == ("uncertain", (0.75, 3.25))


def test_bad_answers_store_nothing_and_a_closed_round_refuses(service, scoring) -> None:
    member = service.join(scoring.join_code, "Kari")
    bad = [
        {"P04": {"climate_advantage": 2.5}},
        {"P04": {"climate_advantage": 9}},
        {"PX": {"climate_advantage": 1}},
        {"P04": {"maturity": 1}},
        {"P04": {"climate_advantage": None}, "P05": {"climate_advantage": None}},
    ]
    for scores in bad:
        with pytest.raises(WorkshopError) as info:
            service.submit(member.token, scores)
        assert info.value.message("en") != info.value.message("nb")
    assert rows(service, scoring.id) == 0
    service.submit(member.token, {"P04": {"climate_advantage": 2}})
    service.close_round(scoring.facilitator_key)
    with pytest.raises(RoundStateError) as info:
        service.submit(member.token, {"P04": {"climate_advantage": 3}})
    assert "round 1 is closed" in info.value.message("en") and "runde 1 er lukket" in info.value.message("nb")
    assert rows(service, scoring.id) == 1


def test_creating_a_scoring_workshop_checks_its_cells(service, shipped_problem) -> None:
    with pytest.raises(WorkshopError, match="measured criterion without a score scale"):
        service.create_workshop(name="x", mode="scores", criteria=["power_demand"])
    with pytest.raises(WorkshopError, match="not a position"):
        service.create_workshop(name="x", mode="scores", cells=[("P99", "maturity")])
    with pytest.raises(WorkshopError, match="only for a scoring workshop"):
        service.create_workshop(name="x", mode="ahp", cells=[("P01", "maturity")])
    default = service.create_workshop(name="Alle ekspertvurderinger", mode="scores")
    from mcda.workshop.scoring import default_cells

    assert service.workshop_info(default.facilitator_key).cells == tuple(
        sorted(
            default_cells(shipped_problem),
            key=lambda ac: (shipped_problem.criterion_ids.index(ac[1]), shipped_problem.alternative_ids.index(ac[0])),
        )
    )


def test_a_scoring_workshop_has_no_weights_and_weighting_keeps_its_api(service, scoring) -> None:
    member = service.join(scoring.join_code, "Kari")
    service.submit(member.token, {"P04": {"climate_advantage": 2}})
    service.close_round(scoring.facilitator_key)
    with pytest.raises(WorkshopError, match="gives scores, not weights"):
        service.save_group_weights(scoring.facilitator_key, 1, "x")
    with pytest.raises(WorkshopError, match="check_scores"):
        service.check(member.token, {"P04": {"climate_advantage": 2}})
    weighing = service.create_workshop(name="Vekting", criteria=["industrial_base", "maturity"], mode="direct")
    m = service.join(weighing.join_code, "Ola")
    with pytest.raises(WorkshopError, match="only in a scoring workshop"):
        service.submit(m.token, {"industrial_base": 1, "maturity": 1}, rationales={"x": {"y": "z"}})
    with pytest.raises(WorkshopError, match="weighs criteria"):
        service.accept_scores(weighing.facilitator_key)
    assert service.submit(m.token, {"industrial_base": 1, "maturity": 3}).weights["maturity"] == pytest.approx(0.75)


def test_anonymous_scoring_labels_members_by_number(service) -> None:
    ws = service.create_workshop(name="Anonym", mode="scores", cells=CELLS, anonymous=True)
    a, b = service.join(ws.join_code, "Kari"), service.join(ws.join_code, "Ola")
    service.submit(a.token, {"P04": {"climate_advantage": 1}}, rationales={"P04": {"climate_advantage": "lite kraft"}})
    service.submit(b.token, {"P04": {"climate_advantage": 2}}, rationales={"P04": {"climate_advantage": "noe kraft"}})
    result = service.group_result(ws.facilitator_key)
    assert [m.label.nb for m in result.members] == ["Deltaker 1", "Deltaker 2"]
    assert all(m.display_name is None for m in result.members)
    service.close_round(ws.facilitator_key)
    accepted = service.accept_scores(ws.facilitator_key)
    text = accepted.accepted[0].rationale
    assert "Deltaker 1: lite kraft | Deltaker 2: noe kraft" in text and "Kari" not in text


def test_thirty_scorers_at_once_lose_nothing(service) -> None:
    ws = service.create_workshop(name="Tretti", mode="scores", criteria=["maturity", "climate_advantage"])
    n = 30
    members = run_at_once(n, lambda i: service.join(ws.join_code, f"Skårer {i}"))
    cells = service.workshop_info(ws.facilitator_key).cells
    answers: list[dict[str, dict[str, float | None]]] = [{} for _ in range(n)]
    for i in range(n):
        for k, (a, c) in enumerate(cells):  # every 7th answer "don't know"
            answers[i].setdefault(a, {})[c] = None if (i + k) % 7 == 0 else float((i + k) % 5)
    run_at_once(n, lambda i: service.submit(members[i].token, answers[i]))
    result = service.group_result(ws.facilitator_key)
    assert (result.submissions, result.participants) == (n, n)
    assert rows(service, ws.id) == n
    by_name = {m.display_name: m for m in result.members}
    for i in range(n):
        stored = by_name[f"Skårer {i}"].scores
        for a, row in answers[i].items():
            for c, v in row.items():
                assert stored[a][c] == v
    for cell in result.cells:
        given = [answers[i].get(cell.alternative_id, {}).get(cell.criterion_id) for i in range(n)]
        assert cell.n + cell.dont_know == n
        assert cell.n == sum(v is not None for v in given)


def test_an_existing_sqlite_file_gains_the_new_tables(tmp_path, shipped_problem) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    # a file of the version before scoring workshops: revision 0001's schema without their two tables
    old = first_schema()
    new = {ScoreCellRow.__tablename__, ExpertEditRangeRow.__tablename__}
    old.create_all(engine, tables=[t for t in old.sorted_tables if t.name not in new])
    with engine.begin() as conn:
        conn.execute(
            ExpertEditRow.__table__.insert().values(
                problem_id=shipped_problem.info.id,
                alternative_id="P04",
                criterion_id="climate_advantage",
                value=1.0,
                author="Kari",
                rationale="før skåringsmøtene",
            )
        )
    assert "expert_edit_ranges" not in inspect(engine).get_table_names()
    engine.dispose()
    db = Database(url)
    assert {"expert_edit_ranges", "workshop_score_cells"} <= set(inspect(db.engine).get_table_names())
    cell = ExpertEditStore(db).apply(shipped_problem).cells["P04"]["climate_advantage"]
    assert (cell.value, cell.low, cell.high, cell.provenance.author) == (1.0, None, None, "Kari")
    with db.session() as s:
        assert s.scalars(select(ExpertEditRangeRow)).all() == []
    db.dispose()


def test_messages_of_refused_scores_never_leak_a_traceback(service, scoring) -> None:
    member = service.join(scoring.join_code, "Kari")
    with pytest.raises(InputError) as info:
        service.submit(member.token, "tre")
    assert "Traceback" not in info.value.message("nb") and "tilordning" in info.value.message("nb")
