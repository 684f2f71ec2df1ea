"""Weighing node by node in the value tree, and swing weighting (over the criteria or a node's children)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from mcda.ahp import AHPResult, PairwiseMatrix, analyse, fraction_text
from mcda.errors import InputError
from mcda.formatting import format_as, format_coefficient, formatted
from mcda.models import DecisionProblem
from mcda.swing import node_swing_text, swing_weights

from .i18n import keyed, labels, lang, t
from .plain import escape
from .state import ensure_tree_state, node_state, node_weights, swing_state
from .weight_inputs import SCALE

METHODS = ["direct", "ahp", "swing"]


def _names(problem: DecisionProblem) -> Callable[[str], str]:
    """Node id -> its name in the current language (translated now: widgets may call it later)."""
    names = {c.id: c.name for c in problem.criteria}
    tree = problem.tree
    shown = {n: tree.name(n, lang(), names) for n in (*tree.nodes, *tree.criteria)}
    return lambda node: shown.get(node, node)


# --- swings ---------------------------------------------------------------------------------------


def swing_inputs(problem: DecisionProblem, items: Sequence[str], state: dict[str, Any], key: str) -> None:
    """Rank the swings (which would you improve first?), then give the first 100 and the others points."""
    name = _names(problem)
    st.caption(t("swing.help"))
    st.info(t("swing.data_note"), icon=":material/info:")
    swings = pd.DataFrame(
        {
            t("swing.item"): [name(i) for i in items],
            t("swing.range"): [node_swing_text(problem, i, lang()) for i in items],
        }
    )
    st.dataframe(swings, hide_index=True, width="stretch")
    order_key = keyed(f"swing.order.{key}")
    st.session_state.setdefault(order_key, [i for i in state["order"] if i in items])
    order = st.multiselect(
        t("swing.order"),
        list(items),
        key=order_key,
        format_func=name,
        help=t("swing.order.help"),
        placeholder=t("swing.order.placeholder"),
    )
    state["order"] = list(order)
    for k, item in enumerate(order):
        slider_key = f"swing.points.{key}.{item}"
        if k == 0:
            st.session_state[slider_key] = 100
        else:
            st.session_state.setdefault(slider_key, int(state["points"].get(item, 50)))
        state["points"][item] = float(
            st.slider(
                t("swing.points", k=k + 1, name=escape(name(item))),
                0,
                100,
                key=slider_key,
                disabled=k == 0,
                help=t("swing.points.first") if k == 0 else t("swing.points.help"),
            )
        )
    if len(order) < len(items):
        st.info(t("swing.incomplete"), icon=":material/info:")
        return
    try:
        swing_weights(order, {i: state["points"][i] for i in order})
    except InputError as error:
        st.warning("\n\n".join(error.messages(lang())), icon=":material/warning:")


def swing_mode_inputs(problem: DecisionProblem) -> None:
    """Swing weighting over every criterion."""
    swing_inputs(problem, problem.criterion_ids, swing_state(), "criteria")


# --- the tree, node by node ---------------------------------------------------------------------------


def node_picker(problem: DecisionProblem, nodes: Sequence[str], key: str) -> str:
    """Walk the nodes one at a time: a choice of node (each by its path of names) and 'node k of n'."""
    name = _names(problem)
    tree = problem.tree
    node_key = keyed(key)
    if st.session_state.get(node_key) not in nodes:
        st.session_state[node_key] = nodes[0]
    node = st.radio(
        t("tree.node"),
        list(nodes),
        key=node_key,
        format_func={n: " › ".join(escape(name(x)) for x in tree.path(n)) for n in nodes}.__getitem__,
        help=t("tree.node.help"),
    )
    st.caption(t("tree.step", k=list(nodes).index(node) + 1, n=len(nodes)))
    return node


def node_names(problem: DecisionProblem) -> Callable[[str], str]:
    """Node or criterion id -> its name in the current language."""
    return _names(problem)


def _on_method(node: str, key: str) -> None:
    st.session_state["w.tree"][node]["method"] = st.session_state[key]


def tree_inputs(problem: DecisionProblem) -> None:
    ensure_tree_state(problem)
    tree = problem.tree
    name = _names(problem)
    st.caption(t("tree.help"))
    if tree.is_flat:
        st.info(t("tree.flat"), icon=":material/info:")
    nodes = list(tree.weighed_nodes)
    if not nodes:
        st.info(t("tree.nothing"), icon=":material/info:")
        return
    node = node_picker(problem, nodes, "tree.node")
    group = tree.group(node)
    st.subheader(t("tree.node.title", name=escape(name(node))))
    if group is not None and group.description is not None:
        st.text(group.description.get(lang()))
    state = node_state(problem, node)
    method_key = keyed(f"tree.method.{node}")
    st.session_state.setdefault(method_key, state["method"])
    st.radio(
        t("tree.method"),
        METHODS,
        key=method_key,
        horizontal=True,
        format_func=labels(METHODS, "tree.method."),
        on_change=_on_method,
        args=(node, method_key),
    )
    kids = tree.children(node)
    if state["method"] == "direct":
        _direct(node, kids, state, name)
    elif state["method"] == "ahp":
        _pairwise(problem, node, kids, state, name)
    else:
        swing_inputs(problem, kids, state["swing"], f"node.{node}")
    local = node_weights(problem, node).weights
    table = pd.DataFrame({t("tree.child"): [name(k) for k in kids], t("tree.local"): [100 * local[k] for k in kids]})
    st.dataframe(formatted(table, lang(), {t("tree.local"): "points"}), hide_index=True, width="stretch")


def _direct(node: str, kids: Sequence[str], state: dict[str, Any], name: Callable[[str], str]) -> None:
    st.caption(t("tree.direct.help"))
    for kid in kids:
        key = f"tree.points.{node}.{kid}"
        st.session_state.setdefault(key, float(round(state["points"].get(kid, 0.0), 1)))
        state["points"][kid] = st.slider(escape(name(kid)), 0.0, 100.0, step=0.5, key=key, format="%.1f")


def _verbal(v: int, a: str, b: str) -> str:
    if v == 1:
        return t("ahp.equal", a=a, b=b)
    winner, loser = (a, b) if v > 0 else (b, a)
    return t(f"ahp.level.{abs(v)}", a=winner, b=loser) + f" ({abs(v)})"


def _pairwise(
    problem: DecisionProblem, node: str, kids: Sequence[str], state: dict[str, Any], name: Callable[[str], str]
) -> None:
    st.caption(t("tree.ahp.help", count=len(kids) * (len(kids) - 1) // 2))
    for i, a in enumerate(kids[:-1]):
        for b in kids[i + 1 :]:
            pair = f"{a}|{b}"
            key = keyed(f"tree.pair.{node}.{pair}")
            st.session_state.setdefault(key, state["ahp"].get(pair, 1))
            verbal = {v: _verbal(v, name(a), name(b)) for v in SCALE}
            label = f"{escape(name(a))} ↔ {escape(name(b))}"
            state["ahp"][pair] = st.select_slider(label, SCALE, key=key, format_func=verbal.get)
    nw = node_weights(problem, node)
    result = analyse_node(nw.details)
    cr = format_coefficient(nw.cr or 0.0, lang())
    (st.success if (nw.cr or 0.0) <= 0.1 else st.warning)(
        t("ahp.cr.ok" if (nw.cr or 0.0) <= 0.1 else "ahp.cr.high", cr=cr)
    )
    for h in result.hints if len(kids) > 2 else ():
        st.text(
            t(
                "tree.ahp.hint",
                a=name(h.row),
                b=name(h.column),
                now=fraction_text(h.current),
                suggested=h.suggested_text,
                exact=format_as(h.suggested, "decimal", lang()),
            )
        )


def analyse_node(details: dict[str, Any]) -> AHPResult:
    """The node's AHP result (CR and hints) from the matrix recorded with its weights."""
    matrix = PairwiseMatrix(labels=tuple(details["labels"]), values=tuple(tuple(r) for r in details["matrix"]))
    return analyse(matrix)
