"""Numbers as the language writes them: one convention for pages, charts and reports.

    bokmål   0,8021   74,1 %   23,8 %   10 000   −0,25
    English  0.8021   74.1%    23.8%    10,000   −0.25

Babel gives the separators: bokmål has a decimal comma and a no-break space to group thousands
and before %. The minus is the typographic one (U+2212) in both languages: Babel's bokmål symbol,
and what d3 writes in the charts. A number is rounded half away from zero as it is written
(2.675 → 2,68), and what rounds to zero shows without a sign. A value that does not exist (None,
NaN, an infinity) shows as "–". A number too large to read in full (from 10¹⁵) or, written to its
significant digits, too small (below 10⁻⁶) shows in powers of ten: 1e308 → "1 × 10³⁰⁸",
−2.5e-7 → "−2,5 × 10⁻⁷" (English "−2.5 × 10⁻⁷").

How many decimals each kind of number gets is decided here once (:data:`DECIMALS`); the charts'
Vega-Lite formats (:func:`vega_format`, :func:`vega_locale`) and the spreadsheets' number formats
(:data:`XLSX_FORMATS`) follow the same table. Spreadsheets and csv keep numbers as numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from numbers import Integral, Real
from typing import TYPE_CHECKING, Literal

from babel import Locale
from babel.numbers import format_decimal

from .errors import Lang

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

DASH = "–"  # no value
MINUS = "\u2212"

NumberKind = Literal["int", "score", "value", "percent", "points", "percentage", "coefficient", "decimal"]

DECIMALS: dict[str, int] = {
    "int": 0,  # ranks, counts
    "score": 4,  # a method's score, a contribution to it
    "percent": 1,  # a share 0..1 shown as a percentage
    "points": 1,  # a percentage already 0..100 in a column whose heading says %: "23,8"
    "percentage": 1,  # a percentage already 0..100 written with its sign: "23,8 %"
    "coefficient": 3,  # CR, λmax, CI, rank correlations, S*-free indices
    "decimal": 2,  # anything else with decimals: a mean rank, a consistent judgment, seconds
}
# "value" (a value of the decision matrix) keeps what it was given: up to 6 significant digits
SIGNIFICANT = 6
LARGE = Decimal("1e15")  # from here a number is written in powers of ten
SMALL = Decimal("1e-6")  # below this (not zero) too, when written to its significant digits
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")

XLSX_FORMATS: dict[str, str] = {  # the same decimals as number formats; the spreadsheet localises them
    "text": "General",
    "int": "0",
    "score": "0.0000",
    "value": "General",
    "percent": "0.0%",
    "points": "0.0",
    "coefficient": "0.000",
    "decimal": "0.00",
}

_LOCALES = {"nb": "nb_NO", "en": "en"}


@cache
def _locale(lang: Lang) -> Locale:
    return Locale.parse(_LOCALES["nb" if lang == "nb" else "en"])


@cache
def _pattern(decimals: int, optional: bool = False) -> str:
    return "#,##0" + ("." + ("#" if optional else "0") * decimals if decimals else "")


@cache
def percent_sign(lang: Lang) -> str:
    """What follows the number in a percentage: a no-break space and % in bokmål, % in English."""
    pattern = _locale(lang).percent_formats[None].pattern
    return pattern[pattern.rindex("0") + 1 :]


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, Real) and not math.isfinite(float(x)))


def _decimal(x: float) -> Decimal:
    return Decimal(int(x)) if isinstance(x, Integral) else Decimal(repr(float(x)))


def _write(value: Decimal, lang: Lang, pattern: str) -> str:
    if value.is_zero():
        value = abs(value)  # no "−0,0"
    text = format_decimal(value, format=pattern, locale=_locale(lang), decimal_quantization=False)
    return text.replace("-", MINUS)


def _fixed(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _in_powers_of_ten(value: Decimal, significant: bool) -> bool:
    """Whether ``value`` is written as "m × 10ⁿ": from :data:`LARGE`, or, to its
    ``significant`` digits, below :data:`SMALL` (with fixed decimals it rounds to zero)."""
    size = abs(value)
    return size >= LARGE or (significant and not value.is_zero() and size < SMALL)


def _powers_of_ten(value: Decimal, lang: Lang) -> str:
    """``value`` as "m × 10ⁿ", m to 6 significant digits: nb "1,5 × 10²⁰", "−1 × 10⁻³⁰⁰"."""
    exponent = value.adjusted()
    mantissa = _fixed(value.scaleb(-exponent), SIGNIFICANT - 1)
    if abs(mantissa) >= 10:  # 9,999999 rounded up
        exponent += 1
        mantissa = _fixed(mantissa.scaleb(-1), SIGNIFICANT - 1)
    shown = _write(mantissa, lang, _pattern(SIGNIFICANT - 1, optional=True))
    return f"{shown} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def format_number(x: float | None, lang: Lang, decimals: int | None = None) -> str:
    """``x`` with ``decimals`` fixed decimals; with None an integer as it is and any other number
    to at most 6 significant digits (a value as it was given): nb "1 234,5", "−0,25"."""
    if x is None or _missing(x):
        return DASH
    value = _decimal(x)
    if decimals is not None or isinstance(x, Integral):
        if _in_powers_of_ten(value, significant=False):
            return _powers_of_ten(value, lang)
        return _write(_fixed(value, decimals or 0), lang, _pattern(decimals or 0))
    if value.is_zero():
        return _write(value, lang, _pattern(0))
    rounded = Decimal(f"{value:.{SIGNIFICANT}g}")
    if _in_powers_of_ten(rounded, significant=True):
        return _powers_of_ten(rounded, lang)
    shown = max(0, -int(rounded.as_tuple().exponent))  # finite: the exponent is a number
    return _write(rounded, lang, _pattern(shown, optional=True))


def format_percent(share: float | None, lang: Lang, decimals: int = DECIMALS["percent"]) -> str:
    """A share (0..1) as a percentage: 0.741 → nb "74,1 %", en "74.1%"."""
    if share is None or _missing(share):
        return DASH
    points = _decimal(share).scaleb(2)
    if _in_powers_of_ten(points, significant=False):
        return _powers_of_ten(points, lang) + percent_sign(lang)
    return _write(_fixed(points, decimals), lang, _pattern(decimals)) + percent_sign(lang)


def format_percentage(points: float | None, lang: Lang, decimals: int | None = DECIMALS["percentage"]) -> str:
    """A percentage already on 0..100: 23.8 → nb "23,8 %", en "23.8%" (decimals None: as given, "10 %")."""
    if _missing(points):
        return DASH
    return format_number(points, lang, decimals) + percent_sign(lang)


def format_score(x: float | None, lang: Lang) -> str:
    """A method's score: 0.80213 → nb "0,8021"."""
    return format_number(x, lang, DECIMALS["score"])


def format_coefficient(x: float | None, lang: Lang, decimals: int = DECIMALS["coefficient"]) -> str:
    """CR, λmax, a rank correlation: 0.0712 → nb "0,071"."""
    return format_number(x, lang, decimals)


def format_count(n: int | None, lang: Lang) -> str:
    """A whole number, thousands grouped: nb "10 000" (no-break space), en "10,000"."""
    return DASH if n is None else format_number(int(n), lang)


def format_as(x: object, kind: str, lang: Lang) -> str:
    """``x`` formatted as a number of ``kind`` (see :data:`DECIMALS`; "value" and any other kind: as
    given, to 6 significant digits; text as it is)."""
    if _missing(x):
        return DASH
    if not isinstance(x, Real) or isinstance(x, bool):
        return str(x)
    number = int(x) if isinstance(x, Integral) else float(x)
    if kind == "int":
        return format_number(int(number), lang)
    if kind == "percent":
        return format_percent(number, lang)
    if kind == "percentage":
        return format_percentage(number, lang)
    if kind in DECIMALS:
        return format_number(number, lang, DECIMALS[kind])
    return format_number(number, lang)


def formatted(frame: pd.DataFrame, lang: Lang, kinds: Mapping[str, str], index: str | None = None) -> Styler:
    """The table for a page: the numbers stay numbers (a column still sorts by value) and show as
    the text around them does (a column with a missing value is text, "–" where it is missing);
    ``kinds`` maps a column to its kind, ``index`` names the index's kind
    and a column not named shows every number in it as its kind "value"."""
    # the grid shows "None" for an empty number cell whatever the display format: a column with a
    # missing value is written out as text ("–"), the others stay numbers
    gaps = [c for c in frame.columns if frame[c].isna().any()]
    if gaps:
        frame = frame.copy()
        for column in gaps:
            kind = kinds.get(column, "value")
            frame[column] = frame[column].map(lambda x, kind=kind: format_as(x, kind, lang)).astype(object)
    styler = frame.style
    for column in frame.columns:
        kind = kinds.get(column, "value")
        styler = styler.format(lambda x, kind=kind: format_as(x, kind, lang), subset=[column], na_rep=DASH)
    if index is not None:
        styler = styler.format_index(lambda x: format_as(x, index, lang), axis=0)
    return styler


def every(frame: pd.DataFrame, kind: str) -> dict[str, str]:
    """Every column of ``frame`` as ``kind`` (for :func:`formatted`)."""
    return {c: kind for c in frame.columns}


# --- charts: the same decimals as Vega-Lite (d3-format) specifiers -----------------------------

# A tooltip writes what a table writes, thousands grouped, up to 10¹⁵; d3-format has no "m × 10ⁿ": beyond,
# ",.4f" writes every digit (1e21 and more as "1e+308"), and "value" ("~g": significant digits, no trailing
# zeros) writes 1.5e20 as "1,5e+20", 123456789 as "1,23457e+8" and 1e-7 as "1e-7" (tables: "1,5 × 10²⁰",
# "123 457 000", "1 × 10⁻⁷"); "~r" would agree up to 10¹⁵ but write 1e308 with all its 309 digits.
_VEGA = {"int": ",d", "percent": ",.1%", "points": ",.1f", "value": ",.6~g"}


def vega_format(kind: str, decimals: int | None = None) -> str:
    """The d3-format specifier of ``kind`` for a tooltip or an axis: "score" → ",.4f", "percent" → ",.1%".
    The chart's locale (:func:`vega_locale`) gives the separators."""
    if decimals is not None:
        return f",.{decimals}%" if kind == "percent" else f",.{decimals}f"
    if kind in _VEGA:
        return _VEGA[kind]
    return f",.{DECIMALS[kind]}f"


@cache
def vega_locale(lang: Lang) -> dict[str, object]:
    """The d3-format number locale of ``lang``, from the same Babel symbols as the text."""
    locale = _locale(lang)
    symbols = locale.number_symbols["latn"]
    return {
        "decimal": symbols["decimal"],
        "thousands": symbols["group"],
        "grouping": [3],
        "currency": ["", "\u00a0kr"] if lang == "nb" else ["", ""],
        "percent": percent_sign(lang),
        "minus": MINUS,
    }
