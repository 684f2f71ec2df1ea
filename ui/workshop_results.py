"""A weighting round's group result as the workshop pages show it: the facilitator's dashboard (any round,
with its key) and the readers' page of closed rounds (observers, the secretariat) draw it with these.

Everything here only reads: the result, the workshop's problem snapshot and the rounds are passed in.
Member labels come from the result (names, or "Deltaker k" where names are not shown) and go only into
dataframe cells, chart data and ``st.text``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from mcda.charts import (
    consensus_history_chart,
    group_weights_chart,
    member_agreement_chart,
    member_weights_chart,
    tree_chart,
)
from mcda.errors import InputError
from mcda.export import Report
from mcda.export.workshop import workshop_report
from mcda.formatting import every, format_as, format_coefficient, format_percent, formatted
from mcda.models import DecisionProblem
from mcda.ranking import METHODS
from mcda.workshop import GroupResult, PeerRanking, RoundSummary
from mcda.workshop.results import RoundState, TreeRoundResult, WorkshopDescription
from mcda.workshop.tree import group_tree_weight_set

from .downloads import download_buttons
from .i18n import lang, t
from .plain import escape
from .widgets import show_chart
from .workshop import (
    band_text,
    furthest_table,
    group_weights_table,
    history_table,
    inconsistent_members,
    local_time,
    member_weights_table,
    rankings_side_by_side,
)
from .workshop_scores import summary as scores_summary


def workshop_summary(info: WorkshopDescription, participants: int) -> str:
    """One line under the workshop's name: its mode, what is weighed or scored, the method, names or not."""
    if info.mode == "scores":
        return scores_summary(info, participants)
    return t(
        "ws.fac.summary",
        mode=t(f"ws.mode.{info.mode}"),
        n=len(info.criteria),
        method=METHODS[info.ranking.method].label.get(lang()),
        anonymous=t("ws.fac.anonymous") if info.anonymous else t("ws.fac.named"),
        participants=participants,
    )


def rounds_table(rounds: Sequence[RoundState]) -> pd.DataFrame:
    """Every round's state for readers: an open round without its number of submissions."""
    rows = [
        {
            t("ws.col.round"): r.number,
            t("ws.col.status"): t(f"ws.state.{'revealed' if r.revealed else r.status}"),
            t("ws.col.submissions"): "–" if r.submissions is None else str(r.submissions),
            t("ws.res.col.closed"): local_time(r.closed_at, "%d.%m.%Y %H:%M"),
        }
        for r in rounds
    ]
    columns = [t("ws.col.round"), t("ws.col.status"), t("ws.col.submissions"), t("ws.res.col.closed")]
    return pd.DataFrame(rows, columns=columns)


def node_paths(problem: DecisionProblem) -> dict[str, str]:
    """Each node of the problem's tree by its path of names ('Alle kriterier › Forutsetninger'), translated now."""
    tree, names = problem.tree, {c.id: c.name for c in problem.criteria}
    return {n: " › ".join(tree.name(x, lang(), names) for x in tree.path(n)) for n in tree.nodes}


def group_results(
    result: GroupResult, info: WorkshopDescription, problem: DecisionProblem, history: Sequence[RoundSummary]
) -> None:
    """Consistency, consensus, the members' and the group's weights, the tree node by node, agreement on the
    ranking, the group's and each member's ranks, and how consensus moved over ``history``."""
    if inconsistent := inconsistent_members(result):  # where one looks first, not only in the table
        st.warning(t("ws.dash.inconsistent", n=len(inconsistent), m=result.submissions), icon=":material/warning:")
        st.text(", ".join(inconsistent))  # member labels are plain text, never markdown
    ahp = result.mode in ("ahp", "tree")  # direct and swing weights have no consistency ratio
    c1, *rest = st.columns(4 if ahp else 3)
    c3, c4 = rest[-2:]
    c1.metric(t("ws.metric.submissions"), f"{result.submissions} / {result.participants}")
    if ahp:
        rest[0].metric(t("ws.metric.group_cr"), format_coefficient(result.group_cr, lang()))
    consensus = result.consensus
    c3.metric(
        t("ws.metric.s_star"),
        format_percent(None if consensus is None else consensus.s_star, lang()),
        None if consensus is None else consensus.band.get(lang()),
        delta_color="off",
        delta_arrow="off",
    )
    c4.metric(t("ws.metric.kendalls_w"), format_as(result.kendalls_w, "decimal", lang()))
    st.caption(t(f"ws.note.{result.mode}"))
    criteria = info.criteria
    left, right = st.columns(2, gap="large")
    with left:
        show_chart(member_weights_chart(result, criteria, lang(), "container"))
    with right:
        series = {g.label.get(lang()): g.weights for g in result.group_weights}
        show_chart(group_weights_chart(series, criteria, lang(), "container"))
        table = group_weights_table(result.group_weights, criteria)
        st.dataframe(formatted(table, lang(), every(table, "percentage")), width="stretch")
    with st.expander(t("ws.dash.member_weights")):
        table = member_weights_table(result, criteria)
        st.dataframe(formatted(table, lang(), every(table, "percentage")), hide_index=True, width="stretch")
    if result.tree is not None:
        tree_results(problem.subset(criteria=info.criterion_ids), result.tree)
    st.subheader(t("ws.dash.rankings"))
    if result.ranking_error is not None:
        st.warning(escape(result.ranking_error.get(lang())))
    left, right = st.columns(2, gap="large")
    with left:
        show_chart(member_agreement_chart(result, lang(), "container"))
    with right:
        st.markdown(t("ws.dash.furthest"))
        kinds = {t("ws.col.distance"): "percentage", t("ws.col.rw"): "coefficient", t("ws.col.cr"): "coefficient"}
        st.dataframe(formatted(furthest_table(result), lang(), kinds), hide_index=True, width="stretch")
        st.caption(t("ws.dash.furthest.help"))
    if result.group_ranking is not None:
        peers = [
            PeerRanking(member_no=m.member_no, label=m.label, ranks=m.ranking.rank_of(), rw=m.rw)
            for m in result.members
            if m.ranking is not None
        ]
        with st.expander(t("ws.dash.ranking_table")):
            table = rankings_side_by_side(result.group_ranking, None, peers)
            st.dataframe(table, hide_index=True, width="stretch", height=38 + 35 * len(table))
    st.subheader(t("ws.dash.rounds"))
    left, right = st.columns(2, gap="large")
    with left:
        show_chart(consensus_history_chart(history, lang(), "container"))
    with right:
        kinds = {t("ws.col.s_star"): "percentage", t("ws.col.round"): "int", t("ws.col.submissions"): "int"}
        st.dataframe(formatted(history_table(history), lang(), kinds), hide_index=True, width="stretch")


def tree_results(problem: DecisionProblem, tree: TreeRoundResult) -> None:
    """A tree round node by node (``problem``: the workshop's, over the weighed criteria): each chosen node's
    group CR, S* and AIJ local weights, the nodes kept, and the tree chart with the group's local and global
    weights."""
    st.subheader(t("ws.tree.title"))
    names = node_paths(problem)
    child_names = {c.id: c.name.get(lang()) for c in problem.criteria} | {n: names[n].split(" › ")[-1] for n in names}
    if tree.weakest is not None and (weakest := tree.node(tree.weakest)) is not None and weakest.consensus:
        st.markdown(
            t(
                "ws.tree.weakest",
                node=escape(names[tree.weakest]),
                s_star=format_percent(weakest.consensus.s_star, lang()),
            )
        )
    table = pd.DataFrame(
        {
            t("ws.tree.col.node"): [names[n.node] for n in tree.nodes],
            t("ws.tree.col.cr"): [n.group_cr for n in tree.nodes],
            t("ws.tree.col.s_star"): [None if n.consensus is None else n.consensus.s_star for n in tree.nodes],
            t("ws.tree.col.band"): [band_text(None if n.consensus is None else n.consensus.band) for n in tree.nodes],
            t("ws.tree.col.aij"): [
                ", ".join(f"{child_names[c]} {format_percent(n.aij[c], lang())}" for c in n.children)
                for n in tree.nodes
            ],
        }
    )
    kinds = {t("ws.tree.col.cr"): "coefficient", t("ws.tree.col.s_star"): "percentage"}
    st.dataframe(formatted(table, lang(), kinds), hide_index=True, width="stretch")
    for node, kept in tree.plan.fixed_from.items():
        name = names[node]
        st.caption(t("ws.tree.kept_equal", node=name) if kept is None else t("ws.tree.kept", node=name, round=kept))
    show_chart(tree_chart(group_tree_weight_set(tree, "aij"), problem, lang(), "container"))
    st.caption(t("ws.tree.chart_help"))


def round_downloads(
    info: WorkshopDescription,
    problem: DecisionProblem,
    result: GroupResult,
    history: Sequence[RoundSummary],
    key: str = "ws.dash",
) -> None:
    """The round's report in every format: the group's weights and ranking, consistency, consensus, the rounds;
    the scenario file reproduces the group's weights and ranking. Members appear as in ``result``."""
    current = lang()

    def make_report() -> Report:
        return workshop_report(info, problem, result, history, current)

    with st.expander(t("ws.download.title", round=result.round), icon=":material/download:"):
        st.caption(t(f"ws.download.help.{result.mode}"))
        if result.round_status == "open":
            st.caption(t("ws.download.provisional"))
        try:
            report = make_report()
        except InputError as error:  # e.g. a ranking the missing-value policy refuses
            st.warning(escape(error.message(current, limit=3)))
            return
        download_buttons(make_report, f"{key}.{result.round}", name_hint=report, stem=f"workshop-round-{result.round}")
