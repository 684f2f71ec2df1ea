"""Hostile and extreme input: control characters, sizes, magnitudes, look-alike names.

Each test here failed before the fix it names; every refusal must be a located message
(an InputError or one of the workshop service's errors), never a crash.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from mcda import charts
from mcda.errors import InputError
from mcda.export import build_report, to_markdown
from mcda.loading import parse_criteria, parse_problem, parse_weights
from mcda.models import Alternative, LocalizedText, WeightSet
from mcda.ranking import compute_scores, rank_alternatives
from mcda.text_input import MAX_DATA_ROWS, MAX_FILE_BYTES

CRITERIA_YAML = """criteria:
  - {id: cost, name: Cost, direction: cost}
  - {id: gain, name: Gain, direction: benefit}
"""


def data_csv(rows: int, name_of=lambda i: f"Position {i}") -> str:
    lines = ["id,name,cost,gain"] + [f"P{i},{name_of(i)},{i % 97 + 1},{i % 13 + 1}" for i in range(rows)]
    return "\n".join(lines) + "\n"


# --- High: control characters -----------------------------------------------------------------


@pytest.mark.parametrize("ch", ["\x00", "\x01", "\x1f", "\x7f", "\u2028"])
def test_a_control_character_in_a_position_name_is_refused_with_its_place(ch) -> None:
    text = data_csv(3, name_of=lambda i: f"Pos{ch}ition" if i == 1 else f"Position {i}")
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, text, data_name="data.csv")
    issue = caught.value.issues[0]
    assert (issue.code, issue.file, issue.line, issue.column) == ("control_character", "data.csv", 3, "name")
    assert ch not in caught.value.message("nb")  # the message shows an escape, not the character


def test_control_characters_are_refused_in_criteria_weights_and_provenance() -> None:
    with pytest.raises(InputError) as caught:
        parse_criteria('criteria:\n  - {id: a, name: "A\\x01", direction: cost}\n', "c.yaml")
    assert caught.value.issues[0].code == "control_character"
    assert "criteria[0].name" in caught.value.message("en")
    with pytest.raises(InputError) as caught:
        parse_weights('{"name": "W\\u0000", "weights": {"cost": 1, "gain": 1}}', "w.json")
    assert caught.value.issues[0].code == "control_character"
    sources = "id,criterion,kind,source,author,date,rationale\nP1,cost,published,Ref\x01,,,\n"
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, data_csv(3), sources_text=sources, sources_name="s.csv")
    assert (caught.value.issues[0].code, caught.value.issues[0].line) == ("control_character_text", 2)


def test_free_text_may_hold_line_breaks_and_tabs_but_names_may_not() -> None:
    sources = 'id,criterion,kind,source,author,date,rationale\nP1,cost,expert_judgment,,Kari,2024-01-01,"one\n\ttwo"\n'
    problem = parse_problem(CRITERIA_YAML, data_csv(3), sources_text=sources)
    assert problem.cell("P1", "cost").provenance.rationale == "one\n\ttwo"
    with pytest.raises(InputError):
        parse_problem(CRITERIA_YAML, data_csv(3, name_of=lambda i: "a\tb"))


def _problem_with_name(shipped_problem, name: str):
    first = shipped_problem.alternatives[0]
    renamed = Alternative(id=first.id, name=LocalizedText(en=name, nb=name), material=first.material)
    return shipped_problem.model_copy_validated(alternatives=(renamed, *shipped_problem.alternatives[1:]))


def test_a_chart_with_every_kind_of_control_character_renders(shipped_problem) -> None:
    """Before: vl-convert panicked on NUL, \\x01, \\x1f or U+FFFE and aborted the whole process."""
    problem = _problem_with_name(shipped_problem, "Bad\x00\x01\x1f\x7f\ufffe name")
    ranking = rank_alternatives(problem, WeightSet.equal(problem.criterion_ids), missing_policy="drop_criteria")
    png = charts.to_png(charts.score_chart(ranking, "en"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_markdown_export_with_images_survives_a_nul_in_a_name(shipped_problem) -> None:
    problem = _problem_with_name(shipped_problem, "Nul\x00here")
    report = build_report(problem, WeightSet.equal(problem.criterion_ids), missing_policy="drop_criteria")
    assert b"data:image/png" in to_markdown(report, "en", images="embed")


def test_a_renderer_failure_is_a_clear_message_not_a_crash(shipped_problem, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(charts.common.vlc, "vegalite_to_png", broken)
    ranking = rank_alternatives(
        shipped_problem, WeightSet.equal(shipped_problem.criterion_ids), missing_policy="drop_criteria"
    )
    with pytest.raises(InputError) as caught:
        charts.to_png(charts.score_chart(ranking, "en"))
    assert caught.value.issues[0].code == "render_failed"
    assert "renderer exploded" in caught.value.message("nb")


# --- Medium: linear loading and size limits -----------------------------------------------------


def test_loading_100000_rows_takes_seconds() -> None:
    """Before: a list.count per row made it quadratic (217 s at 100,000 rows)."""
    text = data_csv(100_000)
    start = time.perf_counter()
    problem = parse_problem(CRITERIA_YAML, text)
    assert len(problem.alternatives) == 100_000
    assert time.perf_counter() - start < 20  # about 3 s on one shared core


def test_a_criteria_file_with_800_errors_is_refused_quickly() -> None:
    """Before: the YAML was composed again for every error (190 s for 800)."""
    text = "criteria:\n" + "".join(f"  - {{id: c{i}, name: C{i}, direction: sideways}}\n" for i in range(800))
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        parse_criteria(text, "c.yaml")
    assert len(caught.value.issues) >= 800
    assert caught.value.issues[-1].line == 801
    assert time.perf_counter() - start < 5


def test_duplicate_ids_in_many_rows_are_reported_in_linear_time() -> None:
    text = "id,name,cost,gain\n" + "".join(f"P{i % 2},n,1,1\n" for i in range(20_000))
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, text)
    assert caught.value.issues[0].code == "duplicate_id"
    assert time.perf_counter() - start < 5


def test_too_many_rows_and_too_many_bytes_are_refused_with_the_limit() -> None:
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, data_csv(MAX_DATA_ROWS + 1), data_name="big.csv")
    assert caught.value.issues[0].code == "too_many_rows"
    assert f"{MAX_DATA_ROWS}" in caught.value.message("en")
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, "id,name,cost,gain\n" + "x" * (MAX_FILE_BYTES + 1), data_name="huge.csv")
    assert caught.value.issues[0].code == "file_too_large"
    assert "20 MB" in caught.value.message("en")


# --- Medium: extreme magnitudes -----------------------------------------------------------------


def test_tiny_values_no_longer_tie_every_position() -> None:
    """Before: near 1e-170 the squares underflowed and TOPSIS gave every position 0.5."""
    matrix = np.array([[2e-170, 2e-170], [1e-170, 1e-170], [1.5e-170, 1.5e-170]])
    scores = compute_scores(matrix, np.array([0.5, 0.5]), np.array([1, 1])).scores
    assert scores[0] == pytest.approx(1.0) and scores[1] == pytest.approx(0.0)


def test_huge_values_keep_the_order_of_scaled_ones_and_print_nothing(capfd) -> None:
    base = np.array([[3.0, 1.0], [1.0, 2.0], [2.0, 3.0]])
    expected = compute_scores(base, np.array([0.5, 0.5]), np.array([1, 1])).scores
    huge = compute_scores(base * 1e306, np.array([0.5, 0.5]), np.array([1, 1])).scores
    np.testing.assert_allclose(huge, expected, rtol=1e-12)
    assert capfd.readouterr().err == ""


def test_a_power_of_two_scaling_changes_no_float_of_ordinary_data(shipped_problem) -> None:
    w = WeightSet.equal(shipped_problem.criterion_ids)
    problem = shipped_problem.subset(criteria=[c for c in shipped_problem.criterion_ids if c != "maturity"])
    matrix = np.nan_to_num(problem.matrix, nan=1.0)
    for method in ("topsis", "vikor", "wsm", "promethee2"):
        a = compute_scores(
            matrix, w.restricted(problem.criterion_ids).vector(problem.criterion_ids), problem.types, method
        )
        b = compute_scores(
            matrix * 2.0**40, w.restricted(problem.criterion_ids).vector(problem.criterion_ids), problem.types, method
        )
        assert np.array_equal(a.scores, b.scores), method


def test_weights_near_the_float_limit_are_scaled_before_normalising() -> None:
    """Before: 1e308, 1e308, 1 summed to inf and became 1, 0, 0."""
    ws = WeightSet.from_raw({"a": 1e308, "b": 1e308, "c": 1})
    assert ws.weights["a"] == pytest.approx(0.5) and ws.weights["b"] == pytest.approx(0.5)
    ws = WeightSet.from_raw({"a": 1e-320, "b": 3e-320})
    assert ws.weights["b"] == pytest.approx(0.75)
