"""Charts of one ranking, of weights, and of several rankings side by side."""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd

from ..errors import Lang
from ..formatting import format_number, vega_format
from ..labels import normalization_label, score_direction_label
from ..models import DecisionProblem, Ranking, WeightSet
from ..ranking import METHODS
from .common import (
    LABEL_LINE_HEIGHT,
    PAGE_LABEL_FONT,
    TEXT_SIZE,
    WIDTH,
    fit_to_width,
    fitted_axis_labels,
    label,
    styled,
    text_width,
)

LABEL_GAP = 8  # px between a point and its label in the rank chart
BUMP_MARGIN = 6  # px between the rank chart's side labels and its edge
BUMP_MIN_STEP = 40  # px between the rank chart's columns at the least
BUMP_MIN_SIDE = 60  # px for a side label and its gaps at the least

if TYPE_CHECKING:  # scipy stays unloaded until a comparison is made
    from ..comparison import RankComparison


def _method_title(ranking: Ranking, lang: Lang) -> alt.TitleParams:
    norm = normalization_label(ranking.normalization, lang, short=True)
    method = METHODS[ranking.method].label.get(lang) if ranking.method in METHODS else ranking.method.upper()
    return alt.TitleParams(
        f"{method}, {label('normalization', lang)}: {norm}",
        subtitle=f"{ranking.score_label.get(lang)} ({score_direction_label(ranking.score_direction, lang)})",
    )


def score_chart(ranking: Ranking, lang: Lang = "nb", width: int | str = WIDTH) -> alt.Chart:
    """Horizontal bars of the scores, best first, with the method in the title."""
    df = pd.DataFrame(
        [
            {"rank": e.rank, "id": e.id, "name": f"{e.rank}. {e.name.get(lang)}", "score": e.score}
            for e in ranking.entries
        ]
    )
    order = df["name"].tolist()
    chart = (
        alt.Chart(df, title=_method_title(ranking, lang))
        .mark_bar(color="#1f5f8b")
        .encode(
            y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),  # whole position names
            x=alt.X("score:Q", title=label("score", lang)),
            tooltip=[
                alt.Tooltip("rank:O", title=label("rank", lang)),
                alt.Tooltip("id:N"),
                alt.Tooltip("score:Q", title=label("score", lang), format=vega_format("score")),
            ],
        )
        .properties(width=width, height=max(160, 22 * len(df)))
    )
    return styled(chart, lang)


def contribution_chart(
    ranking: Ranking, problem: DecisionProblem, lang: Lang = "nb", width: int | str = WIDTH
) -> alt.Chart:
    """Each criterion's part in each position's score (per the method's contribution basis)."""
    rows = []
    for e in ranking.entries:
        for crit_id, value in e.contributions.items():
            criterion = problem.criterion(crit_id).name.get(lang)
            rows.append({"name": f"{e.rank}. {e.name.get(lang)}", "criterion": criterion, "value": value})
    df = pd.DataFrame(rows, columns=["name", "criterion", "value"])
    order = [f"{e.rank}. {e.name.get(lang)}" for e in ranking.entries]
    chart = (
        alt.Chart(
            df,
            title=alt.TitleParams(
                label("contribution", lang),
                # wrapped, or a long subtitle is cut at the chart's width
                subtitle=textwrap.wrap(ranking.contribution_basis.get(lang), 70) or "",
            ),
        )
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),  # whole position names
            x=alt.X("sum(value):Q", title=label("contribution", lang)),
            color=alt.Color(
                "criterion:N",
                title=label("criterion", lang),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),  # whole criterion names
            ),
            tooltip=[
                alt.Tooltip("name:N", title=label("position", lang)),
                alt.Tooltip("criterion:N", title=label("criterion", lang)),
                alt.Tooltip("value:Q", title=label("contribution", lang), format=vega_format("score")),
            ],
        )
        .properties(width=width, height=max(160, 22 * len(order)))
    )
    return styled(chart, lang)


def weights_chart(
    weights: WeightSet, problem: DecisionProblem, lang: Lang = "nb", width: int | str = WIDTH
) -> alt.Chart:
    df = pd.DataFrame(
        [{"criterion": problem.criterion(c).name.get(lang), "weight": w} for c, w in weights.weights.items()]
    )
    # heaviest first; weights equal but for rounding noise (AHP's eigenvector of equal judgments
    # gives 0.1111111111111111 and 0.11111111111111113) are a tie and keep the criteria's order
    order = [
        name
        for _, _, name in sorted(
            (-round(w, 9), i, name) for i, (name, w) in enumerate(zip(df["criterion"], df["weight"], strict=True))
        )
    ]
    axis_labels = fitted_axis_labels(df["criterion"].tolist(), 260)
    step = 2 * LABEL_LINE_HEIGHT + 6 if "labelExpr" in axis_labels else 24
    chart = (
        alt.Chart(
            df,
            # from the chart's left edge, not centred on the bars: a narrow column of the page cut it
            title=alt.TitleParams(weights.name or label("weight", lang), anchor="start", frame="bounds"),
        )
        .mark_bar(color="#6a8d3a")
        .encode(
            # in a narrow column of the page a long name takes two lines (cut only where even then the bars
            # would have no room; in full in the tooltip)
            # no axis title: the names say what they are, and a narrow column needs the room
            y=alt.Y("criterion:N", sort=order, title=None, axis=alt.Axis(**axis_labels)),
            x=alt.X("weight:Q", title=label("weight", lang), axis=alt.Axis(format="%")),
            tooltip=[
                alt.Tooltip("criterion:N", title=label("criterion", lang)),
                alt.Tooltip("weight:Q", title=label("weight", lang), format=vega_format("percent")),
            ],
        )
        .properties(width=width, height=max(120, step * len(df)))
    )
    return styled(fit_to_width(chart, width), lang)


def column_labels(columns: Sequence[str], margin: str) -> dict[str, Any]:
    """The rank chart's column labels upright on short lines, or slanted on one line where the columns lie
    closer than the widest short line (a narrow page: "Gjeldende vekter" and "Like vekter" ran into each
    other)."""
    widest = max((text_width(line) for c in columns for line in wrapped_lines(c)), default=0.0) * PAGE_LABEL_FONT
    slanted = f"(width - 2 * ({margin})) / {max(1, len(columns) - 1)} < {math.ceil(widest) + 6}"
    return {
        "labelExpr": f"{slanted} ? datum.label : {wrapped_labels(columns)}",
        "labelAngle": alt.ExprRef(f"{slanted} ? -35 : 0"),
        "labelAlign": alt.ExprRef(f"{slanted} ? 'right' : 'center'"),
    }


def wrapped_lines(column: str, width: int = 12) -> list[str]:
    """A column name on short lines: a name and its method (' · '-separated), each wrapped at ``width``."""
    return [line for part in column.split(" · ") for line in (textwrap.wrap(part, width) or [part])]


def wrapped_labels(columns: Sequence[str], width: int = 12) -> str:
    """A Vega ``labelExpr`` that shows each column name on short lines (a name and its method,
    ' · '-separated, each wrapped at ``width`` characters), so neighbouring labels do not overlap."""
    lines = [wrapped_lines(c, width) for c in columns]
    return f"{json.dumps(lines)}[indexof({json.dumps(list(columns))}, datum.label)]"


def bump_chart(
    rankings: Mapping[str, Ranking], lang: Lang = "nb", column_title: str | None = None
) -> alt.TopLevelMixin:
    """Ranks of every position across several rankings (weight sets, methods or outlooks)."""
    rows = []
    for column, ranking in rankings.items():
        for e in ranking.entries:
            name = e.name.get(lang)
            rows.append({"ranking": column, "name": name, "rank": e.rank, "label": f"{e.rank}. {name}"})
    df = pd.DataFrame(rows, columns=["ranking", "name", "rank", "label"])
    columns = list(rankings)
    # the rank labels lie beside the first and last column, inside the plot: a margin in px as wide as the
    # longest label, whatever width the page gives the chart (a padding in steps of the point scale shrank
    # with the chart, and the page cut the labels at its edge)
    step = 160
    side = LABEL_GAP + BUMP_MARGIN + math.ceil(max((text_width(x) for x in df["label"]), default=0.0))
    # where the page is too narrow for both margins and a column every BUMP_MIN_STEP px, the margins
    # narrow and the labels are cut to them ("…"; the tooltip names the position)
    margin = f"min({side}, max({BUMP_MIN_SIDE}, (width - {BUMP_MIN_STEP * (len(columns) - 1)}) / 2))"
    base = alt.Chart(df).encode(
        x=alt.X(
            "ranking:N",
            sort=columns,
            scale=alt.Scale(
                type="point",
                padding=0,
                range=[alt.ExprRef(margin), alt.ExprRef(f"max(width - {margin}, {margin} + 1)")],
            ),
            title=column_title or label("ranking", lang),
            axis=alt.Axis(labelLimit=0, **column_labels(columns, margin)),
        ),
        y=alt.Y(
            "rank:Q",
            scale=alt.Scale(reverse=True, domain=[0.5, float(df["rank"].max()) + 0.5]),
            title=None,
            axis=None,  # the labels beside the first and last column carry the ranks
        ),
        color=alt.Color("name:N", title=label("position", lang), legend=None),
        tooltip=[
            alt.Tooltip("name:N", title=label("position", lang)),
            alt.Tooltip("ranking:N", title=label("ranking", lang)),
            alt.Tooltip("rank:Q", title=label("rank", lang)),
        ],
    )
    lines = base.mark_line(point=True)
    first, last = columns[0], columns[-1]
    limit = alt.ExprRef(f"{margin} - {LABEL_GAP + BUMP_MARGIN}")
    left = base.transform_filter(alt.datum.ranking == first).mark_text(
        align="right", dx=-LABEL_GAP, fontSize=TEXT_SIZE, limit=limit
    )
    right = base.transform_filter(alt.datum.ranking == last).mark_text(
        align="left", dx=LABEL_GAP, fontSize=TEXT_SIZE, limit=limit
    )
    n = max(1, df["name"].nunique())
    width = max(300, step * (len(columns) - 1) + 2 * side)
    chart = alt.layer(lines, left.encode(text=alt.Text("label:N")), right.encode(text=alt.Text("label:N")))
    return styled(chart.properties(width=width, height=max(200, 24 * n)), lang)


def correlation_heatmap(
    comparison: RankComparison, coefficient: str = "spearman", lang: Lang = "nb"
) -> alt.TopLevelMixin:
    rows = []
    for i, a in enumerate(comparison.labels):
        for j, b in enumerate(comparison.labels):
            value = comparison.matrices[coefficient][i][j]
            rows.append({"row": a, "col": b, "value": value, "text": format_number(value, lang, 2)})
    df = pd.DataFrame(rows)
    order = list(comparison.labels)
    name = label(f"coef.{coefficient}", lang)
    base = alt.Chart(df, title=f"{label('coefficient', lang)}: {name}").encode(
        x=alt.X("col:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("row:N", sort=order, title=None),
    )
    heat = base.mark_rect().encode(
        color=alt.Color("value:Q", scale=alt.Scale(domain=[-1, 1], scheme="redblue"), title=name),
        tooltip=[
            alt.Tooltip("row:N", title=label("ranking", lang)),
            alt.Tooltip("col:N", title=label("ranking", lang)),
            alt.Tooltip("value:Q", title=name, format=vega_format("coefficient")),
        ],
    )
    text = base.mark_text().encode(text=alt.Text("text:N"))
    size = max(200, 70 * len(order))
    return styled(alt.layer(heat, text).properties(width=size, height=size), lang)
