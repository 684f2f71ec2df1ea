"""The first page's short "how to use the tool": the steps in order, each a link to its page."""

from __future__ import annotations

import streamlit as st

from .i18n import page_link, t

STEPS = (
    ("app_pages/problem.py", "problem", ":material/description:"),
    ("app_pages/weights.py", "weights", ":material/balance:"),
    ("app_pages/ranking.py", "ranking", ":material/leaderboard:"),
    ("app_pages/robustness.py", "robustness", ":material/ssid_chart:"),
    ("app_pages/workshop_member.py", "workshop", ":material/groups:"),
)
SEEN_KEY = "guide.seen"


def how_to_use() -> None:
    """Open on the first visit in a session, folded away afterwards (one click opens it again)."""
    with st.expander(t("guide.title"), icon=":material/signpost:", expanded=not st.session_state.get(SEEN_KEY)):
        st.caption(t("guide.intro"))
        for number, (page, step, icon) in enumerate(STEPS, start=1):
            page_link(page, f"{number}  {t(f'guide.step.{step}')}", icon)
    st.session_state[SEEN_KEY] = True


def file_formats() -> None:
    """The upload files' columns and a small example, in the user's language."""
    with st.expander(t("upload.formats"), icon=":material/table:"):
        st.markdown(t("upload.formats.criteria"))
        st.code(
            "criteria:\n"
            "  - id: kraftbehov\n"
            "    name: {nb: Krav til ren kraft, en: Clean-power requirement}\n"
            "    direction: cost\n"
            "    unit: MWh/t\n"
            "  - id: modenhet\n"
            "    name: {nb: Modenhet, en: Maturity}\n"
            "    direction: benefit\n"
            "    scale: {min: 0, max: 4}\n",
            language="yaml",
        )
        st.markdown(t("upload.formats.data"))
        st.code("id,name,kraftbehov,modenhet\nP01,Posisjon A,12.5,3\nP02,Posisjon B,8,\n", language="csv")
        st.markdown(t("upload.formats.sources"))
        st.code(
            "id,criterion,kind,source,author,date,rationale\n"
            "P01,kraftbehov,published,[S1] Eksempelkilde 2024,,,\n"
            "P01,modenhet,expert_judgment,,Kari Nordmann,2026-05-01,Industriell drift i Norge\n"
            "P02,modenhet,missing,,,,Ikke vurdert ennå\n",
            language="csv",
        )
        st.markdown(t("upload.formats.bibliography"))
        st.code("sources:\n  - key: S1\n    citation: Eksempelkilde (2024). Rapport om kraftbruk.\n", language="yaml")
