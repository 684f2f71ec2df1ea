"""Axis labels beside a plot (mcda.charts.common.fitted_axis_labels): which names a page and a picture break."""

from __future__ import annotations

import math

import pytest

from mcda.charts.common import PAGE_LABEL_FONT, axis_labels_width, fitted_axis_labels, text_width, two_lines
from tests.vega_expression import evaluate

LONG = "Tilgang på kvalifisert arbeidskraft i regionen rundt anlegget"  # about 320 px: beyond the limit
NAMES = [LONG, "Behov for ren kraft", "Modenhet", "Risiko for markedsadgang og pris"]


def drawn(axis: dict, place: float | None, name: str) -> list[str]:
    lines = evaluate(axis["labelExpr"], place, name)
    return [lines] if isinstance(lines, str) else lines


def test_a_picture_breaks_only_the_names_beyond_the_limit() -> None:
    """Before: one name beyond the limit broke every name in two ("Behov for / ren kraft")."""
    assert text_width(LONG) > 260 > max(text_width(n) for n in NAMES[1:])
    axis = fitted_axis_labels(NAMES, 260)
    assert drawn(axis, None, LONG) == two_lines(LONG)
    assert [drawn(axis, None, n) for n in NAMES[1:]] == [[n] for n in NAMES[1:]]
    assert evaluate(axis["labelLimit"]["expr"], None) == 260


def test_a_picture_keeps_every_name_on_one_line_up_to_the_limit() -> None:
    axis = fitted_axis_labels(NAMES[1:], 260)
    assert [drawn(axis, None, n) for n in NAMES[1:]] == [[n] for n in NAMES[1:]]


@pytest.mark.parametrize("place", range(60, 1200, 17))
def test_the_labels_width_is_what_the_drawn_lines_take(place: int) -> None:
    """``axis_labels_width`` (the legend's ``beside``) is the widest line drawn, at most the labels' room."""
    for names in (NAMES, NAMES[1:], ["Modenhet", "Klimafortrinn"]):
        axis = fitted_axis_labels(names, 260)
        room = evaluate(axis["labelLimit"]["expr"], place)
        lines = [line for n in names for line in (drawn(axis, place, n) if "labelExpr" in axis else [n])]
        widest = max(math.ceil(PAGE_LABEL_FONT * text_width(line)) for line in lines)
        assert evaluate(axis_labels_width(names, 260), place) == min(room, widest), (place, names)


@pytest.mark.parametrize("place", range(60, 1200, 17))
def test_a_name_cut_on_one_line_is_broken_where_its_two_lines_fit(place: int) -> None:
    """Where the long name's lines take more than the labels' room, a shorter name wider than the room is not
    left on one line to be cut."""
    axis = fitted_axis_labels(NAMES, 260)
    room = evaluate(axis["labelLimit"]["expr"], place)
    for name in NAMES:
        lines = drawn(axis, place, name)
        if len(lines) == 1 and len(two_lines(name)) == 2:
            assert PAGE_LABEL_FONT * text_width(name) <= room, (place, name)
