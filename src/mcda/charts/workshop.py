"""Charts of a weighting workshop: the members' weights, the group's, consensus by round, agreement.

Members appear by their label: the display name, or "Member k" / "Deltaker k" in an anonymous
workshop (the service decides; these charts never see a hidden name). Names are data in the
chart (drawn as SVG/canvas text), never HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from ..ahp import CONSENSUS_BANDS
from ..errors import Lang
from ..formatting import format_as, vega_format
from ..models import Criterion
from ..workshop.results import GroupResult, RoundSummary
from .common import (
    LABEL_LINE_HEIGHT,
    WIDTH,
    axis_labels_width,
    fit_to_width,
    fitted_axis_labels,
    fitted_legend,
    label,
    styled,
)

_LABELS: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "member": ("Member", "Deltaker"),
    "members": ("Members' weights", "Deltakernes vekter"),
    "members.sub": ("dot = member · bar = group ({group})", "prikk = deltaker · strek = gruppen ({group})"),
    "aij": ("AIJ", "AIJ"),
    "aip": ("AIP", "AIP"),
    "mean": ("mean", "gjennomsnitt"),
    "geomean": ("geometric mean", "geometrisk gjennomsnitt"),
    "group": ("Group", "Gruppen"),
    "aggregation": ("Aggregation", "Aggregering"),
    "group_weights": ("Group weights", "Gruppens vekter"),
    "round": ("Round", "Runde"),
    "s_star": ("Consensus S*", "Konsensus S*"),
    "s_star.title": ("Consensus S* by round", "Konsensus S* per runde"),
    "s_star.sub": ("bands after Goepel (2018)", "grenser etter Goepel (2018)"),
    "band": ("Band", "Nivå"),
    "submissions": ("Submissions", "Svar"),
    "rw": ("rw against the group ranking", "rw mot gruppens rangering"),
    "rw.title": ("Agreement with the group ranking", "Samsvar med gruppens rangering"),
    "rw.sub": ("weighted Spearman rw (1 = same ranking)", "vektet Spearman rw (1 = samme rangering)"),
    "kendalls_w": ("Kendall's W across the members", "Kendalls W mellom deltakerne"),
}
_GROUP_COLOUR = "#222222"
_BAND_COLOURS = ("#f4d6d2", "#f7e6cf", "#f5f0d0", "#e1efd9", "#cfe6d3")  # very low .. very high


def _t(key: str, lang: Lang) -> str:
    en, nb = _LABELS[key]
    return nb if lang == "nb" else en


def _criterion_names(criteria: Sequence[Criterion], lang: Lang) -> dict[str, str]:
    return {c.id: c.name.get(lang) for c in criteria}


def member_weights_chart(
    result: GroupResult, criteria: Sequence[Criterion], lang: Lang = "nb", width: int | str = WIDTH
) -> alt.TopLevelMixin:
    """Strip chart per criterion: each submitted member a dot, the primary group weight a bar."""
    names = _criterion_names(criteria, lang)
    order = [names[c] for c in result.criteria]
    member = _t("member", lang)
    rows = [
        {"criterion": names[c], "member": m.label.get(lang), "no": m.member_no, "weight": m.weights[c]}
        for m in result.members
        if m.weights is not None
        for c in result.criteria
    ]
    df = pd.DataFrame(rows, columns=["criterion", "member", "no", "weight"])
    members = df.drop_duplicates("no").sort_values("no")["member"].tolist()
    group = pd.DataFrame(
        [{"criterion": names[c], "weight": (result.weights or {}).get(c)} for c in result.criteria]
    ).dropna()
    aggregation = _t(result.aggregation, lang) if result.aggregation else ""
    # long names on two lines in a narrow column; the legend below the plot keeps to the room the names leave
    y = alt.Y("criterion:N", sort=order, title=None, axis=alt.Axis(**fitted_axis_labels(order, 260)))
    x = alt.X("weight:Q", title=label("weight", lang), axis=alt.Axis(format="%"), scale=alt.Scale(zero=True))
    dots = (
        alt.Chart(df)
        .mark_circle(size=90, opacity=0.85, stroke="white", strokeWidth=0.8)
        .encode(
            y=y,
            x=x,
            yOffset=alt.YOffset("member:N", sort=members),
            color=alt.Color(
                "member:N",
                sort=members,
                title=member,
                legend=fitted_legend(members, 3, 300, beside=axis_labels_width(order, 260)),
            ),
            tooltip=[
                alt.Tooltip("member:N", title=member),
                alt.Tooltip("criterion:N", title=label("criterion", lang)),
                alt.Tooltip("weight:Q", title=label("weight", lang), format=vega_format("percent")),
            ],
        )
    )
    ticks = (
        alt.Chart(group)
        .mark_tick(color=_GROUP_COLOUR, opacity=1, thickness=3, size=30)
        .encode(
            y=y,
            x=x,
            tooltip=[
                alt.Tooltip("criterion:N", title=label("criterion", lang)),
                alt.Tooltip("weight:Q", title=_t("group", lang), format=vega_format("percent")),
            ],
        )
    )
    title = alt.TitleParams(_t("members", lang), subtitle=_t("members.sub", lang).format(group=aggregation))
    chart = alt.layer(ticks, dots, title=title).properties(width=width, height=max(160, 44 * len(order)))
    return styled(fit_to_width(chart, width), lang)


def group_weights_chart(
    series: Mapping[str, Mapping[str, float]],
    criteria: Sequence[Criterion],
    lang: Lang = "nb",
    width: int | str = WIDTH,
    title: str | None = None,
) -> alt.Chart:
    """Grouped bars per criterion, one bar per weight set (e.g. AIJ and AIP, or the group and yours)."""
    names = _criterion_names(criteria, lang)
    ids = [c.id for c in criteria]
    keys = list(series)
    rows = [{"criterion": names[c], "set": k, "weight": series[k].get(c, 0.0)} for c in ids for k in keys]
    df = pd.DataFrame(rows, columns=["criterion", "set", "weight"])
    order = [names[c] for c in ids]
    axis_labels = fitted_axis_labels(order, 260)  # long names on two lines in a narrow column
    step = 10 + 14 * len(keys)
    if "labelExpr" in axis_labels:
        step = max(step, 2 * LABEL_LINE_HEIGHT + 6)
    chart = (
        alt.Chart(df, title=title or _t("group_weights", lang))
        .mark_bar()
        .encode(
            y=alt.Y("criterion:N", sort=order, title=None, axis=alt.Axis(**axis_labels)),
            yOffset=alt.YOffset("set:N", sort=keys) if keys else alt.Undefined,
            x=alt.X("weight:Q", title=label("weight", lang), axis=alt.Axis(format="%")),
            color=alt.Color(
                "set:N",
                sort=keys,
                title=None,
                scale=alt.Scale(range=["#1f5f8b", "#e08a2c", "#6a8d3a", "#8c564b"]),
                legend=fitted_legend(keys, 1, 400, beside=axis_labels_width(order, 260)) if len(keys) > 1 else None,
            ),
            tooltip=[
                alt.Tooltip("criterion:N", title=label("criterion", lang)),
                alt.Tooltip("set:N", title=_t("aggregation", lang)),
                alt.Tooltip("weight:Q", title=label("weight", lang), format=vega_format("percent")),
            ],
        )
        .properties(width=width, height=max(160, step * len(ids)))
    )
    return styled(fit_to_width(chart, width), lang)


def consensus_history_chart(
    history: Sequence[RoundSummary], lang: Lang = "nb", width: int | str = WIDTH
) -> alt.TopLevelMixin:
    """S* per round as a line over the shaded consensus bands (very low < 50 % ≤ ... ≤ very high)."""
    rows = [
        {
            "round": r.number,
            "s_star": r.s_star,
            "band": r.band.get(lang) if r.band else "",
            "submissions": r.submissions,
        }
        for r in history
    ]
    df = pd.DataFrame(rows, columns=["round", "s_star", "band", "submissions"])
    lower = 0.0
    bands = []
    for (upper, name), colour in zip(CONSENSUS_BANDS, _BAND_COLOURS):
        top = min(upper, 1.0)
        bands.append({"from": lower, "to": top, "band": name.get(lang), "colour": colour, "mid": (lower + top) / 2})
        lower = top
    band_df = pd.DataFrame(bands)
    rounds = [r.number for r in history] or [1]
    x_scale = alt.Scale(domain=[min(rounds) - 0.3, max(rounds) + 0.3], nice=False)
    y_scale = alt.Scale(domain=[0, 1])
    shade = (
        alt.Chart(band_df)
        .mark_rect(opacity=0.8)
        .encode(
            y=alt.Y("from:Q", scale=y_scale, title=_t("s_star", lang), axis=alt.Axis(format="%")),
            y2=alt.Y2("to:Q"),
            color=alt.Color("colour:N", scale=None, legend=None),
        )
    )
    names = (
        alt.Chart(band_df)
        .mark_text(align="left", baseline="middle", dx=4, color="#555555", fontSize=11)
        .encode(
            y=alt.Y("mid:Q", scale=y_scale), x=alt.X(datum=min(rounds) - 0.3, scale=x_scale), text=alt.Text("band:N")
        )
    )
    tooltip = [
        alt.Tooltip("round:O", title=_t("round", lang)),
        alt.Tooltip("s_star:Q", title=_t("s_star", lang), format=vega_format("percent")),
        alt.Tooltip("band:N", title=_t("band", lang)),
        alt.Tooltip("submissions:Q", title=_t("submissions", lang)),
    ]
    x = alt.X("round:Q", scale=x_scale, title=_t("round", lang), axis=alt.Axis(tickMinStep=1, format="d"))
    line = (
        alt.Chart(df.dropna(subset=["s_star"]))
        .mark_line(
            point=alt.OverlayMarkDef(size=80, filled=True, color=_GROUP_COLOUR), color=_GROUP_COLOUR, strokeWidth=2
        )
        .encode(x=x, y=alt.Y("s_star:Q", scale=y_scale), tooltip=tooltip)
    )
    title = alt.TitleParams(_t("s_star.title", lang), subtitle=_t("s_star.sub", lang))
    chart = alt.layer(shade, line, names, title=title).properties(width=width, height=260)
    return styled(fit_to_width(chart, width), lang)


def member_agreement_chart(result: GroupResult, lang: Lang = "nb", width: int | str = WIDTH) -> alt.Chart:
    """Each member's weighted Spearman rw against the group ranking, with Kendall's W in the subtitle."""
    rows = [{"member": m.label.get(lang), "no": m.member_no, "rw": m.rw} for m in result.members if m.rw is not None]
    df = pd.DataFrame(rows, columns=["member", "no", "rw"])
    order = df.sort_values("no")["member"].tolist()
    subtitle = [_t("rw.sub", lang)]
    if result.kendalls_w is not None:
        subtitle.append(f"{_t('kendalls_w', lang)}: W = {format_as(result.kendalls_w, 'decimal', lang)}")
    chart = (
        alt.Chart(df, title=alt.TitleParams(_t("rw.title", lang), subtitle=subtitle))
        .mark_bar(color="#1f5f8b")
        .encode(
            y=alt.Y("member:N", sort=order, title=None),
            x=alt.X("rw:Q", title=_t("rw", lang), scale=alt.Scale(domain=[min(0.0, df["rw"].min() or 0.0), 1])),
            tooltip=[
                alt.Tooltip("member:N", title=_t("member", lang)),
                alt.Tooltip("rw:Q", title="rw", format=vega_format("coefficient")),
            ],
        )
        .properties(width=width, height=max(60, 28 * len(df)))
    )
    return styled(fit_to_width(chart, width), lang)
