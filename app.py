"""Routing only: page config, language, session defaults, the session's role, navigation."""

import streamlit as st

from mcda.errors import InputError
from ui.access import member_link, policy, role, served_unsafely, sign_out
from ui.i18n import follow_address, set_language, t
from ui.state import init_state
from ui.widgets import localise_streamlit_script, localise_streamlit_texts, show_input_error, show_unexpected

st.set_page_config(page_title="Prosess21 MCDA", page_icon=":material/balance:", layout="wide")
init_state()
follow_address()

with st.sidebar:
    english = st.toggle("English", value=st.session_state["lang"] == "en", key="lang.toggle")
    set_language("en" if english else "nb")
    st.caption(t("app.tagline"))
    localise_streamlit_script()
localise_streamlit_texts()

if served_unsafely():  # reachable from other machines with nothing to sign in with: serve nothing
    st.error(t("access.unsafe"), icon=":material/lock:")
    st.stop()

current = role()
if policy().gated:
    with st.sidebar:
        st.caption(t(f"access.role.{current.value}"))
        if current.value == "secretariat" and st.button(t("access.signout"), key="access.signout"):
            sign_out()
            st.rerun()


# page id -> (script, title key, icon, address)
PAGES = {
    "problem": ("problem", "nav.problem", "description", "problem"),
    "weights": ("weights", "nav.weights", "balance", "weights"),
    "ranking": ("ranking", "nav.ranking", "leaderboard", "ranking"),
    "compare": ("compare", "nav.compare", "compare_arrows", "compare"),
    "gaps": ("gaps", "nav.gaps", "help_center", "gaps"),
    "robustness": ("robustness", "nav.robustness", "ssid_chart", "robustness"),
    "outlooks": ("outlooks", "nav.outlooks", "public", "outlooks"),
    "value_chains": ("value_chains", "nav.value_chains", "account_tree", "value-chains"),
    "workshop_results": ("workshop_results", "nav.workshop_results", "fact_check", "workshop-results"),
    "workshop": ("workshop_member", "nav.workshop_member", "groups", "workshop"),
    "facilitator": ("workshop_facilitator", "nav.workshop_facilitator", "co_present", "facilitator"),
    "signin": ("signin", "nav.signin", "login", "signin"),
}


def pages_for(allowed: tuple[str, ...], default: str) -> list:
    """The pages this session may open; the default one lives at / and, hidden, at its own address too
    (links and bookmarks use /problem, /workshop ...)."""
    pages = []
    for name in allowed:
        script, title, icon, address = PAGES[name]
        path, shown = f"app_pages/{script}.py", t(title)
        if name == default:
            pages.insert(0, st.Page(path, title=shown, icon=f":material/{icon}:", url_path="start", default=True))
        pages.append(
            st.Page(
                path,
                title=shown,
                icon=f":material/{icon}:",
                url_path=address,
                visibility="hidden" if name == default else "visible",
            )
        )
    return pages


allowed = policy().pages(current)
default = "problem" if "problem" in allowed else "signin" if "signin" in allowed and not member_link() else allowed[0]
page = st.navigation(pages_for(allowed, default))
try:
    page.run()
except InputError as error:  # bad input reaching a page: a message, never a traceback
    show_input_error(error)
except Exception as error:  # noqa: BLE001 - the UI must not show a traceback
    show_unexpected(error)
