"""What every chart shares: labels in both languages, sizes, the number locale, and offline rendering.

Numbers drawn by Vega-Lite (axes, tooltips) use the formats of :mod:`mcda.formatting`
(``vega_format``) in the language's locale (``vega_locale``: bokmål 0,5 and 25 %); numbers
written into the chart's data (cell texts) are formatted by the same module in Python."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

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


# Rendering is the cost of an export (vl-convert: about 0.3-2 s per chart, one chart at a
# time); the same chart in the same language is rendered once and its PNG reused, e.g. by
# the Word and then the PowerPoint file of one report. Keyed by the Vega-Lite spec itself.
PNG_CACHE_SIZE = 64
_png_cache: OrderedDict[tuple[str, float], bytes] = OrderedDict()
_png_lock = threading.Lock()


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0, validate: bool = False) -> bytes:
    """The chart as PNG, rendered offline (no browser, no network); the same spec is rendered once.

    Altair's schema validation is skipped unless ``validate`` (it costs about as much as
    building the chart; the app validates every chart it shows, and vl-convert refuses a
    spec it cannot draw)."""
    spec = chart.to_json(validate=validate)
    key = (hashlib.sha256(spec.encode("utf-8")).hexdigest(), float(scale))
    with _png_lock:
        png = _png_cache.get(key)
        if png is not None:
            _png_cache.move_to_end(key)
            return png
    png = vlc.vegalite_to_png(spec, scale=scale)
    with _png_lock:
        _png_cache[key] = png
        while len(_png_cache) > PNG_CACHE_SIZE:
            _png_cache.popitem(last=False)
    return png


def to_svg(chart: alt.TopLevelMixin) -> str:
    return vlc.vegalite_to_svg(chart.to_json())
