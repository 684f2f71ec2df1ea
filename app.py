"""Routing only: page config, language, session defaults, navigation."""

import streamlit as st

from mcda.errors import InputError
from ui.i18n import t
from ui.state import init_state
from ui.widgets import localise_streamlit_texts, show_input_error, show_unexpected

st.set_page_config(page_title="Prosess21 MCDA", page_icon=":material/balance:", layout="wide")
init_state()

with st.sidebar:
    english = st.toggle("English", value=st.session_state["lang"] == "en", key="lang.toggle")
    st.session_state["lang"] = "en" if english else "nb"
    st.caption(t("app.tagline"))
localise_streamlit_texts()

pages = [
    st.Page(
        "app_pages/problem.py", title=t("nav.problem"), icon=":material/description:", url_path="start", default=True
    ),
    # the same page at /problem too (the default page lives at /, and links and bookmarks use /problem)
    st.Page("app_pages/problem.py", title=t("nav.problem"), url_path="problem", visibility="hidden"),
    st.Page("app_pages/weights.py", title=t("nav.weights"), icon=":material/balance:", url_path="weights"),
    st.Page("app_pages/ranking.py", title=t("nav.ranking"), icon=":material/leaderboard:", url_path="ranking"),
    st.Page("app_pages/compare.py", title=t("nav.compare"), icon=":material/compare_arrows:", url_path="compare"),
    st.Page("app_pages/gaps.py", title=t("nav.gaps"), icon=":material/help_center:", url_path="gaps"),
    st.Page("app_pages/robustness.py", title=t("nav.robustness"), icon=":material/ssid_chart:", url_path="robustness"),
    st.Page("app_pages/outlooks.py", title=t("nav.outlooks"), icon=":material/public:", url_path="outlooks"),
    st.Page(
        "app_pages/value_chains.py",
        title=t("nav.value_chains"),
        icon=":material/account_tree:",
        url_path="value-chains",
    ),
    st.Page(
        "app_pages/workshop_member.py", title=t("nav.workshop_member"), icon=":material/groups:", url_path="workshop"
    ),
    st.Page(
        "app_pages/workshop_facilitator.py",
        title=t("nav.workshop_facilitator"),
        icon=":material/co_present:",
        url_path="facilitator",
    ),
]
page = st.navigation(pages)
try:
    page.run()
except InputError as error:  # bad input reaching a page: a message, never a traceback
    show_input_error(error)
except Exception as error:  # noqa: BLE001 - the UI must not show a traceback
    show_unexpected(error)
