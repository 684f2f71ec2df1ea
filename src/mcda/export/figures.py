"""Figures of a report rendered to PNG, offline, from the same Altair charts the app shows."""

from __future__ import annotations

import struct
from collections.abc import Iterable
from functools import partial

from .. import charts
from ..charts.common import render_here_now, to_png_ahead
from ..errors import Lang
from .report import Figure


def render(figure: Figure, lang: Lang, scale: float = 2.0) -> bytes:
    """The figure's chart in ``lang`` as PNG bytes (vl-convert; no browser, no network).

    Rendered once per chart and language (:func:`mcda.charts.to_png` keeps the PNG), so a
    report's Word and PowerPoint files share their pictures."""
    return charts.to_png(figure.chart(lang), scale=scale)


class Pictures:
    """The PNGs of the figures an export will place, rendered ahead and side by side (worker
    processes, :func:`mcda.charts.common.to_png_ahead`) while the export writes its text and
    tables, or first, in this process, when the machine is busy (:func:`render_here_now`, decided
    once per export); :meth:`get` waits for one. Each picture is rendered once, as with :func:`render`."""

    def __init__(self, figures: Iterable[Figure], lang: Lang, scale: float = 2.0):
        self.lang, self.scale = lang, scale
        self.here = render_here_now()
        # keyed by identity; each figure is kept with its future, so no other object takes its id
        self._ahead = {id(f): (f, to_png_ahead(partial(f.chart, lang), scale, self.here)) for f in figures}

    def get(self, figure: Figure) -> bytes:
        """The figure's PNG (rendered here if it was not among the figures given)."""
        found = self._ahead.get(id(figure))
        return render(figure, self.lang, self.scale) if found is None else found[1].result()


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
