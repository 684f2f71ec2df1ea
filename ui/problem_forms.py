"""The problem page's forms: upload your own files, edit expert-judgment scores."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mcda.errors import InputError
from mcda.formatting import format_number, formatted
from mcda.hosting import Action
from mcda.labels import provenance_label
from mcda.loading import decode, parse_problem_files
from mcda.models import DecisionProblem
from mcda.storage import ExpertEditStore
from mcda.text_input import require_text

from .access import require
from .i18n import keyed, lang, t
from .plain import escape
from .state import db, use_scenario
from .widgets import show_input_error

ROLES = (("criteria", ["yaml", "yml"]), ("data", ["csv"]), ("sources", ["csv"]), ("bibliography", ["yaml", "yml"]))


def upload_form() -> None:
    """Validate uploaded files like the CLI does; only a valid set replaces the problem."""
    with st.form("upload"):
        files = {role: st.file_uploader(t(f"upload.{role}"), type=types, key=f"upload.{role}") for role, types in ROLES}
        submitted = st.form_submit_button(t("upload.use"))
    if st.button(t("upload.reset"), disabled=not st.session_state.get("problem.upload")):
        st.session_state["problem.upload"] = None
        st.rerun()
    if not submitted:
        return
    try:
        require(Action.UPLOAD)
    except InputError as error:
        show_input_error(error, "upload.rejected")
        return
    if files["criteria"] is None or files["data"] is None:
        st.error(t("upload.need_both"))
        return
    try:
        texts = {role: (decode(f.getvalue(), f.name), f.name) for role, f in files.items() if f is not None}
        parse_problem_files(texts)
    except InputError as error:
        show_input_error(error, "upload.rejected")
        return
    st.session_state["problem.upload"] = tuple((role, text, name) for role, (text, name) in texts.items())
    st.success(t("upload.accepted"))
    st.rerun()


def scenario_form() -> None:
    """Load a scenario file (JSON from an export): problem, exact weights and settings."""
    with st.form("scenario"):
        upload = st.file_uploader(t("scenario.file"), type=["json"], key="upload.scenario")
        submitted = st.form_submit_button(t("scenario.use"))
    if not submitted or upload is None:
        return
    try:
        require(Action.UPLOAD)
        scenario = use_scenario(decode(upload.getvalue(), upload.name), upload.name)
        reproduced = scenario.reproduces(scenario.rank())
    except InputError as error:
        show_input_error(error, "scenario.rejected")
        return
    st.session_state["scenario.message"] = t(
        "scenario.accepted" if reproduced else "scenario.differs",
        name=escape(scenario.name or upload.name),
        sha=scenario.sha256[:12],
    )
    st.rerun()


def edit_form(problem: DecisionProblem) -> None:
    """Record an expert-judgment value with who and why (kept in the database, never overwritten)."""
    with st.form("edit", clear_on_submit=False):
        c1, c2 = st.columns(2)
        alt = c1.selectbox(
            t("edit.position"),
            problem.alternative_ids,
            format_func={a.id: f"{a.id} — {a.name.get(lang())}" for a in problem.alternatives}.get,
            key=keyed("edit.alt"),
        )
        crit = c2.selectbox(
            t("edit.criterion"),
            problem.criterion_ids,
            format_func={c.id: c.name.get(lang()) for c in problem.criteria}.get,
            key=keyed("edit.crit"),
        )
        value = st.number_input(t("edit.value"), value=None, step=1.0, key="edit.value", help=t("edit.value.help"))
        author = st.text_input(t("edit.author"), key="edit.author", max_chars=120)
        rationale = st.text_area(t("edit.rationale"), key="edit.rationale", max_chars=2000)
        saved = st.form_submit_button(t("edit.save"))
    cell = problem.cell(alt, crit)
    st.caption(
        t(
            "edit.now",
            value=format_number(cell.value, lang()),
            kind=provenance_label(cell.provenance.kind, lang()),
        )
    )
    if not saved:
        return
    try:
        require(Action.EDIT_PROBLEM)
        require_text(author, column=t("edit.author"))
        require_text(rationale, column=t("edit.rationale"), multiline=True)
        ExpertEditStore(db()).add(problem, alt, crit, value, author, rationale)
    except InputError as error:
        show_input_error(error, "edit.rejected")
        return
    st.success(t("edit.saved"))
    st.rerun()


def edit_history(problem: DecisionProblem) -> None:
    edits = ExpertEditStore(db()).history(problem.info.id)
    if not edits:
        st.caption(t("edit.none"))
        return
    table = pd.DataFrame(
        [
            {
                t("edit.position"): e.alternative_id,
                t("edit.criterion"): e.criterion_id,
                t("edit.value"): e.value,
                t("edit.author"): e.author,
                t("edit.rationale"): e.rationale,
                t("edit.date"): e.date.isoformat(),
            }
            for e in reversed(edits)
        ]
    )
    st.dataframe(formatted(table, lang(), {}), hide_index=True, width="stretch")
