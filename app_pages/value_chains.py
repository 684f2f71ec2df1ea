"""The value-chain map: where Norway is, where each position sits, its rank under the current
weights and the chosen outlook, and where China's share of world output is highest."""

import streamlit as st

from mcda.charts.outlooks import value_chain_chart
from mcda.outlooks import BASE_ID, apply_outlook
from ui.downloads import download_buttons
from ui.i18n import keyed, lang, t
from ui.outlooks import available, unplaced, value_chains_if_they_fit
from ui.plain import escape
from ui.state import current_weight_set, ensure_weight_state, problem, rank, report
from ui.widgets import show_chart

p = problem()
ensure_weight_state(p)
st.title(t("chains.title"))
st.caption(t("chains.help"))
chains = value_chains_if_they_fit(p)
if chains is None:  # an uploaded problem with positions of its own: the map is the shipped problem's
    names = ", ".join(escape(name) for name in unplaced(p))
    st.info(t("chains.not_placed", names=names) if names else t("chains.not_fitting"), icon=":material/info:")
options = available(p)
current = st.session_state.get("chains.outlook", BASE_ID)
chosen_id = st.selectbox(
    t("chains.outlook"),
    list(options),
    index=list(options).index(current) if current in options else 0,
    format_func=lambda i: options[i].name.get(lang()),
    key=keyed("chains.outlook"),
)
st.session_state["chains.outlook"] = chosen_id
outlook_problem, outlook_weights = apply_outlook(p, current_weight_set(p), options[chosen_id])
ranking = rank(outlook_problem, outlook_weights)
if chains is not None:
    show_chart(value_chain_chart(chains, outlook_problem, ranking, lang()))
    st.caption(t("chains.sources"))
with st.expander(t("download.title"), icon=":material/download:"):
    download_buttons(
        lambda: report(outlook_problem, ranking, outlook_weights).model_copy(update={"value_chains": chains}),
        "value_chains",
    )
