"""Problem files: the documented forms load, and every bad input names where and what."""

from __future__ import annotations

import pytest

from mcda.errors import InputError
from mcda.loading import (
    parse_criteria,
    parse_judgment,
    parse_pairwise,
    parse_problem,
    parse_weights,
)

CRITERIA = """\
criteria:
  - id: energy
    name: {en: Access to clean energy, nb: Tilgang til ren energi}
    direction: cost
    unit: MWh/t
  - id: demand
    name: EU demand
    direction: benefit
  - id: maturity
    name: {en: Maturity, nb: Modenhet}
    direction: benefit
    scale:
      min: 0
      max: 4
      levels:
        0: {en: concept, nb: konsept}
        4: {en: operating, nb: i drift}
"""

DATA = """\
id,name,name_en,energy,demand,maturity
P01,Primæraluminium,Primary aluminium,14.1,5.5,4
P02,Silisiummetall,Silicon metal,12.4,4.9,4
P17,Primærmagnesium,Primary magnesium,,7.4,0
"""


def problem(data: str = DATA, criteria: str = CRITERIA, sources: str | None = None):
    return parse_problem(
        criteria, data, criteria_name="c.yaml", data_name="d.csv", sources_text=sources, sources_name="d.sources.csv"
    )


def issue_of(excinfo: pytest.ExceptionInfo) -> object:
    return excinfo.value.issues[0]


def test_minimal_forms_load_with_both_languages_and_missing_values() -> None:
    p = problem()
    assert p.criterion_ids == ("energy", "demand", "maturity")
    assert p.criterion("demand").name.nb == "EU demand"  # plain string serves both
    assert p.alternative("P01").name.nb == "Primæraluminium"
    assert p.alternative("P01").name.en == "Primary aluminium"
    assert p.missing_cells() == [("P17", "energy")]
    assert p.cell("P17", "energy").provenance.kind == "missing"
    assert p.cell("P01", "energy").provenance.kind == "unspecified"


def test_semicolons_and_decimal_commas_from_norwegian_excel() -> None:
    p = problem(DATA.replace(",", ";").replace("14.1", "14,1").replace("5.5", "5,5"))
    assert p.cell("P01", "energy").value == pytest.approx(14.1)


def test_utf8_bom_is_accepted() -> None:
    p = problem("\ufeff" + DATA)
    assert p.alternative_ids[0] == "P01"


@pytest.mark.parametrize(
    "data, code, line, column, value",
    [
        (DATA.replace("14.1", "fjorten"), "not_number", 2, "energy", "fjorten"),
        (DATA.replace("14.1", "inf"), "not_finite", 2, "energy", "inf"),
        (DATA.replace("P02,", "P01,"), "duplicate_id", 3, "id", "P01"),
        (DATA.replace(",maturity\n", ",maturty\n"), "unknown_column", 1, "maturty", None),
        (DATA.replace("5.5,4\n", "5.5\n"), "ragged_row", 2, None, None),
        (DATA.replace("P02,", ",", 1), "empty_id", 3, "id", None),
        (DATA.replace(",0\n", ",7\n"), "outside_scale", 4, "maturity", "7"),
    ],
)
def test_bad_data_cells_are_located(data: str, code: str, line: int, column: str | None, value: str | None) -> None:
    with pytest.raises(InputError) as excinfo:
        problem(data)
    issue = issue_of(excinfo)
    assert (issue.code, issue.file, issue.line, issue.column, issue.value) == (code, "d.csv", line, column, value)


def test_a_data_file_lacking_a_criterion_column_says_which() -> None:
    data = "\n".join(",".join(row.split(",")[:-1]) for row in DATA.splitlines())
    with pytest.raises(InputError) as excinfo:
        problem(data)
    assert issue_of(excinfo).code == "missing_column" and issue_of(excinfo).column == "maturity"
    assert "one column per criterion id (energy, demand, maturity)" in excinfo.value.message()


def test_all_problems_are_reported_not_only_the_first() -> None:
    with pytest.raises(InputError) as excinfo:
        problem(DATA.replace("14.1", "x").replace("4.9", "y"))
    assert [i.value for i in excinfo.value.issues] == ["x", "y"]
    assert "(and 1 more)" in excinfo.value.message()


def test_messages_exist_in_bokmal() -> None:
    with pytest.raises(InputError) as excinfo:
        problem(DATA.replace("14.1", "fjorten"))
    assert "linje 2, kolonne 'energy': verdi 'fjorten' er ikke et tall" in excinfo.value.message("nb")


@pytest.mark.parametrize(
    "criteria, code, line, text",
    [
        (
            CRITERIA.replace("direction: cost", "direction: costs"),
            "unknown_direction",
            4,
            "criteria[0] (id 'energy').direction",
        ),
        (CRITERIA.replace("criteria:\n", "criteria:\n  - [unclosed\n"), "yaml_syntax", None, None),
        (CRITERIA.replace("    name: EU demand\n", ""), "schema", 6, "criteria[1] (id 'demand').name"),
        (CRITERIA.replace("unit: MWh/t", "units: MWh/t"), "schema", None, "criteria[0] (id 'energy').units"),
        (CRITERIA.replace("id: demand", "id: energy"), "duplicate_id", None, "criteria[1].id"),
        (CRITERIA.replace("id: demand", "id: 'EU demand'"), "schema", None, "criteria[1] (id 'EU demand').id"),
        ("", "empty_file", None, None),
    ],
)
def test_bad_criteria_yaml_is_located(criteria: str, code: str, line: int | None, text: str | None) -> None:
    with pytest.raises(InputError) as excinfo:
        parse_criteria(criteria, "c.yaml")
    issue = issue_of(excinfo)
    assert issue.code == code and issue.file == "c.yaml"
    if line is not None:
        assert issue.line == line
    if text is not None:
        assert issue.column == text


def test_yaml_syntax_errors_give_a_line() -> None:
    with pytest.raises(InputError) as excinfo:
        parse_criteria("criteria:\n  - id: a\n    name: [x\n", "c.yaml")
    assert issue_of(excinfo).line is not None


SOURCES = """\
id,criterion,kind,source,author,date,rationale
P01,energy,published,[S9] Eurometaux,,,
P01,maturity,expert_judgment,,Prosjektgruppen,2026-11-29,Operating smelters
P17,energy,missing,,,,No published figure
"""


def test_provenance_companion_is_attached_to_cells() -> None:
    p = problem(sources=SOURCES)
    assert p.cell("P01", "energy").provenance.source == "[S9] Eurometaux"
    judged = p.cell("P01", "maturity").provenance
    assert judged.kind == "expert_judgment" and judged.author == "Prosjektgruppen" and str(judged.date) == "2026-11-29"
    assert p.cell("P17", "energy").provenance.rationale == "No published figure"


@pytest.mark.parametrize(
    "sources, code",
    [
        (SOURCES.replace("P17,energy,missing", "P17,energy,published"), "source_value_conflict"),
        (SOURCES.replace("Prosjektgruppen", ""), "source_required"),
        (SOURCES.replace("expert_judgment", "guess"), "source_kind"),
        (SOURCES.replace("P01,energy", "P99,energy"), "source_unknown_pair"),
        (SOURCES + "P01,energy,published,[S1],,,\n", "source_duplicate"),
        (SOURCES.replace("2026-11-29", "29.11.2026"), "bad_date"),
    ],
)
def test_bad_provenance_rows_are_located(sources: str, code: str) -> None:
    with pytest.raises(InputError) as excinfo:
        problem(sources=sources)
    assert issue_of(excinfo).code == code and issue_of(excinfo).file == "d.sources.csv"


def test_uncertainty_range_columns_are_read_and_checked() -> None:
    data = DATA.replace("maturity\n", "maturity,energy_min,energy_max\n").replace(",4\n", ",4,,\n")
    data = data.replace("14.1,5.5,4,,", "14.1,5.5,4,12,16").replace(",0\n", ",0,,\n")
    p = problem(data)
    assert (p.cell("P01", "energy").low, p.cell("P01", "energy").high) == (12, 16)
    with pytest.raises(InputError) as excinfo:
        problem(data.replace("12,16", "15,16"))
    assert issue_of(excinfo).code == "range_order"


# --- weights -------------------------------------------------------------------------------


def test_weights_are_rescaled_to_sum_one_and_say_so() -> None:
    ws = parse_weights("energy: 2\ndemand: 1\nmaturity: 1\n", "w.yaml", ["energy", "demand", "maturity"])
    assert ws.weights == pytest.approx({"energy": 0.5, "demand": 0.25, "maturity": 0.25})
    assert "rescaled to sum 1" in ws.notes[0]


def test_weights_in_json_with_a_name() -> None:
    ws = parse_weights('{"name": "EU-demand focus", "weights": {"energy": 0.2, "demand": 0.8}}', "w.json")
    assert ws.name == "EU-demand focus" and ws.notes == ()


@pytest.mark.parametrize(
    "text, code, column",
    [
        ("energy: -1\ndemand: 1\nmaturity: 1\n", "negative_weight", "energy"),
        ("energy: 1\ndemand: 1\n", "weight_missing", "maturity"),
        ("energy: 1\ndemand: 1\nmaturity: 1\nprice: 1\n", "weight_unknown", "price"),
        ("energy: 0\ndemand: 0\nmaturity: 0\n", "weights_all_zero", None),
        ("energy: lots\ndemand: 1\nmaturity: 1\n", "not_number", "energy"),
        ("energy: [1\n", "yaml_syntax", None),
    ],
)
def test_bad_weights(text: str, code: str, column: str | None) -> None:
    with pytest.raises(InputError) as excinfo:
        parse_weights(text, "w.yaml", ["energy", "demand", "maturity"])
    assert issue_of(excinfo).code == code and issue_of(excinfo).column == column


# --- pairwise ------------------------------------------------------------------------------

PAIRWISE = ",a,b,c\na,1,3,5\nb,1/3,1,2\nc,1/5,1/2,1\n"


def test_pairwise_fractions_and_decimals() -> None:
    m = parse_pairwise(PAIRWISE.replace("1/2", "0.5"), "p.csv")
    assert m.labels == ("a", "b", "c")
    assert m.judgment("b", "a") == pytest.approx(1 / 3)
    assert parse_judgment(" 1 / 7 ") == pytest.approx(1 / 7)


@pytest.mark.parametrize(
    "text, code, line, column",
    [
        (PAIRWISE.replace("c,1/5,1/2,1", "c,1/5,2,1"), "pairwise_not_reciprocal", 4, "b"),
        (PAIRWISE.replace("a,1,3,5", "a,1,-3,5"), "pairwise_not_positive", 2, "b"),
        (PAIRWISE.replace("a,1,3,5", "a,1,three,5"), "pairwise_not_number", 2, "b"),
        (PAIRWISE.replace("a,1,3,5", "a,1,1/0,5"), "pairwise_not_number", 2, "b"),
        (PAIRWISE.replace("b,1/3,1,2", "b,1/3,1"), "ragged_row", 3, None),
        (PAIRWISE.replace("a,1,3,5", "a,2,3,5"), "pairwise_diagonal", 2, "a"),
        (PAIRWISE.replace("a,1,3,5", "a,1,3,1e300").replace("c,1/5", "c,1e-300"), "pairwise_out_of_range", 2, "c"),
        (PAIRWISE.replace(",a,b,c", "x,a,b,c"), "pairwise_header", 1, None),
        (PAIRWISE + "d,1,1,1\n", "pairwise_not_square", None, None),
        (PAIRWISE.replace("\nb,", "\nq,"), "pairwise_label_mismatch", 3, ""),
    ],
)
def test_bad_pairwise_matrices_are_located(text: str, code: str, line: int | None, column: str | None) -> None:
    with pytest.raises(InputError) as excinfo:
        parse_pairwise(text, "p.csv")
    issue = issue_of(excinfo)
    assert (issue.code, issue.file, issue.line, issue.column) == (code, "p.csv", line, column)


def test_reciprocal_error_message_names_the_expected_value() -> None:
    with pytest.raises(InputError) as excinfo:
        parse_pairwise(PAIRWISE.replace("c,1/5,1/2,1", "c,1/5,2,1"), "p.csv")
    assert excinfo.value.message() == (
        "p.csv, line 4, column 'b': value '2' is not the reciprocal of the mirror cell (b/c = 2); expected 1/2 (0.5)"
    )


def test_a_judgment_far_off_the_scale_is_refused_where_it_stands() -> None:
    """1e300 gave priorities of 0 and a CR of 0 ("consistent"); beyond 1/1e6..1e6 it is refused, both cells."""
    with pytest.raises(InputError) as excinfo:
        parse_pairwise(PAIRWISE.replace("a,1,3,5", "a,1,3e6,5").replace("b,1/3", "b,3.333e-7"), "p.csv")
    assert [(i.code, i.line, i.column) for i in excinfo.value.issues] == [
        ("pairwise_out_of_range", 2, "b"),
        ("pairwise_out_of_range", 3, "a"),
    ]
    assert excinfo.value.message() == (
        "p.csv, line 2, column 'b': value '3e+06' is far off the scale; a judgment must lie between "
        "1/1,000,000 and 1,000,000 (Saaty's scale runs from 1/9 to 9); (and 1 more)"
    )
    edge = parse_pairwise(PAIRWISE.replace("a,1,3,5", "a,1,1000000,5").replace("b,1/3", "b,1/1000000"), "p.csv")
    assert edge.judgment("a", "b") == 1e6


# --- schema and YAML errors in the member's language, located in words -----------------------

_UNKNOWN_FIELD = "criteria:\n  - id: kostnad\n    name: {nb: Kostnad, en: Cost}\n    direction: cost\n    units: NOK\n"


def _messages(text: str) -> dict[str, str]:
    with pytest.raises(InputError) as excinfo:
        parse_criteria(text, "kriterier.yaml")
    return {lang: excinfo.value.message(lang, limit=5) for lang in ("nb", "en")}


def test_unknown_field_is_named_in_words_in_both_languages():
    out = _messages(_UNKNOWN_FIELD)
    assert out["nb"] == (
        "kriterier.yaml, linje 5, kriterium 1 (id «kostnad»), feltet «units»: "
        "er ikke et kjent felt (kontroller stavemåten og innrykket)"
    )
    assert out["en"] == (
        "kriterier.yaml, line 5, criterion 1 (id 'kostnad'), field 'units': "
        "is not a known field (check the spelling and the indentation)"
    )


def test_yaml_colon_error_is_translated():
    out = _messages("criteria:\n  - id: kostnad\n    name: Kostnad: høy\n")
    assert out["nb"].startswith("kriterier.yaml, linje 3: er ikke gyldig YAML: et kolon er ikke tillatt her")
    assert "mapping values" not in out["nb"]
    assert out["en"].startswith("kriterier.yaml, line 3: is not valid YAML: a colon is not allowed here")


def test_empty_criteria_list_is_translated():
    out = _messages("criteria: []\n")
    assert out["nb"] == "kriterier.yaml, linje 1, feltet «criteria»: er tom; minst 1 element trengs"
    assert out["en"] == "kriterier.yaml, line 1, field 'criteria': is empty; at least 1 item needed"
    assert "Tuple" not in out["nb"] + out["en"]


@pytest.mark.parametrize(
    ("text", "nb", "en"),
    [
        (
            "criteria:\n  - id: kostnad\n    name: {nb: Kostnad, en: Cost}\n",
            "kriterium 1 (id «kostnad»), feltet «direction»: mangler, men må fylles ut",
            "criterion 1 (id 'kostnad'), field 'direction': is required but missing",
        ),
        (
            "criteria:\n  - id: k\n    name: {nb: K, en: K}\n    direction: cost\n    scale: {min: a, max: 5}\n",
            "kriterium 1 (id «k»), feltet «scale.min»: verdi 'a' er ikke et tall",
            "criterion 1 (id 'k'), field 'scale.min': value 'a' is not a number",
        ),
        (
            "criteria:\n  - id: k\n    name: {nb: K, en: K}\n    direction: cost\n    unit: [a, b]\n",
            "kriterium 1 (id «k»), feltet «unit»: må være tekst",
            "criterion 1 (id 'k'), field 'unit': must be text",
        ),
        (
            "criteria:\n\t- id: k\n",
            "er ikke gyldig YAML: et tabulatortegn er brukt til innrykk; bruk mellomrom",
            "is not valid YAML: a tab is used for indentation; indent with spaces",
        ),
    ],
)
def test_common_schema_errors_are_translated(text, nb, en):
    out = _messages(text)
    assert nb in out["nb"]
    assert en in out["en"]
    for english in ("Input should", "field required", "is not a known field", "kolonne"):
        assert english not in out["nb"]
