"""Knowledge gaps: which unknown values matter most for the ranking, so the group fills those first."""

import streamlit as st

from mcda.charts import gap_chart
from mcda.formatting import formatted
from mcda.gap_views import gap_table
from ui import gaps as panel
from ui.i18n import lang, t
from ui.state import current_weight_set, ensure_weight_state, gaps, problem, settings
from ui.widgets import show_chart

p = problem()
ensure_weight_state(p)
st.title(t("gaps.title"))
st.caption(t("gaps.intro"))
weights = current_weight_set(p)
analysis = gaps(p, weights)
panel.basis(p, weights, settings())
panel.other_policy(settings())
if not analysis.gaps:
    st.success(t("gaps.none"), icon=":material/check_circle:")
else:
    st.subheader(t("gaps.fill_first"))
    panel.summary(analysis)
    table = gap_table(analysis, p, lang())
    st.dataframe(
        formatted(table, lang(), panel.kinds()),
        hide_index=True,
        width="stretch",
        height=38 + 35 * min(len(table), 15),
        column_config=panel.column_config(),
    )
    st.subheader(t("gaps.chart.title"))
    st.caption(t("gaps.chart.help"))
    show_chart(gap_chart(analysis, p, lang(), "container"))
    panel.explanation(analysis)
panel.where_to_fill()
