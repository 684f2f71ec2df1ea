"""The facilitator's side of a workshop: create or open one, run the rounds, read the dashboard, save.

The facilitator key is kept only in this browser session (never in the address): after a
reload the facilitator opens the workshop again with the key, which is shown once, at creation.
"""

from __future__ import annotations

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
from mcda.hosting import Action
from mcda.labels import aggregation_label
from mcda.models import DecisionProblem
from mcda.ranking import METHODS
from mcda.workshop import GroupResult, PeerRanking, RoundSummary, WorkshopInfo
from mcda.workshop.errors import WORKSHOP_NAME_MAX
from mcda.workshop.results import TreeRoundResult
from mcda.workshop.service import MODES
from mcda.workshop.tree import group_tree_weight_set

from .access import checked, permitted
from .downloads import download_buttons
from .i18n import labels, lang, t
from .plain import escape
from .widgets import method_settings, show_chart
from .workshop import (
    app_link,
    attempt,
    band_text,
    flash,
    furthest_table,
    group_weights_table,
    history_table,
    inconsistent_members,
    member_weights_table,
    progress_table,
    rankings_side_by_side,
    service,
)
from .workshop_scores import cells_chooser
from .workshop_scores import summary as scores_summary

KEY = "ws.fac.key"
SHOW_KEY = "ws.fac.show_key"  # the new workshop's key, until the facilitator confirms they kept it
AGGREGATIONS = {
    "ahp": ("aij", "aip"),
    "direct": ("mean", "geomean"),
    "swing": ("mean", "median"),
    "tree": ("aij", "aip"),
}


def aggregation_options(options: tuple[str, ...]):
    """A format_func for the aggregations, the recommended one (the first) marked, translated now."""
    table = {a: aggregation_label(a, lang(), capital=True) for a in options}
    table[options[0]] += f" ({t('ws.recommended')})"
    return table.get


def round_labels(rounds: list[int]):
    """A format_func translated now (widgets may call it outside the script run)."""
    table = {r: t("ws.dash.round_label", round=r) for r in rounds}
    return table.get


def facilitator_key() -> str | None:
    return st.session_state.get(KEY)


def load_info(key: str) -> WorkshopInfo | None:
    info = attempt(permitted(Action.RUN_WORKSHOP, service().workshop_info), key, title_key="ws.open.refused")
    if info is None:
        st.session_state.pop(KEY, None)
    return info


def create_form(problem: DecisionProblem) -> None:
    names = {c.id: c.name.get(lang()) for c in problem.criteria}
    st.text_input(
        t("ws.create.name"),
        key="ws.create.name",
        max_chars=WORKSHOP_NAME_MAX,
        placeholder=t("ws.create.name.placeholder"),
    )
    mode = st.radio(
        t("ws.create.mode"), MODES, horizontal=True, format_func=labels(MODES, "ws.mode."), key="ws.create.mode"
    )
    cells = None
    if mode == "scores":
        cells, criteria = cells_chooser(problem)
    else:
        criteria = st.multiselect(
            t("ws.create.criteria"),
            problem.criterion_ids,
            default=problem.criterion_ids,
            format_func=names.get,
            placeholder=t("widget.choose"),
            key="ws.create.criteria",
            help=t("ws.create.criteria.help"),
        )
    nodes = nodes_chooser(problem.subset(criteria=criteria), "ws.create.nodes") if mode == "tree" else None
    anonymous = st.checkbox(t("ws.create.anonymous"), key="ws.create.anonymous", help=t("ws.create.anonymous.help"))
    with st.expander(t("ws.create.ranking")):
        chosen = method_settings("ws.create", state_key="ws.create.settings")
    if st.button(t("ws.create.button"), type="primary", key="ws.create.button"):
        created = attempt(
            permitted(Action.CREATE_WORKSHOP, service().create_workshop),
            st.session_state["ws.create.name"],
            criteria,
            mode,
            problem=problem,
            anonymous=anonymous,
            settings=chosen,
            cells=cells,
            nodes=nodes,
            title_key="ws.create.refused",
        )
        if created is not None:
            st.session_state[KEY] = st.session_state[SHOW_KEY] = created.facilitator_key
            st.rerun()


def node_names(problem: DecisionProblem) -> dict[str, str]:
    """Each node of the problem's tree by its path of names ('Alle kriterier › Forutsetninger'), translated now."""
    tree, names = problem.tree, {c.id: c.name for c in problem.criteria}
    return {n: " › ".join(tree.name(x, lang(), names) for x in tree.path(n)) for n in tree.nodes}


def nodes_chooser(problem: DecisionProblem, key: str, default: tuple[str, ...] | None = None) -> list[str] | None:
    """The nodes of a tree round (default: every node with two or more children); None without a tree."""
    tree = problem.tree
    if tree.is_flat or len(problem.criteria) < 2:
        st.info(t("ws.create.tree_flat"), icon=":material/info:")
        return None
    options = list(tree.weighed_nodes)
    return st.multiselect(
        t("ws.create.nodes" if key == "ws.create.nodes" else "ws.round.nodes"),
        options,
        default=[n for n in (default or options) if n in options],
        format_func=node_names(problem).get,
        placeholder=t("widget.choose"),
        key=f"{key}.{'|'.join(options)}",
        help=t("ws.create.nodes.help" if key == "ws.create.nodes" else "ws.round.nodes.help"),
    )


def open_form() -> None:
    st.text_input(t("ws.open.key"), type="password", key="ws.open.key", help=t("ws.open.key.help"))
    if st.button(t("ws.open.button"), key="ws.open.button"):
        key = st.session_state["ws.open.key"].strip()
        opened = permitted(Action.RUN_WORKSHOP, checked("facilitator_key", service().workshop_info))
        if attempt(opened, key, title_key="ws.open.refused") is not None:
            st.session_state[KEY] = key
            st.rerun()


def key_notice() -> None:
    key = st.session_state.get(SHOW_KEY)
    if not key:
        return
    with st.container(border=True):
        st.warning(t("ws.key.once"), icon=":material/key:")
        st.code(key, language=None)
        if st.button(t("ws.key.kept"), key="ws.key.kept"):
            st.session_state.pop(SHOW_KEY, None)
            st.rerun()


def header(info: WorkshopInfo) -> None:
    st.caption(t("ws.member.workshop"))
    st.text(info.name)
    if info.mode == "scores":
        st.caption(scores_summary(info))
    else:
        st.caption(
            t(
                "ws.fac.summary",
                mode=t(f"ws.mode.{info.mode}"),
                n=len(info.criteria),
                method=METHODS[info.ranking.method].label.get(lang()),
                anonymous=t("ws.fac.anonymous") if info.anonymous else t("ws.fac.named"),
                participants=info.participants,
            )
        )
    c1, c2 = st.columns([1, 3])
    with c1:
        st.caption(t("ws.fac.code"))
        st.code(info.join_code, language=None)
    with c2:
        st.caption(t("ws.fac.link"))
        st.code(app_link("workshop", f"join={info.join_code}"), language=None)
    if st.button(t("ws.fac.leave"), key="ws.fac.leave", help=t("ws.fac.leave.help")):
        st.session_state.pop(KEY, None)
        st.session_state.pop(SHOW_KEY, None)
        st.rerun()


def _act(call, *args, done: str, **kwargs) -> None:
    if attempt(permitted(Action.RUN_WORKSHOP, call), *args, **kwargs) is not None:
        flash("success", done)
        st.rerun()


def round_controls(key: str, info: WorkshopInfo, history: tuple[RoundSummary, ...]) -> None:
    n, current = info.current_round, history[-1]
    if info.round_status == "open":
        st.info(t("ws.round.is_open", round=n, submissions=current.submissions, participants=info.participants))
        c1, c2, _ = st.columns([1, 1, 2])
        if c1.button(t("ws.round.close"), key="ws.round.close", width="stretch"):
            _act(service().close_round, key, done=t("ws.round.closed", round=n))
        if c2.button(t("ws.round.close_reveal"), key="ws.round.close_reveal", type="primary", width="stretch"):
            _act(service().close_round, key, reveal=True, done=t("ws.round.revealed", round=n))
        return
    state = "ws.round.is_revealed" if current.revealed_at else "ws.round.is_closed"
    st.info(t(state, round=n, submissions=current.submissions))
    c1, c2, c3 = st.columns([1, 1, 2])
    if current.revealed_at is None and c1.button(
        t("ws.round.reveal"), key="ws.round.reveal", type="primary", width="stretch"
    ):
        _act(service().reveal, key, done=t("ws.round.revealed", round=n))
    carry = c3.checkbox(t("ws.round.carry"), value=True, key="ws.round.carry", help=t("ws.round.carry.help"))
    nodes = None
    if info.mode == "tree" and info.tree_round is not None:
        problem = service().problem(key).subset(criteria=info.criterion_ids)
        nodes = nodes_chooser(problem, f"ws.round.nodes.{n}", default=info.tree_round.chosen)
    if c2.button(t("ws.round.next"), key="ws.round.next", width="stretch"):
        _act(service().open_next_round, key, carry_over=carry, nodes=nodes, done=t("ws.round.opened", round=n + 1))


def dashboard(key: str, info: WorkshopInfo) -> None:
    """Progress and the group result of a round (latest first), and how S* moved over the rounds."""
    history = attempt(service().round_history, key)
    if not history:
        return
    rounds = [r.number for r in reversed(history)]
    chosen = st.selectbox(
        t("ws.dash.round"),
        rounds,
        key=f"ws.dash.round.{info.current_round}.{lang()}",
        format_func=round_labels(rounds),
    )
    result = attempt(service().group_result, key, chosen)
    if result is None:
        return
    share = result.submissions / result.participants if result.participants else 0.0
    st.progress(share, text=t("ws.dash.progress", n=result.submissions, m=result.participants))
    who = st.columns(4)
    for i, m in enumerate(result.members):  # names as plain text, at a glance
        who[i % 4].text(f"{'✓' if m.submitted else '…'} {m.label.get(lang())}")
    with st.expander(t(f"ws.dash.progress_table.{result.mode}")):
        st.dataframe(
            formatted(progress_table(result), lang(), {t("ws.col.cr"): "coefficient", t("ws.col.revision"): "int"}),
            hide_index=True,
            width="stretch",
            column_config={t("ws.col.cr"): st.column_config.TextColumn(width="small")},
        )
    if inconsistent := inconsistent_members(result):  # where the facilitator looks first, not only in the table
        st.warning(t("ws.dash.inconsistent", n=len(inconsistent), m=result.submissions), icon=":material/warning:")
        st.text(", ".join(inconsistent))  # member labels are plain text, never markdown
    if result.submissions == 0:
        st.info(t("ws.dash.empty"))
        return
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
        tree_results(key, info, result.tree)
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
    round_downloads(key, info, result, history)


def tree_results(key: str, info: WorkshopInfo, tree: TreeRoundResult) -> None:
    """A tree round node by node: each chosen node's group CR, S* and AIJ local weights, the nodes kept, and
    the tree chart with the group's local and global weights."""
    st.subheader(t("ws.tree.title"))
    problem = service().problem(key).subset(criteria=info.criterion_ids)
    names = node_names(problem)
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


def round_downloads(key: str, info: WorkshopInfo, result: GroupResult, history: tuple[RoundSummary, ...]) -> None:
    """The round's report in every format: the group's weights and ranking, consistency, consensus, the rounds;
    the scenario file reproduces the group's weights and ranking. Members appear as on the dashboard."""
    problem = service().problem(key)
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
        download_buttons(
            make_report, f"ws.dash.{result.round}", name_hint=report, stem=f"workshop-round-{result.round}"
        )


def save_form(key: str, info: WorkshopInfo, history: tuple[RoundSummary, ...]) -> None:
    closed = [r.number for r in reversed(history) if r.status == "closed" and r.submissions]
    if not closed:
        st.caption(t("ws.save.none"))
        return
    options = AGGREGATIONS[info.mode]
    with st.form("ws.save"):
        c1, c2 = st.columns(2)
        number_ = c1.selectbox(
            t("ws.save.round"), closed, key=f"ws.save.round.{lang()}", format_func=round_labels(closed)
        )
        aggregation = c2.radio(
            t("ws.save.aggregation"),
            options,
            key=f"ws.save.aggregation.{lang()}",
            format_func=aggregation_options(options),
        )
        name = st.text_input(t("ws.save.name"), key="ws.save.name", max_chars=80, placeholder=t("ws.save.placeholder"))
        overwrite = st.checkbox(t("weights.save.overwrite"), key="ws.save.overwrite")
        saved = st.form_submit_button(t("ws.save.button"))
    if not saved:
        return
    chosen_name = name.strip() or t("ws.save.default_name", name=info.name, round=number_)
    save = permitted(Action.SAVE_WEIGHT_SET, service().save_group_weights)
    weight_set = attempt(save, key, number_, chosen_name, aggregation, overwrite, title_key="ws.save.refused")
    if weight_set is not None:
        st.success(t("ws.save.done"))
        st.text(weight_set.name)
