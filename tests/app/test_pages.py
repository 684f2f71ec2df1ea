"""Every page through Streamlit's AppTest: no exception, both languages, the engine's numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.ranking import RankingSettings, rank_alternatives
from mcda.storage import Database, ExpertEditStore, WeightSetStore

from .conftest import APP, TIMEOUT, html_table_columns, html_tables, no_errors, open_page

PAGES = ["problem", "weights", "ranking", "compare", "gaps", "outlooks", "value_chains"]
SHIPPED = ("criteria/positions.yaml", "data/positions.csv")


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; have {[b.label for b in at.button]}"
    return matches[0]


def ranking_rows(at: AppTest) -> list[tuple[int, str]]:
    """The ranking table's rank and position, row by row (the page draws it as plain HTML)."""
    _, *rows = html_tables(at)[0]
    return [(int(row[0]), row[1]) for row in rows]


def chart_data(at: AppTest, index: int = 0):
    """The data of the page's ``index``-th chart, as Streamlit sent it."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    return convert_arrow_bytes_to_pandas_df(at.get("vega_lite_chart")[index].proto.datasets[0].data.data)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("english", [False, True])
def test_every_page_renders_without_exception_in_both_languages(app: AppTest, page: str, english: bool) -> None:
    if english:
        app.toggle(key="lang.toggle").set_value(True).run()
    if page != "problem":
        open_page(app, page)
    no_errors(app)
    assert app.title, page
    unknown = [m.value for m in app.markdown if m.value.count(".") and m.value.replace(".", "").isidentifier()]
    assert not unknown, f"untranslated keys shown: {unknown}"


def test_language_toggle_switches_every_label(app: AppTest) -> None:
    open_page(app, "ranking")
    assert app.title[0].value == "Rangering av posisjonene"
    assert app.selectbox(key="settings.method.nb").label == "Metode"
    app.toggle(key="lang.toggle").set_value(True).run()
    assert app.title[0].value == "Ranking of the positions"
    assert app.selectbox(key="settings.method.en").label == "Method"
    assert "Primary aluminium" in [name for _, name in ranking_rows(app)]


def test_the_address_lang_en_opens_in_english_and_stays_in_the_address_on_every_page(db_url) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    no_errors(at)
    assert at.title[0].value == "Norwegian positions in processed critical raw materials"
    assert at.toggle(key="lang.toggle").value is True
    for page, title in [("ranking", "Ranking of the positions"), ("weights", "Weighting the criteria")]:
        at.query_params.clear()  # what the browser sends on a click in the navigation: no parameters
        open_page(at, page)
        assert at.title[0].value == title
        assert at.query_params.get("lang") == "en"  # put back, so a reload or a shared link stays in English
    at.toggle(key="lang.toggle").set_value(False).run()
    assert at.title[0].value == "Vekting av kriteriene" and "lang" not in at.query_params


def test_the_first_pages_links_keep_the_address_language(db_url) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    links = [link for link in at.get("page_link")]
    assert links and all(link.proto.query_string == "lang=en" for link in links)


@pytest.mark.parametrize("english", [False, True])
def test_the_gap_pages_links_keep_the_address_language(app: AppTest, english: bool) -> None:
    if english:
        app.toggle(key="lang.toggle").set_value(True).run()
    open_page(app, "gaps")
    links = app.get("page_link")
    assert [link.proto.page for link in links] == ["", "facilitator"]  # problem (the default page), workshop
    assert all(link.proto.query_string == ("lang=en" if english else "") for link in links)


def test_every_page_link_goes_through_the_one_helper_that_keeps_the_language() -> None:
    """Streamlit's page_link drops ``?lang=en``; ``ui.i18n.page_link`` puts it back, so no other call."""
    root = Path(APP).parent
    callers = [
        f"{path.relative_to(root)}:{number}"
        for path in [root / "app.py", *sorted((root / "ui").glob("*.py")), *sorted((root / "app_pages").glob("*.py"))]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ".page_link(" in line and path != root / "ui" / "i18n.py"
    ]
    assert not callers, callers


@pytest.mark.parametrize("english", [False, True])
def test_the_missing_value_policies_are_short_options_explained_in_the_help(app: AppTest, english: bool) -> None:
    if english:
        app.toggle(key="lang.toggle").set_value(True).run()
    open_page(app, "ranking")
    choice = app.selectbox(key=f"settings.missing.{'en' if english else 'nb'}")
    assert choice.value == "interval"
    assert len(choice.options) == 5 and all(len(option) <= 25 for option in choice.options), choice.options
    assert all(f"- {option}" in choice.help for option in choice.options)  # each explained in the help
    choice.set_value("drop_criteria").run()
    no_errors(app)
    assert app.session_state["settings"].missing_policy == "drop_criteria"


def test_moving_a_weight_changes_the_ranking_as_the_engine_says(app: AppTest) -> None:
    open_page(app, "ranking")
    before = ranking_rows(app)
    open_page(app, "weights")
    app.slider(key="weights.slider.supply_risk").set_value(60.0).run()
    no_errors(app)
    points = app.session_state["w.points"]
    assert sum(points.values()) == pytest.approx(100.0)
    assert points["supply_risk"] == pytest.approx(60.0)
    others = [v for c, v in points.items() if c != "supply_risk"]
    assert max(others) == pytest.approx(min(others))  # the rest rescaled in proportion (they were equal)

    open_page(app, "ranking")
    problem = load_problem(*SHIPPED)
    expected = rank_alternatives(problem, WeightSet.from_raw(points), settings=RankingSettings())
    rows = ranking_rows(app)
    assert rows == [(e.rank, e.name.nb) for e in expected.entries]
    assert rows != before
    changes = html_table_columns(app)["Endring"]
    assert any(c.startswith(("▲", "▼")) for c in changes)  # change versus the previous weights


def test_locked_weights_hold_while_others_move(app: AppTest) -> None:
    open_page(app, "weights")
    app.checkbox(key="weights.lock.maturity").check().run()
    held = app.session_state["w.points"]["maturity"]
    app.slider(key="weights.slider.eu_demand").set_value(50.0).run()
    assert app.session_state["w.points"]["maturity"] == pytest.approx(held)
    assert sum(app.session_state["w.points"].values()) == pytest.approx(100.0)


def test_method_and_normalisation_are_selectable_and_stated(app: AppTest) -> None:
    open_page(app, "ranking")
    app.selectbox(key="settings.norm.nb").set_value("minmax").run()
    assert "min–maks" in app.markdown[0].value
    app.selectbox(key="settings.method.nb").set_value("vikor").run()
    no_errors(app)
    statement = next(m.value for m in app.markdown if "VIKOR" in m.value)
    assert "lavere er bedre" in statement
    problem = load_problem(*SHIPPED)
    expected = rank_alternatives(
        problem,
        WeightSet.equal(problem.criterion_ids),
        settings=RankingSettings(method="vikor"),
    )
    assert ranking_rows(app) == [(e.rank, e.name.nb) for e in expected.entries]
    compromise = next(i.value for i in app.info if "kompromissløsning" in i.value)
    names = [problem.alternative(a).name.nb for a in expected.compromise_set]
    assert names and all(name in compromise for name in names)


def test_ahp_mode_shows_live_cr_and_applies_a_suggestion(app: AppTest) -> None:
    open_page(app, "weights")
    app.radio(key="weights.mode.nb").set_value("ahp").run()
    app.select_slider(key="ahp.pair.resource_base|industrial_base.nb").set_value(9).run()
    app.select_slider(key="ahp.pair.industrial_base|power_demand.nb").set_value(9).run()
    app.select_slider(key="ahp.pair.resource_base|power_demand.nb").set_value(-9).run()
    no_errors(app)
    assert any("over 0,10" in w.value for w in app.warning)
    hints = [m.value for m in app.markdown if m.value.startswith("Inkonsistent vurdering")]
    assert len(hints) == 3
    # each judgment with its meaning on the scale, e.g. "er 1/9 – «Behov for ren kraft» er ekstremt mye viktigere"
    assert all(hint.count(" – «") == 2 for hint in hints), hints
    assert any("er 1/9 – «Behov for ren kraft» er ekstremt mye viktigere enn" in hint for hint in hints), hints
    # short ratios on the slider (end labels that fit), the judgment in words under it
    slider = app.select_slider(key="ahp.pair.resource_base|power_demand.nb")
    assert slider.format_func(-9) == "1 : 9" and slider.format_func(9) == "9 : 1"
    assert any(c.value.startswith("«Behov for ren kraft» er ekstremt mye viktigere") for c in app.caption)
    button(app, "Bruk forslaget").click().run()
    no_errors(app)
    assert (
        app.session_state["w.ahp"]["resource_base|power_demand"] != -9
        or app.session_state["w.ahp"]["resource_base|industrial_base"] != 9
    )


def test_save_a_weight_set_and_compare_it(app: AppTest, db_url: str) -> None:
    open_page(app, "weights")
    app.slider(key="weights.slider.eu_demand").set_value(70.0).run()
    app.text_input(key="weights.save.name").input("Etterspørsel først")
    button(app, "Lagre vektsettet").click().run()
    no_errors(app)
    assert [w.name for w in WeightSetStore(Database(db_url)).list("prosess21-crm-positions")] == ["Etterspørsel først"]
    assert any("er lagret" in s.value for s in app.success)

    open_page(app, "compare")
    options = app.multiselect(key="compare.sets.nb").options
    saved = next(i for i, label in enumerate(options) if label.startswith("Etterspørsel først"))
    app.multiselect(key="compare.sets.nb").set_value([0, saved]).run()
    no_errors(app)
    ranks = app.dataframe[-1].value
    assert list(ranks.columns) == ["Gjeldende vekter", "Etterspørsel først"]
    assert len(app.get("vega_lite_chart")) >= 2  # bump chart and correlation heat map

    app.multiselect(key="compare.methods.nb").set_value(["topsis", "vikor"]).run()
    app.multiselect(key="compare.sets.nb").set_value([0]).run()
    no_errors(app)
    assert list(app.dataframe[-1].value.columns) == ["TOPSIS", "VIKOR"]


def test_saving_under_a_taken_name_is_refused_without_losing_the_first(app: AppTest, db_url: str) -> None:
    open_page(app, "weights")
    for _ in range(2):
        app.text_input(key="weights.save.name").input("Mitt sett")
        button(app, "Lagre vektsettet").click().run()
    assert any("Vektsettet ble ikke lagret" in e.value for e in app.error)
    assert len(WeightSetStore(Database(db_url)).list("prosess21-crm-positions")) == 1


def test_uploading_a_bad_file_shows_the_located_message(app: AppTest) -> None:
    bad_data = b"id,name,resource_base\nP01,Aluminium,mye\n"
    criteria = open(SHIPPED[0], "rb").read()
    app.file_uploader(key="upload.criteria").set_value(("positions.yaml", criteria, "application/x-yaml"))
    app.file_uploader(key="upload.data").set_value(("mine.csv", bad_data, "text/csv"))
    button(app, "Kontroller og bruk filene").click().run()
    assert not app.exception
    message = app.error[0].value
    assert "Filene ble ikke tatt i bruk" in message and "mine.csv" in message and "kolonnen mangler" in message
    assert app.session_state["problem.upload"] is None  # the shipped problem is still in use


def test_uploading_a_good_problem_replaces_the_shipped_one(app: AppTest) -> None:
    criteria = open("tests/fixtures/small_criteria.yaml", "rb").read()
    data = open("tests/fixtures/small_data.csv", "rb").read()
    app.file_uploader(key="upload.criteria").set_value(("c.yaml", criteria, "application/x-yaml"))
    app.file_uploader(key="upload.data").set_value(("d.csv", data, "text/csv"))
    button(app, "Kontroller og bruk filene").click().run()
    no_errors(app)
    assert app.metric[0].value == "4"
    open_page(app, "ranking")
    assert [name for _, name in ranking_rows(app)][0] in {"Alfa", "Beta", "Gamma", "Delta"}
    open_page(app, "weights")
    assert sorted(app.session_state["w.points"]) == ["price", "quality", "speed"]


def test_expert_judgment_edits_are_saved_with_who_and_why(app: AppTest, db_url: str) -> None:
    app.selectbox(key="edit.alt.nb").set_value("P08")
    app.selectbox(key="edit.crit.nb").set_value("resource_base")
    app.number_input(key="edit.value").set_value(3)
    app.text_input(key="edit.author").input("Kari Nordmann")
    app.text_area(key="edit.rationale").input("Selskapet oppgir norsk karbonråstoff")
    button(app, "Lagre vurderingen").click().run()
    no_errors(app)
    history = ExpertEditStore(Database(db_url)).history("prosess21-crm-positions")
    assert [(e.alternative_id, e.criterion_id, e.value, e.author) for e in history] == [
        ("P08", "resource_base", 3.0, "Kari Nordmann")
    ]
    assert app.metric[2].value == "24"  # one missing value fewer


def test_an_expert_edit_without_a_rationale_is_refused(app: AppTest, db_url: str) -> None:
    app.number_input(key="edit.value").set_value(2)
    app.text_input(key="edit.author").input("Ola")
    button(app, "Lagre vurderingen").click().run()
    assert any("rationale" in e.value for e in app.error)
    assert ExpertEditStore(Database(db_url)).history("prosess21-crm-positions") == []


def test_missing_value_policy_refuse_gives_a_message_not_a_traceback(app: AppTest) -> None:
    open_page(app, "ranking")
    app.selectbox(key="settings.missing.nb").set_value("refuse").run()
    assert not app.exception
    assert any("mangler" in e.value for e in app.error)


def test_a_scenario_upload_reproduces_its_ranking_exactly(app: AppTest) -> None:
    from mcda.scenario import Scenario

    problem = load_problem(*SHIPPED)
    weights = WeightSet.from_raw({c: i + 1 for i, c in enumerate(problem.criterion_ids)}, name="Trinn")
    original = rank_alternatives(
        problem,
        weights,
        settings=RankingSettings(method="vikor", missing_policy="worst"),
    )
    scenario = Scenario.from_ranking(problem, weights, original, name="Prøvescenario")
    app.file_uploader(key="upload.scenario").set_value(("s.json", scenario.to_json().encode(), "application/json"))
    button(app, "Bruk scenarioet").click().run()
    no_errors(app)
    assert any("gjenskapt nøyaktig" in s.value for s in app.success)
    open_page(app, "ranking")
    assert ranking_rows(app) == [(e.rank, e.name.nb) for e in original.entries]
    scores = chart_data(app)["score"].tolist()  # the score chart, drawn with the table
    assert scores == [e.score for e in original.entries]  # float for float
    assert app.session_state["settings"] == RankingSettings(method="vikor", missing_policy="worst").canonical()


def test_a_tampered_scenario_is_refused(app: AppTest) -> None:
    from mcda.scenario import Scenario

    problem = load_problem(*SHIPPED)
    scenario = Scenario.create(
        problem, WeightSet.equal(problem.criterion_ids), settings=RankingSettings(missing_policy="drop_criteria")
    )
    text = scenario.to_json().replace('"method": "topsis"', '"method": "vikor"')
    app.file_uploader(key="upload.scenario").set_value(("s.json", text.encode(), "application/json"))
    button(app, "Bruk scenarioet").click().run()
    assert not app.exception
    assert any("SHA-256" in e.value for e in app.error)


@pytest.mark.parametrize(
    "content", [b"{}", b"[1, 2]", b"not json", b"\xff\xfe", b'{"format": "prosess21-mcda-scenario", "version": 1}']
)
def test_a_bad_scenario_file_is_named_in_its_message(app: AppTest, content: bytes) -> None:
    app.file_uploader(key="upload.scenario").set_value(("mitt scenario (2).json", content, "application/json"))
    button(app, "Bruk scenarioet").click().run()
    assert not app.exception
    assert app.error and app.error[0].value.startswith("Scenarioet ble ikke tatt i bruk")
    assert "mitt scenario (2).json" in app.error[0].value, app.error[0].value
    assert "scenario.json" not in app.error[0].value.replace("mitt scenario (2).json", "")


def test_ranking_and_comparison_pages_offer_every_export(app: AppTest) -> None:
    open_page(app, "ranking")
    # the ranking page's downloads and conventions are built when their expander is opened (first paint)
    assert not app.get("download_button") and not any("Programvare" in m.value for m in app.markdown)
    assert [e.label for e in app.expander][-1].startswith("Last ned til rapporten")
    app.session_state["ranking.downloads.nb"] = True
    app.session_state["ranking.conventions.nb"] = True
    app.run()
    no_errors(app)
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["CSV", "Excel", "Word", "PowerPoint", "Markdown", "Scenario"]
    # the method note in bokmål, as the reports word it (not the conventions' English JSON)
    note = next(m.value for m in app.markdown if "**Programvare:**" in m.value)
    assert "**Normalisering:** Vektornormalisering" in note and "pymcdm" in note and "relative closeness" not in note
    open_page(app, "compare")
    assert len(app.get("download_button")) == 6


def test_each_page_names_its_downloads_by_what_they_hold(app: AppTest, monkeypatch) -> None:
    import ui.downloads

    names: dict[str, str] = {}

    def recording(report, fmt, stem=""):
        name = ui.downloads.__dict__["_real_file_name"](report, fmt, stem)
        names.setdefault(stem, name) if fmt == "csv" else None
        return name

    monkeypatch.setitem(ui.downloads.__dict__, "_real_file_name", ui.downloads.file_name)
    monkeypatch.setattr(ui.downloads, "file_name", recording)
    app.session_state["ranking.downloads.nb"] = True  # the ranking page builds its downloads when opened
    for page in ("ranking", "compare", "robustness"):
        open_page(app, page)
    assert set(names) == {"ranking", "comparison", "robustness"}
    assert len(set(names.values())) == 3 and names["comparison"].endswith("-comparison-topsis.csv")


def test_choices_survive_a_change_of_language(app: AppTest) -> None:
    open_page(app, "ranking")
    app.selectbox(key="settings.method.nb").set_value("promethee2").run()
    open_page(app, "weights")
    app.radio(key="weights.mode.nb").set_value("ahp").run()
    app.toggle(key="lang.toggle").set_value(True).run()
    no_errors(app)
    assert app.radio(key="weights.mode.en").value == "ahp"
    open_page(app, "ranking")
    assert app.selectbox(key="settings.method.en").value == "promethee2"
    assert app.selectbox(key="settings.method.en").options[0] == "TOPSIS"
    assert "netto" not in app.markdown[0].value  # the statement is in English now


def test_the_ranking_table_writes_numbers_as_the_report_does(app: AppTest) -> None:
    """In bokmål the page's table and the exported report show the same score with a decimal comma."""
    import re

    from mcda.export import build_report, to_markdown
    from mcda.formatting import format_score

    open_page(app, "ranking")
    shown = html_table_columns(app)["Skår"]
    problem = load_problem(*SHIPPED)
    weights = WeightSet.equal(problem.criterion_ids)
    ranking = rank_alternatives(problem, weights)
    assert shown == [format_score(e.score, "nb") for e in ranking.entries]
    assert all(re.fullmatch(r"\d,\d{4}", s) for s in shown)
    report = to_markdown(build_report(problem, weights), "nb").decode()
    top = ranking.entries[0]
    assert f"| {top.rank} | {top.id} | {top.name.nb} |" in report and f"| {shown[0]} |" in report


def test_the_ranking_page_draws_its_table_without_streamlits_interactive_table(app: AppTest) -> None:
    """A new browser would fetch about 1.7 MB of Streamlit's scripts for an interactive table before the
    first paint (benchmarks/bench_element_types.py): the table is plain HTML, with every column, and the
    possible ranks' explanation as its heading's tooltip."""
    open_page(app, "ranking")
    assert not app.dataframe
    columns = html_table_columns(app)
    assert list(columns) == ["Plass", "Posisjon", "Mulige plasser", "Skår", "Endring"]
    assert len(columns["Posisjon"]) == 17 and set(columns["Endring"]) == {"–"}
    assert columns["Mulige plasser"][0] == "1–15"
    body = next(h.proto.body for h in app.get("html") if "Mulige plasser" in h.proto.body)
    assert 'title="Beste og dårligste plass posisjonen kan få' in body


def _load_set(app: AppTest, starts_with: str) -> None:
    pick = app.selectbox(key="weights.load.pick.nb")
    index = next(i for i, label in enumerate(pick.options) if label.startswith(starts_with))
    pick.set_value(index).run()
    button(app, "Bruk i gliderne").click().run()
    no_errors(app)


def _slider_values(app: AppTest, criteria: tuple[str, ...]) -> dict[str, float]:
    return {c: app.slider(key=f"weights.slider.{c}").value for c in criteria}


@pytest.mark.parametrize("kind", ["preset", "direct", "ahp"])
def test_loading_a_weight_set_moves_the_sliders(app: AppTest, db_url: str, kind: str) -> None:
    from mcda.ahp import PairwiseMatrix, analyse
    from mcda.models import WeightOrigin

    problem = load_problem(*SHIPPED)
    ids = problem.criterion_ids
    if kind == "preset":
        name, raw = "Etterspørsel i EU i fokus", {c: 1.0 for c in ids} | {"eu_demand": 3.0, "supply_risk": 2.0}
        raw["eu_partner_role"] = 2.0
        expected = WeightSet.from_raw(raw)
    elif kind == "direct":
        name = "Mitt direkte sett"
        expected = WeightSet.from_raw({c: float(i + 1) for i, c in enumerate(ids)}, name=name)
        WeightSetStore(Database(db_url)).save(problem.info.id, expected)
    else:
        name = "Mitt AHP-sett"
        matrix = PairwiseMatrix.from_judgments(ids, {(ids[0], ids[1]): 5.0, (ids[0], ids[2]): 3.0})
        result = analyse(matrix)
        origin = WeightOrigin(kind="ahp", details={"cr": result.cr, "matrix": [list(r) for r in result.matrix]})
        expected = WeightSet.from_raw(result.weights, name=name, origin=origin)
        WeightSetStore(Database(db_url)).save(problem.info.id, expected)
    open_page(app, "weights")
    app.slider(key="weights.slider.maturity").set_value(40.0).run()  # sliders drawn and moved first
    _load_set(app, name)
    assert not any("Noe gikk galt" in e.value for e in app.error)
    shown = _slider_values(app, ids)
    assert shown == {c: pytest.approx(round(100 * expected.weights[c], 1), abs=1e-9) for c in ids}
    assert app.session_state["w.loaded"].weights == pytest.approx(expected.weights)
    if kind == "ahp":  # the judgments travel with the loaded set (scenario, xlsx)
        from ui.state import loaded_judgments

        judgments = loaded_judgments(app.session_state["w.loaded"], problem)
        assert judgments is not None
        assert judgments.matrices[0].array.ravel().tolist() == pytest.approx(matrix.array.ravel().tolist())


def test_comparing_three_sets_by_two_methods_uses_display_names(app: AppTest) -> None:
    import json

    open_page(app, "compare")
    app.multiselect(key="compare.sets.nb").set_value([0, 1, 2]).run()
    app.multiselect(key="compare.methods.nb").set_value(["topsis", "vikor"]).run()
    no_errors(app)
    columns = list(app.dataframe[-1].value.columns)
    assert len(columns) == 6 and columns[:2] == ["Gjeldende vekter · TOPSIS", "Gjeldende vekter · VIKOR"]
    specs = json.dumps([c.proto.spec for c in app.get("vega_lite_chart")], ensure_ascii=False)
    assert "· topsis" not in specs and "· vikor" not in specs
    assert "Koeffisient: Spearman" in specs and "Koeffisient: spearman" not in specs
    assert "labelExpr" in specs  # the rank chart's column names on short lines


def test_no_streamlit_english_placeholders_or_none_in_the_bokmal_ui(app: AppTest) -> None:
    for multiselect in app.multiselect:
        assert multiselect.placeholder == "Velg …"
    details = app.dataframe[3].value
    values = details.iloc[:, 2].tolist()
    assert "mangler" in values and not any(v is None for v in values)
    open_page(app, "compare")
    assert {m.placeholder for m in app.multiselect} == {"Velg …"}


def test_first_page_shows_the_steps_as_links_and_the_file_formats_in_the_users_language(app: AppTest) -> None:
    no_errors(app)
    guide = next(e for e in app.expander if e.label == "Slik bruker du verktøyet")
    links = [el for el in guide.children.values() if el.type == "page_link"]
    assert [link.proto.label.split("  ", 1)[0] for link in links] == ["1", "2", "3", "4", "5"]
    assert [link.proto.page for link in links] == ["", "weights", "ranking", "robustness", "workshop"]
    assert any(e.label == "Filformater" for e in app.expander)
    assert not [m.value for m in app.markdown if "README" in m.value]
    # the missing-value list names the positions, not their ids
    warning = next(w.value for w in app.warning if "manglende verdier" in w.value)
    assert "P04" not in warning and "P05" not in warning
    app.toggle(key="lang.toggle").set_value(True).run()
    assert any(e.label == "How to use the tool" for e in app.expander)
    assert any(e.label == "File formats" for e in app.expander)


def test_the_problem_page_gives_each_rationale_in_the_chosen_language(app: AppTest) -> None:
    sources = load_problem(*SHIPPED, "data/positions.sources.csv").cell("P01", "industrial_base").provenance

    def rationales(column: str) -> list[str]:
        frames = [d.value for d in app.dataframe if column in d.value.columns]
        assert frames, f"no table with a {column!r} column"
        return frames[0][column].tolist()

    assert sources.rationale_nb in rationales("Begrunnelse")
    assert sources.rationale not in rationales("Begrunnelse")
    app.toggle(key="lang.toggle").set_value(True).run()
    no_errors(app)
    assert sources.rationale in rationales("Rationale")
