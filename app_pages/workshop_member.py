"""A workshop member: join with the link or code, weigh the criteria (or score positions), submit or revise,
see the group's result."""

import streamlit as st

from mcda.formatting import formatted
from ui import workshop_scores
from ui.i18n import lang, t
from ui.plain import escape
from ui.tree_inputs import node_names
from ui.workshop import app_link, attempt, ranking_table, service, show_flash
from ui.workshop_member import (
    ahp_inputs,
    direct_inputs,
    feedback,
    forget,
    join_form,
    judgments,
    load_view,
    remember,
    revealed,
    seed,
    status,
    submit_button,
    swing_complete,
    swing_member_inputs,
    token,
    tree_feedback,
    tree_inputs,
)

title = st.empty()  # a scoring workshop names itself once the member is known
title.title(t("ws.member.title"))
show_flash()
member_token = token()
view = load_view(member_token) if member_token else None
if view is None:
    st.markdown(t("ws.join.intro"))
    join_form()
    st.stop()

info = view.workshop
remember(member_token)
workshop_col, member_col = st.columns(2)
workshop_col.caption(t("ws.member.workshop"))
workshop_col.text(info.name)
member_col.caption(t("ws.member.you"))
member_col.text(view.member.display_name)
if info.anonymous:
    member_col.caption(t("ws.member.anonymous_as", label=view.member.label.get(lang())))
with st.expander(t("ws.member.link")):
    st.caption(t("ws.member.link.help"))
    st.code(app_link("workshop", f"member={member_token}"), language=None)
    if st.button(t("ws.member.leave"), key="ws.member.leave"):
        forget()
        st.rerun()

status(view)
closed = view.round_status != "open"
if info.mode == "scores":
    title.title(t("ws.sc.member.title"))
    workshop_scores.seed(view, member_token)
    if closed:
        workshop_scores.revealed(view)
    st.subheader(t("ws.sc.member.form", round=view.round))
    workshop_scores.form(view, closed)
    if not closed:
        workshop_scores.submit_button(view, member_token)
        workshop_scores.revealed(view)
    st.stop()
seed(view, member_token)
if closed:  # nothing to enter now: the group's result first
    revealed(view)
st.subheader(t("ws.member.judgments", round=view.round))
problem = service().member_problem(member_token) if info.mode in ("tree", "swing") else None
if info.mode == "tree" and info.tree_round is not None:
    st.caption(t("ws.tree.nodes_now", nodes=", ".join(node_names(problem)(n) for n in info.tree_round.chosen)))
left, right = st.columns([3, 2], gap="large")
node = None
with left:
    if info.mode == "tree":
        node = tree_inputs(info, problem, closed)
    elif info.mode == "swing":
        swing_member_inputs(info, problem, closed)
    else:
        (ahp_inputs if info.mode == "ahp" else direct_inputs)(info, closed)
with right:
    analysis = None
    if swing_complete(info):
        analysis = attempt(service().check, member_token, judgments(info), title_key="ws.check.refused")
    if analysis is not None and node is not None:
        tree_feedback(info, problem, analysis, node, closed)
    elif analysis is not None:
        feedback(info, analysis, closed)
    if not closed and analysis is not None:
        submit_button(view, member_token, analysis)
if view.ranking is not None:
    with st.expander(t("ws.member.own_ranking")):
        kinds = {t("ws.col.rank"): "int", t("ws.col.score"): "score"}
        st.dataframe(formatted(ranking_table(view.ranking), lang(), kinds), hide_index=True, width="stretch")
elif view.ranking_error is not None:
    st.warning(escape(view.ranking_error.get(lang())))
if not closed:
    revealed(view)
