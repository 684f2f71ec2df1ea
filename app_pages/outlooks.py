"""Outlooks: the ranking under several pictures of the world, side by side, and a robust choice."""

import streamlit as st

from mcda.charts.outlooks import outlook_bump_chart, rank_range_chart
from mcda.errors import InputError
from mcda.formatting import every, format_percent, formatted
from mcda.hosting import Action
from mcda.outlooks import BASE_ID
from ui.access import may
from ui.downloads import download_buttons
from ui.i18n import keyed, lang, t
from ui.outlooks import (
    acceptability,
    add_upload,
    available,
    changes_table,
    compare,
    left_out,
    pick_once,
    plain,
    robust_table,
    value_chains_if_they_fit,
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
if unfit := left_out(p):
    st.info(t("outlooks.left_out", names=", ".join(escape(o.name.get(lang())) for o in unfit)), icon=":material/info:")
picked_ids = [i for i in st.session_state.get("outlooks.picked", list(options)) if i in options]
picked = st.multiselect(
    t("outlooks.pick"),
    list(options),
    default=picked_ids,
    format_func=lambda i: options[i].name.get(lang()),
    placeholder=t("widget.choose"),
    key=keyed("outlooks.pick"),
)
st.session_state["outlooks.picked"] = picked
if len(picked) < 2:
    st.info(t("outlooks.need_two"))
    st.stop()
chosen = tuple(options[i] for i in picked)
probabilities = None
if st.toggle(t("outlooks.use_probabilities"), key="outlooks.use_probabilities"):
    st.caption(t("outlooks.probabilities.help"))
    cols = st.columns(min(4, len(chosen)))
    probabilities = {
        o.id: cols[k % len(cols)].number_input(
            plain(o.name.get(lang())),
            min_value=0.0,
            max_value=100.0,
            value=100.0 / len(chosen),
            step=5.0,
            key=f"outlooks.p.{o.id}",
        )
        for k, o in enumerate(chosen)
    }
ws = current_weight_set(p)
comparison = compare(p, ws, chosen, probabilities)
best = comparison.robust[0]
st.subheader(t("outlooks.robust"))
st.text(
    t(
        "outlooks.robust.statement",
        name=best.name.get(lang()),
        worst=best.rank_worst,
        count=len(chosen),
        lost=best.max_regret,
    )
)
st.caption(t("outlooks.robust.help"))
robust = robust_table(comparison)  # ranks as whole numbers, the expected rank with decimals, "–" for none
robust_kinds = every(robust, "int") | {t("outlooks.col.expected"): "decimal"}
st.dataframe(formatted(robust, lang(), robust_kinds), hide_index=True, width="stretch")
st.subheader(t("outlooks.bump"))
show_chart(outlook_bump_chart(comparison, lang()))
show_chart(rank_range_chart(comparison, lang(), width="container"))
st.subheader(t("outlooks.details"))
for o in chosen:
    if o.id == BASE_ID:
        continue
    with st.expander(plain(o.name.get(lang()))):
        st.text(o.description.get(lang()))
        st.dataframe(changes_table(o, p), hide_index=True, width="stretch")
        st.caption(t("outlooks.judgment_note", author=escape(o.author)))
st.subheader(t("outlooks.acceptability"))
st.caption(t("outlooks.acceptability.help"))
if st.button(t("outlooks.acceptability.run"), key="outlooks.acceptability.run"):
    st.session_state["outlooks.acceptability"] = True
if st.session_state.get("outlooks.acceptability"):
    result = acceptability(p, ws, chosen, probabilities, samples=5000, seed=2025)
    names = {a.id: a.name.get(lang()) for a in p.alternatives}
    shares = sorted(result.first_share().items(), key=lambda kv: -kv[1])
    st.dataframe(
        {
            t("outlooks.col.position"): [names[a] for a, _ in shares],
            t("outlooks.col.first_share"): [format_percent(s, lang()) for _, s in shares],
        },
        hide_index=True,
        width="stretch",
    )
    st.caption(t("outlooks.acceptability.record", samples=result.samples, seed=result.seed))
with st.expander(t("download.title"), icon=":material/download:"):
    download_buttons(
        lambda: report(p, rank(p, ws), ws).model_copy(
            update={"outlooks": comparison, "value_chains": value_chains_if_they_fit(p)}
        ),
        "outlooks",
    )
