"""Source descriptions in bokmål: the optional ``source_nb`` column of the provenance file, how it
is checked, shown on bokmål pages and reports (English ones show ``source``), kept out of saved
scenarios that do not have it, and the shipped translations (faithful: the same source keys and
numbers, titles and quotations as written)."""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest
from provenance_languages import MARKER, SHIPPED, bokmal_numbers, english_numbers, shipped_rows, two_positions

from mcda import views
from mcda.errors import InputError
from mcda.export import build_report, to_xlsx
from mcda.export.content import build_sections
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.scenario import Scenario, load_scenario

SOURCES = """\
id,criterion,kind,source,source_nb,author,date,rationale
P01,energy,published,Eurometaux page: global average 14.1 MWh/t [S9],"Eurometaux-siden: globalt gjennomsnitt \
14,1 MWh/t [S9]",,,
P01,maturity,expert_judgment,[S3],,Prosjektgruppen,2026-11-29,Operating smelters
P17,energy,published,USGS table [S3],,,,
P17,maturity,expert_judgment,,,Prosjektgruppen,2026-11-29,Closed in 2002
"""


def problem(sources: str = SOURCES):
    return two_positions("5", sources)


def test_each_language_shows_its_own_source_and_english_stays_as_given() -> None:
    p = problem()
    both = p.cell("P01", "energy").provenance
    assert both.source_in("nb") == "Eurometaux-siden: globalt gjennomsnitt 14,1 MWh/t [S9]"
    assert both.source_in("en") == "Eurometaux page: global average 14.1 MWh/t [S9]"
    untranslated = p.cell("P17", "energy").provenance
    assert untranslated.source_nb is None and untranslated.source_in("nb") == "USGS table [S3]"


def test_a_bokmal_source_without_its_source_is_located() -> None:
    with pytest.raises(InputError) as caught:
        problem(SOURCES.replace("expert_judgment,[S3],,", "expert_judgment,,Modenhet [S3],"))
    issue = caught.value.issues[0]
    assert (issue.code, issue.file, issue.line, issue.column) == ("source_nb_alone", "d.sources.csv", 3, "source_nb")
    assert "kilde på bokmål uten kilden den oversetter" in issue.message("nb")


def test_a_bokmal_source_citing_other_keys_is_located() -> None:
    with pytest.raises(InputError) as caught:
        problem(SOURCES.replace("14,1 MWh/t [S9]", "14,1 MWh/t [S8]"))
    issue = caught.value.issues[0]
    assert (issue.code, issue.line, issue.column) == ("source_nb_keys", 2, "source_nb")
    assert "viser til [S8], men kilden viser til [S9]" in issue.message("nb")


def test_a_control_character_in_the_bokmal_source_is_located() -> None:
    with pytest.raises(InputError) as caught:
        problem(SOURCES.replace("Eurometaux-siden", "Eurometaux\x07siden"))
    issue = caught.value.issues[0]
    assert (issue.code, issue.line, issue.column) == ("control_character_text", 2, "source_nb")


def test_scenarios_without_bokmal_sources_keep_their_hash_and_with_them_carry_them() -> None:
    rows = list(csv.reader(io.StringIO(SOURCES)))
    without = io.StringIO()
    csv.writer(without, lineterminator="\n").writerows(r[:4] + r[5:] for r in rows)  # no source_nb column
    plain = problem(without.getvalue())
    written = json.loads(Scenario.create(plain, WeightSet.equal(plain.criterion_ids)).to_json())
    provenances = [c["provenance"] for row in written["problem"]["cells"].values() for c in row.values()]
    assert all("source_nb" not in p for p in provenances)  # as files were before the column existed
    p = problem()
    scenario = Scenario.create(p, WeightSet.equal(p.criterion_ids))
    assert load_scenario(scenario.to_json()).problem.cell("P01", "energy").provenance.source_nb.startswith("Euro")
    tampered = json.loads(scenario.to_json())
    tampered["problem"]["cells"]["P01"]["energy"]["provenance"]["source_nb"] = "Endret [S9]"
    with pytest.raises(InputError) as caught:
        load_scenario(json.dumps(tampered))
    assert caught.value.issues[0].code == "scenario_hash_mismatch"


# --- pages and reports ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_problem(*SHIPPED)


def test_the_problem_page_shows_the_source_in_its_language(shipped) -> None:
    cell = shipped.cell("P01", "power_demand").provenance
    for lang, column, text in (("nb", "Kilde", cell.source_nb), ("en", "Source", cell.source)):
        table = views.cell_details(shipped, lang, ["P01"], ["power_demand"])
        assert table[column].tolist() == [text]
        assert text in views.provenance_text(cell, lang)
    assert "globalt gjennomsnitt 14,1 MWh/t" in cell.source_nb


def test_reports_show_the_source_in_the_report_language(shipped) -> None:
    report = build_report(shipped, WeightSet.equal(shipped.criterion_ids))
    cell = shipped.cell("P02", "power_demand").provenance
    for lang in ("nb", "en"):
        table = next(
            b for s in build_sections(report, lang) for b in s.blocks if getattr(b, "key", None) == "provenance"
        )
        source = table.columns.index("Kilde" if lang == "nb" else "Source")
        row = next(
            r
            for r in table.rows
            if r[0].startswith("P02 ") and r[1] == shipped.criterion("power_demand").name.get(lang)
        )
        assert row[source] == (cell.source_nb if lang == "nb" else cell.source)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report, "nb")))
    comments = [c.comment.text for r in book["Beslutningsmatrise"].iter_rows() for c in r if c.comment]
    assert any(f"Kilde: {cell.source_nb}" in c for c in comments)
    assert not any(cell.source in c for c in comments)


# --- the shipped translations ------------------------------------------------------------------------

QUOTED = re.compile(r"'([^']+)'")
KEYS_ONLY = re.compile(r"(\[S\d+\](; )?)*")


def test_every_descriptive_shipped_source_has_a_bokmal_text() -> None:
    rows = shipped_rows()
    described = [r for r in rows if not KEYS_ONLY.fullmatch(r["source"])]
    assert len(described) == 39
    assert all(r["source_nb"] for r in described)
    assert not any(r["source_nb"] for r in rows if KEYS_ONLY.fullmatch(r["source"]))  # keys alone: nothing to say


@pytest.mark.parametrize(
    "row",
    [r for r in shipped_rows() if r["source_nb"]],
    ids=lambda r: f"{r['id']}-{r['criterion']}",
)
def test_every_shipped_bokmal_source_is_faithful(row: dict[str, str]) -> None:
    en, nb = row["source"], row["source_nb"]
    assert nb != en
    assert sorted(MARKER.findall(nb)) == sorted(MARKER.findall(en)), "the same source keys"
    quotes = [q for q in QUOTED.findall(en) if " " in q and q[0].islower()]  # a quotation, not a title
    for quoted in quotes:
        assert f"«{quoted}»" in nb, "a quotation stays as written, in Norwegian quotation marks"
    # a section number (7.2) is written alike in both languages
    plain_en = re.sub(r"sec\. \d+(\.\d+)*", "", QUOTED.sub(lambda m: "" if m.group(1) in quotes else m.group(0), en))
    plain_nb = re.sub(r"avsnitt \d+(\.\d+)*", "", re.sub(r"«[^»]*»", "", nb))
    missing = english_numbers(plain_en) - bokmal_numbers(plain_nb)
    assert not missing, f"numbers of the English text not in the bokmål text: {sorted(missing)}"
    titles = [q for q in QUOTED.findall(en) if q not in quotes]
    assert all(f"'{title}'" in nb for title in titles), "titles as written"
    assert not re.search(r"\d\.\d", re.sub(r"'[^']*'", "", plain_nb)), "Norwegian number style: 14,1"
