"""The outlook section (with the value-chain map) in every export format, read back by each
format's reader: csv columns, xlsx tab, Word headings, messages and pictures, one slide per
message, Markdown tables; and the messages themselves."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from conftest import ROOT
from docx import Document
from pptx import Presentation

from mcda.export import Figure, ReportSection, to_csv, to_docx, to_markdown, to_pptx, to_xlsx
from mcda.export.content import build_sections
from mcda.export.outlooks import choice_message
from mcda.export.report import build_report
from mcda.models import WeightSet
from mcda.outlooks import base_outlook, load_outlook, rank_across_outlooks
from mcda.value_chains import load_value_chains

PICKED = ("china-export-controls", "nickel-price-collapse")


@pytest.fixture(scope="module")
def report(shipped_problem):
    weights = WeightSet.equal(shipped_problem.criterion_ids)
    outlooks = [base_outlook()] + [load_outlook(ROOT / "outlooks" / f"{i}.yaml") for i in PICKED]
    comparison = rank_across_outlooks(
        shipped_problem, weights, outlooks, probabilities={"today": 2, PICKED[0]: 1, PICKED[1]: 1}
    )
    return build_report(
        shipped_problem,
        weights,
        outlooks=comparison,
        value_chains=load_value_chains(ROOT / "data" / "value_chains.yaml"),
    )


@pytest.fixture(scope="module")
def section(report) -> ReportSection:
    return next(s for s in build_sections(report, "nb") if s.key == "outlooks")


@pytest.fixture(scope="module")
def files(report) -> dict[str, bytes]:
    return {
        "csv": to_csv(report, "nb"),
        "xlsx": to_xlsx(report, "nb"),
        "docx": to_docx(report, "nb"),
        "pptx": to_pptx(report, "nb"),
        "md": to_markdown(report, "nb"),
    }


def _figures(section: ReportSection) -> int:
    own = sum(isinstance(b, Figure) for b in section.blocks_for("document"))
    return own + sum(_figures(p) for p in section.parts)


def test_section_has_a_part_per_outlook_and_the_map(section, report) -> None:
    keys = [p.key for p in section.parts]
    assert keys == ["outlooks_choice", *(f"outlook_{i}" for i in PICKED), "value_chains"]
    messages = [p.message for p in section.parts]
    assert messages[0] == choice_message(report.outlooks, "nb")
    china = next(r for r in report.outlooks.rankings if r.outlook.id == PICKED[0])
    assert messages[1] == f"I «{china.outlook.name.nb}» rangeres {china.ranking.entries[0].name.nb} først"
    assert messages[3].endswith("av de 5 beste posisjonene ligger i ledd der Norge har industri i dag")


def test_choice_message_names_who_stays_in_the_top_three(report) -> None:
    comparison = report.outlooks
    steady = [e for e in comparison.robust if e.rank_worst <= 3]
    message = choice_message(comparison, "nb")
    if steady:
        assert "holder seg blant de tre første i alle tre fremtidsbildene" in message
        assert all(e.name.nb in message for e in steady)
    else:
        best = comparison.robust[0]
        assert message == (
            f"{best.name.nb} taper færrest plasser: aldri dårligere enn nr. {best.rank_worst} i de tre fremtidsbildene"
        )
    # a made-up comparison where one position is always in the top three
    entries = tuple(e.model_copy(update={"rank_worst": 2}) if i == 0 else e for i, e in enumerate(comparison.robust))
    forced = comparison.model_copy(update={"robust": entries})
    assert choice_message(forced, "en") == f"{entries[0].name.en} stays among the top three in all three outlooks"


def test_csv_has_rank_range_and_regret_columns(files, report) -> None:
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig")), delimiter=";"))
    head = rows[0]
    assert head[-8:] == [
        "rank:today",
        f"rank:{PICKED[0]}",
        f"rank:{PICKED[1]}",
        "rank_best_outlooks",
        "rank_worst_outlooks",
        "max_regret",
        "robust_rank",
        "expected_rank",
    ]
    by_id = {e.id: e for e in report.outlooks.robust}
    for row in rows[1:]:
        e = by_id[row[1]]
        cells = dict(zip(head, row, strict=True))
        assert int(cells[f"rank:{PICKED[0]}"]) == e.ranks[PICKED[0]]
        assert int(cells["max_regret"]) == e.max_regret
        assert float(cells["expected_rank"].replace(",", ".")) == pytest.approx(e.expected_rank)


def test_xlsx_has_the_outlook_tab_with_the_engines_ranks(files, report) -> None:
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert "Fremtidsbilder" in book.sheetnames
    rows = [list(r) for r in book["Fremtidsbilder"].iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r[:3] == ["Robust plass", "id", "Posisjon"])
    body = rows[header_at + 1 : header_at + 1 + 17]
    assert [r[1] for r in body] == [e.id for e in report.outlooks.robust]
    assert all(isinstance(r[0], int) for r in body)  # numbers stay numbers


def test_docx_has_the_headings_messages_and_pictures(files, report, section) -> None:
    doc = Document(io.BytesIO(files["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "Et valg som tåler alle fremtidsbildene" in headings and "Verdikjedene" in headings
    bold = {p.text for p in doc.paragraphs if p.runs and p.runs[0].bold}
    assert all(p.message in bold for p in section.parts)
    expected = sum(_figures(s) for s in build_sections(report, "nb"))
    assert _figures(section) == 3  # bump, rank ranges, the map
    assert len(doc.inline_shapes) == expected


def test_pptx_has_one_slide_per_message(files, section) -> None:
    prs = Presentation(io.BytesIO(files["pptx"]))
    titles = [s.shapes.title.text for s in prs.slides]
    messages = [p.message for p in section.parts]
    start = titles.index(messages[0])
    assert titles[start : start + len(messages)] == messages
    assert "Fremtidsbilder" not in titles


def test_markdown_has_the_rank_table_and_the_changes(files, report) -> None:
    text = files["md"].decode("utf-8")
    assert "## Fremtidsbilder" in text and "### Verdikjedene" in text
    assert "| Robust plass | id | Posisjon | 1. I dag |" in text
    assert "| Posisjoner | Kriterium | Endring | Grunnlag | Kilder | Begrunnelse |" in text
    assert "Ekspertvurdering" in text and "\\[S27\\]" in text  # Markdown escapes the brackets
    assert "Forventet plass" in text


def test_english_report_has_the_english_section(report) -> None:
    text = to_markdown(report, "en").decode("utf-8")
    assert "## Outlooks" in text and "### The value chains" in text and "Places lost at worst" in text


def test_two_outlooks_read_both(shipped_problem) -> None:
    weights = WeightSet.equal(shipped_problem.criterion_ids)
    two = rank_across_outlooks(
        shipped_problem, weights, [base_outlook(), load_outlook(ROOT / "outlooks" / "us-tariffs.yaml")]
    )
    nb, en = choice_message(two, "nb"), choice_message(two, "en")
    assert nb.endswith("i begge fremtidsbildene") and en.endswith("in both outlooks")


def test_cli_export_adds_the_outlook_section_and_the_map(tmp_path, shipped_problem) -> None:
    from typer.testing import CliRunner

    from mcda.cli import app

    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {" + ", ".join(f"{c}: 1" for c in shipped_problem.criterion_ids) + "}\n")
    args = [
        "export",
        "--criteria",
        str(ROOT / "criteria" / "positions.yaml"),
        "--data",
        str(ROOT / "data" / "positions.csv"),
    ]
    args += ["--weights", str(weights), "--format", "md", "--out", "-", "--lang", "en"]
    args += [
        "--outlook",
        str(ROOT / "outlooks" / "us-tariffs.yaml"),
        "--value-chains",
        str(ROOT / "data" / "value_chains.yaml"),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "## Outlooks" in result.stdout and "### The value chains" in result.stdout
    bad = CliRunner().invoke(app, args[:-4] + ["--probability", "x=1"])
    assert bad.exit_code == 2 and "--probability needs --outlook" in bad.stderr


def test_cli_export_with_a_bad_outlook_exits_2_with_one_line(tmp_path, shipped_problem) -> None:
    from typer.testing import CliRunner

    from mcda.cli import app

    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {" + ", ".join(f"{c}: 1" for c in shipped_problem.criterion_ids) + "}\n")
    bad = tmp_path / "bad.yaml"
    change = "{positions: [P99], criterion: maturity, add: 1, basis: judgment, rationale: r}"
    bad.write_text(f"id: bad\nname: Bad\ndescription: Bad\nchanges:\n  - {change}\n")
    args = [
        "export",
        "--criteria",
        str(ROOT / "criteria" / "positions.yaml"),
        "--data",
        str(ROOT / "data" / "positions.csv"),
    ]
    args += ["--weights", str(weights), "--format", "md", "--out", "-", "--outlook", str(bad)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert f"{bad}, line 5" in result.stderr and "P99" in result.stderr and "\n" not in result.stderr.strip()
