"""The shipped problem: 17 positions, the brief's criteria, and a source for every value."""

from __future__ import annotations

import re

import pytest

from mcda.models import WeightSet
from mcda.ranking import RankingSettings, rank_alternatives


def test_seventeen_positions_and_nine_criteria_in_both_languages(shipped_problem) -> None:
    p = shipped_problem
    assert p.alternative_ids == tuple(f"P{i:02d}" for i in range(1, 18))
    assert len(p.criteria) == 9
    for item in (*p.criteria, *p.alternatives):
        assert item.name.nb and item.name.en
    for c in p.criteria:
        assert c.description is not None and c.description.nb != c.description.en


def test_every_value_carries_its_provenance(shipped_problem) -> None:
    p = shipped_problem
    for alt in p.alternative_ids:
        for crit in p.criterion_ids:
            cell = p.cell(alt, crit)
            prov = cell.provenance
            assert prov.kind in ("published", "expert_judgment", "missing"), (alt, crit)
            if cell.value is None:
                assert prov.kind == "missing" and prov.rationale, (alt, crit)
            elif prov.kind == "published":
                assert prov.source, (alt, crit)
            else:
                assert prov.kind == "expert_judgment" and prov.author and prov.rationale and prov.date


def test_expert_judgments_are_scores_on_a_defined_scale(shipped_problem) -> None:
    p = shipped_problem
    for crit in p.criteria:
        judged = [
            p.cell(a, crit.id) for a in p.alternative_ids if p.cell(a, crit.id).provenance.kind == "expert_judgment"
        ]
        if crit.scale is None:
            continue
        assert set(crit.scale.levels) == set(range(int(crit.scale.min), int(crit.scale.max) + 1))
        for cell in judged:
            assert cell.value == int(cell.value) and crit.scale.contains(cell.value)


def test_every_cited_source_key_is_in_the_bibliography(shipped_problem) -> None:
    p = shipped_problem
    cited = set()
    for alt in p.alternative_ids:
        for crit in p.criterion_ids:
            prov = p.cell(alt, crit).provenance
            cited |= set(re.findall(r"\[(S\d+)\]", " ".join(filter(None, [prov.source, prov.rationale]))))
    assert cited and cited <= set(p.sources)


def test_the_missing_cells_are_visible_and_the_policy_decides(shipped_problem) -> None:
    p = shipped_problem
    assert len(p.missing_cells()) > 0
    ranking = rank_alternatives(
        p, WeightSet.equal(p.criterion_ids), settings=RankingSettings(missing_policy="drop_criteria")
    )
    assert len(ranking.entries) == 17
    assert set(ranking.excluded_criteria) == {c for _, c in p.missing_cells()}


@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee2", "wsm", "copras", "edas", "mabac", "spotis"])
def test_every_method_ranks_the_shipped_problem_with_complete_criteria(shipped_problem, method: str) -> None:
    p = shipped_problem
    ranking = rank_alternatives(
        p,
        WeightSet.equal(p.criterion_ids),
        settings=RankingSettings(method=method, missing_policy="drop_criteria"),
    )
    assert sorted(e.rank for e in ranking.entries)[0] == 1
    assert all(e.score == e.score for e in ranking.entries)
