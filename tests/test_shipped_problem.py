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


# The cells no evidence could fill, after the December 2026 data audit (data/AUDIT.md).
STILL_MISSING = {
    ("P05", "power_demand"),
    ("P07", "power_demand"),
    ("P09", "power_demand"),
    ("P10", "power_demand"),
    ("P11", "power_demand"),
    ("P13", "power_demand"),
    ("P14", "power_demand"),
    ("P15", "power_demand"),
    ("P16", "power_demand"),
    ("P17", "power_demand"),
    ("P04", "climate_advantage"),
    ("P05", "climate_advantage"),
    ("P06", "climate_advantage"),
    ("P07", "climate_advantage"),
    ("P09", "climate_advantage"),
    ("P11", "climate_advantage"),
    ("P13", "climate_advantage"),
    ("P14", "climate_advantage"),
    ("P15", "climate_advantage"),
    ("P16", "climate_advantage"),
    ("P17", "climate_advantage"),
    ("P08", "eu_partner_role"),
    ("P11", "eu_partner_role"),
    ("P13", "eu_partner_role"),
    ("P08", "resource_base"),
}


def _cells(p):
    return [(a, c, p.cell(a, c)) for a in p.alternative_ids for c in p.criterion_ids]


def test_the_missing_cells_are_the_ones_the_audit_left_open(shipped_problem) -> None:
    p = shipped_problem
    assert set(p.missing_cells()) == STILL_MISSING
    kinds = [cell.provenance.kind for _, _, cell in _cells(p)]
    assert (kinds.count("published"), kinds.count("expert_judgment"), kinds.count("missing")) == (39, 89, 25)
    # market access is complete, so the default policy (drop criteria with gaps) keeps it
    ranking = rank_alternatives(
        p, WeightSet.equal(p.criterion_ids), settings=RankingSettings(missing_policy="drop_criteria")
    )
    assert set(ranking.excluded_criteria) == {"power_demand", "climate_advantage", "eu_partner_role", "resource_base"}


def test_every_expert_judgment_names_author_date_and_rationale(shipped_problem) -> None:
    for alt, crit, cell in _cells(shipped_problem):
        prov = cell.provenance
        if prov.kind == "expert_judgment":
            assert prov.author and prov.author.strip(), (alt, crit)
            assert prov.date is not None, (alt, crit)
            assert prov.rationale and len(prov.rationale.strip()) > 20, (alt, crit)


def test_every_published_value_cites_a_key_in_the_bibliography(shipped_problem) -> None:
    p = shipped_problem
    for alt, crit, cell in _cells(p):
        prov = cell.provenance
        if prov.kind == "published":
            keys = re.findall(r"\[(S\d+)\]", prov.source or "")
            assert keys, (alt, crit, prov.source)
            assert set(keys) <= set(p.sources), (alt, crit, keys)


def test_rationales_carry_no_notes_from_building_the_data(shipped_problem) -> None:
    internal = re.compile(r"positions\.csv|SOURCES\.md|BRIEF|^Anchor \d|\bc\d empty")
    for alt, crit, cell in _cells(shipped_problem):
        text = " ".join(filter(None, [cell.provenance.source, cell.provenance.rationale]))
        assert not internal.search(text), (alt, crit, text)


def test_published_ranges_bracket_their_values(shipped_problem) -> None:
    p = shipped_problem
    ranged = {
        (a, c): (cell.low, cell.high) for a, c, cell in _cells(p) if cell.low is not None or cell.high is not None
    }
    assert ranged == {
        ("P01", "power_demand"): (14.1, 15.4),
        ("P02", "power_demand"): (11.0, 13.0),
        ("P08", "power_demand"): (12.0, None),  # a published lower bound
    }
    for (a, c), (low, high) in ranged.items():
        value = p.cell(a, c).value
        assert (low is None or low <= value) and (high is None or value <= high)
