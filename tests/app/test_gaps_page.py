"""The knowledge-gap page through AppTest: the engine's list, both languages, no errors; and the
ranking page's possible ranks."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mcda.formatting import format_percent
from mcda.gap_views import gap_table
from mcda.gaps import analyse_gaps
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.ranking import RankingSettings, rank_alternatives

from .conftest import html_table_columns, no_errors, open_page

SHIPPED = ("criteria/positions.yaml", "data/positions.csv", "data/positions.sources.csv")


def _expected(app: AppTest, settings: RankingSettings | None = None):
    problem = load_problem(*SHIPPED)
    weights = WeightSet.from_raw(app.session_state["w.points"], criteria=problem.criterion_ids)
    return problem, weights, analyse_gaps(problem, weights, settings or RankingSettings())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_gap_table_is_the_engines_list_in_both_languages(app: AppTest, lang: str) -> None:
    if lang == "en":
        app.toggle(key="lang.toggle").set_value(True).run()
    open_page(app, "gaps")
    no_errors(app)
    problem, _, analysis = _expected(app)
    shown = app.dataframe[0].value
    expected = gap_table(analysis, problem, lang)
    assert len(shown) == len(analysis.gaps) == 27
    assert list(shown.columns) == list(expected.columns)
    assert shown.reset_index(drop=True).equals(expected)
    first = analysis.gaps[0]
    assert shown.iloc[0, 0] == problem.alternative(first.id).name.get(lang)
    assert shown.iloc[0, 1] == problem.criterion(first.criterion).name.get(lang)
    assert shown.iloc[0, 5] == f"{first.rank_best}–{first.rank_worst}"
    assert shown.iloc[0, 6] == ("ja" if lang == "nb" else "yes")
    title = app.title[0].value
    assert title.startswith("Kunnskapshull" if lang == "nb" else "Knowledge gaps")
    texts = " ".join(t.value for t in app.text)
    assert "TOPSIS" in texts  # the method and the weights are stated
    assert format_percent(1 / 9, lang) in texts
    assert len(app.get("vega_lite_chart")) == 1
    assert app.expander  # the method details


def test_the_page_follows_the_weights_and_the_method(app: AppTest) -> None:
    open_page(app, "weights")
    app.slider(key="weights.slider.climate_advantage").set_value(40.0).run()
    open_page(app, "ranking")
    app.selectbox(key="settings.method.nb").set_value("vikor").run()
    open_page(app, "gaps")
    no_errors(app)
    problem, _, analysis = _expected(app, RankingSettings(method="vikor"))
    equal = analyse_gaps(problem, WeightSet.from_raw({c: 1 for c in problem.criterion_ids}))
    assert app.dataframe[0].value.reset_index(drop=True).equals(gap_table(analysis, problem, "nb"))
    assert [(g.id, g.criterion) for g in analysis.gaps] != [(g.id, g.criterion) for g in equal.gaps]
    assert "VIKOR" in " ".join(t.value for t in app.text)


def test_the_ranking_page_shows_the_possible_ranks(app: AppTest) -> None:
    open_page(app, "ranking")
    problem = load_problem(*SHIPPED)
    ranking = rank_alternatives(problem, WeightSet.from_raw(app.session_state["w.points"]))
    columns = html_table_columns(app)  # the ranking table, plain HTML
    assert list(columns)[:3] == ["Plass", "Posisjon", "Mulige plasser"]
    assert columns["Mulige plasser"] == [f"{e.rank_best}–{e.rank_worst}" for e in ranking.entries]
    app.selectbox(key="settings.missing.nb").set_value("drop_criteria").run()
    no_errors(app)
    assert "Mulige plasser" not in html_table_columns(app)  # no intervals, no ranges


def test_another_missing_value_policy_is_named_and_the_gaps_still_count_intervals(app: AppTest) -> None:
    open_page(app, "ranking")
    app.selectbox(key="settings.missing.nb").set_value("drop_criteria").run()
    open_page(app, "gaps")
    no_errors(app)
    notes = [i.value for i in app.info]
    assert any("annen behandling av manglende verdier" in n for n in notes)
    problem, _, analysis = _expected(app)
    assert app.dataframe[0].value.reset_index(drop=True).equals(gap_table(analysis, problem, "nb"))


def test_a_problem_without_missing_values_has_no_gaps(app: AppTest) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    app.session_state["problem.upload"] = tuple(
        (role, (fixtures / name).read_text(encoding="utf-8"), name)
        for role, name in (("criteria", "small_criteria.yaml"), ("data", "small_data.csv"))
    )
    open_page(app, "gaps")
    no_errors(app)
    assert any("ingen kunnskapshull" in s.value for s in app.success)
    assert not app.dataframe
