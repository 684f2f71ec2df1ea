"""What every chart shares: labels in both languages, sizes, the number locale, and offline rendering.

Numbers drawn by Vega-Lite (axes, tooltips) use the formats of :mod:`mcda.formatting`
(``vega_format``) in the language's locale (``vega_locale``: bokmål 0,5 and 25 %); numbers
written into the chart's data (cell texts) are formatted by the same module in Python."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar, cast

import altair as alt
import vl_convert as vlc

from ..errors import InputError, Issue, Lang
from ..formatting import vega_locale
from ..text_input import for_render

T = TypeVar("T")
C = TypeVar("C", bound=alt.TopLevelMixin)

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
}

WIDTH = 560  # px for exported PNGs; pages pass width="container" to fill their column
FONT = "Liberation Sans"


def label(key: str, lang: Lang) -> str:
    en, nb = LABELS[key]
    return nb if lang == "nb" else en


def styled(chart: C, lang: Lang = "en") -> C:
    """The chart with the shared font, number locale and axis; of the same kind (Chart, LayerChart...)."""
    configured = (
        chart.configure(font=FONT, locale={"number": vega_locale(lang)})
        .configure_axis(labelLimit=260)
        .configure_view(stroke=None)
    )
    return cast(C, configured)  # altair's configure methods are annotated with the mixin, not Self


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG, rendered offline (no browser, no network).

    The renderer aborts the whole process on some control characters, so every string in
    the spec is made safe first (:func:`mcda.text_input.for_render`); any other renderer
    failure becomes an InputError ("render_failed"), never a crash of the caller.
    """
    return _render(chart, lambda spec: vlc.vegalite_to_png(spec, scale=scale))


def to_svg(chart: alt.TopLevelMixin) -> str:
    return _render(chart, vlc.vegalite_to_svg)


def safe_spec(chart: alt.TopLevelMixin) -> str:
    """The chart's Vega-Lite JSON with every string safe for the renderer."""
    return json.dumps(for_render(chart.to_dict()), ensure_ascii=False)


def _render(chart: alt.TopLevelMixin, renderer: Callable[[str], T]) -> T:
    try:
        spec = safe_spec(chart)
        return renderer(spec)
    except Exception as exc:  # the renderer's own errors are plain ValueErrors/RuntimeErrors
        title = getattr(chart, "title", None)
        name = title if isinstance(title, str) else type(chart).__name__
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
        raise InputError(Issue("render_failed", details={"chart": name, "reason": reason})) from exc
