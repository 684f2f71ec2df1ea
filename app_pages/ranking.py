"""See the ranking for the current weights, with the method and normalisation stated."""

import streamlit as st

from mcda.charts import contribution_chart, score_chart, weights_chart
from mcda.views import change_text, col, ranking_table
from ui.downloads import download_buttons
from ui.i18n import keyed, lang, t
from ui.state import current_weight_set, ensure_weight_state, previous_ranks, problem, problem_key, rank, report
from ui.tables import show_table
from ui.widgets import method_settings, method_statement, show_chart, show_method_notes, show_ranking_notes

p = problem()
ensure_weight_state(p)
st.title(t("ranking.title"))
method_settings()
weights = current_weight_set(p)
ranking = rank(p, weights)
signature = f"{problem_key(p)}|{sorted(weights.weights.items())}|{st.session_state['settings']}"
previous = previous_ranks(ranking, signature)

st.markdown(method_statement(ranking))
show_ranking_notes(ranking, p)
# the table over the page's whole width, as plain HTML: Streamlit's interactive table would make a new
# browser fetch and run about 1.7 MB of its scripts before the first paint (bench_element_types.py)
table = ranking_table(ranking, lang(), previous)
table[col("change", lang())] = table[col("change", lang())].map(change_text)
show_table(
    table.drop(columns=[col("id", lang())]),
    lang(),
    {col("rank", lang()): "int", col("score", lang()): "score"},
    {col("possible", lang()): t("ranking.possible.help")},
)
st.caption(t("ranking.change.help"))
# only the open tab's chart is built and sent (a click on another tab reruns the page for it): a weight
# change redraws one chart, not three
scores, contributions, weights_tab = st.tabs(
    [t("ranking.tab.scores"), t("ranking.tab.contributions"), t("ranking.tab.weights")],
    key=keyed("ranking.tab"),
    on_change="rerun",
)
if scores.open:
    with scores:
        show_chart(score_chart(ranking, lang(), "container"))
if contributions.open:
    with contributions:
        show_chart(contribution_chart(ranking, p, lang(), "container"))
if weights_tab.open:
    with weights_tab:
        current = ranking.weights.model_copy(update={"name": t("weights.current")})
        show_chart(weights_chart(current, p, lang(), "container"))
# the method note and the downloads are built when their expander is opened (one rerun): on first paint
# their elements cost a new browser about a CPU second of Streamlit's scripts (bench_browser.py)
conventions = st.expander(t("ranking.conventions"), key=keyed("ranking.conventions"), on_change="rerun")
if conventions.open:
    with conventions:
        show_method_notes(report(p, ranking, weights))
downloads = st.expander(
    t("download.title"), icon=":material/download:", key=keyed("ranking.downloads"), on_change="rerun"
)
if downloads.open:
    with downloads:
        download_buttons(lambda: report(p, ranking, weights), "ranking")
