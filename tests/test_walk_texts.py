"""Texts a member reads beside the numbers say what the numbers are."""

from __future__ import annotations

import ast
import math
import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from conftest import FIXTURES, ROOT

from mcda.ahp import compute_priorities
from mcda.charts.ranking import weights_chart
from mcda.comparison import kendall
from mcda.loading import parse_problem
from mcda.models import WeightOrigin, WeightSet
from mcda.ranking import TIE_TOLERANCE
from mcda.robustness_views import skipped_table
from mcda.sensitivity.clouds import DataUncertainty
from mcda.sensitivity.methods import compare_methods
from mcda.strings import load_catalogue

UI = load_catalogue(ROOT / "ui" / "strings")


def _pairs(x: list[int], y: list[int]) -> tuple[int, int, int, int, int]:
    """Concordant, discordant, all pairs, pairs not tied in x, pairs not tied in y."""
    same = opposite = untied_x = untied_y = 0
    for i, j in combinations(range(len(x)), 2):
        dx, dy = x[i] - x[j], y[i] - y[j]
        untied_x += dx != 0
        untied_y += dy != 0
        same += dx * dy > 0
        opposite += dx * dy < 0
    return same, opposite, len(x) * (len(x) - 1) // 2, untied_x, untied_y


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([1, 2, 3, 4], [1, 2, 4, 3]),
        ([1, 2, 3, 4], [4, 3, 2, 1]),
        ([1, 2, 3, 4, 5], [2, 1, 4, 5, 3]),
        ([1, 1, 3, 4], [1, 2, 2, 4]),
    ],
)
def test_the_kendall_help_says_what_comparison_computes(x: list[int], y: list[int]) -> None:
    """τ-b as the help says: (same − opposite) / pairs, or with shared places divided by the
    geometric mean of the untied pairs in each ranking; not "the share of pairs in the same order"."""
    same, opposite, pairs, untied_x, untied_y = _pairs(x, y)
    tied = untied_x < pairs or untied_y < pairs
    expected = (same - opposite) / (math.sqrt(untied_x * untied_y) if tied else pairs)
    assert kendall(x, y) == pytest.approx(expected)
    assert kendall(x, y) != pytest.approx(same / pairs)  # the old help's "share of pairs"
    help_text = UI["coefficient.kendall.help"]
    assert "minus" in help_text["nb"] and "geometriske gjennomsnittet" in help_text["nb"]
    assert "minus" in help_text["en"] and "geometric mean" in help_text["en"]
    assert "andelen" not in help_text["nb"] and not re.search(r"\bshare\b", help_text["en"])
    assert "−1 = omvendt rekkefølge" in help_text["nb"] and "−1 = the reverse order" in help_text["en"]


def test_cells_a_method_cannot_rank_are_named_not_given_as_ids() -> None:
    """The method-robustness tab lists the combinations that could not rank with the cells that
    stop them: by position and criterion name in the page's language, not "A/price"."""
    problem = parse_problem(
        (FIXTURES / "small_criteria.yaml").read_text(),
        "id,name,name_en,price,quality,speed\nA,Alfa,Alpha,-5,16,12\nB,Beta,Beta,200,16,8\n"
        "C,Gamma,Gamma,300,32,16\nD,Delta,Delta,275,32,8\n",
    )
    weights = WeightSet.equal(problem.criterion_ids)
    result = compare_methods(problem, weights)
    for lang, cell in (("nb", "(celler Alfa – Pris)"), ("en", "(cells Alpha – Price)")):
        reasons = skipped_table(result, problem, weights, lang).iloc[:, 1].tolist()
        assert reasons and all(cell in r for r in reasons), reasons
        assert not any("A/price" in r for r in reasons)


def test_the_tie_note_writes_the_tolerance_as_a_member_reads_it() -> None:
    assert TIE_TOLERANCE == 1e-9  # the note says 10⁻⁹
    for lang in ("nb", "en"):
        note = UI["robustness.acc.ties"][lang]
        assert "10⁻⁹" in note and "1e-9" not in note
    assert "milliardedel" in UI["robustness.acc.ties"]["nb"]


def test_the_acceptability_subtitle_names_no_data_columns() -> None:
    """The chart's subtitle says how values were drawn in words, not with the file's column suffixes."""
    described = DataUncertainty(ranges=True, percent=10).describe()
    for text in (described.nb, described.en):
        assert "_min" not in text and "_max" not in text and "<" not in text
    assert "usikkerhetsintervallet i dataene" in described.nb and "manglende verdi" in described.nb


def test_equal_ahp_weights_are_drawn_as_a_tie_in_the_criteria_order(shipped_problem) -> None:
    """AHP's eigenvector of all-equal judgments differs in the last bits (0.1111111111111111,
    0.11111111111111113): the weights chart shows them as the tie they are, in the criteria's
    order, not in the order of the rounding noise; unequal weights still come heaviest first."""
    ids = shipped_problem.criterion_ids
    priorities = np.asarray(compute_priorities(np.ones((len(ids), len(ids)))), dtype=float)
    assert len(set(priorities.tolist())) > 1  # the noise this is about
    equal = WeightSet(name="AHP", weights=dict(zip(ids, priorities.tolist())), origin=WeightOrigin(kind="ahp"))
    names = [c.name.get("nb") for c in shipped_problem.criteria]
    assert weights_chart(equal, shipped_problem, "nb").to_dict()["encoding"]["y"]["sort"] == names
    uneven = WeightSet.from_raw({c: 2.0 if c == ids[-1] else 1.0 for c in ids}, name="skew")
    assert weights_chart(uneven, shipped_problem, "nb").to_dict()["encoding"]["y"]["sort"] == [names[-1], *names[:-1]]


def _texts_with_ascii_comparisons(folder: Path) -> list[str]:
    """Strings in the code under ``folder`` with ">=" or "<=", but docstrings, field descriptions and
    the charts' Vega expressions (code the reader never sees)."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                hidden.add(id(body[0].value))  # a docstring
            if isinstance(node, ast.keyword) and node.arg in {"description", "expr", "test"}:
                hidden.update(id(n) for n in ast.walk(node.value))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in hidden:
                if re.search(r"\s[<>]=\s", node.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:80]}")
    return found


@pytest.mark.parametrize("folder", ["src/mcda", "ui", "app_pages"])
def test_messages_write_comparisons_as_a_reader_writes_them(folder: str) -> None:
    """ "≥ 0" and "≤", not the programmer's ">= 0" and "<=", in messages and reasons (both languages)."""
    assert _texts_with_ascii_comparisons(ROOT / folder) == []


def test_message_catalogues_write_comparisons_as_a_reader_writes_them() -> None:
    from mcda.errors import MESSAGES
    from mcda.methods import FAILURE_REASONS

    texts = [text for pair in (*MESSAGES.values(), *FAILURE_REASONS.values()) for text in pair]
    reports = load_catalogue(ROOT / "src" / "mcda" / "export" / "strings")
    texts += [text for catalogue in (UI, reports) for entry in catalogue.values() for text in entry.values()]
    assert [text for text in texts if ">=" in text or "<=" in text] == []
    assert any("≥ 0" in text for text in texts)
