"""Ranking charts keep whole names: no label limit on position names, room for the rank chart's side labels."""

from __future__ import annotations

import io
import itertools
import re
import string
import struct
from pathlib import Path

import pytest
import vl_convert
from fontTools.ttLib import TTFont
from PIL import ImageFont

from mcda.charts.common import PAGE_LABEL_FONT, TEXT_SIZE, text_width, two_lines
from mcda.charts.ranking import bump_chart, contribution_chart, score_chart, weights_chart
from mcda.models import WeightSet
from mcda.ranking import rank_alternatives
from mcda.render_fonts import prepare_fonts
from tests.vega_expression import evaluate


def charts_font() -> bytes:
    """The Liberation Sans (Regular) that vl-convert carries in its library and draws the charts with
    (mcda.render_fonts): Debian's fonts-liberation is another version (1.07.4; its "·" is narrower)."""
    library = next(Path(vl_convert.__file__).parent.glob("vl_convert*.so"), None) or next(
        Path(vl_convert.__file__).parent.glob("vl_convert*.pyd")
    )
    data = library.read_bytes()
    start = data.find(b"\x00\x01\x00\x00")
    while start >= 0:  # each TrueType header with a table directory: is it Liberation Sans Regular?
        count = struct.unpack(">H", data[start + 4 : start + 6])[0]
        tags = [data[start + 12 + 16 * k : start + 16 + 16 * k] for k in range(count)] if 8 <= count <= 40 else []
        if b"hmtx" in tags and b"name" in tags:
            font = TTFont(io.BytesIO(data[start : start + 2_000_000]), lazy=True)
            names = {n.nameID: n.toUnicode() for n in font["name"].names if n.platformID == 3}
            if names.get(4) == "Liberation Sans":
                return data[start : start + 2_000_000]
        start = data.find(b"\x00\x01\x00\x00", start + 1)
    raise AssertionError(f"no Liberation Sans in {library}")


@pytest.fixture(scope="module")
def liberation_sans() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(io.BytesIO(charts_font()), 1000)


def test_rank_chart_leaves_room_for_the_longest_side_label(shipped_problem) -> None:
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    spec = bump_chart({"a": ranking, "b": ranking}).to_dict()
    longest = max(text_width(f"{e.rank}. {e.name.nb}") for e in ranking.entries)
    scale = spec["layer"][0]["encoding"]["x"]["scale"]
    margin = scale["range"][0]["expr"]
    side = int(re.fullmatch(r"min\((\d+), max\(60, \(width - 40\) / 2\)\)", margin).group(1))
    # a margin in px on both sides as wide as the longest label, kept when the page stretches the chart
    # (and narrowed only where the page is too narrow for it: see the next tests)
    assert scale["type"] == "point" and scale["padding"] == 0
    assert side >= longest + 8 and scale["range"][1] == {"expr": f"max(width - {margin}, {margin} + 1)"}
    assert spec["width"] >= 160 + 2 * side
    text_marks = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert [m["mark"]["fontSize"] for m in text_marks] == [TEXT_SIZE, TEXT_SIZE]


def test_label_widths_match_the_charts_font(liberation_sans) -> None:
    """The width estimate against the font vl-convert draws the charts with."""
    font = liberation_sans
    for text in ("12. Utvinning av sjeldne jordartsmetaller (Fensfeltet)", "Æ Ø Å æ ø å", "WIM, «ilj» 25 %"):
        assert text_width(text, 1000) == pytest.approx(font.getlength(text), rel=0.005)
    for ch in string.ascii_letters + string.digits + string.punctuation + " ÆØÅæøåéüöÉÖÜ–—«»":
        assert text_width(ch, 1000) == pytest.approx(font.getlength(ch), abs=3), ch


@pytest.mark.parametrize("ch", list("·−×τ‰…’“”°²≤≥±"))
def test_label_width_of_a_sign_the_charts_write(liberation_sans, ch: str) -> None:
    """Signs in the charts' labels and numbers (a middle dot between a name and its method, minus,
    Kendall's τ, per mille, ellipsis, quotes, ≤ ≥) at the width the charts' font draws them."""
    assert text_width(ch, 1000) == pytest.approx(liberation_sans.getlength(ch), abs=3)


def test_position_and_criterion_names_are_not_cut(shipped_problem) -> None:
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    score = score_chart(ranking, "nb").to_dict()
    assert score["encoding"]["y"]["axis"]["labelLimit"] == 0
    contributions = contribution_chart(ranking, shipped_problem, "nb").to_dict()
    assert contributions["encoding"]["y"]["axis"]["labelLimit"] == 0
    assert contributions["encoding"]["color"]["legend"]["labelLimit"] == 0
    assert isinstance(contributions["title"]["subtitle"], list)  # wrapped, not cut at the chart's width


def test_rank_chart_fits_a_narrow_page_with_its_columns_apart(shipped_problem) -> None:
    """Seven rankings in 540 px (a 1000 px window with the sidebar open): the side labels' margins narrow
    (the labels cut to them with "…") so the columns stay at least 40 px apart and nothing reaches past the
    chart's width; before, the margins kept the longest label's width and every column fell on one point."""
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    chart = bump_chart({f"{k}.": ranking for k in range(1, 8)}, "nb").properties(width=540)
    prepare_fonts()  # vl-convert starts as the app's renderers start it, or later tests' pictures differ
    svg = vl_convert.vegalite_to_svg(chart.to_dict(), config={"autosize": {"type": "pad"}})
    assert float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1)) <= 540 + 2 * 5  # Vega's padding
    axis = svg[svg.index("role-axis-label") :]
    columns = [float(x) for x in re.findall(r'transform="translate\(([\d.]+),[\d.]+\)"', axis)[:7]]
    assert len(columns) == 7 and min(b - a for a, b in itertools.pairwise(columns)) >= 40, columns
    wide = bump_chart({f"{k}.": ranking for k in range(1, 8)}, "nb")  # a picture: the whole labels
    assert "…" not in vl_convert.vegalite_to_svg(wide.to_dict())


# the width of the weights chart's place in the page at windows of 1000, 1200 and 1400 px with the sidebar open
# (measured in Chromium): the weights page's right column, then the ranking page's tab
WEIGHTS_PLACES = (184, 264, 344, 540, 740, 940)


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("place", WEIGHTS_PLACES)
def test_weights_chart_shows_every_criterion_name_whole_and_leaves_the_bars_room(
    shipped_problem, lang: str, place: int
) -> None:
    """Before: the names were cut at half the place's width ("Industrielt grun…" at 1000 px)."""
    weights = WeightSet.from_raw({c: 1.0 for c in shipped_problem.criterion_ids}, name="like")
    spec = weights_chart(weights, shipped_problem, lang, "container").to_dict()
    axis = spec["encoding"]["y"]["axis"]
    limit = evaluate(axis["labelLimit"]["expr"], place)
    assert limit <= place - 50  # the bars keep 50 px
    step = spec["height"] / len(shipped_problem.criteria)
    for criterion in shipped_problem.criteria:
        name = criterion.name.get(lang)
        lines = evaluate(axis.get("labelExpr", "datum.label"), place, name)
        lines = [lines] if isinstance(lines, str) else lines
        assert " ".join(lines) == name and len(lines) <= 2
        assert all(PAGE_LABEL_FONT * text_width(line) <= limit for line in lines), (name, lines, limit)
        assert len(lines) * axis.get("labelLineHeight", 12) + 4 <= step
    longest = max(text_width(c.name.get(lang)) for c in shipped_problem.criteria)
    if PAGE_LABEL_FONT * longest <= place / 2:  # one line where the names take half the place at most
        assert evaluate(axis.get("labelExpr", "datum.label"), place, "Ressursgrunnlag") == "Ressursgrunnlag"


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("place", WEIGHTS_PLACES)
def test_weights_chart_breaks_only_the_names_too_wide_for_one_line(shipped_problem, lang: str, place: int) -> None:
    """A name is on two lines only where on one it would take more than half the place (at most the limit,
    260 px) and more than any other name's lines take; the names take no more than that. Before: once the
    longest name took more than half the place, every name was broken ("Behov for / ren kraft" at 1400 px)."""
    weights = WeightSet.from_raw({c: 1.0 for c in shipped_problem.criterion_ids}, name="like")
    axis = weights_chart(weights, shipped_problem, lang, "container").to_dict()["encoding"]["y"]["axis"]
    names = [c.name.get(lang) for c in shipped_problem.criteria]
    drawn = {name: evaluate(axis["labelExpr"], place, name) for name in names}
    drawn = {name: [lines] if isinstance(lines, str) else lines for name, lines in drawn.items()}
    widest = max(PAGE_LABEL_FONT * text_width(line) for lines in drawn.values() for line in lines)
    first = min(260, place / 2)
    for name, lines in drawn.items():
        if len(lines) == 2:
            assert PAGE_LABEL_FONT * text_width(name) > max(first, widest), (name, place)
    too_wide = [n for n in names if PAGE_LABEL_FONT * text_width(n) > first]
    needed = max((PAGE_LABEL_FONT * text_width(line) for n in too_wide for line in two_lines(n)), default=0.0)
    assert widest <= max(first, needed) + 1
    if lang == "nb" and place >= 264:  # the weights page at 1200 and 1400 px
        assert drawn["Behov for ren kraft"] == ["Behov for ren kraft"]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_weights_chart_in_a_picture_keeps_each_name_on_one_line(shipped_problem, lang: str) -> None:
    weights = WeightSet.from_raw({c: 1.0 for c in shipped_problem.criterion_ids}, name="like")
    axis = weights_chart(weights, shipped_problem, lang).to_dict()["encoding"]["y"]["axis"]
    limit = evaluate(axis["labelLimit"]["expr"], None)
    for criterion in shipped_problem.criteria:
        name = criterion.name.get(lang)
        assert evaluate(axis.get("labelExpr", "datum.label"), None, name) == name and text_width(name) <= limit


def test_two_lines_breaks_where_the_longer_line_is_shortest() -> None:
    assert two_lines("Risiko for markedsadgang og pris") == ["Risiko for", "markedsadgang og pris"]
    assert two_lines("Industrielt grunnlag og kompetanse") == ["Industrielt grunnlag", "og kompetanse"]
    assert two_lines("Modenhet") == ["Modenhet"]
