"""Hostile and extreme input: control characters, sizes, magnitudes, look-alike names.

Each test here failed before the fix it names; every refusal must be a located message
(an InputError or one of the workshop service's errors), never a crash.
"""

from __future__ import annotations

import gc
import time

import numpy as np
import pytest

from mcda import charts
from mcda.errors import InputError
from mcda.export import build_report, to_markdown
from mcda.loading import parse_criteria, parse_pairwise, parse_problem, parse_weights
from mcda.models import Alternative, LocalizedText, WeightSet
from mcda.ranking import RankingSettings, compute_scores, rank_alternatives
from mcda.scenario import load_scenario
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
    sources = "id,criterion,kind,source,author,date,rationale\nP1,cost,published,Ref\x01,,\n"
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
    ranking = rank_alternatives(
        problem, WeightSet.equal(problem.criterion_ids), settings=RankingSettings(missing_policy="drop_criteria")
    )
    png = charts.to_png(charts.score_chart(ranking, "en"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_markdown_export_with_images_survives_a_nul_in_a_name(shipped_problem) -> None:
    problem = _problem_with_name(shipped_problem, "Nul\x00here")
    report = build_report(
        problem, WeightSet.equal(problem.criterion_ids), settings=RankingSettings(missing_policy="drop_criteria")
    )
    assert b"data:image/png" in to_markdown(report, "en", images="embed")


def test_a_renderer_failure_is_a_clear_message_not_a_crash(shipped_problem, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(charts.common.vlc, "vegalite_to_png", broken)
    ranking = rank_alternatives(
        shipped_problem,
        WeightSet.equal(shipped_problem.criterion_ids),
        settings=RankingSettings(missing_policy="drop_criteria"),
    )
    with pytest.raises(InputError) as caught:
        charts.to_png(charts.score_chart(ranking, "en"))
    assert caught.value.issues[0].code == "render_failed"
    assert "renderer exploded" in caught.value.message("nb")


# --- Medium: linear loading and size limits -----------------------------------------------------


def _growth(run, small: int, large: int) -> float:
    """How much longer ``run(large)`` takes than ``run(small)`` (best of three each, interleaved,
    so a busy machine slows both alike; the garbage collector off while timing, as timeit does, since
    its passes grow with everything else the test process holds). Linear work grows by large/small,
    quadratic by its square."""
    best = {small: float("inf"), large: float("inf")}
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            for n in (small, large):
                start = time.perf_counter()
                run(n)
                best[n] = min(best[n], time.perf_counter() - start)
    finally:
        gc.enable()
    return best[large] / best[small]


def test_loading_grows_linearly_with_the_rows() -> None:
    """Before: a list.count per row made it quadratic (217 s at 100,000 rows). Absolute times:
    benchmarks/bench_loading.py."""
    texts = {n: data_csv(n) for n in (2_000, 16_000)}

    def load(n: int) -> None:
        assert len(parse_problem(CRITERIA_YAML, texts[n]).alternatives) == n

    assert _growth(load, 2_000, 16_000) < 24  # linear: about 8; quadratic: about 64


def test_a_criteria_file_with_many_errors_is_refused_in_linear_time() -> None:
    """Before: the YAML was composed again for every error (190 s for 800)."""

    def text(n: int) -> str:
        return "criteria:\n" + "".join(f"  - {{id: c{i}, name: C{i}, direction: sideways}}\n" for i in range(n))

    with pytest.raises(InputError) as caught:
        parse_criteria(text(800), "c.yaml")
    assert len(caught.value.issues) >= 800
    assert any(issue.line == 801 for issue in caught.value.issues)
    texts = {n: text(n) for n in (100, 800)}

    def refuse(n: int) -> None:
        with pytest.raises(InputError):
            parse_criteria(texts[n], "c.yaml")

    assert _growth(refuse, 100, 800) < 24  # linear: about 8; quadratic: about 64


def test_duplicate_ids_in_many_rows_are_reported_in_linear_time() -> None:
    texts = {n: "id,name,cost,gain\n" + "".join(f"P{i % 2},n,1,1\n" for i in range(n)) for n in (2_500, 20_000)}
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, texts[20_000])
    assert caught.value.issues[0].code == "duplicate_id"

    def refuse(n: int) -> None:
        with pytest.raises(InputError):
            parse_problem(CRITERIA_YAML, texts[n])

    assert _growth(refuse, 2_500, 20_000) < 24  # linear: about 8; quadratic: about 64


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


# --- Low: located messages instead of internal errors, malformed input refused ------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("[" * 20_000 + "]" * 20_000, "w.json"),
        ("[" * 20_000 + "]" * 20_000, "w.yaml"),
        ('{"a": ' + "1" * 5000 + "}", "w.json"),
        ("a: " + "1" * 5000, "w.yaml"),
    ],
)
def test_deep_nesting_and_huge_integers_are_located_messages(text, name) -> None:
    with pytest.raises(InputError) as caught:
        parse_weights(text, name)
    assert caught.value.issues[0].file == name


def test_deep_nesting_in_a_scenario_is_a_located_message() -> None:
    with pytest.raises(InputError) as caught:
        load_scenario('{"format": "prosess21-mcda-scenario", "x": ' + "[" * 20_000 + "]" * 20_000 + "}", "s.json")
    assert caught.value.issues[0].code == "too_deep"


def test_files_of_only_commas_are_empty_not_an_index_error() -> None:
    with pytest.raises(InputError) as caught:
        parse_pairwise(",,\n,,\n", "p.csv")
    assert (caught.value.issues[0].code, caught.value.issues[0].file) == ("empty_file", "p.csv")
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, data_csv(3), sources_text=",,\n,\n", sources_name="s.csv")
    assert (caught.value.issues[0].code, caught.value.issues[0].file) == ("empty_file", "s.csv")


def test_a_400_digit_fraction_in_a_pairwise_cell_is_a_located_message() -> None:
    with pytest.raises(InputError) as caught:
        parse_pairwise(",a,b\na,1," + "1" * 400 + "/3\nb,3,1\n", "p.csv")
    issue = caught.value.issues[0]
    assert (issue.code, issue.line, issue.column) == ("pairwise_not_number", 2, "b")


@pytest.mark.parametrize("cell", ["2_50", "\uff12\uff15\uff10", "1_000.5", "\u0662"])
def test_numbers_with_underscores_or_non_ascii_digits_are_refused(cell) -> None:
    text = f"id,name,cost,gain\nP1,a,{cell},1\nP2,b,1,1\n"
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, text, data_name="d.csv")
    assert (caught.value.issues[0].code, caught.value.issues[0].column) == ("not_number", "cost")
    with pytest.raises(InputError):
        parse_pairwise(f",a,b\na,1,{cell}\nb,1,1\n", "p.csv")


@pytest.mark.parametrize("weights", ['cost: "3"\ngain: 1', "cost: true\ngain: 1"])
def test_weights_that_are_strings_or_booleans_are_refused(weights) -> None:
    with pytest.raises(InputError) as caught:
        parse_weights(weights, "w.yaml")
    assert (caught.value.issues[0].code, caught.value.issues[0].column) == ("not_number", "cost")


def test_a_scale_with_nan_blames_the_criteria_file() -> None:
    criteria = "criteria:\n  - {id: cost, name: C, direction: cost, scale: {min: .nan, max: 4}}\n"
    criteria += "  - {id: gain, name: G, direction: benefit}\n"
    with pytest.raises(InputError) as caught:
        parse_problem(criteria, data_csv(3), criteria_name="c.yaml", data_name="d.csv")
    assert caught.value.issues[0].file == "c.yaml"


def _scenario_data(shipped_problem) -> dict:
    import json

    from mcda.scenario import Scenario

    ws = WeightSet.equal(shipped_problem.criterion_ids)
    return json.loads(
        Scenario.create(shipped_problem, ws, settings=RankingSettings(missing_policy="drop_criteria")).to_json()
    )


def _rehashed(data: dict) -> str:
    """The scenario text with its hash recomputed, as if saved that way (not tampered with)."""
    import json

    from mcda.scenario import Scenario

    data["sha256"] = Scenario.model_validate(data).compute_sha256()
    return json.dumps(data)


def test_scenario_settings_are_checked_and_named(shipped_problem) -> None:

    data = _scenario_data(shipped_problem)
    data["parameters"] = {"bogus": 1}
    with pytest.raises(InputError) as caught:
        load_scenario(_rehashed(data), "s.json")
    assert (caught.value.issues[0].file, caught.value.issues[0].column) == ("s.json", "parameters.bogus")
    data = _scenario_data(shipped_problem)
    data["method"] = "nope"
    with pytest.raises(InputError) as caught:
        load_scenario(_rehashed(data), "s.json")
    assert (caught.value.issues[0].code, caught.value.issues[0].file) == ("method_unknown", "s.json")
    data = _scenario_data(shipped_problem)
    first = data["problem"]["alternatives"][0]["id"]
    data["problem"]["alternatives"] = data["problem"]["alternatives"][:1]
    data["problem"]["cells"] = {first: data["problem"]["cells"][first]}
    with pytest.raises(InputError) as caught:
        load_scenario(_rehashed(data), "s.json")
    assert caught.value.issues[0].code == "too_few_alternatives"


def test_a_format_version_written_as_text_says_so(shipped_problem) -> None:
    import json

    data = _scenario_data(shipped_problem)
    data["format_version"] = "1"
    with pytest.raises(InputError) as caught:
        load_scenario(json.dumps(data), "s.json")
    message = caught.value.message("en")
    assert 'version "1"' in message and "reads versions 1 to 2" in message


def test_ids_longer_than_the_database_columns_are_refused_in_the_files() -> None:
    """Before: a 201-character id loaded, and storing an expert edit for it failed in PostgreSQL."""
    long_id = "P" * 201
    with pytest.raises(InputError) as caught:
        parse_problem(CRITERIA_YAML, f"id,name,cost,gain\n{long_id},a,1,1\nP2,b,1,1\n", data_name="d.csv")
    assert (caught.value.issues[0].code, caught.value.issues[0].line) == ("bad_id", 2)
    with pytest.raises(InputError) as caught:
        parse_criteria(f"problem: {{id: {long_id}}}\n" + CRITERIA_YAML, "c.yaml")
    assert caught.value.issues[0].file == "c.yaml"
