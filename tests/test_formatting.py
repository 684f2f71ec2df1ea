"""The one number convention of pages, charts and reports, and the shared labels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mcda.formatting import (
    DASH,
    MINUS,
    format_as,
    format_coefficient,
    format_count,
    format_number,
    format_percent,
    format_percentage,
    format_score,
    formatted,
    vega_format,
    vega_locale,
)
from mcda.labels import (
    aggregation_label,
    direction_label,
    normalization_label,
    provenance_label,
    score_direction_label,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("x", "decimals", "nb", "en"),
    [
        (0.80213, 4, "0,8021", "0.8021"),
        (1234.5678, 2, f"1{NBSP}234,57", "1,234.57"),
        (-0.25, 2, f"{MINUS}0,25", f"{MINUS}0.25"),
        (-1234.5, 1, f"{MINUS}1{NBSP}234,5", f"{MINUS}1,234.5"),
        (0, 3, "0,000", "0.000"),
        (0.0, 0, "0", "0"),
        (-0.00001, 2, "0,00", "0.00"),  # rounds to zero: no sign
        (2.675, 2, "2,68", "2.68"),  # half away from zero, as written (not as the binary float)
        (0.125, 2, "0,13", "0.13"),
        (-0.125, 2, f"{MINUS}0,13", f"{MINUS}0.13"),
        (0.5, 0, "1", "1"),
        (np.float64(0.1), 1, "0,1", "0.1"),
    ],
)
def test_format_number_fixed(x, decimals, nb, en):
    assert format_number(x, "nb", decimals) == nb
    assert format_number(x, "en", decimals) == en


def test_format_number_as_given():
    assert format_number(10000, "nb") == f"10{NBSP}000"
    assert format_number(np.int64(7), "en") == "7"
    assert format_number(1.5, "nb") == "1,5"
    assert format_number(123456.789, "en") == "123,457"  # 6 significant digits
    assert format_number(0.000123456789, "nb") == "0,000123457"
    assert format_number(-3.0, "en") == f"{MINUS}3"
    assert format_number(0.0, "nb") == "0"


@pytest.mark.parametrize(
    ("x", "kind", "nb", "en"),
    [
        (1e308, "value", "1 × 10³⁰⁸", "1 × 10³⁰⁸"),
        (-1e308, "value", f"{MINUS}1 × 10³⁰⁸", f"{MINUS}1 × 10³⁰⁸"),
        (1e308, "score", "1 × 10³⁰⁸", "1 × 10³⁰⁸"),
        (1e308, "decimal", "1 × 10³⁰⁸", "1 × 10³⁰⁸"),
        (1e308, "int", "1 × 10³⁰⁸", "1 × 10³⁰⁸"),
        (1e308, "percent", f"1 × 10³¹⁰{NBSP}%", "1 × 10³¹⁰%"),
        (1.5e20, "value", "1,5 × 10²⁰", "1.5 × 10²⁰"),
        (9.9999999e20, "value", "1 × 10²¹", "1 × 10²¹"),  # the mantissa rounds up to 10
        (10**20, "int", "1 × 10²⁰", "1 × 10²⁰"),
        (1e-300, "value", "1 × 10⁻³⁰⁰", "1 × 10⁻³⁰⁰"),
        (-2.5e-7, "value", f"{MINUS}2,5 × 10⁻⁷", f"{MINUS}2.5 × 10⁻⁷"),
        (1e-300, "score", "0,0000", "0.0000"),  # fixed decimals: rounds to zero
        (999999999999999.0, "value", "1 × 10¹⁵", "1 × 10¹⁵"),  # 6 significant digits reach 10¹⁵
        (123456789.0, "value", f"123{NBSP}457{NBSP}000", "123,457,000"),  # below 10¹⁵: written out
    ],
)
def test_absurd_numbers_are_written_in_powers_of_ten(x, kind, nb, en):
    assert format_as(x, kind, "nb") == nb
    assert format_as(x, kind, "en") == en


def test_no_inf_or_nan_in_text():
    for x in (math.inf, -math.inf, math.nan, 1e308, -1e308, 1e-308):
        for kind in ("value", "score", "percent", "percentage", "int", "coefficient"):
            for lang in ("nb", "en"):
                text = format_as(x, kind, lang).lower()
                assert "inf" not in text and "nan" not in text and "e+" not in text, (x, kind, text)


@pytest.mark.parametrize("missing", [None, math.nan, math.inf, np.nan])
def test_missing_is_a_dash(missing):
    for f in (format_number, format_percent, format_percentage, format_score, format_coefficient):
        assert f(missing, "nb") == DASH
    assert format_as(missing, "score", "en") == DASH


def test_percent():
    assert format_percent(0.741, "nb") == f"74,1{NBSP}%"
    assert format_percent(0.741, "en") == "74.1%"
    assert format_percent(0.745, "nb", 0) == f"75{NBSP}%"  # 74.5 as written, not 74.4999…
    assert format_percent(0, "nb") == f"0,0{NBSP}%"
    assert format_percent(-0.05, "en") == f"{MINUS}5.0%"
    assert format_percent(1, "en", 0) == "100%"
    assert format_percentage(23.8, "nb") == f"23,8{NBSP}%"
    assert format_percentage(23.8, "en") == "23.8%"


def test_kinds():
    assert format_score(0.71234, "nb") == "0,7123"
    assert format_coefficient(0.07125, "nb") == "0,071"
    assert format_count(10000, "en") == "10,000"
    assert format_as(3, "int", "nb") == "3"
    assert format_as(0.5, "percent", "nb") == f"50,0{NBSP}%"
    assert format_as(12.34, "points", "en") == "12.3"  # the heading says %
    assert format_as(12.34, "percentage", "en") == "12.3%"
    assert format_as(1.2345, "decimal", "nb") == "1,23"
    assert format_as("text", "score", "nb") == "text"


def test_formatted_table_keeps_numbers_and_shows_them_in_the_language():
    frame = pd.DataFrame({"Skår": [0.80213, 0.5], "Plass": [1, 2], "Andel": [23.84, -1.0]})
    styler = formatted(frame, "nb", {"Skår": "score", "Plass": "int", "Andel": "percentage"})
    assert styler.data["Skår"].dtype == float  # sorts by value
    text = styler.to_string()
    assert "0,8021" in text and f"23,8{NBSP}%" in text and f"{MINUS}1,0{NBSP}%" in text


def test_a_column_with_a_missing_value_shows_a_dash_not_none():
    """The grid shows "None" for an empty number cell whatever the display format: such a column
    is written out as text, the dash where the value is missing; the other columns stay numbers."""
    frame = pd.DataFrame({"Skår": [0.80213, np.nan], "Rang": [1.0, None], "Plass": [1, 2]})
    styler = formatted(frame, "nb", {"Skår": "score", "Rang": "int", "Plass": "int"})
    assert styler.data["Skår"].tolist() == ["0,8021", DASH]
    assert styler.data["Rang"].tolist() == ["1", DASH]
    assert styler.data["Plass"].dtype.kind == "i"  # no gap: sorts by value
    assert frame["Skår"].isna().sum() == 1  # the caller's frame is left as it was


def test_vega_follows_the_same_decimals_and_symbols():
    assert vega_format("score") == ",.4f"
    assert vega_format("percent") == ",.1%"
    assert vega_format("coefficient") == ",.3f"
    nb, en = vega_locale("nb"), vega_locale("en")
    assert (nb["decimal"], nb["thousands"], nb["percent"], nb["minus"]) == (",", NBSP, f"{NBSP}%", MINUS)
    assert (en["decimal"], en["thousands"], en["percent"]) == (".", ",", "%")


def test_labels_in_both_languages():
    assert direction_label("benefit", "nb") == "nyttekriterium (høyere er bedre)"
    assert direction_label("cost", "en") == "cost (lower is better)"
    assert score_direction_label("lower_is_better", "nb") == "lavere er bedre"
    assert provenance_label("expert_judgment", "nb") == "ekspertvurdering"
    assert normalization_label("vector", "nb") == "vektornormalisering"
    assert normalization_label("minmax", "en", short=True) == "min–max"
    assert normalization_label(None, "nb") == "metodens egen"
    assert aggregation_label("aij", "nb").startswith("AIJ: geometrisk gjennomsnitt")
    assert aggregation_label("other", "en") == "other"


def d3_formatted(values: list[float], specifier: str, lang: str) -> list[str]:
    """``values`` as a chart's tooltip writes them: d3-format in the chart's locale, through vl-convert."""
    import html
    import re

    import altair as alt
    import vl_convert

    frame = pd.DataFrame({"x": values, "i": range(len(values))})
    chart = (
        alt.Chart(frame)
        .mark_text()
        .encode(y=alt.Y("i:O", axis=None), text=alt.Text("x:Q", format=specifier))
        .configure(locale={"number": vega_locale(lang)})
    )
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


ORDINARY = [0.0, 0.80213, -0.25, 0.0001234, 1234.5678, -98765.4321, 123456789.0, 12345678901.5]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("kind", ["score", "percent", "points", "coefficient", "decimal"])
def test_a_tooltip_writes_an_ordinary_number_as_a_table_does(lang: str, kind: str) -> None:
    """Before: percentages were not grouped ("123456,8 %" against the table's "123 456,8 %")."""
    assert d3_formatted(ORDINARY, vega_format(kind), lang) == [format_as(x, kind, lang) for x in ORDINARY]
