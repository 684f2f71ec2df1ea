"""Set weights: direct points with locks, AHP pairwise comparisons, or objective weights."""

import streamlit as st

from mcda.charts import weights_chart
from mcda.errors import InputError
from mcda.formatting import every, formatted
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
from ui.weight_inputs import ahp_feedback, ahp_inputs, direct_inputs, objective_inputs, weights_frame
from ui.weight_sets import load_form, save_form
from ui.widgets import show_chart

p = problem()
ensure_weight_state(p)
st.title(t("weights.title"))
modes = ["direct", "ahp", "objective"]
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
    show_chart(weights_chart(current.model_copy(update={"name": t("weights.current")}), p, lang(), "container"))
    with st.expander(t("weights.contrast")):
        sets = [(t("weights.current"), current)]
        missing = settings().missing_policy
        for method in ("entropy", "critic"):
            sets.append((t(f"objective.{method}"), objective_weights(p, method, missing)))
        table = weights_frame(sets, p)
        st.dataframe(formatted(table, lang(), every(table, "percentage")), width="stretch")
        st.caption(t("weights.contrast.note"))
    st.subheader(t("weights.save.title"))
    save_form(p, current)
    st.subheader(t("weights.load.title"))
    load_form(p)
