"""The robustness page through AppTest: it renders in both languages, and every number it shows
is the engine's on the same inputs (sweeps, stability intervals, rank acceptability, methods)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.ranking import RankingSettings
from mcda.sensitivity import (
    WeightCloud,
    analyse_rank_acceptability,
    analyse_weight_sensitivity,
    compare_methods,
    sweep_weight,
)

from .conftest import no_errors, open_page

SHIPPED = ("criteria/positions.yaml", "data/positions.csv")
POLICY = "interval"  # the app's default missing-value policy
TABS = {
    "nb": ["Vektsveip og rangreverseringer", "Stabilitetsintervaller", "Rangakseptabilitet", "Metoderobusthet"],
    "en": ["Weight sweeps and rank reversals", "Stability intervals", "Rank acceptability", "Method robustness"],
}


@pytest.fixture(scope="module")
def problem():
    return load_problem(*SHIPPED)


def current_weights(at: AppTest) -> WeightSet:
    return WeightSet.from_raw(at.session_state["w.points"])


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert frames, f"no table with a column {column!r}; have {[list(d.value.columns) for d in at.dataframe]}"
    return frames[0]


def chart_data(at: AppTest, *fields: str) -> pd.DataFrame:
    """The first dataset of any chart on the page that has all ``fields``."""
    for chart in at.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            df = convert_arrow_bytes_to_pandas_df(dataset.data.data)
            if set(fields) <= set(df.columns):
                return df
    raise AssertionError(f"no chart data with {fields}")


def open_tab(at: AppTest, index: int, lang: str = "nb") -> AppTest:
    """Select a tab as a click would (the tabs are lazy: only the open one runs)."""
    at.session_state["robustness.tab"] = TABS[lang][index]
    at.run()
    no_errors(at)
    return at


def texts(at: AppTest) -> list[str]:
    return [e.value for e in [*at.markdown, *at.caption, *at.subheader, *at.info, *at.warning]]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_tab_renders_in_both_languages_without_errors(app: AppTest, lang: str) -> None:
    if lang == "en":
        app.toggle(key="lang.toggle").set_value(True).run()
    open_page(app, "robustness")
    no_errors(app)
    assert app.title[0].value == ("How sure is the ranking?" if lang == "en" else "Hvor sikker er rangeringen?")
    assert [tab.label for tab in app.tabs] == TABS[lang]
    # the missing-value policy is followed and the cells it treats as intervals are said, by name
    note = next(
        i.value for i in app.info if ("count as intervals" if lang == "en" else "regnes som intervaller") in i.value
    )
    assert ("Primary magnesium" if lang == "en" else "Primærmagnesium") in note and "P0" not in note
    charts = 0
    for index in range(4):
        open_tab(app, index, lang)
        assert not [x for x in texts(app) if x.startswith("robustness.")], "untranslated string keys"
        charts += len(app.get("vega_lite_chart"))
        if index == 2:
            assert app.button(key="robustness.acc.run")  # acceptability waits for its button
    assert charts >= 4  # sweep, tornado, method ranks, agreement


def test_sweep_shows_the_engines_reversal_points(app: AppTest, problem) -> None:
    open_page(app, "robustness")
    app.selectbox(key="robustness.sweep.criterion.nb").set_value("eu_demand").run()
    no_errors(app)
    expected = sweep_weight(problem, current_weights(app), "eu_demand", settings=RankingSettings(missing_policy=POLICY))
    table = frame_with(app, "Foran under denne vekten")
    assert len(table) == len(expected.reversals) > 0
    assert table["Vekt (%)"].to_numpy() == pytest.approx([100 * r.weight for r in expected.reversals], abs=1e-9)
    names = {a.id: a.name.nb for a in problem.alternatives}
    assert table["Foran under denne vekten"].tolist() == [names[r.ahead_before] for r in expected.reversals]
    assert table["Foran over denne vekten"].tolist() == [names[r.ahead_after] for r in expected.reversals]
    assert table["Ny på første plass"].tolist() == [r.top_changes for r in expected.reversals]
    points = chart_data(app, "what", "score", "top")  # the reversal dots of the chart
    assert points["weight"].to_numpy() == pytest.approx([r.weight for r in expected.reversals])

    app.toggle(key="robustness.sweep.top_only").set_value(True).run()
    top = frame_with(app, "Foran under denne vekten")
    assert len(top) == sum(r.position <= 3 for r in expected.reversals)


def test_stability_table_equals_the_engine(app: AppTest, problem) -> None:
    open_tab(open_page(app, "robustness"), 1)
    expected = analyse_weight_sensitivity(
        problem, current_weights(app), settings=RankingSettings(missing_policy=POLICY)
    )
    table = frame_with(app, "Rangering fra (%)")
    names = [problem.criterion(i.criterion).name.nb for i in expected.intervals]
    assert table["Kriterium"].tolist() == names
    for column, part, end in [
        ("Rangering fra (%)", "ranking", 0),
        ("Rangering til (%)", "ranking", 1),
        ("Tre første fra (%)", "top_three", 0),
        ("Tre første til (%)", "top_three", 1),
        ("Første plass fra (%)", "top_one", 0),
        ("Første plass til (%)", "top_one", 1),
    ]:
        assert table[column].to_numpy() == pytest.approx([100 * getattr(i, part)[end] for i in expected.intervals])
    assert table["Gjeldende vekt (%)"].to_numpy() == pytest.approx([100 * i.current_weight for i in expected.intervals])


def test_acceptability_runs_on_the_button_and_equals_the_engine(app: AppTest, problem) -> None:
    open_tab(open_page(app, "robustness"), 2)
    assert app.number_input(key="robustness.acc.seed").value == 2025  # shown, fixed by default
    assert not [c for c in app.get("vega_lite_chart") if "Rangakseptabilitet" in c.proto.spec]
    app.number_input(key="robustness.acc.samples").set_value(2000).run()
    app.button(key="robustness.acc.run").click().run()
    no_errors(app)

    expected = analyse_rank_acceptability(
        problem,
        WeightCloud.uniform(problem.criterion_ids),
        samples=2000,
        seed=2025,
        settings=RankingSettings(missing_policy=POLICY),
    )
    heat = chart_data(app, "place", "share")
    shown = heat.pivot(index="id", columns="place", values="share")
    want = pd.DataFrame(expected.matrix(), index=list(expected.alternatives), columns=range(1, 18))
    assert np.allclose(shown.loc[want.index, want.columns].to_numpy(), want.to_numpy(), atol=0)
    summary = frame_with(app, "Gjennomsnittlig plass")
    first = expected.first()
    names = {a.id: a.name.nb for a in problem.alternatives}
    assert dict(zip(summary["Posisjon"], summary["Første plass (%)"])) == pytest.approx(
        {names[a]: 100 * v for a, v in first.items()}
    )
    assert any("2\u00a0000 trekninger, frø 2025" in x for x in texts(app))  # the inputs that produced it
    # the time shown is the member's wait, from the press (whose rerun runs the whole page) to the result
    assert any("s fra du trykket til resultatet var klart" in x for x in texts(app))
    assert "robustness.acc.pressed" not in app.session_state
    assert not app.get("progress")  # the bar is gone once the result is there

    # kept across reruns; other inputs hide it until the button is pressed; back again shows it
    app.run()
    assert chart_data(app, "place", "share") is not None
    app.number_input(key="robustness.acc.seed").set_value(7).run()
    assert any("Trykk «Kjør analysen»" in i.value and "endret" in i.value for i in app.info)
    with pytest.raises(AssertionError):
        chart_data(app, "place", "share")
    app.number_input(key="robustness.acc.seed").set_value(2025).run()
    assert chart_data(app, "place", "share")["share"].sum() == pytest.approx(17.0)

    # the inputs and the result survive a visit to another tab (closed tabs draw no widgets)
    open_tab(app, 3)
    open_tab(app, 2)
    assert app.number_input(key="robustness.acc.samples").value == 2000
    assert chart_data(app, "place", "share")["share"].sum() == pytest.approx(17.0)


def test_acceptability_around_the_weights_with_uncertain_values(app: AppTest, problem) -> None:
    open_tab(open_page(app, "robustness"), 2)
    app.radio(key="robustness.acc.cloud.nb").set_value("around").run()
    app.number_input(key="robustness.acc.samples").set_value(1000)
    app.checkbox(key="robustness.acc.data").check().run()
    ranges = app.checkbox(key="robustness.acc.ranges")
    assert not ranges.disabled and ranges.value  # the shipped data carry published ranges (power use)
    app.button(key="robustness.acc.run").click().run()
    no_errors(app)
    from mcda.sensitivity import DataUncertainty

    expected = analyse_rank_acceptability(
        problem,
        WeightCloud.around(current_weights(app), 20, criteria=problem.criterion_ids),
        samples=1000,
        seed=2025,
        settings=RankingSettings(missing_policy=POLICY),
        data=DataUncertainty(ranges=True, percent=10),
    )
    central = frame_with(app, "Konfidensfaktor (%)")
    names = {a.id: a.name.nb for a in problem.alternatives}
    conf = {names[a]: 100 * c for a, c in expected.confidence.items() if c is not None}
    assert dict(zip(central.index, central["Konfidensfaktor (%)"])) == pytest.approx(conf)
    assert expected.confidence_samples == 1000  # with uncertain values, estimated on fresh samples
    assert all(0 <= v <= 100 for v in conf.values())
    assert any("±10\u00a0%" in x for x in texts(app))


def test_saved_weight_sets_as_members_are_labelled_as_a_stand_in(app: AppTest) -> None:
    open_tab(open_page(app, "robustness"), 2)
    app.radio(key="robustness.acc.cloud.nb").set_value("members").run()
    assert any("Midlertidig erstatning" in c.value for c in app.caption)
    app.number_input(key="robustness.acc.samples").set_value(1000)
    app.button(key="robustness.acc.run").click().run()
    no_errors(app)
    assert any("vektene til én av 4 deltakere" in x for x in texts(app))


def test_method_robustness_table_and_skipped_combinations(app: AppTest, problem) -> None:
    open_tab(open_page(app, "robustness"), 3)
    expected = compare_methods(problem, current_weights(app), RankingSettings(missing_policy=POLICY))
    table = frame_with(app, "Beste plass")
    names = {a.id: a.name.nb for a in problem.alternatives}
    ranks = expected.rank_table()
    by_name = {names[a]: r for a, r in ranks.items()}
    for _, row in table.iterrows():
        assert row["TOPSIS · vektor"] == by_name[row["Posisjon"]]["topsis/vector"]
        assert row["VIKOR"] == by_name[row["Posisjon"]]["vikor"]
        assert (row["Beste plass"], row["Dårligste plass"]) == expected.rank_spread()[
            next(a for a, n in names.items() if n == row["Posisjon"])
        ]
    skipped = next(m.value for m in app.markdown if "kan ikke rangere" in m.value).splitlines()
    assert len(skipped) == len(expected.skipped) == 3
    assert [line.split("**")[1] for line in skipped] == ["TOPSIS · sum", "WSM · sum", "WPM · sum"]
    assert not any("cannot rank" in line for line in skipped)  # the reasons in bokmål


def test_every_method_runs_without_a_slowness_warning(app: AppTest) -> None:
    # every method is vectorised: none is announced as computed one sample at a time
    open_tab(open_page(app, "robustness"), 2)
    app.selectbox(key="robustness.settings.method.nb").set_value("copras").run()
    no_errors(app)
    assert app.selectbox(key="robustness.settings.method.nb").value == "copras"
    assert not any("COPRAS" in w.value for w in app.warning)


def test_every_robustness_string_is_in_both_languages_and_every_key_used_exists() -> None:
    import re
    from pathlib import Path

    import yaml

    from ui.i18n import catalogue

    root = Path(__file__).resolve().parents[2]
    strings = yaml.safe_load((root / "ui/strings/robustness.yaml").read_text(encoding="utf-8"))
    assert all(set(texts) == {"nb", "en"} and texts["nb"] and texts["en"] for texts in strings.values())
    used = set()
    for path in ("ui/robustness_panels.py", "app_pages/robustness.py"):
        used |= set(re.findall(r't\(\s*"([a-z_.]+)"', (root / path).read_text(encoding="utf-8")))
    assert used and not used - set(catalogue())


def test_choices_survive_a_change_of_language(app: AppTest) -> None:
    open_page(app, "robustness")
    app.selectbox(key="robustness.sweep.criterion.nb").set_value("maturity").run()
    open_tab(app, 2)
    app.radio(key="robustness.acc.cloud.nb").set_value("around").run()
    app.toggle(key="lang.toggle").set_value(True).run()
    no_errors(app)
    assert app.radio(key="robustness.acc.cloud.en").value == "around"  # the same tab, the same choice
    open_tab(app, 0, "en")
    assert app.selectbox(key="robustness.sweep.criterion.en").value == "maturity"
