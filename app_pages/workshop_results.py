"""Closed workshop rounds for readers (observers, the secretariat): choose a workshop and a closed round, read
the group's result and download its report. Nothing here writes; open rounds show only their state."""

import streamlit as st

from mcda.hosting import Action
from mcda.workshop import ScoreGroupResult
from ui import workshop_scores
from ui.access import may, permitted
from ui.i18n import lang, t
from ui.workshop import attempt, local_time, round_labels, service
from ui.workshop_results import group_results, round_downloads, rounds_table, workshop_summary

st.title(t("ws.res.title"))
if not may(Action.VIEW_RESULTS):  # not in this session's navigation; refused if reached anyway
    st.error(t("ws.res.forbidden"), icon=":material/lock:")
    st.stop()
st.caption(t("ws.res.intro"))
listing = attempt(permitted(Action.VIEW_RESULTS, service().workshops))
if not listing:
    if listing is not None:
        st.info(t("ws.res.none"), icon=":material/info:")
    st.stop()

by_id = {w.workshop.id: w for w in listing}
labels = {
    i: f"{w.workshop.name} · {t(f'ws.mode.{w.workshop.mode}')} · {local_time(w.workshop.created_at, '%d.%m.%Y')}"
    for i, w in by_id.items()
}
chosen = by_id[st.selectbox(t("ws.res.workshop"), list(by_id), format_func=labels.get, key="ws.res.workshop")]
workshop = chosen.workshop
st.caption(workshop_summary(workshop, chosen.participants))
with st.expander(t("ws.res.rounds")):
    st.dataframe(rounds_table(chosen.rounds), hide_index=True, width="stretch")
closed = list(chosen.closed_rounds)
if not closed:
    st.info(t("ws.res.no_closed"), icon=":material/hourglass_empty:")
    st.stop()
number = st.selectbox(
    t("ws.dash.round"), closed, format_func=round_labels(closed), key=f"ws.res.round.{workshop.id}.{lang()}"
)
found = attempt(permitted(Action.VIEW_RESULTS, service().closed_round), workshop.id, number)
if found is None:
    st.stop()
result = found.result
if any(r.status == "open" for r in chosen.rounds):
    st.caption(t("ws.res.open_hidden"))
if not workshop.anonymous and not found.names_shown:
    st.caption(t("ws.res.names_hidden"))
if result.submissions == 0:
    st.info(t("ws.res.empty", round=number))
    st.stop()
if isinstance(result, ScoreGroupResult):
    st.caption(t("ws.res.submitted", n=result.submissions, m=result.participants))
    workshop_scores.cell_results(result, found.problem, workshop)
else:
    group_results(result, workshop, found.problem, found.history)
    round_downloads(workshop, found.problem, result, found.history, key="ws.res")
