"""The outlook and value-chain pages through AppTest: both languages, the engine's numbers,
probabilities, acceptability over outlooks, a bad upload's located message, the map's ranks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from mcda.formatting import format_number
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.outlooks import apply_outlook, base_outlook, load_outlooks, rank_across_outlooks
from mcda.ranking import rank_alternatives

from .conftest import no_errors, open_page, shown_cells

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def engine():
    problem = load_problem(ROOT / "criteria" / "positions.yaml", ROOT / "data" / "positions.csv")
    weights = WeightSet.equal(problem.criterion_ids)
    outlooks = (base_outlook(), *load_outlooks(ROOT / "outlooks", problem.sources))
    return problem, weights, outlooks


def positions_drawn(at: AppTest) -> pd.DataFrame:
    """The value-chain map's positions as drawn (its data set with ranks)."""
    for chart in at.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            df = convert_arrow_bytes_to_pandas_df(dataset.data.data)
            if {"id", "rank", "rank_text"} <= set(df.columns):
                return df
    raise AssertionError("no chart data with the positions' ranks")


def chart_text(at: AppTest) -> str:
    return at.get("vega_lite_chart")[0].proto.spec


@pytest.mark.parametrize("english", [False, True])
def test_outlook_page_shows_the_engines_robust_choice(app: AppTest, engine, english: bool) -> None:
    if english:
        app.toggle(key="lang.toggle").set_value(True).run()
    open_page(app, "outlooks")
    no_errors(app)
    lang = "en" if english else "nb"
    problem, weights, outlooks = engine
    expected = rank_across_outlooks(problem, weights, outlooks)
    best = expected.robust[0]
    statement = [x.value for x in app.text if best.name.get(lang) in x.value]
    assert statement, [x.value for x in app.text]
    assert str(best.rank_worst) in statement[0]
    assert ("taper færrest plasser" if lang == "nb" else "loses the fewest places") in statement[0]
    table = app.dataframe[0].value
    assert table.iloc[:, 1].tolist() == [e.name.get(lang) for e in expected.robust]
    worst_col = "Dårligste plass" if lang == "nb" else "Worst rank"
    assert table[worst_col].tolist() == [e.rank_worst for e in expected.robust]
    assert [x.label for x in app.expander if x.label.endswith(("(YAML)",))]
    # every shipped outlook's changes are listed with their basis
    details = [d.value for d in app.dataframe[1:]]
    assert len(details) == len(outlooks) - 1
    basis = "Ekspertvurdering" if lang == "nb" else "Expert judgment"
    assert all(basis in d.iloc[:, 3].tolist() for d in details)


def pick_two_at_75_and_25(app: AppTest, outlooks) -> list[str]:
    """The outlooks page with the first and third outlooks picked, at probabilities 75 and 25."""
    open_page(app, "outlooks")
    picked = [outlooks[0].id, outlooks[2].id]
    app.multiselect(key="outlooks.pick.nb").set_value(picked).run()
    app.toggle(key="outlooks.use_probabilities").set_value(True).run()
    app.number_input(key=f"outlooks.p.{picked[0]}").set_value(75.0).run()
    app.number_input(key=f"outlooks.p.{picked[1]}").set_value(25.0).run()
    return picked


def test_two_outlooks_with_probabilities_give_expected_rank(app: AppTest, engine) -> None:
    problem, weights, outlooks = engine
    picked = pick_two_at_75_and_25(app, outlooks)
    no_errors(app)
    expected = rank_across_outlooks(
        problem, weights, [outlooks[0], outlooks[2]], probabilities={picked[0]: 75, picked[1]: 25}
    )
    table = app.dataframe[0].value
    assert table["Forventet plass"].tolist() == pytest.approx([e.expected_rank for e in expected.robust])


def test_acceptability_over_outlooks_runs_on_request(app: AppTest) -> None:
    open_page(app, "outlooks")
    app.multiselect(key="outlooks.pick.nb").set_value(["today", "china-export-controls"]).run()
    [b for b in app.button if b.label == "Beregn"][0].click().run()
    no_errors(app)
    shares = app.dataframe[-1].value
    assert list(shares.columns) == ["Posisjon", "Andel på førsteplass"]
    assert any("5000 trekninger" in c.value or "5 000 trekninger" in c.value for c in app.caption)


@pytest.mark.parametrize(("english", "expected"), [(False, "linje 6"), (True, "line 6")])
def test_a_bad_outlook_upload_names_file_and_line(app: AppTest, english: bool, expected: str) -> None:
    if english:
        app.toggle(key="lang.toggle").set_value(True).run()
    open_page(app, "outlooks")
    bad = (
        b"id: mine\nname: Mine\ndescription: Mine\nchanges:\n"
        b"  - {positions: [P01], criterion: maturity, add: -1, basis: judgment, rationale: ok}\n"
        b"  - {positions: [P99], criterion: maturity, add: 1, basis: judgment, rationale: wrong}\n"
    )
    app.file_uploader(key="outlooks.upload.file").set_value(("mine.yaml", bad, "application/x-yaml")).run()
    assert not app.exception
    message = app.error[0].value
    assert "mine.yaml" in message and expected in message and "P99" in message
    assert "mine" not in app.multiselect[0].options


def test_value_chain_page_draws_the_current_ranking_and_follows_the_outlook(app: AppTest, engine) -> None:
    problem, weights, outlooks = engine
    open_page(app, "value_chains")
    no_errors(app)
    assert app.title[0].value == "Verdikjedene"
    today = rank_alternatives(problem, weights)
    drawn = positions_drawn(app)
    assert dict(zip(drawn["id"], drawn["rank"], strict=True)) == today.rank_of()
    china = next(o for o in outlooks if o.id == "china-export-controls")
    p2, w2 = apply_outlook(problem, weights, china)
    first_china = rank_alternatives(p2, w2).entries[0]
    app.selectbox(key="chains.outlook.nb").set_value("china-export-controls").run()
    no_errors(app)
    drawn = positions_drawn(app)
    assert dict(zip(drawn["id"], drawn["rank"], strict=True)) == rank_alternatives(p2, w2).rank_of()
    assert drawn.loc[drawn["rank"] == 1, "id"].tolist() == [first_china.id]


def test_value_chain_page_in_english(app: AppTest) -> None:
    app.toggle(key="lang.toggle").set_value(True).run()
    open_page(app, "value_chains")
    no_errors(app)
    assert app.title[0].value == "The value chains"
    assert "China's share" in chart_text(app)
    drawn = positions_drawn(app)
    assert drawn.loc[drawn["id"] == "P04", "stage"].tolist() == ["Smelting and refining"]


def test_both_pages_offer_every_export_format(app: AppTest) -> None:
    for page in ("outlooks", "value_chains"):
        open_page(app, page)
        no_errors(app)
        labels = [b.proto.label for b in app.get("download_button")]
        assert labels == ["CSV", "Excel", "Word", "PowerPoint", "Markdown", "Scenario"], page


def test_an_uploaded_problem_keeps_only_what_fits_it(app: AppTest) -> None:
    from mcda.outlooks import fits_problem as _fits  # the check moved from ui.outlooks to the engine
    from ui.outlooks import value_chains_if_they_fit

    small = load_problem(
        ROOT / "tests" / "fixtures" / "small_criteria.yaml", ROOT / "tests" / "fixtures" / "small_data.csv"
    )
    assert value_chains_if_they_fit(small) is None
    shipped = load_outlooks(ROOT / "outlooks")
    assert not any(_fits(o, small) for o in shipped)
    full = load_problem(ROOT / "criteria" / "positions.yaml", ROOT / "data" / "positions.csv")
    assert all(_fits(o, full) for o in shipped)


SMALL_OUTLOOK = """id: dearer
name: {nb: Dyrere Alfa, en: Dearer Alpha}
description: {nb: Alfa blir dyrere., en: Alpha gets dearer.}
author: Testgruppen
date: 2026-12-01
changes: []
weights:
  - criterion: price
    multiply: 3
    rationale: {nb: Prisen teller mer., en: Price counts more.}
"""


def upload_small_problem(at: AppTest) -> None:
    fixtures = ROOT / "tests" / "fixtures"
    at.file_uploader(key="upload.criteria").set_value(
        ("c.yaml", (fixtures / "small_criteria.yaml").read_bytes(), "application/x-yaml")
    )
    at.file_uploader(key="upload.data").set_value(("d.csv", (fixtures / "small_data.csv").read_bytes(), "text/csv"))
    next(b for b in at.button if b.label == "Kontroller og bruk filene").click().run()
    no_errors(at)


def test_the_outlook_page_with_an_uploaded_problem_names_the_outlooks_that_do_not_apply(app: AppTest) -> None:
    upload_small_problem(app)
    open_page(app, "outlooks")
    no_errors(app)
    note = next(i.value for i in app.info if "gjelder ikke problemet du bruker" in i.value)
    assert "Nikkelprisen faller videre med nytt tilbud fra Indonesia" in note
    assert app.multiselect(key="outlooks.pick.nb").options == ["I dag"]
    # an outlook of one's own for this problem: the comparison works
    app.file_uploader(key="outlooks.upload.file").set_value(
        ("dyrere.yaml", SMALL_OUTLOOK.encode(), "application/x-yaml")
    )
    app.run()
    no_errors(app)
    assert app.multiselect(key="outlooks.pick.nb").value == ["today", "dearer"]  # the upload joins the picked ones
    table = app.dataframe[0].value
    assert sorted(table.iloc[:, 1]) == ["Alfa", "Beta", "Delta", "Gamma"]
    app.multiselect(key="outlooks.pick.nb").set_value(["today"]).run()  # removed by the member: stays removed
    app.run()
    assert app.multiselect(key="outlooks.pick.nb").value == ["today"]


def test_the_value_chain_page_with_an_uploaded_problem_says_the_map_does_not_apply(app: AppTest) -> None:
    upload_small_problem(app)
    open_page(app, "value_chains")
    no_errors(app)
    note = next(i.value for i in app.info if "ikke plassert i noen verdikjede" in i.value)
    assert "Alfa, Beta, Gamma, Delta" in note
    assert not app.get("vega_lite_chart")
    assert [b.proto.label for b in app.get("download_button")][:1] == ["CSV"]


def test_the_robust_table_writes_its_numbers_as_the_app_does(app: AppTest, engine) -> None:
    """Ranks as whole numbers and the expected rank with a decimal comma in bokmål (a raw frame wrote
    3.25, and "None" for a missing value), as the other tables of the app."""
    problem, weights, outlooks = engine
    picked = pick_two_at_75_and_25(app, outlooks)
    expected = rank_across_outlooks(
        problem, weights, [outlooks[0], outlooks[2]], probabilities={picked[0]: 75, picked[1]: 25}
    )
    shown = shown_cells(app.dataframe[0])
    assert shown["Forventet plass"].tolist() == [format_number(e.expected_rank, "nb", 2) for e in expected.robust]
    assert any("," in cell for cell in shown["Forventet plass"])
    assert shown["Robust plass"].tolist() == [str(e.robust_rank) for e in expected.robust]
