"""Figures of a report rendered to PNG, offline, from the same Altair charts the app shows."""

from __future__ import annotations

import struct

from .. import charts
from ..errors import Lang
from .report import Figure


def render(figure: Figure, lang: Lang, scale: float = 2.0) -> bytes:
    """The figure's chart in ``lang`` as PNG bytes (vl-convert; no browser, no network).

    Rendered once per chart and language (:func:`mcda.charts.to_png` keeps the PNG), so a
    report's Word and PowerPoint files share their pictures."""
    return charts.to_png(figure.chart(lang), scale=scale)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from the PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def fit(png: bytes, max_width: float, max_height: float, px_per_unit: float | None = None) -> tuple[float, float]:
    """The largest (width, height) with the image's aspect ratio inside the box (any unit).

    With ``px_per_unit`` the image is not enlarged beyond that many pixels per unit (so a
    small chart keeps its size instead of filling the page).
    """
    w, h = png_size(png)
    scale = min(max_width / w, max_height / h)
    if px_per_unit:
        scale = min(scale, 1.0 / px_per_unit)
    return w * scale, h * scale


# Vega-Lite lays charts out in CSS pixels (96 per inch); PNGs are rendered at scale 2.
PX_PER_CM = 2 * 96 / 2.54
PX_PER_INCH = 2 * 96
