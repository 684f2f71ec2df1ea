"""See the problem: criteria, positions, every value with its source; upload; edit judgments."""

import streamlit as st

from mcda import views
from mcda.hosting import Action
from ui.access import may
from ui.guide import file_formats, how_to_use
from ui.i18n import keyed, lang, t
from ui.plain import escape
from ui.problem_forms import edit_form, edit_history, scenario_form, upload_form
from ui.state import is_shipped, problem

p = problem()
st.title(escape(p.info.name.get(lang())))
how_to_use()
if p.info.description:
    st.text(p.info.description.get(lang()))  # uploaded text: shown as typed, never as Markdown
st.caption(t("problem.shipped") if is_shipped() else t("problem.uploaded"))
if message := st.session_state.pop("scenario.message", None):
    st.success(message)

missing = p.missing_cells()
c1, c2, c3 = st.columns(3)
c1.metric(t("problem.positions"), len(p.alternatives))
c2.metric(t("problem.criteria"), len(p.criteria))
c3.metric(t("problem.missing"), len(missing))

tabs = st.tabs(
    [
        t("problem.tab.values"),
        t("problem.tab.criteria"),
        t("problem.tab.positions"),
        t("problem.tab.sources"),
        t("problem.tab.edit"),
        *([t("problem.tab.upload")] if may(Action.UPLOAD) else []),
    ]
)
with tabs[0]:
    st.caption(t("problem.legend"))
    st.dataframe(views.styled_values(p, lang()), width="stretch", height=38 + 35 * len(p.alternatives))
    if missing:
        gaps = "; ".join(
            f"{name} ({len(ids)}): {', '.join(p.alternative(a).name.get(lang()) for a in ids)}"
            for name, ids in views.missing_by_criterion(p, lang())
        )
        st.warning(t("problem.missing_list", count=len(missing), cells=escape(gaps)), icon=":material/help:")
with tabs[1]:
    st.dataframe(views.criteria_table(p, lang()), hide_index=True, width="stretch")
with tabs[2]:
    st.dataframe(views.alternatives_table(p, lang()), hide_index=True, width="stretch")
with tabs[3]:
    f1, f2 = st.columns(2)
    alts = f1.multiselect(
        t("edit.position"),
        p.alternative_ids,
        placeholder=t("widget.choose"),
        key=keyed("sources.alts"),
        format_func={a.id: a.name.get(lang()) for a in p.alternatives}.get,
    )
    crits = f2.multiselect(
        t("edit.criterion"),
        p.criterion_ids,
        placeholder=t("widget.choose"),
        key=keyed("sources.crits"),
        format_func={c.id: c.name.get(lang()) for c in p.criteria}.get,
    )
    st.dataframe(
        views.cell_details(p, lang(), alts or None, crits or None),
        hide_index=True,
        width="stretch",
        column_config={views.col("value", lang()): st.column_config.TextColumn(width=90)},
    )
    if p.sources:
        with st.expander(t("problem.bibliography")):
            for key, citation in p.sources.items():
                st.text(f"[{key}] {citation}")
with tabs[4]:
    if may(Action.EDIT_PROBLEM):
        st.markdown(t("edit.intro"))
        edit_form(p)
    else:
        st.info(t("access.read_only"), icon=":material/lock:")
    edit_history(p)
if may(Action.UPLOAD):
    with tabs[5]:
        st.markdown(t("upload.intro"))
        file_formats()
        upload_form()
        st.markdown(t("scenario.intro"))
        scenario_form()
