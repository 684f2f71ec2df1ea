"""What every chart shares: labels in both languages, sizes, and offline rendering."""

from __future__ import annotations

import altair as alt
import vl_convert as vlc

from ..errors import Lang

LABELS: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "position": ("Position", "Posisjon"),
    "score": ("Score", "Skår"),
    "rank": ("Rank", "Plass"),
    "weight": ("Weight", "Vekt"),
    "criterion": ("Criterion", "Kriterium"),
    "contribution": ("Contribution", "Bidrag"),
    "ranking": ("Ranking", "Rangering"),
    "coefficient": ("Coefficient", "Koeffisient"),
    "coef.spearman": ("Spearman", "Spearman"),
    "coef.kendall": ("Kendall τ", "Kendall τ"),
    "coef.rw": ("Weighted Spearman rw", "Vektet Spearman rw"),
    "coef.ws": ("WS similarity", "WS-likhet"),
    "normalization": ("normalisation", "normalisering"),
    "own": ("method's own", "metodens egen"),
    "norm.vector": ("vector", "vektor"),
    "norm.minmax": ("min-max", "min–maks"),
    "norm.max": ("max", "maks"),
    "norm.sum": ("sum", "sum"),
    "higher_is_better": ("higher is better", "høyere er bedre"),
    "lower_is_better": ("lower is better", "lavere er bedre"),
}

WIDTH = 560  # px for exported PNGs; pages pass width="container" to fill their column
FONT = "Liberation Sans"


def label(key: str, lang: Lang) -> str:
    en, nb = LABELS[key]
    return nb if lang == "nb" else en


NUMBER_LOCALES = {  # d3-format locales: bokmål writes 0,5 and groups thousands with a space
    "nb": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"], "percent": "\u00a0%"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}


def styled(chart: alt.TopLevelMixin, lang: Lang = "en") -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT, locale={"number": NUMBER_LOCALES[lang]})
        .configure_axis(labelLimit=260)
        .configure_view(stroke=None)
    )


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG, rendered offline (no browser, no network)."""
    return vlc.vegalite_to_png(chart.to_json(), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> str:
    return vlc.vegalite_to_svg(chart.to_json())
