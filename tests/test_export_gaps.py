"""The knowledge-gap section and the rank ranges in every export format, read back by each format's
reader: the engine's gap list (mcda.gaps) in the tables, the chart as a picture, one slide per
message, the statement of how many values are intervals, the possible ranks in the ranking table;
the scenario file is unaffected. A ranking without intervals has none of it."""

from __future__ import annotations

import base64
import csv
import io
import json

import openpyxl
import pytest
from docx import Document
from pptx import Presentation

from mcda.export import build_report, to_csv, to_docx, to_json, to_markdown, to_pptx, to_xlsx
from mcda.export.content import build_sections
from mcda.export.gaps import gaps_section, report_gaps
from mcda.formatting import format_percent
from mcda.gap_views import gap_label, gap_table
from mcda.gaps import analyse_gaps
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.ranking import RankingSettings

SHIPPED = ("criteria/positions.yaml", "data/positions.csv", "data/positions.sources.csv")


@pytest.fixture(scope="module")
def problem():
    return load_problem(*SHIPPED)


@pytest.fixture(scope="module")
def weights(problem):
    raw = {c: 1.0 for c in problem.criterion_ids} | {"climate_advantage": 2.0, "eu_demand": 3.0}
    return WeightSet.from_raw(raw, name="Klima og EU", criteria=problem.criterion_ids)


@pytest.fixture(scope="module")
def analysis(problem, weights):
    return analyse_gaps(problem, weights, RankingSettings())


@pytest.fixture(scope="module")
def report(problem, weights):
    return build_report(problem, weights)


@pytest.fixture(scope="module")
def files(report) -> dict[str, bytes]:
    return {
        "csv": to_csv(report, "nb"),
        "xlsx": to_xlsx(report, "nb"),
        "docx": to_docx(report, "nb"),
        "pptx": to_pptx(report, "nb"),
        "md": to_markdown(report, "nb", images="embed"),
        "json": to_json(report),
    }


def _expected_rows(analysis, problem, lang="nb", top=None) -> list[list]:
    frame = gap_table(analysis, problem, lang, top)
    return [[v.item() if hasattr(v, "item") else v for v in row] for row in frame.values]


def _message(analysis) -> str:
    first = sum(g.can_change_first for g in analysis.gaps)
    return f"{first} av {len(analysis.gaps)} ukjente verdier kan endre hvem som er først"


def test_the_report_analyses_the_rankings_intervals_with_its_weights_and_settings(report, analysis) -> None:
    assert report.ranking.interval_cells and len(report.ranking.interval_cells) == 25
    assert report_gaps(report).gaps == analysis.gaps
    assert sum(g.can_change_first for g in analysis.gaps) >= 1  # the shipped problem has influential gaps


def test_xlsx_has_a_gap_tab_with_every_gap_and_possible_ranks_in_the_ranking(files, report, problem, analysis) -> None:
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert "Kunnskapshull" in book.sheetnames
    rows = [list(r) for r in book["Kunnskapshull"].iter_rows(values_only=True)]
    texts = [r[0] for r in rows if isinstance(r[0], str)]
    assert any(text.startswith("27 verdier er ukjente eller usikre") for text in texts)
    start = next(i for i, r in enumerate(rows) if r[0] == "Alle kunnskapshull, de viktigste først")
    header = [v for v in rows[start + 1] if v is not None]
    assert header[:2] == ["Posisjon", "Kriterium"] and "Mulige plasser" in header
    body = [r[: len(header)] for r in rows[start + 2 : start + 2 + len(analysis.gaps)]]
    expected = _expected_rows(analysis, problem)
    assert [r[:3] for r in body] == [r[:3] for r in expected]  # names and intervals, most influential first
    assert [r[3:8] for r in body] == [r[3:8] for r in expected]  # value now, rank now, ranges, ja/nei
    assert [r[8] for r in body] == pytest.approx([r[8] for r in expected])  # the share stays a number
    messages = [r[0] for r in rows if isinstance(r[0], str) and r[0].startswith("Å kjenne")]
    headline = [g for g in analysis.gaps if g.can_change_first][:3]
    assert messages == [f"Å kjenne {gap_label(problem, g, 'nb')} kan endre hvem som er først" for g in headline]

    ranking = [list(r) for r in book["Rangering"].iter_rows(values_only=True)]
    column = ranking[0].index("Mulige plasser")
    assert [r[column] for r in ranking[1:]] == [f"{e.rank_best}–{e.rank_worst}" for e in report.ranking.entries]
    method = " ".join(str(v) for r in book["Metode"].iter_rows(values_only=True) for v in r if v)
    assert "25 manglende verdier regnes som intervallet" in method
    assert "ingen manglende verdier" not in method


def test_docx_has_the_section_table_picture_and_interval_statement(files, report, problem, analysis) -> None:
    doc = Document(io.BytesIO(files["docx"]))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Kunnskapshull" in paragraphs
    assert _message(analysis) in paragraphs
    assert any(p.startswith("25 av 153 verdier mangler og regnes som intervaller") for p in paragraphs)
    headline = [g for g in analysis.gaps if g.can_change_first][:3]
    for g in headline:
        assert gap_label(problem, g, "nb") in paragraphs  # a level-2 heading per message
    gap_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Posisjon" and len(t.columns) == 9]
    assert len(gap_tables) == 1
    shown = [[c.text for c in row.cells] for row in gap_tables[0].rows[1:]]
    expected = _expected_rows(analysis, problem, top=10)
    assert len(shown) == 10
    assert [r[:3] + r[5:8] for r in shown] == [r[:3] + r[5:8] for r in expected]
    assert [r[8] for r in shown] == [format_percent(r[8], "nb") for r in expected]
    ranking = next(t for t in doc.tables if "Mulige plasser" in [c.text for c in t.rows[0].cells])
    column = [c.text for c in ranking.rows[0].cells].index("Mulige plasser")
    assert [r.cells[column].text for r in ranking.rows[1:]] == [
        f"{e.rank_best}–{e.rank_worst}" for e in report.ranking.entries
    ]
    figures = sum(
        b.kind == "figure"
        for s in build_sections(report, "nb")
        for b in (*s.blocks_for("document"), *(x for p in s.parts for x in p.blocks_for("document")))
    )
    assert len(doc.inline_shapes) == figures == 4  # weights, scores, contributions and the gap chart


def test_pptx_has_the_gap_chart_slide_and_one_slide_per_message(files, problem, analysis) -> None:
    prs = Presentation(io.BytesIO(files["pptx"]))
    titles = [s.shapes.title.text for s in prs.slides]
    main = titles.index(_message(analysis))
    assert any(shape.shape_type == 13 for shape in prs.slides[main].shapes)  # the chart as a picture
    headline = [g for g in analysis.gaps if g.can_change_first][:3]
    expected = [f"Å kjenne {gap_label(problem, g, 'nb')} kan endre hvem som er først" for g in headline]
    assert titles[main + 1 : main + 1 + len(expected)] == expected
    notes = prs.slides[main].notes_slide.notes_text_frame.text
    assert "Sobol" in notes  # the method in the speaker notes
    body = " ".join(sh.text_frame.text for sh in prs.slides[main + 1].shapes if sh.has_text_frame)
    g = headline[0]
    assert f"kan havne alt fra plass {g.rank_best} til {g.rank_worst}, avhengig av denne verdien alene" in body


def test_markdown_has_the_table_the_embedded_chart_and_the_interval_statement(files, problem, analysis) -> None:
    md = files["md"].decode()
    assert "## Kunnskapshull" in md and f"**{_message(analysis)}**" in md
    assert "25 av 153 verdier mangler og regnes som intervaller" in md
    g = analysis.gaps[0]
    row = f"| {problem.alternative(g.id).name.nb} | {problem.criterion(g.criterion).name.nb} | "
    assert row in md
    section = md[md.index("## Kunnskapshull") :]
    section = section[: section.index("\n## ", 5)]
    images = [line for line in section.splitlines() if line.startswith("![")]
    assert len(images) == 1
    png = base64.b64decode(images[0].split("base64,")[1].rstrip(")"))
    assert png.startswith(b"\x89PNG")
    assert "| Plass | Id | Posisjon | Verdikjedeledd | Mulige plasser |" in md


def test_csv_has_the_rank_ranges(files, report) -> None:
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["rank", "id", "name", "score", "rank_best", "rank_worst"]
    assert [(r[1], int(r[4]), int(r[5])) for r in rows[1:]] == [
        (e.id, e.rank_best, e.rank_worst) for e in report.ranking.entries
    ]


def test_the_scenario_is_unaffected_by_the_gap_section(files, report) -> None:
    with_gaps = json.loads(files["json"])
    without = json.loads(to_json(report.model_copy(update={"gaps": False})))
    with_gaps.pop("created_at"), without.pop("created_at")  # the file's own creation time
    assert with_gaps == without
    assert "gaps" not in with_gaps


def test_english_messages(report, problem, analysis) -> None:
    sections = {s.key: s for s in build_sections(report, "en")}
    first = sum(g.can_change_first for g in analysis.gaps)
    assert sections["gaps"].title == "Knowledge gaps"
    assert sections["gaps"].message == f"{first} of 27 unknown values can change who is first"
    g = analysis.gaps[0]
    assert sections["gaps"].parts[0].message == f"Knowing {gap_label(problem, g, 'en')} can change who is first"
    prs = Presentation(io.BytesIO(to_pptx(report, "en")))
    assert sections["gaps"].message in [s.shapes.title.text for s in prs.slides]


def test_a_ranking_without_intervals_has_no_gap_section_and_no_ranges(problem, weights) -> None:
    report = build_report(problem, weights, RankingSettings(missing_policy="drop_criteria"))
    assert "gaps" not in [s.key for s in build_sections(report, "nb")]
    md = to_markdown(report, "nb").decode()
    assert "Kunnskapshull" not in md and "Mulige plasser" not in md
    assert "rank_best" not in to_csv(report).decode().splitlines()[0]
    off = build_report(problem, weights).model_copy(update={"gaps": False})
    assert "gaps" not in [s.key for s in build_sections(off, "nb")]


def test_a_given_analysis_or_section_is_used_as_it_is(problem, weights, analysis) -> None:
    other = analyse_gaps(problem, WeightSet.equal(problem.criterion_ids))
    report = build_report(problem, weights, gaps=other)
    section = next(s for s in build_sections(report, "nb") if s.key == "gaps")
    expected = gaps_section(problem, other, "nb")
    assert section.message == expected.message and section.parts == expected.parts
    assert [b for b in section.blocks if b.kind == "table"] == [b for b in expected.blocks if b.kind == "table"]
    default = next(s for s in build_sections(build_report(problem, weights), "nb") if s.key == "gaps")
    assert [b for b in section.blocks if b.kind == "table"] != [b for b in default.blocks if b.kind == "table"]
    ready = gaps_section(problem, analysis, "en")
    report = build_report(problem, weights, gaps=ready)
    assert next(s for s in build_sections(report, "nb") if s.key == "gaps") is ready
