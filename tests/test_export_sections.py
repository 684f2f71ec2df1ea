"""The workshop and robustness sections in every export format, read back by each format's reader.

One anonymous two-round AHP workshop on the shipped problem (four of its nine criteria weighed)
gives the report of its closed round 2 (:func:`mcda.export.workshop.workshop_report`); the
robustness section of the same group weights is added to it (rank acceptability, sweeps and
stability intervals, method robustness). Checked: the xlsx tabs hold the engine's numbers, the
Word report has the headings, messages and one picture per chart, the slides carry one message
each, the Markdown has the tables, the scenario file reproduces the group's weights and ranking,
and no member's name appears anywhere. The robustness and facilitator pages offer the downloads.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from mcda.export import Figure, ReportSection, to_csv, to_docx, to_json, to_markdown, to_pptx, to_xlsx
from mcda.export.content import build_sections
from mcda.export.robustness import robustness_report, robustness_section, sensitive_criteria
from mcda.export.workshop import workshop_report, workshop_section
from mcda.formatting import format_percent
from mcda.ranking import RankingSettings
from mcda.scenario import load_scenario
from mcda.sensitivity import WeightCloud, analyse_rank_acceptability, analyse_weight_sensitivity, compare_methods
from mcda.workshop import WorkshopService

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CRITERIA = ["industrial_base", "eu_demand", "supply_risk", "maturity"]  # complete in the shipped data
NAMES = ["Kari Nordmann", "Ola Hansen", "Per Olsen"]
MATRICES = [
    [[1, 3, 5, 2], ["1/3", 1, 2, 1], ["1/5", "1/2", 1, "1/2"], ["1/2", 1, 2, 1]],
    [[1, "1/2", 1, 3], [2, 1, 2, 5], [1, "1/2", 1, 3], ["1/3", "1/5", "1/3", 1]],
    [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]],
]
POLICY = "drop_criteria"


def _run_workshop(service: WorkshopService, anonymous: bool) -> str:
    """Two rounds: everyone submits, round 1 is revealed, the third member revises in round 2."""
    created = service.create_workshop("Vekting mai", CRITERIA, "ahp", anonymous=anonymous)
    key = created.facilitator_key
    tokens = [service.join(created.join_code, name).token for name in NAMES]
    for token, matrix in zip(tokens, MATRICES):
        service.submit(token, matrix)
    service.close_round(key, reveal=True)
    service.open_next_round(key, carry_over=True)
    service.submit(tokens[2], MATRICES[0])
    service.close_round(key)
    return key


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    svc = WorkshopService(f"sqlite:///{tmp_path_factory.mktemp('ws') / 'ws.sqlite'}")
    yield svc
    svc.dispose()


@pytest.fixture(scope="module")
def workshop(service):
    """(service, key, info, problem, round-2 result, history) of the anonymous workshop."""
    key = _run_workshop(service, anonymous=True)
    return (
        service,
        key,
        service.workshop_info(key),
        service.problem(key),
        service.group_result(key, 2),
        service.round_history(key),
    )


@pytest.fixture(scope="module")
def robustness(workshop):
    """Every robustness result for the group's weights (as the robustness page computes them)."""
    _, _, info, problem, result, history = workshop
    weights = workshop_report(info, problem, result, history).chosen_weights
    return {
        "sensitivity": analyse_weight_sensitivity(problem, weights, settings=RankingSettings(missing_policy=POLICY)),
        "acceptability": analyse_rank_acceptability(
            problem,
            WeightCloud.uniform(problem.criterion_ids),
            samples=2000,
            seed=7,
            settings=RankingSettings(missing_policy=POLICY),
        ),
        "methods": compare_methods(problem, weights, RankingSettings(missing_policy=POLICY)),
    }


@pytest.fixture(scope="module")
def report(workshop, robustness):
    """The workshop round's report with the robustness section of the same weights."""
    _, _, info, problem, result, history = workshop
    base = workshop_report(info, problem, result, history, "nb")
    section = robustness_section(problem, "nb", **robustness, sweep_criteria=["eu_demand"])
    return base.model_copy(update={"robustness": section, "seeds": {"robustness": 7}})


@pytest.fixture(scope="module")
def files(report) -> dict[str, bytes]:
    return {
        "csv": to_csv(report, "nb"),
        "xlsx": to_xlsx(report, "nb"),
        "docx": to_docx(report, "nb"),
        "pptx": to_pptx(report, "nb"),
        "md": to_markdown(report, "nb"),
        "json": to_json(report),
    }


def _sheet_table(ws, caption: str) -> tuple[list, list[list]]:
    """(header, rows) of the table under ``caption`` in a section tab (rows until the first empty one)."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows[:-1]) if r[0] == caption and sum(v is not None for v in rows[i + 1]) >= 2)
    header, body = rows[start + 1], []
    for r in rows[start + 2 :]:
        if all(v is None for v in r):
            break
        body.append(r)
    width = max(j for j, v in enumerate(header) if v is not None) + 1
    return header[:width], [r[:width] for r in body]


def _figures(section: ReportSection) -> int:
    """Figures a document shows for a section and its parts."""
    own = sum(isinstance(b, Figure) for b in section.blocks_for("document"))
    return own + sum(_figures(p) for p in section.parts)


# --- xlsx ---------------------------------------------------------------------------------------


def test_xlsx_has_workshop_and_robustness_tabs_with_the_engines_numbers(files, workshop, robustness) -> None:
    _, _, _, problem, result, history = workshop
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert {"Arbeidsmøte", "Robusthet", "Konsistens"} <= set(book.sheetnames)
    assert "Konsensus" not in book.sheetnames  # the workshop tab has consensus, with W and the rounds
    ws = book["Arbeidsmøte"]
    names = {c.id: c.name.nb for c in problem.criteria}
    header, rows = _sheet_table(ws, "Gruppens vekter med hver aggregering")
    assert header == ["Kriterium", *(g.label.nb for g in result.group_weights)]
    assert [r[0] for r in rows] == [names[c] for c in CRITERIA]  # Excel keeps 15-16 significant digits
    assert [r[1:] for r in rows] == [
        pytest.approx([g.weights[c] for g in result.group_weights], rel=1e-15) for c in CRITERIA
    ]
    _, figures = _sheet_table(ws, "Konsensustall")
    values = dict(figures)
    assert values["konsensusindikator S*"] == pytest.approx(result.consensus.s_star, rel=1e-15)
    assert values["Kendalls W for deltakernes rangeringer"] == pytest.approx(result.kendalls_w, rel=1e-15)
    assert values["CR for gruppematrisen"] == pytest.approx(result.group_cr, rel=1e-15)
    _, members = _sheet_table(ws, "Deltakerne")
    assert [m[0] for m in members] == ["Deltaker 1", "Deltaker 2", "Deltaker 3"]
    assert [m[4] for m in members] == pytest.approx([m.rw for m in result.members], rel=1e-15)
    _, rounds = _sheet_table(ws, "Rundene")
    assert [(r[0], r[3]) for r in rounds] == [(h.number, pytest.approx(h.s_star, rel=1e-15)) for h in history]
    _, ranks = _sheet_table(ws, "Plassen til hver posisjon for gruppen og for hver deltaker")
    assert [r[1] for r in ranks] == [e.rank for e in result.group_ranking.entries]

    rb = book["Robusthet"]
    acceptability = robustness["acceptability"]
    first, top3 = acceptability.first(), acceptability.top(3)
    label = {a.name.nb: a.id for a in problem.alternatives}
    header, rows = _sheet_table(rb, "Førsteplass, de tre første og gjennomsnittlig plass over trekningene")
    assert header[:3] == ["Posisjon", "Første plass (%)", "Blant de tre første (%)"]
    for name, first_pct, top3_pct, _ in rows:
        assert first_pct == pytest.approx(100 * first[label[name]], rel=1e-15)
        assert top3_pct == pytest.approx(100 * top3[label[name]], rel=1e-15)
    _, matrix = _sheet_table(rb, "Rangakseptabilitet: andel av trekningene (%) der hver posisjon får hver plass")
    shares = dict(zip(acceptability.alternatives, acceptability.acceptability))
    for row in matrix:
        assert row[1:] == pytest.approx([100 * x for x in shares[label[row[0]]]], rel=1e-14)
    _, intervals = _sheet_table(rb, "Stabilitetsintervaller for vektene (%)")
    engine = robustness["sensitivity"].intervals
    assert [r[0] for r in intervals] == [names[i.criterion] for i in engine]
    for row, interval in zip(intervals, engine):
        expected = [interval.current_weight, *interval.ranking, *interval.top_three, *interval.top_one]
        assert row[1:] == pytest.approx([100 * x for x in expected], rel=1e-14)
    _, spread = _sheet_table(rb, "Beste og dårligste plass over metodene")
    engine_spread = robustness["methods"].rank_spread()
    assert all(tuple(r[1:3]) == engine_spread[label[r[0]]] for r in spread)
    texts = [c for r in rb.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert any("2\u00a0000 trekninger, frø 7" in x for x in texts)  # samples and seed recorded
    assert any("jevnt fordelt over alle mulige vektsett" in x for x in texts)  # the cloud


# --- docx, pptx, md -----------------------------------------------------------------------------


def test_docx_has_both_sections_their_parts_messages_and_a_picture_per_chart(files, report) -> None:
    doc = Document(io.BytesIO(files["docx"]))
    level = {1: [], 2: []}
    for p in doc.paragraphs:
        if p.style.name in ("Heading 1", "Heading 2"):
            level[int(p.style.name[-1])].append(p.text)
    assert "Konsensus i gruppen" not in level[1]  # the workshop section has it
    workshop_at, robust_at = level[1].index("Arbeidsmøte"), level[1].index("Robusthet")
    assert level[1][workshop_at - 1] == "Konsistens i de parvise sammenligningene" and robust_at > workshop_at
    assert level[2] == [
        "Gruppens vekter",
        "Konsensus og samsvar",
        "Runder",
        "Rangakseptabilitet",
        "Stabilitetsintervaller",
        "Vektsveip: Avlastning av forsyningsrisiko",
        "Metoderobusthet",
    ]
    bold = {p.text for p in doc.paragraphs if p.runs and p.runs[0].bold}
    workshop, robust = report.workshop, report.robustness
    for part in (workshop, *workshop.parts, *robust.parts):
        assert part.message in bold
    assert "Gruppen er i stor grad enig (S* =\u00a084\u00a0%)" in bold
    assert "S* falt fra 84,1\u00a0% i runde 1 til 83,8\u00a0% i runde 2" in bold
    expected = sum(_figures(s) for s in build_sections(report, "nb"))
    assert _figures(workshop) == 4 and _figures(robust) == 7
    assert len(doc.inline_shapes) == expected == 3 + 4 + 7 + 1  # weights, scores, contributions + the sections + gaps


def test_pptx_has_one_slide_per_part_titled_by_its_message(files, report) -> None:
    prs = Presentation(io.BytesIO(files["pptx"]))
    titles = [s.shapes.title.text for s in prs.slides]
    workshop, robust = report.workshop, report.robustness
    messages = [workshop.message, *(p.message for p in workshop.parts), *(p.message for p in robust.parts)]
    start = titles.index(workshop.message)
    assert titles[start : start + len(messages)] == messages
    assert titles[start + 1 : start + 4] == [
        "«Industrielt grunnlag og kompetanse» veier tyngst for gruppen (41,7\u00a0%)",
        "Gruppen er i stor grad enig (S* =\u00a084\u00a0%)",
        "S* falt fra 84,1\u00a0% i runde 1 til 83,8\u00a0% i runde 2",
    ]
    assert any(t.endswith("av trekningene av vekter") for t in titles)
    assert "Robusthet" not in titles  # the robustness section has no slide of its own, only its parts
    pictures = [sum(1 for shape in s.shapes if shape.shape_type == 13) for s in prs.slides]
    assert pictures[start] == 0 and all(p == 1 for p in pictures[start + 1 : start + len(messages)])
    kicker = [shape.text_frame.text for shape in prs.slides[start + 4].shapes if shape.has_text_frame]
    assert "ROBUSTHET · RANGAKSEPTABILITET" in kicker


def test_markdown_has_the_sections_and_their_tables(files, workshop) -> None:
    text = files["md"].decode("utf-8")
    _, _, _, _, result, _ = workshop
    assert "## Arbeidsmøte" in text and "### Konsensus og samsvar" in text and "### Metoderobusthet" in text
    assert (
        "| Kriterium | AIJ: geometrisk gjennomsnitt av vurderingene | AIP: geometrisk gjennomsnitt av prioritetene |"
        in text
    )
    assert (
        "| Deltaker | Sendt inn | CR | Konsistent (CR ≤\u00a00,10) | rw mot gruppens rangering | Vekt som må flyttes |"
        in text
    )
    assert "| Posisjon | Første plass (%) | Blant de tre første (%) | Gjennomsnittlig plass |" in text
    assert "| Kriterium | Gjeldende vekt (%) | Rangering fra (%) |" in text
    assert "| Posisjon | Beste plass | Dårligste plass | Spenn |" in text
    assert "| Raffinering av kobolt | 1 | 1 | 0 |" in text
    assert f"| konsensusindikator S\\* | {format_percent(result.consensus.s_star, 'nb')}" in text


def test_csv_is_the_group_ranking(files, workshop) -> None:
    _, _, _, _, result, _ = workshop
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig")), delimiter=";"))
    assert [r[1] for r in rows[1:]] == [e.id for e in result.group_ranking.entries]


# --- the scenario reproduces the group --------------------------------------------------------


@pytest.mark.parametrize("aggregation", ["aij", "aip"])
def test_the_workshop_scenario_reproduces_the_group_weights_and_ranking(workshop, aggregation) -> None:
    service, key, info, problem, result, history = workshop
    report = workshop_report(info, problem, result, history, "nb", aggregation=aggregation)
    scenario = load_scenario(to_json(report))  # checks the hash and that the judgments give the weights
    group = next(g for g in result.group_weights if g.aggregation == aggregation)
    assert {c: scenario.weights.weights[c] for c in CRITERIA} == group.weights  # exactly
    assert all(scenario.weights.weights[c] == 0 for c in problem.criterion_ids if c not in CRITERIA)
    assert scenario.judgments.priorities() == group.weights
    assert scenario.judgments.members == ("Deltaker 1", "Deltaker 2", "Deltaker 3")
    ranking = scenario.rank()
    assert scenario.reproduces(ranking)
    if aggregation == "aij":  # the group ranking the dashboard shows (ranked on the weighed criteria only;
        # the scenario's criteria with weight 0 change the order of floating-point sums, nothing else)
        assert [(e.id, e.rank) for e in ranking.entries] == [(e.id, e.rank) for e in result.group_ranking.entries]
        assert [e.score for e in ranking.entries] == pytest.approx(
            [e.score for e in result.group_ranking.entries], rel=1e-12
        )
    saved = service.save_group_weights(key, 2, report.chosen_weights.name, aggregation, overwrite=True)
    assert saved == report.chosen_weights  # the weight set save_group_weights makes


def test_a_round_without_submissions_has_no_report(workshop) -> None:
    service, key, info, problem, _, _ = workshop
    service.open_next_round(key)
    try:
        empty = service.group_result(key, 3)
        with pytest.raises(Exception, match="ingen|no submissions|submissions"):
            workshop_report(info, problem, empty, service.round_history(key))
        section = workshop_section(empty, service.round_history(key), info, "nb")
        assert [p.key for p in section.parts] == ["workshop_rounds"]
    finally:
        service.close_round(key)


# --- anonymity ----------------------------------------------------------------------------------


def _all_text(fmt: str, data: bytes) -> str:
    if fmt in ("xlsx", "docx", "pptx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    return data.decode("utf-8-sig")


def test_no_member_name_in_any_format_of_an_anonymous_workshop(files) -> None:
    for fmt, data in files.items():
        text = _all_text(fmt, data)
        for name in NAMES:
            assert name not in text, (fmt, name)
    assert "Deltaker 2" in _all_text("docx", files["docx"]) and "Deltaker 2" in _all_text("json", files["json"])


def test_a_named_workshop_shows_the_names(service) -> None:
    key = _run_workshop(service, anonymous=False)
    info, problem = service.workshop_info(key), service.problem(key)
    report = workshop_report(info, problem, service.group_result(key, 1), service.round_history(key), "en")
    text = to_markdown(report, "en").decode("utf-8")
    assert all(f"| {name} |" in text for name in NAMES)
    assert json.loads(to_json(report))["judgments"]["members"] == NAMES


# --- the robustness section on its own ----------------------------------------------------------


def test_robustness_parts_follow_the_results_given(workshop, robustness) -> None:
    _, _, _, problem, _, _ = workshop
    assert robustness_section(problem) is None
    only_methods = robustness_section(problem, "en", methods=robustness["methods"])
    assert [p.key for p in only_methods.parts] == ["robustness_methods"]
    assert (
        only_methods.parts[0].message == "Cobalt refining is first with all 15 combinations of method and normalisation"
    )
    most_ranking, most_first = sensitive_criteria(robustness["sensitivity"])
    section = robustness_section(problem, "nb", sensitivity=robustness["sensitivity"])
    low, high = (format_percent(x, "nb") for x in most_ranking.ranking)
    name = problem.criterion(most_ranking.criterion).name.nb
    assert section.parts[0].message == f"Rangeringen er uendret så lenge vekten på {name} er mellom {low} og {high}"
    assert section.parts[1].title == f"Vektsveip: {problem.criterion(most_first.criterion).name.nb}"


def test_robustness_report_records_the_seed(workshop, robustness) -> None:
    _, _, info, problem, result, history = workshop
    base = workshop_report(info, problem, result, history)
    report = robustness_report(problem, base.ranking, base.weights, acceptability=robustness["acceptability"])
    assert report.scenario().seeds == {"robustness": 7}
    assert [p.key for p in report.robustness.parts] == ["robustness_acceptability"]


# --- pages --------------------------------------------------------------------------------------


@pytest.fixture
def app_db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("MCDA_DATABASE_URL", url)
    return url


def _page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_robustness_page_offers_every_export_of_what_it_shows(app_db) -> None:
    at = _page("robustness")
    assert [b.label for b in at.get("download_button")] == [
        "CSV",
        "Excel",
        "Word",
        "PowerPoint",
        "Markdown",
        "Scenario",
    ]
    assert any("stabilitetsintervaller og vektsveip" in c.value for c in at.caption)
    assert "sensitivity" in at.session_state["robustness.done"]  # the open tab's results, nothing else
    assert "methods" not in at.session_state["robustness.done"]
    at.session_state["robustness.tab"] = "Metoderobusthet"
    at.run()
    assert any("stabilitetsintervaller og vektsveip, metoderobusthet" in c.value for c in at.caption)
    assert len(at.get("download_button")) == 6


def test_the_facilitator_dashboard_offers_every_export_of_the_round(app_db) -> None:
    svc = WorkshopService(app_db)
    try:
        key = _run_workshop(svc, anonymous=True)
    finally:
        svc.dispose()
    at = _page("workshop_facilitator")
    at.text_input(key="ws.open.key").input(key)
    at.button(key="ws.open.button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == ["CSV", "Excel", "Word", "PowerPoint", "Markdown", "Scenario"]
    assert "Last ned rapporten for runde 2 (Excel, Word, PowerPoint, CSV, Markdown, scenario)" in [
        e.label for e in at.expander
    ]  # the round chosen on the dashboard (the latest)


@pytest.mark.parametrize("method", ["vikor", "spotis"])
def test_a_lower_is_better_score_says_so_once_in_the_report(method: str) -> None:
    from mcda.export import build_report, to_markdown
    from mcda.loading import load_problem
    from mcda.models import WeightSet
    from mcda.ranking import RankingSettings

    problem = load_problem("criteria/positions.yaml", "data/positions.csv")
    report = build_report(problem, WeightSet.equal(problem.criterion_ids), settings=RankingSettings(method=method))
    for lang, words in (("nb", "(lavere er bedre)"), ("en", "(lower is better)")):
        text = to_markdown(report, lang).decode()
        assert words in text
        assert f"{words} {words}" not in text
