"""Saving, loading and showing named weight sets (kept in the database)."""

from __future__ import annotations

import streamlit as st

from mcda.errors import InputError
from mcda.hosting import Action
from mcda.models import DecisionProblem, WeightSet
from mcda.storage import WeightSetStore
from mcda.text_input import require_text
from mcda.views import origin_label

from .access import may, require
from .i18n import keyed, lang, t
from .plain import escape
from .state import db, presets, saved_weight_sets, use_weight_set
from .widgets import show_input_error, weight_set_name


def save_form(problem: DecisionProblem, current: WeightSet) -> None:
    with st.form("save_weights"):
        name = st.text_input(
            t("weights.save.name"), key="weights.save.name", max_chars=80, placeholder=t("weights.save.placeholder")
        )
        overwrite = st.checkbox(t("weights.save.overwrite"), key="weights.save.overwrite")
        saved = st.form_submit_button(t("weights.save"))
    if not saved:
        return
    try:
        require(Action.SAVE_WEIGHT_SET)
        require_text(name.strip(), column=t("weights.save.name"))
        ws = WeightSet(name=name.strip(), weights=current.weights, origin=current.origin, notes=current.notes)
        WeightSetStore(db()).save(problem.info.id, ws, overwrite=overwrite)
    except InputError as error:
        show_input_error(error, "weights.save.rejected")
        return
    st.success(t("weights.saved", name=escape(name.strip())))


def choices(problem: DecisionProblem) -> list[WeightSet]:
    return saved_weight_sets(problem) + presets(problem)


def describe(ws: WeightSet) -> str:
    kind = origin_label(ws.origin.kind, lang())
    saved = ws.origin.kind != "preset"
    return f"{weight_set_name(ws)} ({kind}{'' if saved else ', ' + t('weights.example')})"


def load_form(problem: DecisionProblem) -> None:
    options = choices(problem)
    if not options:
        st.caption(t("weights.none_saved"))
        return
    index = st.selectbox(
        t("weights.load.pick"),
        range(len(options)),
        format_func=[describe(ws) for ws in options].__getitem__,
        key=keyed("weights.load.pick"),
    )
    chosen = options[index]
    if chosen.origin.kind == "preset":
        st.caption(str(chosen.origin.details.get(f"description_{lang()}", "")))
    row = st.container(horizontal=True)  # side by side where both fit whole, else one below the other
    # a callback: it runs before the sliders are drawn, so it may set their values
    row.button(t("weights.load"), key="weights.load", on_click=use_weight_set, args=(chosen, problem))
    deletable = chosen.origin.kind != "preset" and may(Action.SAVE_WEIGHT_SET)
    if deletable and row.button(t("weights.delete"), key="weights.delete"):
        try:
            require(Action.SAVE_WEIGHT_SET)
        except InputError as error:
            show_input_error(error)
            return
        WeightSetStore(db()).delete(problem.info.id, chosen.name)
        st.rerun()
