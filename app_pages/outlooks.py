"""Outlooks: the ranking under several pictures of the world, side by side, and a robust choice."""

import streamlit as st

from mcda.charts.outlooks import outlook_bump_chart, rank_range_chart
from mcda.errors import InputError
from mcda.hosting import Action
from mcda.outlook_views import first_place_table
from ui.access import may
from ui.downloads import download_buttons
from ui.i18n import keyed, lang, t
from ui.outlooks import (
    acceptability,
    add_upload,
    available,
    pick_once,
    plain,
    probability_inputs,
    value_chains_if_they_fit,
    view,
)
from ui.plain import escape
from ui.state import current_weight_set, ensure_weight_state, problem, rank, report
from ui.widgets import show_chart, show_input_error

p = problem()
ensure_weight_state(p)
st.title(t("outlooks.title"))
st.caption(t("outlooks.help"))
if may(Action.UPLOAD):  # an outlook of one's own, for this session
    with st.expander(t("outlooks.upload"), icon=":material/upload_file:"):
        uploaded = st.file_uploader(t("outlooks.upload.file"), type=["yaml", "yml"], key="outlooks.upload.file")
        if uploaded is not None:
            try:
                added = add_upload(uploaded.name, uploaded.getvalue().decode("utf-8-sig"), p)
                st.success(t("outlooks.upload.ok", name=escape(added.name.get(lang()))), icon=":material/check:")
                pick_once(added.id)
            except InputError as error:
                show_input_error(error)
            except UnicodeDecodeError:
                st.error(t("outlooks.upload.not_utf8", name=uploaded.name), icon=":material/error:")
options = available(p)
notes = st.container()  # what does not apply, above the picker
picked = st.multiselect(
    t("outlooks.pick"),
    list(options),
    default=[i for i in st.session_state.get("outlooks.picked", list(options)) if i in options],
    format_func=lambda i: options[i].name.get(lang()),
    placeholder=t("widget.choose"),
    key=keyed("outlooks.pick"),
)
st.session_state["outlooks.picked"] = picked
probabilities = probability_inputs([options[i] for i in picked])
ws = current_weight_set(p)
shown = view(p, ws, picked, probabilities)
for note in shown.notes:
    if note.key == "left_out":  # above the picker
        names = ", ".join(escape(name) for name in note.names)
        notes.info(t("outlooks.left_out", names=names), icon=":material/info:")
    else:
        st.info(t(f"outlooks.{note.key}"))
if shown.comparison is None or shown.best is None:
    st.stop()
best = shown.best
st.subheader(t("outlooks.robust"))
st.text(
    t(
        "outlooks.robust.statement",
        name=best.name.get(lang()),
        worst=best.rank_worst,
        count=len(shown.picked),
        lost=best.max_regret,
    )
)
st.caption(t("outlooks.robust.help"))
st.dataframe(shown.table, hide_index=True, width="stretch")
st.subheader(t("outlooks.bump"))
show_chart(outlook_bump_chart(shown.comparison, lang()))
show_chart(rank_range_chart(shown.comparison, lang(), width="container"))
st.subheader(t("outlooks.details"))
for changes in shown.changes:
    with st.expander(plain(changes.outlook.name.get(lang()))):
        st.text(changes.outlook.description.get(lang()))
        st.dataframe(changes.table, hide_index=True, width="stretch")
        st.caption(t("outlooks.judgment_note", author=escape(changes.outlook.author)))
st.subheader(t("outlooks.acceptability"))
st.caption(t("outlooks.acceptability.help"))
if st.button(t("outlooks.acceptability.run"), key="outlooks.acceptability.run"):
    st.session_state["outlooks.acceptability"] = True
if st.session_state.get("outlooks.acceptability"):
    result = acceptability(p, ws, shown.picked, probabilities, samples=5000, seed=2025)
    st.dataframe(first_place_table(result, p, lang()), hide_index=True, width="stretch")
    st.caption(t("outlooks.acceptability.record", samples=result.samples, seed=result.seed))
with st.expander(t("download.title"), icon=":material/download:"):
    download_buttons(
        lambda: report(p, rank(p, ws), ws).model_copy(
            update={"outlooks": shown.comparison, "value_chains": value_chains_if_they_fit(p)}
        ),
        "outlooks",
    )
