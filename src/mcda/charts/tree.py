"""The value tree as an indented tree: one row per group and criterion, a bar for its global
weight and its local weight (share of its group) written beside it."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..errors import Lang
from ..formatting import format_percent, vega_format
from ..models import DecisionProblem, WeightSet
from ..tree_views import tree_rows
from .common import WIDTH, styled

INDENT = "\u00a0" * 6  # no-break spaces per level (plain spaces at the start of a label are trimmed)
TEXT = {
    "title": ("Value tree: local and global weights", "Verditre: lokale og globale vekter"),
    "global": ("Global weight", "Global vekt"),
    "local": ("Local weight", "Lokal vekt"),
    "node": ("Criterion or group", "Kriterium eller gruppe"),
    "group": ("Group", "Gruppe"),
    "label": ("local {local} · global {global}", "lokal {local} · global {global}"),
}


def _t(key: str, lang: Lang) -> str:
    en, nb = TEXT[key]
    return nb if lang == "nb" else en


def tree_chart(
    weights: WeightSet, problem: DecisionProblem, lang: Lang = "nb", width: int | str = WIDTH
) -> alt.LayerChart:
    """Indented tree of the problem's value tree with ``weights`` (local weights derived when not recorded)."""
    rows = tree_rows(problem, weights, lang)
    names = {r.node: r.name for r in rows}
    df = pd.DataFrame(
        [
            {
                "order": i,
                "row": INDENT * (r.depth - 1) + ("" if r.is_group else "– ") + r.name,
                "name": r.name,
                "group": names.get(r.top_group, r.name),
                "kind": _t("group", lang) if r.is_group else "",
                "global": r.global_weight,
                "local": r.local,
                "text": _t("label", lang).format(
                    local=format_percent(r.local, lang), **{"global": format_percent(r.global_weight, lang)}
                ),
            }
            for i, r in enumerate(rows)
        ]
    )
    order = list(df["row"])
    tooltip = [
        alt.Tooltip("name:N", title=_t("node", lang)),
        alt.Tooltip("local:Q", title=_t("local", lang), format=vega_format("percent")),
        alt.Tooltip("global:Q", title=_t("global", lang), format=vega_format("percent")),
    ]
    base = alt.Chart(df).encode(
        y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=240)),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(
        x=alt.X(
            "global:Q",
            title=_t("global", lang),
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, min(1.0, float(df["global"].max()) * 1.7)]),
        ),
        color=alt.Color("group:N", title=_t("group", lang), legend=None, sort=list(dict.fromkeys(df["group"]))),
        opacity=alt.OpacityValue(0.45, condition={"test": alt.datum.kind == "", "value": 1.0}),
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(x=alt.X("global:Q"), text=alt.Text("text:N"))
    chart = (bars + text).properties(title=_t("title", lang), width=width, height=max(120, 22 * len(df)))
    return styled(chart, lang)
