"""How sure is the ranking: weight sweeps with rank reversals, stability intervals, rank
acceptability (SMAA-2) and the agreement of methods, for the current weights and settings."""

import streamlit as st

from ui import robustness_panels as panels
from ui.i18n import t
from ui.state import ensure_weight_state, problem
from ui.widgets import method_settings

p = problem()
ensure_weight_state(p)
st.title(t("robustness.title"))
bar = panels.pending_bar()  # shown at once when "run" was pressed: the parts above the sampling take time too
st.caption(t("robustness.intro"))
method_settings("robustness.settings")
setup = panels.setup(p)
panels.statement(setup)

# lazy tabs: only the open one runs
sweeps, stability, acceptability, methods = panels.tabs()
if sweeps.open:
    with sweeps:
        panels.sweeps(setup)
if stability.open:
    with stability:
        panels.stability(setup)
if acceptability.open:
    with acceptability:
        panels.acceptability(setup, bar)
if methods.open:
    with methods:
        panels.methods(setup)
panels.downloads(setup)
