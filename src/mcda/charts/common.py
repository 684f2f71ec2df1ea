"""What every chart shares: labels in both languages, sizes, the number locale, and offline rendering.

Numbers drawn by Vega-Lite (axes, tooltips) use the formats of :mod:`mcda.formatting`
(``vega_format``) in the language's locale (``vega_locale``: bokmål 0,5 and 25 %); numbers
written into the chart's data (cell texts) are formatted by the same module in Python."""

from __future__ import annotations

import altair as alt
import vl_convert as vlc

from ..errors import Lang
from ..formatting import vega_locale

LABELS: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "position": ("Position", "Posisjon"),
    "score": ("Score", "Skår"),
    "rank": ("Rank", "Plass"),
    "weight": ("Weight", "Vekt"),
    "criterion": ("Criterion", "Kriterium"),
    "contribution": ("Contribution", "Bidrag"),
    "ranking": ("Ranking", "Rangering"),
    "coefficient": ("Coefficient", "Koeffisient"),
    "normalization": ("normalisation", "normalisering"),
}

WIDTH = 560  # px for exported PNGs; pages pass width="container" to fill their column
FONT = "Liberation Sans"


def label(key: str, lang: Lang) -> str:
    en, nb = LABELS[key]
    return nb if lang == "nb" else en


def styled(chart: alt.TopLevelMixin, lang: Lang = "en") -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT, locale={"number": vega_locale(lang)})
        .configure_axis(labelLimit=260)
        .configure_view(stroke=None)
    )


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG, rendered offline (no browser, no network)."""
    return vlc.vegalite_to_png(chart.to_json(), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> str:
    return vlc.vegalite_to_svg(chart.to_json())
