"""Compare rankings side by side: weight sets and/or methods, ranks, correlations, movers."""

import pandas as pd
import streamlit as st

from mcda.charts import bump_chart, correlation_heatmap
from mcda.comparison import COEFFICIENTS, compare_rankings
from mcda.formatting import every, formatted
from mcda.ranking import METHODS
from ui.downloads import download_buttons
from ui.i18n import keyed, labels, lang, t
from ui.state import current_weight_set, ensure_weight_state, problem, rank, report, settings, settings_for
from ui.weight_sets import choices, describe
from ui.widgets import method_labels, show_chart, weight_set_name

p = problem()
ensure_weight_state(p)
st.title(t("compare.title"))
st.caption(t("compare.help"))
options = [current_weight_set(p)] + choices(p)
names_of_sets = [t("weights.current")] + [describe(ws) for ws in options[1:]]
kept = [i for i in st.session_state.get("compare.picked", range(min(3, len(options)))) if i < len(options)]
picked = st.multiselect(
    t("compare.sets"),
    range(len(options)),
    default=kept,
    format_func=names_of_sets.__getitem__,
    placeholder=t("widget.choose"),
    key=keyed("compare.sets"),
)
methods = st.multiselect(
    t("compare.methods"),
    list(METHODS),
    default=st.session_state.get("compare.methods", [settings().method]),
    format_func=method_labels(),
    placeholder=t("widget.choose"),
    key=keyed("compare.methods"),
)
st.session_state["compare.picked"], st.session_state["compare.methods"] = picked, methods
columns, weights_of = {}, {}
for i in picked:
    for m in methods:
        name = weight_set_name(options[i]) if i else t("weights.current")
        method = METHODS[m].label.get(lang())
        label = name if len(methods) == 1 else (method if len(picked) == 1 else f"{name} · {method}")
        columns[label] = rank(p, options[i], settings_for(m))
        weights_of[label] = options[i]
if len(columns) < 2:
    st.info(t("compare.need_two"))
    st.stop()

comparison = compare_rankings(columns)
st.subheader(t("compare.bump"))
show_chart(bump_chart(columns, lang()))
left, right = st.columns(2, gap="large")
with left:
    st.subheader(t("compare.correlation"))
    coefficient = st.radio(
        t("compare.coefficient"),
        COEFFICIENTS,
        horizontal=True,
        key=keyed("compare.coefficient"),
        format_func=labels(COEFFICIENTS, "coefficient."),
    )
    show_chart(correlation_heatmap(comparison, coefficient, lang()))
    st.caption(t(f"coefficient.{coefficient}.help"))
with right:
    st.subheader(t("compare.movers"))
    names = {a.id: a.name.get(lang()) for a in p.alternatives}
    movers = pd.DataFrame(
        [
            {
                t("compare.position"): names[a],
                t("compare.best"): best,
                t("compare.worst"): worst,
                t("compare.spread"): spread,
            }
            for a, best, worst, spread in comparison.largest_moves
        ]
    )
    st.dataframe(
        movers,
        hide_index=True,
        width="stretch",
        height=38 + 35 * min(len(movers), 17),
        # the three numbers narrow, the rest for the names (in the half-width column every header fits)
        column_config={
            t(key): st.column_config.NumberColumn(width="small")
            for key in ("compare.best", "compare.worst", "compare.spread")
        },
    )
st.subheader(t("compare.table"))
ranks = pd.DataFrame({label: r.rank_of() for label, r in columns.items()})
ranks.index = [names[a] for a in ranks.index]
st.dataframe(formatted(ranks, lang(), every(ranks, "int")), width="stretch")  # "–" where a ranking lacks one
with st.expander(t("download.title"), icon=":material/download:"):
    first, *rest = columns
    download_buttons(
        lambda: report(p, columns[first], weights_of[first], {k: columns[k] for k in rest}, first),
        "compare",
        stem="comparison",
        options={"csv": {"table": "comparison"}},  # the CSV holds the comparison's table, not one ranking
    )
