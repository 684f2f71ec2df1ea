"""Scoring rounds in the workshop pages: the cells chooser, the member's scoring form, the group's
values beside the member's own, the facilitator's per-cell results, agreement and the accept button.

Display names and rationales are member input: they go only into dataframe cells and ``st.text``,
never into markdown. The member's answers live in one session dict per member token (canonical
values); each choice widget is keyed per language and seeded from it, as the AHP sliders are.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from mcda.formatting import format_as, formatted
from mcda.hosting import Action
from mcda.labels import provenance_label
from mcda.models import DecisionProblem, LocalizedText
from mcda.workshop import ScoreGroupResult, ScoreMemberView, WorkshopInfo
from mcda.workshop.results import WorkshopDescription
from mcda.workshop.scoring import RATIONALE_MAX, default_cells, scored

from .access import permitted
from .i18n import lang, t
from .workshop import attempt, flash, local_time, round_labels, service

SCORES = "ws.sc.scores"  # "position|criterion" -> level or None (don't know)
WHY = "ws.sc.why"  # "position|criterion" -> rationale
OWNER = "ws.sc.owner"  # the member token whose answers the dicts hold
WHICH = ("default", "criteria", "cells")


def _name(text: LocalizedText | None, fallback: str) -> str:
    return fallback if text is None else text.get(lang())


def _number(value: float | None) -> str:
    """A level, median or quartile as written in the page's language (2,5; 3; – when there is none)."""
    return format_as(value, "value", lang())


def _level(value: float | None) -> str:
    return t("ws.sc.dont_know") if value is None else _number(value)


# --- creating a scoring workshop --------------------------------------------------------------------


def cells_chooser(problem: DecisionProblem) -> tuple[list[tuple[str, str]] | None, list[str] | None]:
    """The facilitator's choice of cells: the default, whole criteria or single cells; says what cannot be scored."""
    scorable = [c for c in problem.criterion_ids if scored(problem, c)]
    unscaled = [problem.criterion(c).name.get(lang()) for c in problem.criterion_ids if c not in scorable]
    if unscaled:
        st.caption(t("ws.sc.create.unscaled", names=", ".join(unscaled)))
    names = {c.id: c.name.get(lang()) for c in problem.criteria}
    positions = {a.id: a.name.get(lang()) for a in problem.alternatives}
    n_default = len(default_cells(problem))
    which_labels = {
        "default": t("ws.sc.create.which.default", n=n_default),
        "criteria": t("ws.sc.create.which.criteria"),
        "cells": t("ws.sc.create.which.cells"),
    }
    which = st.radio(t("ws.sc.create.which"), WHICH, format_func=which_labels.get, key="ws.sc.create.which")
    if which == "criteria":
        chosen = st.multiselect(
            t("ws.sc.create.criteria"),
            scorable,
            format_func=names.get,
            placeholder=t("widget.choose"),
            key="ws.sc.create.criteria",
        )
        return None, chosen
    if which == "cells":
        options = [f"{a}|{c}" for c in scorable for a in problem.alternative_ids]
        label = {
            o: t("ws.sc.cell", position=positions[o.split("|")[0]], criterion=names[o.split("|")[1]]) for o in options
        }
        picked = st.multiselect(
            t("ws.sc.create.cells"),
            options,
            format_func=label.get,
            placeholder=t("widget.choose"),
            key="ws.sc.create.cells",
        )
        return [tuple(o.split("|")) for o in picked], None  # type: ignore[misc]
    return None, None


def _count(what: str, n: int) -> str:
    return t(f"ws.sc.count.{what}.one") if n == 1 else t(f"ws.sc.count.{what}.other", n=n)


def summary(info: WorkshopDescription, participants: int) -> str:
    return t(
        "ws.sc.fac.summary",
        mode=t("ws.mode.scores"),
        cells=_count("cells", len(info.cells)),
        criteria=_count("criteria", len(info.criteria)),
        anonymous=t("ws.fac.anonymous") if info.anonymous else t("ws.fac.named"),
        participants=participants,
    )


# --- the member's form -------------------------------------------------------------------------------


def seed(view: ScoreMemberView, member_token: str) -> None:
    """Fill the answers from the member's draft once per token (then they hold what the member chooses)."""
    if st.session_state.get(OWNER) == member_token:
        return
    for key in [k for k in st.session_state if str(k).startswith(("ws.sc.choice.", "ws.sc.why."))]:
        del st.session_state[key]
    draft = view.draft
    scores: dict[str, float | None] = {}
    why: dict[str, str] = {}
    for a, c in view.workshop.cells:
        scores[f"{a}|{c}"] = None if draft is None else draft.scores.get(a, {}).get(c)
        why[f"{a}|{c}"] = "" if draft is None else draft.rationales.get(a, {}).get(c, "")
    st.session_state[SCORES], st.session_state[WHY] = scores, why
    st.session_state[OWNER] = member_token


def _choice_key(cell: str) -> str:
    return f"ws.sc.choice.{lang()}.{cell}"


def _on_choice(cell: str) -> None:
    st.session_state[SCORES] = {**st.session_state[SCORES], cell: st.session_state[_choice_key(cell)]}


def _on_why(cell: str) -> None:
    st.session_state[WHY] = {**st.session_state[WHY], cell: st.session_state[f"ws.sc.why.{cell}"]}


def answers() -> tuple[dict[str, dict[str, float | None]], dict[str, dict[str, str]]]:
    """The answers as the widgets show them now (a rationale typed just before the click included)."""
    scores: dict[str, dict[str, float | None]] = {}
    why: dict[str, dict[str, str]] = {}
    for cell, kept in st.session_state[SCORES].items():
        a, c = cell.split("|")
        scores.setdefault(a, {})[c] = st.session_state.get(_choice_key(cell), kept)
        shown = st.session_state.get(f"ws.sc.why.{cell}")
        text = (st.session_state[WHY].get(cell, "") if shown is None else shown).strip()
        if text:
            why.setdefault(a, {})[c] = text
    return scores, why


def form(view: ScoreMemberView, disabled: bool) -> None:
    """Per criterion: its scale, then each position's choice (levels described beside it) and rationale."""
    info = view.workshop
    st.caption(t("ws.sc.member.help"))
    positions = {a.id: a.name.get(lang()) for a in view.positions}
    group = {} if view.revealed is None else {(c.alternative_id, c.criterion_id): c for c in view.revealed.cells}
    own_then = {} if view.revealed is None or view.revealed.own is None else view.revealed.own
    for k, criterion in enumerate(info.criteria):
        scale = criterion.scale
        assert scale is not None
        texts = {lvl: scale.levels[lvl].get(lang()) for lvl in sorted(scale.levels)}
        options: list[int | None] = [None, *texts]
        shown = {
            None: t("ws.sc.dont_know"),
            **{lvl: t("ws.sc.level", level=lvl, text=txt) for lvl, txt in texts.items()},
        }
        with st.expander(criterion.name.get(lang()), expanded=k == 0):
            st.caption(t("ws.sc.member.scale", low=_number(scale.min), high=_number(scale.max)))
            if criterion.description is not None:
                st.caption(criterion.description.get(lang()))
            for a, c in info.cells:
                if c != criterion.id:
                    continue
                cell = f"{a}|{c}"
                with st.container(border=True):
                    current = st.session_state[SCORES].get(cell)
                    st.session_state.setdefault(_choice_key(cell), None if current is None else int(current))
                    st.radio(
                        f"{positions.get(a, a)} · {t('ws.sc.choice')}",
                        options,
                        key=_choice_key(cell),
                        format_func=shown.get,
                        on_change=_on_choice,
                        args=(cell,),
                        disabled=disabled,
                    )
                    if (a, c) in group:
                        st.caption(_beside(group[(a, c)], view.revealed.round, own_then.get(a, {}).get(c)))
                    st.session_state.setdefault(f"ws.sc.why.{cell}", st.session_state[WHY].get(cell, ""))
                    st.text_input(
                        t("ws.sc.rationale"),
                        key=f"ws.sc.why.{cell}",
                        max_chars=RATIONALE_MAX,
                        on_change=_on_why,
                        args=(cell,),
                        disabled=disabled,
                    )


def _beside(cell, round_no: int, own: float | None) -> str:
    if cell.median is None:
        return t("ws.sc.beside.none", round=round_no, own=_level(own))
    return t(
        "ws.sc.beside",
        round=round_no,
        median=_number(cell.median),
        q1=_number(cell.q1),
        q3=_number(cell.q3),
        low=_number(cell.min),
        high=_number(cell.max),
        n=cell.n,
        own=_level(own),
    )


def submit_button(view: ScoreMemberView, member_token: str) -> None:
    label = t("ws.sc.submit.revise") if view.submission else t("ws.sc.submit")
    if st.button(label, type="primary", key="ws.sc.submit"):
        scores, why = answers()
        record = attempt(service().submit, member_token, scores, why, title_key="ws.sc.submit.refused")
        if record is not None:
            flash(
                "toast",
                t(
                    "ws.sc.submit.done",
                    round=record.round,
                    revision=record.revision,
                    time=local_time(record.submitted_at),
                ),
            )
            st.rerun()


def revealed(view: ScoreMemberView) -> None:
    r = view.revealed
    if r is None:
        st.caption(t("ws.member.no_result"))
        return
    st.subheader(t("ws.sc.member.result", round=r.round))
    st.caption(t("ws.sc.member.result.help"))
    positions = {a.id: a.name.get(lang()) for a in view.positions}
    names = {c.id: c.name.get(lang()) for c in view.workshop.criteria}
    own = r.own or {}
    rows = [
        {
            t("ws.col.position"): positions.get(c.alternative_id, c.alternative_id),
            t("ws.col.criterion"): names.get(c.criterion_id, c.criterion_id),
            t("ws.sc.col.own"): _level(own.get(c.alternative_id, {}).get(c.criterion_id)),
            **_stats_columns(c),
        }
        for c in r.cells
    ]
    table = pd.DataFrame(rows)
    st.dataframe(table, hide_index=True, width="stretch")
    _agreement(r.agreement, view.workshop)
    if view.workshop.anonymous:
        st.caption(t("ws.member.anonymous"))


def _stats_columns(c) -> dict[str, str | int]:
    return {
        t("ws.sc.col.median"): _number(c.median),
        t("ws.sc.col.q1"): _number(c.q1),
        t("ws.sc.col.q3"): _number(c.q3),
        t("ws.sc.col.min"): _number(c.min),
        t("ws.sc.col.max"): _number(c.max),
        t("ws.sc.col.n"): c.n,
        t("ws.sc.col.dont_know"): c.dont_know,
    }


def _agreement(agreement, info: WorkshopDescription) -> None:
    names = {c.id: c.name.get(lang()) for c in info.criteria}
    rows = [
        {
            t("ws.col.criterion"): names.get(a.criterion_id, a.criterion_id),
            t("ws.sc.col.alpha"): math.nan if a.alpha is None else a.alpha,
            t("ws.sc.col.cells"): a.cells,
            t("ws.sc.col.n"): a.values,
            t("ws.sc.col.note"): "" if a.undefined is None else t(f"ws.sc.alpha.{a.undefined}"),
        }
        for a in agreement
    ]
    st.markdown(f"**{t('ws.sc.dash.agreement')}**")
    table = pd.DataFrame(rows)
    st.dataframe(formatted(table, lang(), {t("ws.sc.col.alpha"): "coefficient"}), hide_index=True, width="stretch")
    st.caption(t("ws.sc.dash.agreement.help"))


# --- the facilitator's dashboard and the accept button ------------------------------------------------


def dashboard(key: str, info: WorkshopInfo) -> None:
    """Progress, the group's value per cell, agreement per criterion, each member's answers and rationales."""
    history = attempt(service().round_history, key)
    if not history:
        return
    rounds = [r.number for r in reversed(history)]
    chosen = st.selectbox(
        t("ws.dash.round"), rounds, key=f"ws.dash.round.{info.current_round}.{lang()}", format_func=round_labels(rounds)
    )
    result = attempt(service().group_result, key, chosen)
    if not isinstance(result, ScoreGroupResult):
        return
    share = result.submissions / result.participants if result.participants else 0.0
    st.progress(share, text=t("ws.dash.progress", n=result.submissions, m=result.participants))
    who = st.columns(4)
    for i, m in enumerate(result.members):
        who[i % 4].text(f"{'✓' if m.submitted else '…'} {m.label.get(lang())}")
    if result.submissions == 0:
        st.info(t("ws.dash.empty"))
        return
    cell_results(result, service().problem(key), info)


def cell_results(result: ScoreGroupResult, problem: DecisionProblem, info: WorkshopDescription) -> None:
    """A scoring round's group value per cell, agreement per criterion, each member's answers and rationales
    (members as ``result`` labels them); ``problem``: the workshop's snapshot."""
    positions = {a.id: a.name.get(lang()) for a in problem.alternatives}
    names = {c.id: c.name.get(lang()) for c in problem.criteria}
    st.subheader(t("ws.sc.dash.cells"))
    rows = [
        {
            t("ws.col.position"): positions.get(c.alternative_id, c.alternative_id),
            t("ws.col.criterion"): names.get(c.criterion_id, c.criterion_id),
            **_stats_columns(c),
            t("ws.sc.col.now"): _number(c.current_value),
            t("ws.sc.col.source"): provenance_label(c.current_kind, lang()),
        }
        for c in result.cells
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t("ws.sc.dash.cells.help"))
    _agreement(result.agreement, info)
    with st.expander(t("ws.sc.dash.answers")):
        cells = [(c.alternative_id, c.criterion_id) for c in result.cells]
        columns = [t("ws.sc.cell", position=positions.get(a, a), criterion=names.get(c, c)) for a, c in cells]
        table = pd.DataFrame(
            [
                {
                    t("ws.col.member"): m.label.get(lang()),
                    **{col: _level(m.scores.get(a, {}).get(c)) for col, (a, c) in zip(columns, cells, strict=True)},
                }
                for m in result.members
                if m.scores is not None
            ]
        )
        st.dataframe(table, hide_index=True, width="stretch")
    with st.expander(t("ws.sc.dash.rationales")):
        notes = [
            {
                t("ws.col.member"): m.label.get(lang()),
                t("ws.col.position"): positions.get(a, a),
                t("ws.col.criterion"): names.get(c, c),
                t("ws.sc.col.rationale"): text,
            }
            for m in result.members
            for a, row in m.rationales.items()
            for c, text in row.items()
        ]
        if notes:
            st.dataframe(pd.DataFrame(notes), hide_index=True, width="stretch")
        else:
            st.caption(t("ws.sc.dash.no_rationales"))


def accept_form(key: str, history) -> None:
    st.subheader(t("ws.sc.accept.title"))
    st.info(t("ws.sc.accept.what"), icon=":material/edit_note:")
    closed = [r.number for r in reversed(history) if r.status == "closed" and r.submissions]
    if not closed:
        st.caption(t("ws.sc.accept.none"))
    else:
        c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
        number = c1.selectbox(
            t("ws.sc.accept.round"),
            closed,
            key=f"ws.sc.accept.round.{closed[0]}.{lang()}",
            format_func=round_labels(closed),
        )
        if c2.button(t("ws.sc.accept.button"), type="primary", key="ws.sc.accept.button", width="stretch"):
            accept = permitted(Action.ACCEPT_RESULTS, service().accept_scores)
            done = attempt(accept, key, number, title_key="ws.sc.accept.refused")
            if done is not None:
                problem = service().problem(key)
                skipped = ", ".join(
                    t(
                        "ws.sc.cell",
                        position=_name(problem.alternative(a).name, a),
                        criterion=_name(problem.criterion(c).name, c),
                    )
                    for a, c in done.skipped
                )
                flash("success", t("ws.sc.accept.done", n=len(done.accepted), round=done.round), None)
                if skipped:
                    st.session_state["ws.sc.accept.skipped"] = skipped
                st.rerun()
    skipped = st.session_state.pop("ws.sc.accept.skipped", None)
    if skipped:
        st.caption(t("ws.sc.accept.skipped", cells=skipped))
    earlier = attempt(service().accepted_scores, key) or ()
    if earlier:
        problem = service().problem(key)
        positions = {a.id: a.name.get(lang()) for a in problem.alternatives}
        names = {c.id: c.name.get(lang()) for c in problem.criteria}
        with st.expander(t("ws.sc.accept.earlier")):
            rows = [
                {
                    t("ws.sc.col.round"): e.round_number,
                    t("ws.col.position"): positions.get(e.alternative_id, e.alternative_id),
                    t("ws.col.criterion"): names.get(e.criterion_id, e.criterion_id),
                    t("ws.sc.col.median"): _number(e.value),
                    t("ws.sc.col.range"): f"{_number(e.low)}–{_number(e.high)}",
                    t("ws.sc.col.n"): e.answers,
                    t("ws.col.time"): local_time(e.created_at),
                }
                for e in earlier
            ]
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
