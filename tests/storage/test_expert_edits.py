"""Expert edits are an append-only log; the latest edit of a cell applies; bad edits save nothing."""

from __future__ import annotations

import pytest

from mcda.errors import InputError
from mcda.storage import ExpertEditStore


def test_expert_edits_are_logged_and_applied(db, shipped_problem) -> None:
    store = ExpertEditStore(db)
    assert shipped_problem.cell("P08", "resource_base").value is None
    store.add(shipped_problem, "P08", "resource_base", 2, "Kari Nordmann", "Carbon feedstock from a Norwegian supplier")
    store.add(shipped_problem, "P08", "resource_base", 3, "Ola Nordmann", "Revised after company input")
    edited = store.apply(shipped_problem)
    cell = edited.cell("P08", "resource_base")
    assert cell.value == 3 and cell.provenance.kind == "expert_judgment"
    assert cell.provenance.author == "Ola Nordmann" and cell.provenance.rationale == "Revised after company input"
    assert [e.value for e in store.history(shipped_problem.info.id)] == [2, 3]  # nothing is lost
    assert shipped_problem.cell("P08", "resource_base").value is None  # the original is untouched


@pytest.mark.parametrize(
    "alt, crit, value, author, rationale, match",
    [
        ("P99", "resource_base", 1, "A", "why", "P99"),
        ("P02", "resource_base", 9, "A", "why", "outside the criterion's scale"),
        ("P02", "resource_base", 1, " ", "why", "author"),
        ("P02", "resource_base", 1, "A", "", "rationale"),
    ],
)
def test_bad_expert_edits_are_refused_and_nothing_is_saved(
    db, shipped_problem, alt, crit, value, author, rationale, match
) -> None:
    store = ExpertEditStore(db)
    with pytest.raises(InputError, match=match):
        store.add(shipped_problem, alt, crit, value, author, rationale)
    assert store.history(shipped_problem.info.id) == []
