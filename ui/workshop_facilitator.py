"""The facilitator's side of a workshop: create or open one, run the rounds, read the dashboard, save.

The facilitator key is kept only in this browser session (never in the address): after a
reload the facilitator opens the workshop again with the key, which is shown once, at creation.
"""

from __future__ import annotations

import streamlit as st

from mcda.formatting import formatted
from mcda.hosting import Action
from mcda.labels import aggregation_label
from mcda.models import DecisionProblem
from mcda.workshop import RoundSummary, WorkshopInfo
from mcda.workshop.errors import WORKSHOP_NAME_MAX
from mcda.workshop.service import MODES

from .access import checked, permitted
from .i18n import labels, lang, t
from .widgets import method_settings
from .workshop import app_link, attempt, flash, progress_table, round_labels, service
from .workshop_results import group_results, node_paths, round_downloads, workshop_summary
from .workshop_scores import cells_chooser

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
        format_func=node_paths(problem).get,
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
    st.caption(workshop_summary(info, info.participants))
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
    if result.submissions == 0:
        st.info(t("ws.dash.empty"))
        return
    problem = service().problem(key)
    group_results(result, info, problem, history)
    round_downloads(info, problem, result, history)


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
