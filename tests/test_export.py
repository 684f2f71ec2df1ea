"""Exports: each format read back by its own reader (csv, openpyxl, python-docx, python-pptx).

Checked in each: the ranking (order, ids, scores), the weights, the charts (pictures), the
sources (every value's provenance and the bibliography), Norwegian letters, and that
hostile names (=HYPERLINK, +SUM, @x, -2+3, tab, CR) stay inert text while negative scores
stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import openpyxl
import pytest
from docx import Document
from pptx import Presentation
from pptx.util import Emu

from mcda.errors import InputError
from mcda.export import (
    FORMATS,
    MEDIA_TYPES,
    Paragraph,
    Report,
    ReportSection,
    Table,
    build_report,
    docx_export,
    export_report,
    file_name,
    to_csv,
    to_docx,
    to_json,
    to_markdown,
    to_pptx,
    to_xlsx,
)
from mcda.export.content import build_sections, method_notes
from mcda.export.safety import neutralise
from mcda.models import (
    Alternative,
    Cell,
    Criterion,
    DecisionProblem,
    LocalizedText,
    ProblemInfo,
    Provenance,
    WeightSet,
)
from mcda.ranking import RankingSettings
from mcda.scenario import Judgments, load_scenario

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+SUM(A1:A2)",
    "@x",
    "-2+3",
    "\tTabulator",
    "\rVognretur",
]
NORWEGIAN = "Ærlig ødegård på Åsen (æøå ÆØÅ)"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _hostile_problem() -> DecisionProblem:
    names = [*HOSTILE, NORWEGIAN, "Vanlig posisjon"]
    alternatives = tuple(
        Alternative(
            id=f"A{k + 1}", name=LocalizedText(nb=name, en=name), stage=LocalizedText(nb="Raffinering", en="Refining")
        )
        for k, name in enumerate(names)
    )
    criteria = (
        Criterion(id="kost", name=LocalizedText(nb="=1+1 kostnad", en="=1+1 cost"), direction="cost", unit="NOK/t"),
        Criterion(id="nytte", name=LocalizedText(nb="Nytteverdi for Øst-Finnmark", en="Benefit"), direction="benefit"),
        Criterion(id="skar", name=LocalizedText(nb="Skår (ekspert)", en="Score (expert)"), direction="benefit"),
    )
    values = [
        (250, 16, 2),
        (200, 16, 3),
        (300, 32, 1),
        (275, 32, 4),
        (225, 8, 0),
        (310, 40, 3),
        (190, 12, None),
        (260, 20, 2),
    ]
    cells = {}
    for alt, (cost, benefit, score) in zip(alternatives, values):
        cells[alt.id] = {
            "kost": Cell(value=cost, provenance=Provenance(kind="published", source='=cmd|" /C calc"!A0 [K1]')),
            "nytte": Cell(value=benefit, provenance=Provenance(kind="published", source="[K2] Årsrapport")),
            "skar": Cell(
                value=score,
                provenance=Provenance(kind="missing", rationale="ingen kilde funnet")
                if score is None
                else Provenance(
                    kind="expert_judgment",
                    author="Åse Øyen",
                    date=dt.date(2026, 11, 1),
                    rationale="@SUM(1) – vurdert på møtet",
                ),
            ),
        }
    return DecisionProblem(
        info=ProblemInfo(id="fiendtlig", name=LocalizedText(nb="Prøveproblem med æøå", en="Test problem")),
        criteria=criteria,
        alternatives=alternatives,
        cells=cells,
        sources={"K1": "+Kilde én, 2024", "K2": "Statistisk sentralbyrå (SSB), Årsrapport 2025"},
    )


def _pairwise(a: float, b: float, c: float):
    from mcda.ahp import PairwiseMatrix

    return PairwiseMatrix.from_judgments(
        ("kost", "nytte", "skar"), {("kost", "nytte"): a, ("kost", "skar"): b, ("nytte", "skar"): c}
    )


@pytest.fixture(scope="module")
def hostile_report() -> Report:
    """PROMETHEE II (negative net flows), group AHP weights, a comparison, robustness and workshop slots."""
    problem = _hostile_problem()
    judgments = Judgments(matrices=(_pairwise(3, 5, 2), _pairwise(1 / 2, 3, 3)), members=("Medlem Å", "=Medlem B"))
    weights = judgments.weight_set(name="Gruppens vekter")
    report = build_report(
        problem,
        weights,
        settings=RankingSettings(method="promethee2", missing_policy="worst"),
        judgments=judgments,
        compare_methods=("topsis", "vikor"),
        workshop={"name": "Arbeidsmøte 1", "runde": 2, "deltakere": 5, "dato": "2026-11-20"},
        robustness={
            "alternatives": list(problem.alternative_ids),
            "acceptability": [[1.0 if i == j else 0.0 for j in range(8)] for i in range(8)],
            "confidence": {a: 0.5 for a in problem.alternative_ids},
            "samples": 1000,
            "seed": 42,
        },
    )
    assert any(e.score < 0 for e in report.ranking.entries)
    return report


@pytest.fixture(scope="module")
def shipped_report(shipped_problem) -> Report:
    weights = WeightSet.equal(shipped_problem.criterion_ids, name="Like vekter")
    return build_report(shipped_problem, weights, settings=RankingSettings(missing_policy="drop_criteria"))


@pytest.fixture(scope="module")
def shipped_docx(shipped_report) -> Document:
    return Document(io.BytesIO(to_docx(shipped_report, "nb")))


@pytest.fixture(scope="module")
def shipped_pptx(shipped_report):
    return Presentation(io.BytesIO(to_pptx(shipped_report, "nb")))


@pytest.fixture(scope="module")
def hostile_docx(hostile_report) -> Document:
    return Document(io.BytesIO(to_docx(hostile_report, "nb")))


@pytest.fixture(scope="module")
def hostile_xlsx(hostile_report):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(hostile_report, "nb")))


def _tiny_png() -> bytes:
    """A valid 2x1 PNG, for tests about text (rendering the real charts is covered elsewhere)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" + b"\0" * 6))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def no_chart_rendering(monkeypatch):
    png = _tiny_png()
    monkeypatch.setattr("mcda.export.figures.charts.to_png", lambda chart, scale=2.0: png)
    return png


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _docx_table(doc, first_heading: str):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == first_heading)


def _slide_texts(slide) -> list[str]:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


# --- csv ------------------------------------------------------------------------------------


def _read_csv(data: bytes, separator: str = ";") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=separator))


def test_csv_has_the_ranking_with_contributions_for_norwegian_excel(shipped_report) -> None:
    rows = _read_csv(to_csv(shipped_report, "nb"))
    used = list(shipped_report.ranking.weights.weights)
    assert rows[0] == ["rank", "id", "name", "score", *used]
    ranking = shipped_report.ranking
    assert [r[1] for r in rows[1:]] == [e.id for e in ranking.entries]
    assert [int(r[0]) for r in rows[1:]] == [e.rank for e in ranking.entries]
    assert [float(r[3].replace(",", ".")) for r in rows[1:]] == [e.score for e in ranking.entries]  # exact
    first = ranking.entries[0]
    assert rows[1][2] == "Raffinering av kobolt"
    assert [float(x.replace(",", ".")) for x in rows[1][4:]] == [first.contributions[c] for c in used]


def test_a_comparison_csv_is_the_comparison_table(shipped_report) -> None:
    from mcda.ranking import rank_alternatives

    other = rank_alternatives(
        shipped_report.problem,
        shipped_report.weights,
        RankingSettings(method="vikor", missing_policy="drop_criteria"),
    )
    report = shipped_report.model_copy(update={"comparisons": {"VIKOR": other}, "label": "TOPSIS"})
    assert _read_csv(to_csv(report, "nb"))[0][:4] == ["rank", "id", "name", "score"]  # the ranking by default
    rows = _read_csv(export_report(report, "csv", "nb", table="comparison"))
    assert rows[0] == ["id", "name", "TOPSIS", "VIKOR"]
    assert [r[0] for r in rows[1:]] == [e.id for e in shipped_report.ranking.entries]
    assert [int(r[3]) for r in rows[1:]] == [other.rank_of()[r[0]] for r in rows[1:]]
    assert file_name(report, "csv", "comparison") == "prosess21-crm-positions-comparison-topsis.csv"
    assert file_name(report, "csv") == "prosess21-crm-positions-topsis.csv"


def test_csv_with_comma_uses_a_decimal_point_and_english_names(shipped_report) -> None:
    rows = _read_csv(to_csv(shipped_report, "en", separator=","), ",")
    assert (
        rows[1][2] == "Cobalt refining" and "." in rows[1][3] and float(rows[1][3]) == shipped_report.ranking.top.score
    )


def test_csv_neutralises_hostile_names_and_keeps_negative_scores_numeric(hostile_report) -> None:
    rows = _read_csv(to_csv(hostile_report, "nb"))
    names = {r[1]: r[2] for r in rows[1:]}
    for k, hostile in enumerate(HOSTILE):
        assert names[f"A{k + 1}"] == "'" + hostile
    assert names["A7"] == NORWEGIAN
    assert rows[0][4] == "kost"
    scores = [r[3] for r in rows[1:]]
    assert any(s.startswith("-") for s in scores)
    assert all(not s.startswith("'") for s in scores)
    assert [float(s.replace(",", ".")) for s in scores] == [e.score for e in hostile_report.ranking.entries]
    assert all(not cell.startswith(FORMULA_START) for r in rows for cell in r[1:3])


def test_csv_refuses_a_separator_equal_to_the_decimal_mark(shipped_report) -> None:
    with pytest.raises(ValueError):
        to_csv(shipped_report, separator=",", decimal=",")
    with pytest.raises(ValueError):
        to_csv(shipped_report, separator="|")


def test_neutralise() -> None:
    assert [neutralise(x) for x in HOSTILE] == ["'" + x for x in HOSTILE]
    assert neutralise("Åsen") == "Åsen" and neutralise("") == "" and neutralise("a=b") == "a=b"


# --- xlsx -----------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_part(shipped_report, hostile_xlsx) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(shipped_report, "nb")))
    assert workbook.sheetnames == ["Rangering", "Vekter", "Beslutningsmatrise", "Verdier og kilder", "Kilder", "Metode"]
    assert hostile_xlsx.sheetnames == [
        "Rangering", "Vekter", "Beslutningsmatrise", "Verdier og kilder", "Kilder", "Metode",
        "Konsistens", "Konsensus", "Arbeidsmøte", "Sammenligning", "Robusthet",
    ]  # fmt: skip
    english = openpyxl.load_workbook(io.BytesIO(to_xlsx(shipped_report, "en")))
    assert english.sheetnames[:3] == ["Ranking", "Weights", "Decision matrix"]


def test_xlsx_ranking_and_weights_are_numbers(shipped_report) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(shipped_report, "nb")))
    sheet = workbook["Rangering"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Plass", "Id", "Posisjon", "Verdikjedeledd", "Skår: nærhetskoeffisient")
    assert rows[0][5].startswith("Bidrag: ")
    assert [r[1] for r in rows[1:]] == [e.id for e in shipped_report.ranking.entries]
    # xlsxwriter writes 16 significant digits (Excel keeps 15); the exact floats are in the scenario JSON
    assert [r[4] for r in rows[1:]] == pytest.approx([e.score for e in shipped_report.ranking.entries], rel=1e-15)
    weights = {r[0]: (r[3], r[4], r[5]) for r in list(workbook["Vekter"].iter_rows(values_only=True))[1:10]}
    assert weights["Ressursgrunnlag"] == (pytest.approx(1 / 9), None, "utelatt: manglende verdier")
    assert weights["Modenhet"][1] == pytest.approx(0.2)
    assert sum(w[1] or 0 for w in weights.values()) == pytest.approx(1)
    texts = [c for r in workbook["Vekter"].iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert any(x.startswith("Slik er vektene fastsatt: like vekter") for x in texts)


def test_xlsx_every_value_has_its_source(shipped_report, shipped_problem) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(shipped_report, "nb")))
    matrix = workbook["Beslutningsmatrise"]
    assert matrix["A2"].value == "P01" and matrix["C2"].value == 0  # P01 resource_base, an expert judgment
    assert matrix["C2"].comment.text.startswith("Ekspertvurdering") and "Prosjektgruppen" in matrix["C2"].comment.text
    assert matrix["C2"].fill.fgColor.rgb.endswith("FFF2CC")
    assert matrix["E2"].value == 14.1 and matrix["E2"].comment.text.startswith("Publisert tall\nKilde: Eurometaux")
    provenance = list(workbook["Verdier og kilder"].iter_rows(values_only=True))
    assert provenance[0] == (
        "Posisjon", "Kriterium", "Verdi", "Type", "Kilde", "Vurdert av", "Dato", "Begrunnelse", "Brukt i rangeringen"
    )  # fmt: skip
    assert len(provenance) - 1 == len(shipped_problem.alternatives) * len(shipped_problem.criteria)
    kinds = {r[3] for r in provenance[1:]}
    assert kinds == {"Publisert tall", "Ekspertvurdering", "Manglende verdi"}
    assert "nei: kriteriet er utelatt" in {r[8] for r in provenance[1:]}
    sources = dict(list(workbook["Kilder"].iter_rows(values_only=True))[1:])
    assert set(sources) == set(shipped_problem.sources) and sources["S1"].startswith("European Commission")
    method = dict(list(workbook["Metode"].iter_rows(values_only=True))[1:])
    assert "Ressursgrunnlag" in method["Manglende verdier"] and method["Metode"].startswith("TOPSIS")


def test_xlsx_has_no_formula_and_hostile_text_is_inert(hostile_xlsx, hostile_report) -> None:
    for sheet in hostile_xlsx.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), (sheet.title, cell.coordinate, cell.value)
    ranking = list(hostile_xlsx["Rangering"].iter_rows(values_only=True))
    names = {r[1]: r[2].replace("_x000D_", "\r") for r in ranking[1:]}  # openpyxl leaves Excel's CR escape
    assert [names[f"A{k + 1}"] for k in range(len(HOSTILE))] == ["'" + h for h in HOSTILE]
    assert names["A7"] == NORWEGIAN
    scores = [r[4] for r in ranking[1:]]
    assert scores == pytest.approx([e.score for e in hostile_report.ranking.entries], rel=1e-15) and min(scores) < 0
    assert all(isinstance(s, float) for s in scores)
    assert hostile_xlsx["Rangering"]["E2"].data_type == "n"
    assert ranking[0][5] == "Bidrag: =1+1 kostnad"  # not at the start: not a formula


def test_xlsx_optional_sheets_hold_consensus_comparison_and_robustness(hostile_xlsx) -> None:
    consensus = [c for r in hostile_xlsx["Konsensus"].iter_rows(values_only=True) for c in r if c is not None]
    assert "konsensusindikator S*" in consensus and "Medlem Å" in consensus and "'=Medlem B" in consensus
    consistency = [c for r in hostile_xlsx["Konsistens"].iter_rows(values_only=True) for c in r if c is not None]
    assert "konsistensforhold CR = CI/RI" in consistency
    comparison = [c for r in hostile_xlsx["Sammenligning"].iter_rows(values_only=True) for c in r if c is not None]
    assert {"PROMETHEE II", "TOPSIS", "VIKOR", "Spearman ρ"} <= set(comparison)
    robustness = [c for r in hostile_xlsx["Robusthet"].iter_rows(values_only=True) for c in r if c is not None]
    assert "Plass 1" in robustness and 1.0 in robustness
    workshop = [c for r in hostile_xlsx["Arbeidsmøte"].iter_rows(values_only=True) for c in r if c is not None]
    assert "Arbeidsmøte 1" in workshop and 5 in workshop


# --- docx -----------------------------------------------------------------------------------


def test_docx_has_the_ranking_weights_charts_and_sources(shipped_docx, shipped_report, shipped_problem) -> None:
    doc = shipped_docx
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:5] == [
        "Hva som er rangert, og hvorfor",
        "Kriterier og vekter",
        "Rangering",
        "Bidrag per kriterium",
        "Metode og konvensjoner",
    ]
    assert headings[-3:] == ["Beslutningsmatrise og datagrunnlag", "Vedlegg: alle verdier med kilde", "Kilder"]
    text = _docx_text(doc)
    assert "Raffinering av kobolt rangeres først med TOPSIS" in text
    ranking = _docx_table(doc, "Plass")
    assert [row.cells[1].text for row in ranking.rows[1:]] == [e.id for e in shipped_report.ranking.entries]
    assert ranking.rows[1].cells[4].text == f"{shipped_report.ranking.top.score:.4f}".replace(".", ",")
    weights = _docx_table(doc, "Kriterium")
    assert weights.rows[1].cells[0].text == "Ressursgrunnlag" and weights.rows[1].cells[3].text == "11,1\u00a0%"
    assert weights.rows[-1].cells[4].text == "20,0\u00a0%"
    assert len(doc.inline_shapes) == 3  # weights, scores, contributions
    assert "Figur 3: Bidrag fra hvert kriterium" in text
    assert "[S1] European Commission" in text and "[S18]" in text  # the bibliography
    provenance = _docx_table(doc, "Posisjon")
    assert provenance is not None
    appendix = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Brukt i rangeringen")
    assert len(appendix.rows) - 1 == len(shipped_problem.alternatives) * len(shipped_problem.criteria)
    kinds = {row.cells[3].text for row in appendix.rows[1:]}
    assert kinds == {"Publisert tall", "Ekspertvurdering", "Manglende verdi"}
    assert "Prosjektgruppen (utkast til ekspertgruppen), 2026-11-29" in {row.cells[5].text for row in appendix.rows}
    assert "4 kriterier er utelatt fordi verdier mangler" in text
    assert "Utelatt: Ressursgrunnlag, Behov for ren kraft" in text
    assert "5 av i alt 9 kriterier (4 er utelatt fordi verdier mangler)" in text


def test_docx_marks_expert_judgments_in_the_matrix(shipped_docx) -> None:
    matrix = next(t for t in shipped_docx.tables if t.rows[0].cells[0].text == "Posisjon" and len(t.columns) == 10)
    p01 = [c.text for c in matrix.rows[1].cells]
    assert p01[:4] == ["P01 Primæraluminium", "0*", "4*", "14,1"]  # * expert judgment, plain: published
    assert "–" in [c.text for c in matrix.rows[4].cells]  # P04 has a missing value
    assert "(utelatt)" in matrix.rows[0].cells[1].text


def test_docx_with_group_weights_has_consistency_consensus_comparison_and_robustness(hostile_docx) -> None:
    text = _docx_text(hostile_docx)
    headings = [p.text for p in hostile_docx.paragraphs if p.style.name.startswith("Heading")]
    for heading in (
        "Konsistens i de parvise sammenligningene",
        "Konsensus i gruppen",
        "Arbeidsmøte",
        "Sammenligning av rangeringer",
        "Robusthet",
    ):
        assert heading in headings
    assert re.search(r"Enigheten i gruppen er (svært lav|lav|moderat|høy|svært høy) \(S\* =\u00a0\d+,\d\u00a0%\)", text)
    assert "konsistensforhold CR = CI/RI" in text and "Konsensusindikatoren S* (Goepel 2018)" in text
    assert "er på førsteplass i 100\u00a0% av vektkombinasjonene" in text and "frø 42" in text
    assert len(hostile_docx.inline_shapes) == 5  # weights, scores, contributions, bump chart, heat map
    for hostile in HOSTILE[:4]:
        assert hostile in text  # shown as written in a document (no formulas in Word)
    assert NORWEGIAN in text and "Åse Øyen, 2026-11-01" in text


def test_docx_in_english(hostile_report, no_chart_rendering) -> None:
    doc = Document(io.BytesIO(to_docx(hostile_report, "en")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "What was ranked, and why" and "Consensus in the group" in headings
    assert "Every value and its source" in _docx_text(doc)


# --- pptx -----------------------------------------------------------------------------------


def test_pptx_one_message_per_slide_with_charts_as_pictures(shipped_pptx) -> None:
    prs = shipped_pptx
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000)) or abs(
        prs.slide_width / prs.slide_height - 16 / 9
    ) < 0.01
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert titles[0] == "Norske posisjoner i prosesserte kritiske råmaterialer"
    assert titles[1:] == [
        "17 posisjoner vurdert mot 9 kriterier",
        "De 5 kriteriene som inngår, veier likt (20,0\u00a0% hver)",
        "Raffinering av kobolt rangeres først med TOPSIS",
        "For Raffinering av kobolt teller «Risiko for markedsadgang og pris» mest",
        "4 kriterier er utelatt fordi verdier mangler",
        "39 publiserte tall, 89 ekspertvurderinger, 25 manglende verdier",
        "32 kilder bak verdiene",
    ]
    pictures = [sum(1 for s in slide.shapes if s.shape_type == 13) for slide in prs.slides]
    assert pictures == [0, 0, 1, 1, 1, 0, 0, 0]
    sources = "\n".join(_slide_texts(prs.slides[-1]))
    assert "[S1] European Commission" in sources
    assert prs.slides[3].has_notes_slide and "nærhetskoeffisient" in prs.slides[3].notes_slide.notes_text_frame.text


def test_pptx_shows_consensus_comparison_and_robustness(hostile_report) -> None:
    prs = Presentation(io.BytesIO(to_pptx(hostile_report, "nb")))
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert any(t.startswith("Enigheten i gruppen er") for t in titles)
    assert any(t.startswith("Gruppematrisens vurderinger") and "CR =" in t for t in titles)
    assert any(t.startswith("Rangeringene") for t in titles)
    assert "Ærlig ødegård på Åsen (æøå ÆØÅ) er på førsteplass i 100\u00a0% av vektkombinasjonene" not in titles
    assert any("er på førsteplass i 100\u00a0% av vektkombinasjonene" in t for t in titles)
    assert titles[0] == "Prøveproblem med æøå"
    everything = "\n".join(x for slide in prs.slides for x in _slide_texts(slide))
    assert NORWEGIAN in everything


# --- md, json, shared -----------------------------------------------------------------------


def test_markdown_has_the_same_sections_as_the_docx(shipped_report, no_chart_rendering) -> None:
    text = to_markdown(shipped_report, "nb").decode("utf-8")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [s.title for s in build_sections(shipped_report, "nb")]
    assert "**Raffinering av kobolt rangeres først med TOPSIS**" in text
    assert "| 1 | P05 | Raffinering av kobolt | Prosessering (raffinering) | 0,7759 |" in text
    assert "- \\[S1\\] European Commission" in text and "Ekspertvurdering" in text
    assert "*Figur 2: Skår med TOPSIS (diagram i Word- og PowerPoint-eksporten)*" in text
    embedded = to_markdown(shipped_report, "nb", images="embed").decode("utf-8")
    assert embedded.count("](data:image/png;base64,") == 3


def test_markdown_escapes_names(hostile_report) -> None:
    text = to_markdown(hostile_report, "en").decode("utf-8")
    assert NORWEGIAN in text
    assert '=HYPERLINK("http://x","y")' in text and "\t" not in text and "\r" not in text
    assert "<" not in text.replace("\\<", "")


def test_json_is_the_scenario_and_reproduces_the_ranking(hostile_report, shipped_report) -> None:
    scenario = load_scenario(to_json(shipped_report))
    assert scenario.rank() == shipped_report.ranking
    assert scenario.sha256 == shipped_report.scenario().sha256
    # names never hold control characters: the hostile problem, built in code with "\tTabulator"
    # and "\rVognretur", is written out faithfully but refused on reading, with the names' places
    data = json.loads(to_json(hostile_report))
    assert data["sha256"] == hostile_report.scenario().sha256
    assert data["judgments"]["members"] == ["Medlem Å", "=Medlem B"]
    with pytest.raises(InputError) as caught:
        load_scenario(to_json(hostile_report))
    assert {i.code for i in caught.value.issues} == {"control_character"}
    assert {i.column.split(".name")[0] for i in caught.value.issues} == {
        "problem.alternatives[4]",
        "problem.alternatives[5]",
    }
    assert NORWEGIAN in to_json(hostile_report).decode("utf-8")
    assert json.loads(to_json(shipped_report))["method"] == "topsis"


def test_export_report_dispatches_every_format(shipped_report) -> None:
    assert set(MEDIA_TYPES) == set(FORMATS)
    for fmt in ("csv", "md", "json", "xlsx"):
        assert export_report(shipped_report, fmt) == {"csv": to_csv, "md": to_markdown, "xlsx": to_xlsx}.get(
            fmt, lambda r, lang="nb": to_json(r)
        )(shipped_report, "nb")
    assert file_name(shipped_report, "docx") == "prosess21-crm-positions-topsis.docx"
    with pytest.raises(ValueError):
        export_report(shipped_report, "pdf")  # type: ignore[arg-type]


def test_a_reports_scenario_file_carries_the_reports_time_whenever_it_is_written(shipped_report, monkeypatch) -> None:
    """Written twice a second apart (the export test's two calls once straddled a second): the same bytes,
    saved at the report's time; the SHA-256 never covers the time."""
    import datetime as dt
    import json

    from mcda import scenario as scenario_module

    ticks = iter(dt.datetime(2026, 12, 3, 20, 47, s, tzinfo=dt.UTC) for s in range(50, 60))
    monkeypatch.setattr(scenario_module, "_utcnow", lambda: next(ticks))
    first, second = to_json(shipped_report), to_json(shipped_report)
    assert first == second
    written = json.loads(first)
    assert dt.datetime.fromisoformat(written["created_at"]) == shipped_report.created_at
    assert written["sha256"] == shipped_report.scenario().compute_sha256()


def test_norwegian_letters_survive_every_format(hostile_report, hostile_docx, hostile_xlsx) -> None:
    assert NORWEGIAN in to_csv(hostile_report).decode("utf-8-sig")
    assert NORWEGIAN in to_markdown(hostile_report).decode("utf-8")
    assert NORWEGIAN in to_json(hostile_report).decode("utf-8")
    assert NORWEGIAN in _docx_text(hostile_docx)
    assert NORWEGIAN in {c for r in hostile_xlsx["Rangering"].iter_rows(values_only=True) for c in r}


def test_an_added_section_renders_in_every_document_format(shipped_report) -> None:
    extra = ReportSection(
        key="sensitivity",
        title=LocalizedText(nb="Følsomhetsanalyse", en="Sensitivity analysis"),
        message=LocalizedText(nb="Førsteplassen holder for vekter ±10 %", en="First place holds for weights ±10%"),
        blocks=(
            Paragraph(text=LocalizedText(nb="Vektene er endret én om gangen.", en="One weight at a time.")),
            Table(
                key="intervals",
                columns=("Kriterium", "Fra", "Til"),
                rows=(("Modenhet", -0.05, 0.1),),
                formats=("text", "percent", "percent"),
            ),
        ),
        sheet=LocalizedText(nb="Følsomhet", en="Sensitivity"),
    )
    report = shipped_report.model_copy(update={"sections": (extra,)})
    assert "## Følsomhetsanalyse" in to_markdown(report).decode("utf-8")
    assert "| Modenhet | −5,0\u00a0% | 10,0\u00a0% |" in to_markdown(report).decode("utf-8")
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    assert "Følsomhet" in workbook.sheetnames
    assert [c.value for c in workbook["Følsomhet"][4]] == ["Modenhet", -0.05, 0.1]


def test_robustness_of_the_wrong_shape_is_a_clear_error(shipped_report) -> None:
    report = shipped_report.model_copy(update={"robustness": 42})
    with pytest.raises(TypeError, match="Report.robustness"):
        build_sections(report)


def test_sections_follow_the_data(shipped_report, hostile_report) -> None:
    keys = [s.key for s in build_sections(shipped_report)]
    assert keys == ["intro", "weights", "ranking", "contributions", "method", "data", "provenance", "sources"]
    keys = [s.key for s in build_sections(hostile_report)]
    assert keys == [
        "intro",
        "weights",
        "ranking",
        "contributions",
        "consistency",
        "consensus",
        "workshop",
        "comparison",
        "robustness",
        "method",
        "data",
        "provenance",
        "sources",
    ]


def test_missing_policy_text_names_what_was_imputed(hostile_report) -> None:
    notes = dict(method_notes(hostile_report, "nb"))
    assert (
        "A7/Skår (ekspert) (1 manglende verdi)" in notes["Manglende verdier"]
        and "A7/Skår (ekspert)" in notes["Manglende verdier"]
    )


def test_reports_refuse_bad_input_like_rankings(shipped_problem) -> None:
    with pytest.raises(InputError):
        build_report(
            shipped_problem, WeightSet.equal(shipped_problem.criterion_ids), RankingSettings(missing_policy="refuse")
        )


def _group_report(members: tuple[str, ...] = ()) -> Report:
    """Three close members and a fourth far off (CR 0,626) whose group matrix is still consistent."""
    matrices = (_pairwise(3, 5, 2), _pairwise(2, 4, 2), _pairwise(3, 6, 2), _pairwise(2, 1 / 2, 3))
    judgments = Judgments(matrices=matrices, members=members)
    return build_report(
        _hostile_problem(),
        judgments.weight_set(name="Gruppens vekter"),
        settings=RankingSettings(),
        judgments=judgments,
    )


def test_consistency_headline_names_the_group_matrix_and_the_members_above_the_threshold() -> None:
    report = _group_report(("Kari", "Ola", "Per", "Åse"))
    md_nb = to_markdown(report, "nb").decode()
    assert (
        "Gruppematrisens vurderinger er konsistente (CR =\u00a00,043 ≤\u00a00,10); "
        "1 av 4 deltakere har CR over 0,10: Åse" in md_nb
    )
    assert "Vurderingene er konsistente" not in md_nb
    md_en = to_markdown(report, "en").decode()
    assert (
        "The group matrix's judgments are consistent (CR =\u00a00.043 ≤\u00a00.10); "
        "1 of 4 members have a CR above 0.10: Åse" in md_en
    )
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(to_docx(report, "nb"))).paragraphs)
    assert "1 av 4 deltakere har CR over 0,10: Åse" in docx_text


def test_consistency_headline_numbers_anonymous_members() -> None:
    md_nb = to_markdown(_group_report(), "nb").decode()
    assert "1 av 4 deltakere har CR over 0,10: deltaker 4" in md_nb
    assert "1 of 4 members have a CR above 0.10: member 4" in to_markdown(_group_report(), "en").decode()


def test_word_looks_each_style_up_once_and_styles_every_paragraph_as_named(
    monkeypatch, hostile_report, no_chart_rendering
) -> None:
    # python-docx searches the styles part for a name on every paragraph, heading and table it styles
    # (about 0.4 s of a report); the exporter looks each name up once
    from docx.styles.styles import Styles

    looked_up: list[tuple[object, object]] = []
    original = Styles.get_style_id

    def counting(self, style_or_name, style_type):
        looked_up.append((style_or_name, style_type))
        return original(self, style_or_name, style_type)

    monkeypatch.setattr(Styles, "get_style_id", counting)
    doc = Document(io.BytesIO(to_docx(hostile_report, "nb")))
    names = [key for key in looked_up if isinstance(key[0], str)]
    assert names and len(names) == len(set(names)), sorted(map(str, names))
    paragraph_styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Caption", "List Bullet", "Normal"} <= paragraph_styles
    assert {t.style.name for t in doc.tables} == {docx_export.TABLE_STYLE}
    table_text = {p.style.name for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs}
    assert table_text <= {docx_export.TABLE_TEXT, docx_export.TABLE_TEXT_SMALL} and table_text
