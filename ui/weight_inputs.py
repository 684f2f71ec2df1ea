"""The three ways to set weights: direct points with locks, AHP pairwise comparisons, objective."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from mcda.ahp import AHPResult, analyse, fraction_text
from mcda.formatting import format_as, format_coefficient, format_number
from mcda.models import DecisionProblem, WeightSet
from mcda.weighting import rebalance

from .i18n import keyed, labels, lang, t
from .plain import escape
from .state import ahp_matrix, to_fractions, to_points

SCALE = [-9, -8, -7, -6, -5, -4, -3, -2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


# --- direct ---------------------------------------------------------------------------------------


def _on_slider(crit: str) -> None:
    st.session_state["w.loaded"] = None  # the exact loaded set no longer applies
    points = st.session_state["w.points"]
    moved = to_fractions(points | {crit: st.session_state[f"weights.slider.{crit}"]})
    new = rebalance(to_fractions(points), crit, moved[crit], st.session_state["w.locked"])
    st.session_state["w.points"] = to_points(new)
    for c, v in st.session_state["w.points"].items():  # keep the other sliders in step
        st.session_state[f"weights.slider.{c}"] = round(v, 1)


def _on_lock(crit: str) -> None:
    locked = set(st.session_state["w.locked"])
    (locked.add if st.session_state[f"weights.lock.{crit}"] else locked.discard)(crit)
    st.session_state["w.locked"] = locked


def direct_inputs(problem: DecisionProblem, excluded: tuple[str, ...] = ()) -> None:
    st.caption(t("weights.direct.help"))
    points = st.session_state["w.points"]
    for c in problem.criteria:
        name = escape(c.name.get(lang())) + (f" — {t('weights.excluded')}" if c.id in excluded else "")
        slider_key, lock_key = f"weights.slider.{c.id}", f"weights.lock.{c.id}"
        st.session_state.setdefault(slider_key, round(points[c.id], 1))
        st.session_state.setdefault(lock_key, c.id in st.session_state["w.locked"])
        # the slider takes the room the lock leaves (a column of a seventh cut "Lås" to "L…" in a narrow window)
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        row.slider(
            name,
            0.0,
            100.0,
            step=0.5,
            key=slider_key,
            on_change=_on_slider,
            args=(c.id,),
            disabled=c.id in st.session_state["w.locked"],
            format="%.1f",
            help=escape(c.description.get(lang())) if c.description else None,
        )
        row.checkbox(t("weights.lock"), key=lock_key, on_change=_on_lock, args=(c.id,), width="content")


# --- AHP --------------------------------------------------------------------------------------------


def _verbal(v: int, a: str, b: str) -> str:
    if v == 1:
        return t("ahp.equal", a=a, b=b)
    winner, loser = (a, b) if v > 0 else (b, a)
    return t(f"ahp.level.{abs(v)}", a=winner, b=loser) + f" ({abs(v)})"


def verbal_judgment(value: float, a: str, b: str) -> str:
    """A judgment a : b on Saaty's scale in the scale's words, without the number: 1/5 -> "«b» er sterkt
    viktigere enn «a»" (values off the scale are read at its nearest level)."""
    level = min(9, max(1, int(round(value if value >= 1 else 1 / value))))
    if level == 1:
        return t("ahp.equal", a=a, b=b).removesuffix(" (1)")
    winner, loser = (a, b) if value >= 1 else (b, a)
    return t(f"ahp.level.{level}", a=winner, b=loser)


def ratio_text(v: int) -> str:
    """A slider position as a short ratio, first-named criterion first: 1 : 9 ... 1 : 1 ... 9 : 1."""
    return f"{v} : 1" if v >= 1 else f"1 : {abs(v)}"


def pair_slider(a: str, b: str, key: str, on_change: Callable[..., None], args: tuple, disabled: bool = False) -> int:
    """One pairwise judgment: a short ratio on the slider (its end labels stay inside the column), the
    judgment in words under it."""
    value = st.select_slider(
        f"{escape(a)} ↔ {escape(b)}",
        SCALE,
        key=key,
        on_change=on_change,
        args=args,
        format_func=ratio_text,
        disabled=disabled,
    )
    st.caption(_verbal(value, escape(a), escape(b)))
    return value


def _on_pair(pair: str, key: str) -> None:
    st.session_state["w.ahp"] = {**st.session_state["w.ahp"], pair: st.session_state[key]}


def _apply_hint(pair: str, value: int) -> None:
    st.session_state["w.ahp"] = {**st.session_state["w.ahp"], pair: value}
    st.session_state[keyed(f"ahp.pair.{pair}")] = value


def ahp_inputs(problem: DecisionProblem) -> AHPResult:
    st.caption(t("ahp.help"))
    ids = problem.criterion_ids
    names = {c.id: c.name.get(lang()) for c in problem.criteria}
    for i, a in enumerate(ids[:-1]):
        with st.expander(escape(names[a]), expanded=i == 0):
            for b in ids[i + 1 :]:
                pair = f"{a}|{b}"
                key = keyed(f"ahp.pair.{pair}")
                st.session_state.setdefault(key, st.session_state["w.ahp"].get(pair, 1))
                pair_slider(names[a], names[b], key, _on_pair, (pair, key))
    return analyse(ahp_matrix(problem))


def ahp_feedback(problem: DecisionProblem, result: AHPResult) -> None:
    names = {c.id: escape(c.name.get(lang())) for c in problem.criteria}  # for Markdown
    verdict = "ahp.cr.ok" if result.consistent else "ahp.cr.high"
    (st.success if result.consistent else st.warning)(t(verdict, cr=format_coefficient(result.cr, lang())))
    st.caption(
        t(
            "ahp.cr.note",
            lam=format_coefficient(result.lambda_max, lang()),
            ci=format_coefficient(result.ci, lang()),
            ri=format_number(result.ri, lang(), 2),
        )
    )
    for warning in result.warnings:  # judgments off Saaty's scale (RI and S* assume it)
        st.warning(escape(warning.get(lang())))
    for k, h in enumerate(result.hints):
        st.markdown(
            t(
                "ahp.hint",
                a=names[h.row],
                b=names[h.column],
                now=fraction_text(h.current),
                now_words=verbal_judgment(h.current, names[h.row], names[h.column]),
                suggested=h.suggested_text,
                suggested_words=verbal_judgment(h.suggested_scale, names[h.row], names[h.column]),
                exact=format_as(h.suggested, "decimal", lang()),
            )
        )
        value = h.suggested_scale
        stored = int(round(value)) if value >= 1 else -int(round(1 / value))
        # under the hint, not in a narrow column beside it (where the label was cut to "B...")
        st.button(t("ahp.apply"), key=f"ahp.apply.{k}", on_click=_apply_hint, args=(f"{h.row}|{h.column}", stored))


# --- objective ------------------------------------------------------------------------------------


def objective_inputs() -> None:
    """The choice of objective method; the weights themselves come from ``current_weight_set``."""
    st.caption(t("objective.help"))
    st.session_state.setdefault(keyed("weights.objective"), st.session_state["w.objective"])
    methods = ["entropy", "critic"]
    st.session_state["w.objective"] = st.radio(
        t("objective.method"),
        methods,
        horizontal=True,
        key=keyed("weights.objective"),
        format_func=labels(methods, "objective."),
    )


def weights_frame(sets: list[tuple[str, WeightSet]], problem: DecisionProblem) -> pd.DataFrame:
    return pd.DataFrame(
        {label: [to_points(ws.weights).get(c, 0.0) for c in problem.criterion_ids] for label, ws in sets},
        index=pd.Index([c.name.get(lang()) for c in problem.criteria], name=t("weights.criterion")),
    )
