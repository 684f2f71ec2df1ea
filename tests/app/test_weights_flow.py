"""Weights go one way: the weights page and the pages that rank see the same WeightSet.

``ui.state.current_weight_set`` is the one function that builds the current set from the session
state; the pages import it when they run, so recording its results shows what each page used.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import ui.state
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.ranking import RankingSettings, rank_alternatives
from ui.state import to_fractions, to_points

from .conftest import no_errors, open_page
from .test_pages import SHIPPED, button, ranking_rows


def test_points_and_fractions_convert_both_ways() -> None:
    points = {"a": 12.5, "b": 37.5, "c": 50.0}
    assert to_fractions(points) == {"a": 0.125, "b": 0.375, "c": 0.5}
    assert to_points(to_fractions(points)) == points


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> list[WeightSet]:
    """Every WeightSet ``current_weight_set`` hands a page, in order."""
    sets: list[WeightSet] = []
    real = ui.state.current_weight_set

    def recording(p):
        ws = real(p)
        sets.append(ws)
        return ws

    monkeypatch.setattr(ui.state, "current_weight_set", recording)
    return sets


def _set_weights(app: AppTest, how: str) -> None:
    if how == "preset":
        pick = app.selectbox(key="weights.load.pick.nb")
        index = next(i for i, label in enumerate(pick.options) if label.startswith("Lavutslipp i fokus"))
        pick.set_value(index).run()
        button(app, "Bruk i gliderne").click().run()
    elif how == "slider":
        app.slider(key="weights.slider.maturity").set_value(30.0).run()
    elif how == "ahp":
        app.radio(key="weights.mode.nb").set_value("ahp").run()
    else:
        app.radio(key="weights.mode.nb").set_value("objective").run()
    no_errors(app)


@pytest.mark.parametrize("how", ["preset", "slider", "ahp", "objective"])
def test_the_weights_page_and_the_ranking_pages_see_the_same_weight_set(
    app: AppTest, used: list[WeightSet], how: str
) -> None:
    open_page(app, "weights")
    _set_weights(app, how)
    on_weights_page = used[-1]
    expected_kind = {"preset": "preset", "slider": "direct", "ahp": "ahp", "objective": "objective"}[how]
    assert on_weights_page.origin.kind == expected_kind
    if how == "slider":
        assert on_weights_page.weights["maturity"] == pytest.approx(0.30)
    for page in ("ranking", "compare", "weights"):
        before = len(used)
        open_page(app, page)
        no_errors(app)
        assert len(used) > before, f"{page} did not take its weights from current_weight_set"
        seen = used[-1]
        assert seen == on_weights_page, page
        first = on_weights_page
        assert (seen.name, seen.notes, seen.origin) == (first.name, first.notes, first.origin), page
    # and the ranking page's table is the engine's ranking for exactly these weights
    open_page(app, "ranking")
    expected = rank_alternatives(load_problem(*SHIPPED), on_weights_page, settings=RankingSettings())
    assert ranking_rows(app) == [(e.rank, e.name.nb) for e in expected.entries]
