"""The facilitator: create or open a workshop, run its rounds, follow the group, save the group weights."""

import streamlit as st

from mcda.hosting import Action
from ui import workshop_scores
from ui.access import may
from ui.i18n import t
from ui.state import problem
from ui.workshop import service, show_flash
from ui.workshop_facilitator import (
    create_form,
    dashboard,
    facilitator_key,
    header,
    key_notice,
    load_info,
    open_form,
    round_controls,
    save_form,
)

st.title(t("ws.fac.title"))
if not may(Action.RUN_WORKSHOP):  # not in this session's navigation; refused if reached anyway
    st.error(t("access.read_only"), icon=":material/lock:")
    st.stop()
show_flash()
key = facilitator_key()
info = load_info(key) if key else None
if info is None:
    st.markdown(t("ws.fac.intro"))
    create_tab, open_tab = st.tabs([t("ws.fac.tab.create"), t("ws.fac.tab.open")])
    with create_tab:
        create_form(problem())
    with open_tab:
        open_form()
    st.stop()

key_notice()
header(info)
st.subheader(t("ws.fac.rounds"))
history = service().round_history(key)
round_controls(key, info, history)
st.divider()
refresh, toggle = st.columns([1, 3], vertical_alignment="center")
refresh.button(t("ws.dash.refresh"), key="ws.dash.refresh", icon=":material/refresh:")
auto = toggle.toggle(t("ws.dash.auto"), key="ws.dash.auto", help=t("ws.dash.auto.help"))
scores = info.mode == "scores"
st.fragment(run_every=10 if auto else None)(workshop_scores.dashboard if scores else dashboard)(key, info)
st.divider()
if scores:
    workshop_scores.accept_form(key, history)
    st.stop()
st.subheader(t("ws.save.title"))
st.caption(t("ws.save.help"))
save_form(key, info, history)
