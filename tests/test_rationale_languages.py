"""Provenance rationales in bokmål and English: the optional ``rationale_nb`` column, the fallback
between the languages, saved scenarios, the reports and pages in each language, and the shipped
translations (every source marker, number and quotation of the English text is in the bokmål)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import openpyxl
import pytest
from provenance_languages import MARKER, SHIPPED, bokmal_numbers, english_numbers, shipped_rows, two_positions

from mcda import views
from mcda.errors import InputError
from mcda.export import build_report, to_markdown, to_xlsx
from mcda.export.content import build_sections
from mcda.export.gaps import gaps_section
from mcda.gaps import analyse_gaps
from mcda.loading import load_problem
from mcda.missing import apply_missing_policy
from mcda.models import Provenance, WeightSet
from mcda.ranking import RankingSettings
from mcda.scenario import Scenario, load_scenario

SOURCES = """\
id,criterion,kind,source,author,date,rationale,rationale_nb
P01,energy,published,[S9] Eurometaux,,,Global average,Globalt gjennomsnitt
P01,maturity,expert_judgment,,Prosjektgruppen,2026-11-29,Operating smelters,
P17,energy,missing,,,,No published figure,"Ingen publiserte tall
for strømforbruk"
P17,maturity,expert_judgment,,Prosjektgruppen,2026-11-29,,Nedlagt i 2002
"""


def problem(sources: str = SOURCES):
    return two_positions("", sources)


# --- loading and fallback ------------------------------------------------------------------------


def test_the_bokmal_column_is_loaded_beside_the_english() -> None:
    p = problem()
    published = p.cell("P01", "energy").provenance
    assert (published.rationale, published.rationale_nb) == ("Global average", "Globalt gjennomsnitt")
    assert p.cell("P17", "energy").provenance.rationale_nb == "Ingen publiserte tall\nfor strømforbruk"


def test_each_language_shows_its_own_text_and_falls_back_without_a_marker() -> None:
    p = problem()
    both = p.cell("P01", "energy").provenance
    assert (both.rationale_in("nb"), both.rationale_in("en")) == ("Globalt gjennomsnitt", "Global average")
    english_only = p.cell("P01", "maturity").provenance
    assert english_only.rationale_nb is None
    # no bokmål text: the bokmål view shows the English text exactly, with nothing added
    assert english_only.rationale_in("nb") == english_only.rationale_in("en") == "Operating smelters"
    bokmal_only = p.cell("P17", "maturity").provenance
    assert bokmal_only.rationale is None
    assert bokmal_only.rationale_in("en") == bokmal_only.rationale_in("nb") == "Nedlagt i 2002"
    assert Provenance(kind="missing").rationale_in("nb") is None


def english_only(sources: str) -> str:
    """``sources`` as written before the bokmål column existed."""
    rows = list(csv.reader(io.StringIO(sources)))
    rows = [r[:-1] for r in rows]
    rows[-1][-1] = "Closed in 2002"  # the one row with only a bokmål rationale
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_a_file_without_the_column_keeps_working() -> None:
    p = problem(english_only(SOURCES))
    assert all(c.provenance.rationale_nb is None for row in p.cells.values() for c in row.values())
    assert p.cell("P01", "energy").provenance.rationale_in("nb") == "Global average"


def test_an_expert_judgment_needs_a_rationale_in_one_language_or_the_other() -> None:
    lacking = SOURCES.replace("Prosjektgruppen,2026-11-29,,Nedlagt i 2002", "Prosjektgruppen,2026-11-29,,")
    with pytest.raises(InputError) as caught:
        problem(lacking)
    issue = caught.value.issues[0]
    assert (issue.code, issue.line, issue.column) == ("source_required", 6, "rationale")


def test_a_bad_bokmal_cell_is_located() -> None:
    with pytest.raises(InputError) as caught:
        problem(SOURCES.replace("Globalt gjennomsnitt", "Globalt\x07gjennomsnitt"))
    issue = caught.value.issues[0]
    assert (issue.code, issue.file, issue.line, issue.column) == (
        "control_character_text",
        "d.sources.csv",
        2,
        "rationale_nb",
    )
    with pytest.raises(InputError) as caught:
        problem(SOURCES.replace("rationale_nb", "rationale_se").replace("tall\nfor", "tall for"))
    issue = caught.value.issues[0]
    assert (issue.code, issue.line, issue.column) == ("unknown_column", 1, "rationale_se")


# --- scenarios -----------------------------------------------------------------------------------


def test_saved_scenarios_without_bokmal_rationales_keep_their_hash() -> None:
    english = problem(english_only(SOURCES))
    scenario = Scenario.create(english, WeightSet.equal(english.criterion_ids))
    written = json.loads(scenario.to_json())
    provenances = [c["provenance"] for row in written["problem"]["cells"].values() for c in row.values()]
    assert all("rationale_nb" not in p for p in provenances)  # as files were before the column existed
    assert load_scenario(scenario.to_json()).sha256 == scenario.sha256


def test_bokmal_rationales_go_into_the_scenario_and_its_hash() -> None:
    p = problem()
    scenario = Scenario.create(p, WeightSet.equal(p.criterion_ids))
    loaded = load_scenario(scenario.to_json())
    assert loaded.problem.cell("P01", "energy").provenance.rationale_nb == "Globalt gjennomsnitt"
    tampered = json.loads(scenario.to_json())
    tampered["problem"]["cells"]["P01"]["energy"]["provenance"]["rationale_nb"] = "Endret"
    with pytest.raises(InputError) as caught:
        load_scenario(json.dumps(tampered))
    assert caught.value.issues[0].code == "scenario_hash_mismatch"


# --- what the engine writes into a provenance --------------------------------------------------------


def test_interval_cells_say_why_in_both_languages() -> None:
    filled = apply_missing_policy(problem(), "interval").problem.cell("P17", "energy").provenance
    assert filled.rationale == (
        "interval 14.1..14.1 (the range observed across the positions); midpoint used in the point ranking. "
        "Missing: No published figure"
    )
    assert filled.rationale_nb == (
        "intervall 14,1–14,1 (spennet observert blant posisjonene); midtpunktet brukt i punktrangeringen. "
        "Mangler: Ingen publiserte tall\nfor strømforbruk"
    )
    worst = apply_missing_policy(problem(), "worst").problem.cell("P17", "energy").provenance
    assert worst.rationale_in("nb") == "utfylt: kriteriets dårligste observerte verdi"


# --- pages and reports ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_problem(*SHIPPED)


@pytest.fixture(scope="module")
def report(shipped):
    return build_report(shipped, WeightSet.equal(shipped.criterion_ids))


def test_the_values_table_of_the_problem_page_is_in_the_chosen_language(shipped) -> None:
    cell = shipped.cell("P01", "industrial_base").provenance
    for lang, column in (("nb", "Begrunnelse"), ("en", "Rationale")):
        table = views.cell_details(shipped, lang, ["P01"], ["industrial_base"])
        assert table[column].tolist() == [cell.rationale_in(lang)]
    assert "1\u00a0300 kt" in cell.rationale_in("nb") and "1,300 kt" in cell.rationale_in("en")


def test_the_provenance_table_of_every_report_is_in_the_report_language(report, shipped) -> None:
    cell = shipped.cell("P03", "climate_advantage").provenance
    for lang in ("nb", "en"):
        table = next(
            b for s in build_sections(report, lang) for b in s.blocks if getattr(b, "key", None) == "provenance"
        )
        rationale = table.columns.index("Begrunnelse" if lang == "nb" else "Rationale")
        rows = {(r[0], r[1]): r for r in table.rows}
        row = rows[
            ("P03 " + shipped.alternative("P03").name.get(lang), shipped.criterion("climate_advantage").name.get(lang))
        ]
        assert row[rationale] == cell.rationale_in(lang)
    nb_words, en_words = cell.rationale_nb.split("[")[0], cell.rationale.split("[")[0]  # Markdown escapes [ ]
    bokmal = to_markdown(report, "nb").decode()
    assert nb_words in bokmal and en_words not in bokmal
    english = to_markdown(report, "en").decode()
    assert en_words in english and nb_words not in english


def test_the_spreadsheet_comments_and_sheet_are_in_bokmal(report, shipped) -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report, "nb")))
    resource = shipped.cell("P01", "resource_base").provenance
    comment = book["Beslutningsmatrise"]["C2"].comment.text
    assert f"Begrunnelse: {resource.rationale_nb}" in comment and resource.rationale not in comment
    sheet = [c for r in book["Verdier og kilder"].iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert resource.rationale_nb in sheet and resource.rationale not in sheet


def test_the_knowledge_gaps_say_why_in_the_report_language(shipped) -> None:
    analysis = analyse_gaps(shipped, WeightSet.equal(shipped.criterion_ids), RankingSettings())
    for lang in ("nb", "en"):
        section = gaps_section(shipped, analysis, lang)
        whys = 0
        for part in section.parts:
            _, alternative, criterion = part.key.split("_", 2)  # gap_<position>_<criterion>
            rationale = shipped.cell(alternative, criterion).provenance.rationale_in(lang)
            texts = [b.text for b in part.blocks if getattr(b, "lead", None)]
            assert texts == ([rationale] if rationale else [])
            whys += len(texts)
        assert whys, "the headline gaps have rationales in the shipped data"


# --- the shipped translations ------------------------------------------------------------------------

QUOTATION = re.compile(r'"([^"]+)"')


def test_number_normalisation_reads_both_styles() -> None:
    assert english_numbers("1,300 kt, 2.1% [S14] CO2e 2022-24, 1.0") == Counter(
        {"1300": 1, "2.1": 1, "2": 1, "2022": 1, "24": 1, "1": 1}
    )
    assert bokmal_numbers("1\u00a0300 kt, 2,1\u00a0% [S14] CO2e 2022–24, 1,0") == english_numbers(
        "1,300 kt, 2.1% [S14] CO2e 2022-24, 1.0"
    )


@pytest.mark.parametrize("row", shipped_rows(), ids=lambda r: f"{r['id']}-{r['criterion']}")
def test_every_shipped_rationale_has_a_faithful_bokmal_text(row: dict[str, str]) -> None:
    en, nb = row["rationale"], row["rationale_nb"]
    assert nb and nb != en
    assert Counter(MARKER.findall(nb)) == Counter(MARKER.findall(en)), "the same source markers"
    missing = english_numbers(en) - bokmal_numbers(nb)
    assert not missing, f"numbers of the English text not in the bokmål text: {sorted(missing)}"
    for quoted in QUOTATION.findall(en):
        assert f"«{quoted}»" in nb, "a quotation stays as it was written, in Norwegian quotation marks"
    outside_quotes = re.sub(r"«[^»]*»", "", nb)
    assert not re.search(r"\d\.\d|\d,\d{3}(?!\d)|\d%", outside_quotes), "Norwegian number style: 2,1 and 1 300 and 25 %"
