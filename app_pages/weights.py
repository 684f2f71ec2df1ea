"""Set weights: direct points with locks, AHP pairwise comparisons, the value tree node by node, swings,
or objective weights."""

import streamlit as st

from mcda.charts import tree_chart, weights_chart
from mcda.errors import InputError
from mcda.formatting import every, formatted
from mcda.hosting import Action
from mcda.tree_views import column as tree_column
from mcda.tree_views import tree_table
from ui.access import may
from ui.i18n import keyed, labels, lang, t
from ui.plain import escape
from ui.state import (
    current_weight_set,
    ensure_weight_state,
    excluded_by_policy,
    objective_weights,
    problem,
    settings,
)
from ui.tree_inputs import swing_mode_inputs, tree_inputs
from ui.weight_inputs import ahp_feedback, ahp_inputs, direct_inputs, objective_inputs, weights_frame
from ui.weight_sets import load_form, save_form
from ui.widgets import show_chart

p = problem()
ensure_weight_state(p)
st.title(t("weights.title"))
modes = ["direct", "ahp", "tree", "swing", "objective"]
st.session_state.setdefault(keyed("weights.mode"), st.session_state["w.mode"])
st.session_state["w.mode"] = st.radio(
    t("weights.mode"), modes, key=keyed("weights.mode"), horizontal=True, format_func=labels(modes, "weights.mode.")
)

left, right = st.columns([3, 2], gap="large")
with left:
    mode = st.session_state["w.mode"]
    if mode == "direct":
        loaded = st.session_state.get("w.loaded")
        if loaded is not None:
            st.info(t("weights.loaded", name=loaded.name or t("weights.current")))
        direct_inputs(p, excluded_by_policy(p))
    elif mode == "ahp":
        result = ahp_inputs(p)
    elif mode == "tree":
        tree_inputs(p)
    elif mode == "swing":
        swing_mode_inputs(p)
    else:
        objective_inputs()
try:
    current = current_weight_set(p)  # the same set the ranking, compare and robustness pages use
except InputError as error:  # objective weights the data cannot give (e.g. a constant criterion)
    left.error("\n\n".join(escape(m) for m in error.messages(lang())))
    st.stop()
with right:
    st.subheader(t("weights.normalised"))
    if mode == "ahp":
        ahp_feedback(p, result)
    if mode == "tree":
        table = tree_table(p, current, lang()).drop(columns=[tree_column("parent", lang())])  # indented instead
        st.dataframe(
            formatted(table, lang(), {c: "points" for c in table.columns[1:3]}),
            hide_index=True,
            height=35 * (len(table) + 1) + 3,
        )
    else:
        show_chart(weights_chart(current.model_copy(update={"name": t("weights.current")}), p, lang(), "container"))
    with st.expander(t("weights.contrast")):
        sets = [(t("weights.current"), current)]
        missing = settings().missing_policy
        for method in ("entropy", "critic"):
            sets.append((t(f"objective.{method}"), objective_weights(p, method, missing)))
        table = weights_frame(sets, p)
        st.dataframe(formatted(table, lang(), every(table, "percentage")), width="stretch")
        st.caption(t("weights.contrast.note"))
    if may(Action.SAVE_WEIGHT_SET):
        st.subheader(t("weights.save.title"))
        save_form(p, current)
    st.subheader(t("weights.load.title"))
    load_form(p)
if mode == "tree":
    show_chart(tree_chart(current, p, lang(), "container"))
