"""Charts of how sure a ranking is: rank acceptability, weight sweeps, stability intervals and
the agreement of methods. Built from the result objects of :mod:`mcda.sensitivity`.

Percentages written into the charts (cell texts, tooltips) are formatted by
:mod:`mcda.formatting` in the chart's language (bokmål: decimal comma and a space before %), so
what a member reads in the app is what the exported report shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ..errors import Lang
from ..formatting import format_count, format_number, format_percent, vega_format
from ..labels import normalization_label, score_direction_label
from ..models import DecisionProblem
from ..ranking import METHODS
from ..sensitivity import AcceptabilityResult, MethodRobustness, StabilityInterval, WeightSweep
from .common import WIDTH, fit_to_width, fitted_legend, label, styled

_TEXTS: dict[str, tuple[Any, Any]] = {  # key -> (en, nb)
    "acceptability": ("Rank acceptability", "Rangakseptabilitet"),
    "share": ("Share of samples", "Andel av trekningene"),
    "samples": ("{count} samples, seed {seed}", "{count} trekninger, frø {seed}"),
    "weights": ("weights", "vekter"),
    "values": ("values", "verdier"),
    "first": ("First place", "Første plass"),
    "top": ("Among the first {depth}", "Blant de {depth} første"),
    "top3": ("Among the first three", "Blant de tre første"),
    "first_title": ("How often each position is first", "Hvor ofte hver posisjon er først"),
    "expected": ("Mean rank", "Gjennomsnittlig plass"),
    "sweep": ("Weight of {criterion}", "Vekt på {criterion}"),
    "sweep_title": ("Scores as the weight of {criterion} changes", "Skår når vekten på {criterion} endres"),
    "sweep_sub": (
        "the other weights keep their proportions; ● two positions swap places; dashed line: first place changes hands",
        "de andre vektene beholder forholdet seg imellom; ● to posisjoner bytter plass; "
        "stiplet linje: ny på første plass",
    ),
    "current": ("current weight", "gjeldende vekt"),
    "reversal": ("Reversal", "Rangreversering"),
    "overtakes": ("{after} passes {before} (places {p}–{q})", "{after} går forbi {before} (plass {p}–{q})"),
    "stability": ("Stability intervals of the weights", "Stabilitetsintervaller for vektene"),
    "stability_sub": (
        [
            "how far each weight can move (the others keep their proportions) before the result changes",
            "red line: the current weight; narrowest first-three range first",
        ],
        [
            "hvor langt hver vekt kan endres (de andre beholder forholdet seg imellom) før resultatet endres",
            "rød strek: gjeldende vekt; smalest intervall for de tre første øverst",
        ],
    ),
    "band.ranking": ("whole ranking unchanged", "hele rangeringen uendret"),
    "band.top_three": ("first three unchanged", "de tre første uendret"),
    "band.top_one": ("first place unchanged", "første plass uendret"),
    "interval": ("Interval", "Intervall"),
    "methods_title": ("Rank under every method and normalisation", "Plass med hver metode og normalisering"),
    "method": ("Method", "Metode"),
    "agreement": ("Agreement between the methods", "Samsvar mellom metodene"),
}


def text(key: str, lang: Lang, **values: object) -> Any:
    """A chart text in the language (a list of strings for a multi-line subtitle)."""
    en, nb = _TEXTS[key]
    chosen = nb if lang == "nb" else en
    return chosen.format(**values) if isinstance(chosen, str) else chosen


# axis and legend labels of shares (0..1) as whole percentages, in the chart's locale
_PERCENT_AXIS = vega_format("percent", 0)
_TICKS = [0, 0.1, 0.25, 0.5, 1]
_TENTHS = [i / 10 for i in range(11)]


def _cell_text(share: float, lang: Lang) -> str:
    if share <= 0:
        return ""
    if share < 0.005:
        return "<" + format_percent(0.01, lang, 0)
    return format_percent(share, lang, 0)


def _names(problem: DecisionProblem, lang: Lang) -> dict[str, str]:
    return {a.id: a.name.get(lang) for a in problem.alternatives}


def method_text(method: str, normalization: str | None, lang: Lang) -> str:
    norm = normalization_label(normalization, lang, short=True)
    return f"{METHODS[method].label.get(lang)}, {label('normalization', lang)}: {norm}"


def acceptability_order(result: AcceptabilityResult, order: str = "expected") -> list[str]:
    """Alternative ids by mean rank (``expected``) or by first-place share (``first``); ties in input order."""
    expected, first = result.expected_rank(), result.first()
    index = {a: i for i, a in enumerate(result.alternatives)}
    if order == "first":
        return sorted(result.alternatives, key=lambda a: (-first[a], expected[a], index[a]))
    return sorted(result.alternatives, key=lambda a: (expected[a], -first[a], index[a]))


def _acceptability_subtitle(result: AcceptabilityResult, lang: Lang) -> list[str]:
    lines = [
        text("samples", lang, count=format_count(result.samples, lang), seed=result.seed)
        + f"; {method_text(result.method, result.normalization, lang)}",
        f"{text('weights', lang)}: {result.cloud.describe().get(lang)}",
    ]
    if result.data_uncertainty is not None:
        lines.append(f"{text('values', lang)}: {result.data_uncertainty.describe().get(lang)}")
    return lines


def acceptability_heatmap(
    result: AcceptabilityResult,
    problem: DecisionProblem,
    lang: Lang = "nb",
    order: str = "expected",
    width: int | str = WIDTH,
) -> alt.TopLevelMixin:
    """Positions x places: the share of samples in which each position takes each place.

    Rows are ordered by mean rank (``order="expected"``) or by first-place share (``"first"``).
    """
    names = _names(problem, lang)
    ordered = acceptability_order(result, order)
    shares = dict(zip(result.alternatives, result.acceptability, strict=True))
    m = len(result.alternatives)
    rows = [
        {
            "id": a,
            "position": names.get(a, a),
            "place": r + 1,
            "share": shares[a][r],
            "text": _cell_text(shares[a][r], lang),
            "tip": format_percent(shares[a][r], lang),
        }
        for a in ordered
        for r in range(m)
    ]
    df = pd.DataFrame(rows, columns=["id", "position", "place", "share", "text", "tip"])
    y_order = [names.get(a, a) for a in ordered]
    base = alt.Chart(
        df, title=alt.TitleParams(text("acceptability", lang), subtitle=_acceptability_subtitle(result, lang))
    ).encode(
        x=alt.X("place:O", title=label("rank", lang), axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("position:N", sort=y_order, title=None),
    )
    heat = base.mark_rect(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color(  # never: white; a square-root scale tells 2 % from 20 %
            "share:Q",
            scale=alt.Scale(type="sqrt", domain=[0, 1], scheme="blues"),
            title=text("share", lang),
            legend=alt.Legend(orient="bottom", gradientLength=240, format=_PERCENT_AXIS, values=_TICKS),
            condition={"test": alt.datum.share <= 0, "value": "white"},
        ),
        tooltip=[
            alt.Tooltip("position:N", title=label("position", lang)),
            alt.Tooltip("place:O", title=label("rank", lang)),
            alt.Tooltip("tip:N", title=text("share", lang)),
        ],
    )
    cells = base.mark_text(fontSize=9).encode(
        text=alt.Text("text:N"),
        color=alt.ColorValue("#222222", condition={"test": alt.datum.share > 0.4, "value": "white"}),
    )
    chart = alt.layer(heat, cells).properties(width=width, height=max(160, 22 * m))
    return styled(fit_to_width(chart, width), lang)


def first_rank_chart(
    result: AcceptabilityResult,
    problem: DecisionProblem,
    lang: Lang = "nb",
    depth: int = 3,
    width: int | str = WIDTH,
) -> alt.TopLevelMixin:
    """Per position, the share of samples in which it is first and among the first ``depth``."""
    names = _names(problem, lang)
    first, top = result.first(), result.top(depth)
    index = {a: i for i, a in enumerate(result.alternatives)}
    ordered = sorted(result.alternatives, key=lambda a: (-first[a], -top[a], index[a]))
    first_label = text("first", lang)
    top_label = text("top3", lang) if depth == 3 else text("top", lang, depth=depth)
    rows = []
    for a in ordered:  # the wider bar first, so the first-place bar is drawn over it
        rows.append(
            {
                "position": names.get(a, a),
                "measure": top_label,
                "z": 0,
                "share": top[a],
                "tip": format_percent(top[a], lang),
            }
        )
    for a in ordered:
        rows.append(
            {
                "position": names.get(a, a),
                "measure": first_label,
                "z": 1,
                "share": first[a],
                "tip": format_percent(first[a], lang),
            }
        )
    df = pd.DataFrame(rows, columns=["position", "measure", "z", "share", "tip"])
    y_order = [names.get(a, a) for a in ordered]
    bars = (
        alt.Chart(
            df, title=alt.TitleParams(text("first_title", lang), subtitle=_acceptability_subtitle(result, lang)[:1])
        )
        .mark_bar()
        .encode(
            y=alt.Y("position:N", sort=y_order, title=None),
            x=alt.X(
                "share:Q",
                stack=None,
                title=text("share", lang),
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=_PERCENT_AXIS, values=_TENTHS),
            ),
            color=alt.Color(
                "measure:N",
                scale=alt.Scale(domain=[first_label, top_label], range=["#1f5f8b", "#a9c7de"]),
                title=None,
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("z:Q"),  # not stacked: the order is the z-index, first place on top
            tooltip=[
                alt.Tooltip("position:N", title=label("position", lang)),
                alt.Tooltip("measure:N", title=" "),
                alt.Tooltip("tip:N", title=text("share", lang)),
            ],
        )
    )
    labels = (
        alt.Chart(df[df["measure"] == first_label])
        .mark_text(align="left", dx=4, fontSize=10)
        .encode(
            y=alt.Y("position:N", sort=y_order),
            x=alt.X("share:Q"),
            text=alt.Text("tip:N"),
            opacity=alt.OpacityValue(0, condition={"test": alt.datum.share > 0, "value": 1}),
        )
    )
    chart = alt.layer(bars, labels).properties(width=width, height=max(160, 22 * len(ordered)))
    return styled(fit_to_width(chart, width), lang)


def sweep_chart(
    sweep: WeightSweep,
    problem: DecisionProblem,
    lang: Lang = "nb",
    width: int | str = WIDTH,
) -> alt.TopLevelMixin:
    """Score of every position as one criterion's weight runs from 0 to 1, with the reversals.

    A vertical rule marks the current weight; a dot marks each pair that swaps places (the
    tooltip names them); dashed rules mark the weights at which first place changes hands.
    When lower scores are better (VIKOR, SPOTIS) the score axis is reversed so that better is
    always up.
    """
    names = _names(problem, lang)
    grid = np.asarray(sweep.grid)
    sign = 1.0 if sweep.score_direction == "higher_is_better" else -1.0
    at_current = {a: float(np.interp(sweep.current_weight, grid, s)) for a, s in sweep.scores.items()}
    legend_order = [names.get(a, a) for a in sorted(sweep.scores, key=lambda a: -sign * at_current[a])]
    lines = pd.DataFrame(
        [
            {"position": names.get(a, a), "weight": float(t), "score": float(s)}
            for a, scores in sweep.scores.items()
            for t, s in zip(grid, scores, strict=True)
        ],
        columns=["position", "weight", "score"],
    )
    reversals = pd.DataFrame(
        [
            {
                "weight": r.weight,
                "score": r.score,
                "top": r.top_changes,
                "what": text(
                    "overtakes",
                    lang,
                    after=names.get(r.ahead_after, r.ahead_after),
                    before=names.get(r.ahead_before, r.ahead_before),
                    p=r.position,
                    q=r.position + 1,
                ),
                "at": format_percent(r.weight, lang),
            }
            for r in sweep.reversals
        ],
        columns=["weight", "score", "top", "what", "at"],
    )
    criterion = (
        problem.criterion(sweep.criterion).name.get(lang)
        if sweep.criterion in problem.criterion_ids
        else problem.tree.name(sweep.criterion, lang)  # a group of the value tree
    )
    score_title = f"{label('score', lang)} ({score_direction_label(sweep.score_direction, lang)})"
    x = alt.X(
        "weight:Q",
        title=text("sweep", lang, criterion=criterion),
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format=_PERCENT_AXIS, values=_TENTHS),
    )
    y = alt.Y("score:Q", title=score_title, scale=alt.Scale(zero=False, reverse=sign < 0))
    pick = alt.selection_point(fields=["position"], bind="legend")
    score_lines = (
        alt.Chart(lines)
        .mark_line(strokeWidth=1.6)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "position:N",
                sort=legend_order,
                scale=alt.Scale(scheme="category20"),
                title=label("position", lang),
                legend=fitted_legend(legend_order, 3, 280, symbolType="stroke"),
            ),
            opacity=alt.OpacityValue(0.15, condition={"param": pick.name, "value": 1.0}),
            tooltip=[
                alt.Tooltip("position:N", title=label("position", lang)),
                alt.Tooltip("weight:Q", title=label("weight", lang), format=vega_format("percent")),
                alt.Tooltip("score:Q", title=label("score", lang), format=vega_format("score")),
            ],
        )
        .add_params(pick)
    )
    current = pd.DataFrame(
        {
            "weight": [sweep.current_weight],
            "what": [text("current", lang)],
            "at": [format_percent(sweep.current_weight, lang)],
        }
    )
    current_rule = (
        alt.Chart(current)
        .mark_rule(color="#222222", strokeWidth=1.5)
        .encode(
            x=alt.X("weight:Q"),
            tooltip=[alt.Tooltip("what:N", title=" "), alt.Tooltip("at:N", title=label("weight", lang))],
        )
    )
    current_label = (
        alt.Chart(current)
        .mark_text(align="left", dx=4, dy=-4, baseline="bottom", fontSize=10, color="#222222")
        .encode(x=alt.X("weight:Q"), y=alt.YValue(0), text=alt.Text("what:N"))
    )
    tooltip = [alt.Tooltip("what:N", title=text("reversal", lang)), alt.Tooltip("at:N", title=label("weight", lang))]
    top_rules = (
        alt.Chart(reversals)
        .transform_filter(alt.datum.top)
        .mark_rule(color="#b2182b", strokeDash=[5, 3], strokeWidth=1.2)
        .encode(x=alt.X("weight:Q"), tooltip=tooltip)
    )
    points = (
        alt.Chart(reversals)
        .mark_point(filled=True, size=36, color="#222222", opacity=0.85)
        .encode(x=x, y=y, tooltip=tooltip)
    )
    title = alt.TitleParams(
        text("sweep_title", lang, criterion=criterion),
        subtitle=[method_text(sweep.method, sweep.normalization, lang), text("sweep_sub", lang)],
    )
    chart = alt.layer(score_lines, top_rules, current_rule, current_label, points, title=title).properties(
        width=width, height=380
    )
    return styled(fit_to_width(chart, width), lang)


def stability_chart(
    intervals: Sequence[StabilityInterval],
    problem: DecisionProblem,
    lang: Lang = "nb",
    width: int | str = WIDTH,
) -> alt.TopLevelMixin:
    """Tornado of the weight stability intervals: per criterion, nested bars for the ranges in
    which first place, the first three and the whole ranking stay the same, and a tick at the
    current weight. Criteria with the narrowest first-three interval come first."""

    def crit_name(c: str) -> str:
        return problem.criterion(c).name.get(lang) if c in problem.criterion_ids else c

    ordered = sorted(
        intervals,
        key=lambda i: (i.top_three[1] - i.top_three[0], i.ranking[1] - i.ranking[0], i.criterion),
    )
    bands = ("top_one", "top_three", "ranking")
    band_labels = {b: text(f"band.{b}", lang) for b in bands}
    rows = []
    for i in ordered:
        for b in bands:
            low, high = getattr(i, b)
            rows.append(
                {
                    "criterion": crit_name(i.criterion),
                    "band": band_labels[b],
                    "low": low,
                    "high": high,
                    "tip": f"{format_percent(low, lang)} – {format_percent(high, lang)}",
                }
            )
    df = pd.DataFrame(rows, columns=["criterion", "band", "low", "high", "tip"])
    current = pd.DataFrame(
        [
            {
                "criterion": crit_name(i.criterion),
                "weight": i.current_weight,
                "tip": format_percent(i.current_weight, lang),
            }
            for i in ordered
        ],
        columns=["criterion", "weight", "tip"],
    )
    y_order = [crit_name(i.criterion) for i in ordered]
    y = alt.Y("criterion:N", sort=y_order, title=None)
    x = alt.X(
        "low:Q",
        title=label("weight", lang),
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format=_PERCENT_AXIS, values=_TENTHS),
    )
    colours = {"top_one": "#d1e5f0", "top_three": "#67a9cf", "ranking": "#1f5f8b"}
    sizes = {"top_one": 24, "top_three": 14, "ranking": 6}
    layers = []
    for b in bands:
        layers.append(
            alt.Chart(df[df["band"] == band_labels[b]])
            .mark_bar(size=sizes[b])
            .encode(
                y=y,
                x=x,
                x2=alt.X2("high:Q"),
                color=alt.Color(
                    "band:N",
                    scale=alt.Scale(domain=[band_labels[k] for k in bands], range=[colours[k] for k in bands]),
                    title=None,
                    legend=alt.Legend(orient="bottom"),
                ),
                tooltip=[
                    alt.Tooltip("criterion:N", title=label("criterion", lang)),
                    alt.Tooltip("band:N", title=" "),
                    alt.Tooltip("tip:N", title=text("interval", lang)),
                ],
            )
        )
    ticks = (
        alt.Chart(current)
        .mark_tick(color="#b2182b", thickness=2.5, size=30, opacity=1)
        .encode(
            y=y,
            x=alt.X("weight:Q"),
            tooltip=[
                alt.Tooltip("criterion:N", title=label("criterion", lang)),
                alt.Tooltip("tip:N", title=text("current", lang)),
            ],
        )
    )
    title = alt.TitleParams(text("stability", lang), subtitle=text("stability_sub", lang))
    chart = alt.layer(*layers, ticks, title=title).properties(width=width, height=max(140, 40 * len(ordered)))
    return styled(fit_to_width(chart, width), lang)


def variant_display(variant: str, lang: Lang) -> str:
    """'topsis/vector' -> 'TOPSIS · vektor' (the method's short name and the normalisation)."""
    method, _, norm = variant.partition("/")
    spec = METHODS.get(method)
    name = spec.label.get(lang) if spec else method
    if "(" in name and name.endswith(")"):
        name = name[name.index("(") + 1 : -1]  # "Weighted sum (WSM)" -> "WSM"
    return f"{name} · {normalization_label(norm, lang, short=True)}" if norm else name


def method_rank_order(robustness: MethodRobustness) -> list[str]:
    """Alternative ids by their median rank over the method combinations (then the mean, then id)."""
    table = robustness.rank_table()
    return sorted(
        table, key=lambda a: (float(np.median(list(table[a].values()))), float(np.mean(list(table[a].values()))), a)
    )


def method_rank_chart(
    robustness: MethodRobustness, problem: DecisionProblem, lang: Lang = "nb", width: int | str = WIDTH
) -> alt.TopLevelMixin:
    """Positions x (method, normalisation): the rank each combination gives, coloured by rank.

    Rows are ordered by the median rank over the combinations (then the mean)."""
    names = _names(problem, lang)
    table = robustness.rank_table()
    columns = [variant_display(v, lang) for v in robustness.rankings]
    ordered = method_rank_order(robustness)
    rows = [
        {"position": names.get(a, a), "method": variant_display(v, lang), "rank": rank}
        for a in ordered
        for v, rank in table[a].items()
    ]
    df = pd.DataFrame(rows, columns=["position", "method", "rank"])
    m = max(2, len(ordered))
    base = alt.Chart(df, title=text("methods_title", lang)).encode(
        x=alt.X("method:N", sort=columns, title=None, axis=alt.Axis(orient="top", labelAngle=-40, labelLimit=160)),
        y=alt.Y("position:N", sort=[names.get(a, a) for a in ordered], title=None),
    )
    heat = base.mark_rect(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color(
            "rank:Q",
            scale=alt.Scale(domain=[1, m], scheme="blues", reverse=True),
            title=label("rank", lang),
            legend=alt.Legend(orient="bottom", gradientLength=200),
        ),
        tooltip=[
            alt.Tooltip("position:N", title=label("position", lang)),
            alt.Tooltip("method:N", title=text("method", lang)),
            alt.Tooltip("rank:Q", title=label("rank", lang)),
        ],
    )
    cells = base.mark_text(fontSize=10).encode(
        text=alt.Text("rank:Q"),
        color=alt.ColorValue("#222222", condition={"test": alt.datum.rank <= m / 3, "value": "white"}),
    )
    chart = alt.layer(heat, cells).properties(width=width, height=max(160, 22 * len(ordered)))
    return styled(fit_to_width(chart, width), lang)


def method_agreement_chart(
    robustness: MethodRobustness, coefficient: str = "spearman", lang: Lang = "nb", cell: int = 32
) -> alt.TopLevelMixin:
    """The rank-correlation matrix of the method combinations, compact.

    The same data as :func:`mcda.charts.ranking.correlation_heatmap`, drawn for many rankings
    that mostly agree: small cells, and a colour scale that starts near the lowest value (from
    0.5 down; a diverging -1..1 scale once a value is negative) so that 0.8 and 1.0 look
    different. Undefined values (a ranking that ties everything) show as "–".
    """
    comparison = robustness.comparison
    labels = [variant_display(v, lang) for v in (comparison.labels if comparison else ())]
    matrix = comparison.matrices[coefficient] if comparison else ()
    values = [v for row in matrix for v in row if v is not None]
    low = min([0.5, *values]) if values else 0.5
    low = np.floor(low * 10) / 10
    scale = alt.Scale(domain=[low, 1], scheme="blues") if low >= 0 else alt.Scale(domain=[-1, 1], scheme="redblue")
    dark = low + 0.6 * (1 - low)
    rows = [
        {
            "row": a,
            "col": b,
            "value": value,
            "text": format_number(value, lang, 2),
            "dark": value is not None and value > dark,
        }
        for a, row in zip(labels, matrix, strict=True)
        for b, value in zip(labels, row, strict=True)
    ]
    df = pd.DataFrame(rows, columns=["row", "col", "value", "text", "dark"])
    name = {"spearman": "Spearman", "kendall": "Kendall τ-b", "rw": "rw", "ws": "WS"}.get(coefficient, coefficient)
    base = alt.Chart(df, title=alt.TitleParams(text("agreement", lang), subtitle=name)).encode(
        x=alt.X("col:N", sort=labels, title=None, axis=alt.Axis(orient="top", labelAngle=-40, labelLimit=160)),
        y=alt.Y("row:N", sort=labels, title=None),
    )
    heat = base.mark_rect(stroke="white", strokeWidth=0.5).encode(
        color=alt.ColorValue(
            "#eeeeee",
            condition={
                "test": "isValid(datum.value)",
                "field": "value",
                "type": "quantitative",
                "scale": scale,
                "title": name,
                "legend": alt.Legend(orient="bottom", gradientLength=160, format=vega_format("decimal", 1)),
            },
        ),
        tooltip=[alt.Tooltip("row:N", title=" "), alt.Tooltip("col:N", title=" "), alt.Tooltip("text:N", title=name)],
    )
    cells = base.mark_text(fontSize=9).encode(
        text=alt.Text("text:N"), color=alt.ColorValue("#222222", condition={"test": alt.datum.dark, "value": "white"})
    )
    size = max(120, cell * len(labels))
    natural = alt.AutoSizeParams(type="pad")  # cells keep their size; labels and legend add to it
    return styled(alt.layer(heat, cells).properties(width=size, height=size, autosize=natural), lang)
