"""The member's side of a workshop: join, enter judgments with live feedback, submit, see results.

The member token is kept in the session and in the page address as ``?member=TOKEN``, so a
reload or a bookmark brings the member back (Streamlit forgets the session on reload, and a
name cannot be taken twice). The token is 256 random bits and stored only as a digest; the
page tells the member the address is personal. The facilitator key is never put in an address.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from mcda.ahp import fraction_text
from mcda.charts import group_weights_chart
from mcda.formatting import format_as, format_coefficient, format_percent
from mcda.models import DecisionProblem
from mcda.workshop import JudgmentAnalysis, MemberView, WorkshopInfo
from mcda.workshop.service import DISPLAY_NAME_MAX

from .access import checked
from .i18n import lang, t
from .plain import escape
from .tree_inputs import node_names, node_picker, swing_inputs
from .weight_inputs import pair_slider, verbal_judgment
from .widgets import show_chart
from .workshop import attempt, flash, local_time, names_of, rankings_side_by_side, service

TOKEN = "ws.member.token"
OWNER = "ws.member.owner"  # the token whose judgments the inputs hold
AHP = "ws.ahp"  # pair "a|b" -> v (v > 0: a over b by v; v < 0: b over a by |v|)
DIRECT = "ws.direct"  # criterion id -> points
TREE = "ws.tree"  # node -> pair "a|b" -> v, as AHP per node of a tree round
SWING = "ws.swing"  # {"order": [criterion, ...], "points": {criterion: points}}


def token() -> str | None:
    return st.session_state.get(TOKEN) or st.query_params.get("member") or None


def remember(member_token: str) -> None:
    st.session_state[TOKEN] = member_token
    st.query_params["member"] = member_token
    if "join" in st.query_params:
        del st.query_params["join"]


def forget() -> None:
    st.session_state.pop(TOKEN, None)
    st.session_state.pop(OWNER, None)
    if "member" in st.query_params:
        del st.query_params["member"]


def load_view(member_token: str) -> MemberView | None:
    view = attempt(checked("member_token", service().member_view), member_token, title_key="ws.member.unknown")
    if view is None:
        forget()
    return view


def join_form() -> None:
    """The code and the name in a form: Enter in either field joins, as the button does."""
    st.session_state.setdefault("ws.join.code", st.query_params.get("join", ""))
    with st.columns([2, 3])[0], st.form("ws.join.form", border=False):
        st.text_input(t("ws.join.code"), key="ws.join.code", max_chars=2000, help=t("ws.join.code.help"))
        st.text_input(t("ws.join.name"), key="ws.join.name", max_chars=DISPLAY_NAME_MAX, help=t("ws.join.name.help"))
        joining = st.form_submit_button(t("ws.join.button"), type="primary", key="ws.join.button")
    if joining:
        membership = attempt(
            checked("join_code", service().join),
            st.session_state["ws.join.code"],
            st.session_state["ws.join.name"],
            title_key="ws.join.refused",
        )
        if membership is not None:
            remember(membership.token)
            flash("success", t("ws.join.done"), membership.display_name)
            st.rerun()


# --- judgments ------------------------------------------------------------------------------------


def _scale_value(a: float) -> int:
    """A matrix cell as the nearest slider value (1..9 or -2..-9)."""
    if a >= 1:
        return min(9, max(1, round(a)))
    v = min(9, max(1, round(1 / a)))
    return 1 if v == 1 else -v


def seed(view: MemberView, member_token: str) -> None:
    """Fill the inputs from the member's draft once per token (then they hold what the member moves)."""
    if st.session_state.get(OWNER) == member_token:
        return
    for key in [k for k in st.session_state if str(k).startswith(("ws.ahp.", "ws.direct.", "ws.tree.", "swing."))]:
        del st.session_state[key]
    ids = view.workshop.criterion_ids
    draft = view.draft
    if view.workshop.mode == "tree":
        st.session_state[TREE] = _tree_pairs(view.workshop, draft)
    elif view.workshop.mode == "swing":
        given = draft if isinstance(draft, dict) and set(draft) == {"order", "points"} else {}
        st.session_state[SWING] = {"order": list(given.get("order", [])), "points": dict(given.get("points", {}))}
    elif view.workshop.mode == "ahp":
        pairs = {}
        for i, a in enumerate(ids):
            for j in range(i + 1, len(ids)):
                pairs[f"{a}|{ids[j]}"] = _scale_value(float(draft[i][j])) if isinstance(draft, list) else 1
        st.session_state[AHP] = pairs
    else:
        given = {c: float(draft.get(c, 0.0)) for c in ids} if isinstance(draft, dict) else {}
        top = max(given.values(), default=0.0)
        if top <= 0:
            st.session_state[DIRECT] = {c: round(100 / len(ids)) for c in ids}
        else:  # the points as given (0-100 from these sliders); a larger scale is shrunk to fit
            scale = 1.0 if top <= 100 else 100 / top
            st.session_state[DIRECT] = {c: round(scale * v) for c, v in given.items()}
    st.session_state[OWNER] = member_token


def _pairs(kids: tuple[str, ...], matrix: object) -> dict[str, int]:
    """A node's matrix (rows in the children's order) as slider values; equal where there is none."""
    rows = matrix if isinstance(matrix, list) and len(matrix) == len(kids) else None
    return {
        f"{a}|{kids[j]}": _scale_value(float(rows[i][j])) if rows is not None else 1
        for i, a in enumerate(kids)
        for j in range(i + 1, len(kids))
    }


def _tree_pairs(info: WorkshopInfo, draft: object) -> dict[str, dict[str, int]]:
    """The chosen nodes' sliders from the draft (the latest submission's matrix of each node, if any)."""
    assert info.tree is not None and info.tree_round is not None
    given = draft if isinstance(draft, dict) else {}
    return {node: _pairs(info.tree.children(node), given.get(node)) for node in info.tree_round.chosen}


def _matrix(kids: tuple[str, ...], pairs: dict[str, int]) -> list[list[float]]:
    index = {c: i for i, c in enumerate(kids)}
    matrix = [[1.0] * len(kids) for _ in kids]
    for pair, v in pairs.items():
        a, b = pair.split("|")
        x = float(v) if v >= 1 else 1.0 / abs(v)
        matrix[index[a]][index[b]], matrix[index[b]][index[a]] = x, 1.0 / x
    return matrix


def swing_complete(info: WorkshopInfo) -> bool:
    return info.mode != "swing" or len(st.session_state[SWING]["order"]) == len(info.criteria)


def judgments(info: WorkshopInfo) -> list[list[float]] | dict[str, Any]:
    if info.mode == "tree":
        assert info.tree is not None
        return {node: _matrix(info.tree.children(node), pairs) for node, pairs in st.session_state[TREE].items()}
    if info.mode == "swing":
        state = st.session_state[SWING]
        order = list(state["order"])
        return {"order": order, "points": {c: float(state["points"].get(c, 50.0)) for c in order}}
    if info.mode == "direct":
        return {c: float(v) for c, v in st.session_state[DIRECT].items()}
    ids = info.criterion_ids
    index = {c: i for i, c in enumerate(ids)}
    matrix = [[1.0] * len(ids) for _ in ids]
    for pair, v in st.session_state[AHP].items():
        a, b = pair.split("|")
        x = float(v) if v >= 1 else 1.0 / abs(v)
        matrix[index[a]][index[b]], matrix[index[b]][index[a]] = x, 1.0 / x
    return matrix


def pair_key(pair: str) -> str:
    """The slider's key, per language: a select slider keeps its value as the shown (translated) text, so
    after a language switch the old text matches no option and the slider would jump to the end of the
    scale while the stored judgment stays; a fresh widget per language is seeded from the stored judgment."""
    return f"ws.ahp.pair.{lang()}.{pair}"


def _on_pair(pair: str) -> None:
    st.session_state[AHP] = {**st.session_state[AHP], pair: st.session_state[pair_key(pair)]}


def _apply_hint(pair: str, value: int) -> None:
    st.session_state[AHP] = {**st.session_state[AHP], pair: value}
    st.session_state[pair_key(pair)] = value


def _on_points(crit: str) -> None:
    st.session_state[DIRECT] = {**st.session_state[DIRECT], crit: st.session_state[f"ws.direct.{crit}"]}


def ahp_inputs(info: WorkshopInfo, disabled: bool) -> None:
    st.caption(t("ahp.help"))
    ids, names = info.criterion_ids, names_of(info.criteria)
    for i, a in enumerate(ids[:-1]):
        with st.expander(escape(names[a]), expanded=i == 0):
            for b in ids[i + 1 :]:
                pair = f"{a}|{b}"
                st.session_state.setdefault(pair_key(pair), st.session_state[AHP][pair])
                pair_slider(names[a], names[b], pair_key(pair), _on_pair, (pair,), disabled)


def tree_pair_key(node: str, pair: str) -> str:
    return f"ws.tree.pair.{lang()}.{node}.{pair}"


def _on_tree_pair(node: str, pair: str) -> None:
    tree = st.session_state[TREE]
    st.session_state[TREE] = {**tree, node: {**tree[node], pair: st.session_state[tree_pair_key(node, pair)]}}


def _apply_tree_hint(node: str, pair: str, value: int) -> None:
    tree = st.session_state[TREE]
    st.session_state[TREE] = {**tree, node: {**tree[node], pair: value}}
    st.session_state[tree_pair_key(node, pair)] = value


def tree_inputs(info: WorkshopInfo, problem: DecisionProblem, disabled: bool) -> str:
    """The chosen nodes one at a time (the value tree's node picker), each node's pairs; returns the node shown."""
    assert info.tree is not None and info.tree_round is not None
    st.caption(t("ws.tree.member.help"))
    name = node_names(problem)
    node = node_picker(problem, info.tree_round.chosen, "ws.tree.node")
    group = info.tree.group(node)
    if group is not None and group.description is not None:
        st.text(group.description.get(lang()))
    kids = info.tree.children(node)
    for i, a in enumerate(kids[:-1]):
        for b in kids[i + 1 :]:
            pair = f"{a}|{b}"
            key = tree_pair_key(node, pair)
            st.session_state.setdefault(key, st.session_state[TREE][node][pair])
            pair_slider(name(a), name(b), key, _on_tree_pair, (node, pair), disabled)
    return node


def swing_member_inputs(info: WorkshopInfo, problem: DecisionProblem, disabled: bool) -> None:
    """Swing weighting over the workshop's criteria, with the weights page's swing widgets."""
    st.caption(t("ws.swing.member.help"))
    if disabled:
        return
    swing_inputs(problem, info.criterion_ids, st.session_state[SWING], "ws")


def tree_feedback(
    info: WorkshopInfo, problem: DecisionProblem, analysis: JudgmentAnalysis, node: str, disabled: bool
) -> None:
    """Every chosen node's CR, the shown node's hints (with a button to apply each), then the global weights."""
    name = node_names(problem)
    for n, judged in analysis.nodes.items():
        (st.success if judged.consistent is not False else st.warning)(
            t("ws.tree.member.cr", node=escape(name(n)), cr=format_coefficient(judged.cr or 0.0, lang()))
        )
    shown = analysis.nodes.get(node)
    if shown is not None and shown.hints and len(info.tree.children(node)) > 2:  # type: ignore[union-attr]
        with st.expander(t("ws.hints"), expanded=shown.consistent is False):
            for k, h in enumerate(shown.hints):
                a, b = escape(name(h.row)), escape(name(h.column))
                st.markdown(
                    t(
                        "ahp.hint",
                        a=a,
                        b=b,
                        now=fraction_text(h.current),
                        now_words=verbal_judgment(h.current, a, b),
                        suggested=h.suggested_text,
                        suggested_words=verbal_judgment(h.suggested_scale, a, b),
                        exact=format_as(h.suggested, "decimal", lang()),
                    )
                )
                st.button(
                    t("ahp.apply"),
                    key=f"ws.tree.apply.{node}.{k}",
                    on_click=_apply_tree_hint,
                    args=(node, _hint_pair(info, node, h.row, h.column), _hint_value(info, node, h)),
                    disabled=disabled,
                )
    show_chart(
        group_weights_chart(
            {t("ws.your_weights"): analysis.weights}, info.criteria, lang(), "container", title=t("ws.your_weights")
        )
    )


def _hint_pair(info: WorkshopInfo, node: str, row: str, column: str) -> str:
    """The slider of a hint's cell: 'a|b' with a before b among the node's children."""
    kids = info.tree.children(node)  # type: ignore[union-attr]
    return f"{row}|{column}" if kids.index(row) < kids.index(column) else f"{column}|{row}"


def _hint_value(info: WorkshopInfo, node: str, hint: Any) -> int:
    kids = info.tree.children(node)  # type: ignore[union-attr]
    value = _scale_value(hint.suggested_scale)
    if kids.index(hint.row) < kids.index(hint.column):
        return value
    return _scale_value(1.0 / hint.suggested_scale)


def direct_inputs(info: WorkshopInfo, disabled: bool) -> None:
    st.caption(t("ws.direct.help"))
    for c in info.criteria:
        st.session_state.setdefault(f"ws.direct.{c.id}", st.session_state[DIRECT][c.id])
        st.slider(
            escape(c.name.get(lang())),
            0,
            100,
            key=f"ws.direct.{c.id}",
            on_change=_on_points,
            args=(c.id,),
            disabled=disabled,
            help=escape(c.description.get(lang())) if c.description else None,
        )


def feedback(info: WorkshopInfo, analysis: JudgmentAnalysis, disabled: bool) -> None:
    """CR and the three most inconsistent judgments (AHP), then the weights these judgments give."""
    names = names_of(info.criteria)
    if analysis.cr is not None:
        (st.success if analysis.consistent else st.warning)(
            t("ahp.cr.ok" if analysis.consistent else "ahp.cr.high", cr=format_coefficient(analysis.cr, lang()))
        )
    if analysis.hints:
        with st.expander(t("ws.hints"), expanded=analysis.consistent is False):
            for k, h in enumerate(analysis.hints):
                st.markdown(
                    t(
                        "ahp.hint",
                        a=escape(names[h.row]),
                        b=escape(names[h.column]),
                        now=fraction_text(h.current),
                        now_words=verbal_judgment(h.current, escape(names[h.row]), escape(names[h.column])),
                        suggested=h.suggested_text,
                        suggested_words=verbal_judgment(
                            h.suggested_scale, escape(names[h.row]), escape(names[h.column])
                        ),
                        exact=format_as(h.suggested, "decimal", lang()),
                    )
                )
                st.button(
                    t("ahp.apply"),
                    key=f"ws.ahp.apply.{k}",
                    on_click=_apply_hint,
                    args=(f"{h.row}|{h.column}", _scale_value(h.suggested_scale)),
                    disabled=disabled,
                )
    if info.mode in ("direct", "swing"):
        st.caption(t("ws.direct.normalised"))
    show_chart(
        group_weights_chart(
            {t("ws.your_weights"): analysis.weights}, info.criteria, lang(), "container", title=t("ws.your_weights")
        )
    )


def submit_button(view: MemberView, member_token: str, analysis: JudgmentAnalysis | None = None) -> None:
    """Submit (or revise). Inconsistent judgments (CR > 0.10) are accepted, since a member may disagree
    with the hints, but only after the member confirms it."""
    label = t("ws.submit.revise") if view.submission else t("ws.submit")
    confirmed = True
    if analysis is not None and analysis.consistent is False:
        confirmed = st.checkbox(
            t("ws.submit.confirm_inconsistent", cr=format_coefficient(analysis.cr, lang())),
            key="ws.submit.confirm_inconsistent",
        )
    if st.button(label, type="primary", key="ws.submit", disabled=not confirmed):
        record = attempt(service().submit, member_token, judgments(view.workshop), title_key="ws.submit.refused")
        if record is not None:
            flash(
                "toast",
                t("ws.submit.done", round=record.round, revision=record.revision, time=local_time(record.submitted_at)),
            )
            st.rerun()


def status(view: MemberView) -> None:
    if view.round_status == "closed":
        shown = view.revealed is not None and view.revealed.round == view.round
        st.info(t("ws.member.closed_revealed" if shown else "ws.member.closed", round=view.round))
    if view.submission is not None:
        s = view.submission
        key = "ws.member.carried" if s.carried_over else "ws.member.submitted"
        if view.round_status == "closed":
            key = "ws.member.submitted_closed"
        st.success(t(key, round=s.round, revision=s.revision, time=local_time(s.submitted_at)))
    elif view.round_status == "open":
        st.info(t("ws.member.not_yet", round=view.round))


# --- results ----------------------------------------------------------------------------------------


def revealed(view: MemberView) -> None:
    r = view.revealed
    if r is None:
        st.caption(t("ws.member.no_result"))
        return
    st.subheader(t("ws.member.result", round=r.round))
    c1, c2, c3 = st.columns(3)
    consensus = r.consensus
    c1.metric(
        t("ws.metric.s_star"),
        format_percent(None if consensus is None else consensus.s_star, lang()),
        None if consensus is None else consensus.band.get(lang()),
        delta_color="off",
        delta_arrow="off",
    )
    c2.metric(t("ws.metric.kendalls_w"), format_as(r.kendalls_w, "decimal", lang()))
    c3.metric(t("ws.metric.own_rw"), format_as(r.own_rw, "decimal", lang()))
    series = {g.label.get(lang()): g.weights for g in r.group_weights}
    if r.own_weights is not None:
        series[t("ws.your_weights")] = r.own_weights
    show_chart(group_weights_chart(series, view.workshop.criteria, lang(), "container"))
    if r.ranking_error is not None:
        st.warning(escape(r.ranking_error.get(lang())))
    if r.group_ranking is not None:
        st.markdown(t("ws.member.rankings"))
        table = rankings_side_by_side(r.group_ranking, r.own_ranking, r.others)
        st.dataframe(table, hide_index=True, width="stretch", height=38 + 35 * len(table))
    if view.workshop.anonymous:
        st.caption(t("ws.member.anonymous"))
