"""The secretariat signs in: the passphrase (its hash in MCDA_SECRETARIAT_HASH) or OpenID Connect."""

import streamlit as st

from mcda.errors import InputError
from mcda.hosting import Role
from ui.access import oidc_signed_out_reason, policy, role, sign_in, sign_out
from ui.i18n import page_link, t
from ui.widgets import show_input_error

st.title(t("signin.title"))
current = policy()
if role() is Role.SECRETARIAT:
    st.success(t("signin.done" if current.gated else "signin.none"), icon=":material/verified_user:")
    page_link("app_pages/workshop_facilitator.py", t("signin.to_facilitator"), ":material/co_present:")
    page_link("app_pages/problem.py", t("signin.to_problem"), ":material/description:")
    if current.gated and st.button(t("access.signout"), key="signin.signout"):
        sign_out()
        st.rerun()
    st.stop()

st.markdown(t("signin.intro"))
if current.passphrase_hash:
    with st.form("signin", clear_on_submit=True):
        passphrase = st.text_input(t("signin.passphrase"), type="password", key="signin.passphrase", max_chars=1024)
        submitted = st.form_submit_button(t("signin.button"), type="primary")
    if submitted:
        try:
            sign_in(passphrase)
        except InputError as error:
            show_input_error(error, "signin.refused")
        else:
            st.rerun()
if current.oidc:
    if reason := oidc_signed_out_reason():
        st.warning(t(reason))
    st.button(t("signin.oidc"), key="signin.oidc", on_click=st.login, icon=":material/badge:")
