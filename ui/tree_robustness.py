"""The robustness page's group sweep: a group of the value tree's weight as a whole, its criteria scaled together."""

from __future__ import annotations

import streamlit as st

from mcda.charts import sweep_chart
from mcda.errors import InputError
from mcda.formatting import format_percent, formatted
from mcda.models import ROOT, DecisionProblem, WeightOrigin, WeightSet
from mcda.ranking import RankingSettings
from mcda.robustness_views import interval_bounds, reversals_table
from mcda.sensitivity import WeightSweep, stability_interval, sweep_group_weight

from .i18n import keyed, lang, t
from .plain import escape
from .widgets import show_chart, show_input_error


@st.cache_data(max_entries=32, show_spinner=False)
def _group_sweep(
    key: str, weights: tuple[tuple[str, float], ...], settings: str, group: str, _problem: DecisionProblem
) -> WeightSweep:
    # ``key`` identifies ``_problem`` completely (its hash), so the cache never serves a stale sweep
    ws = WeightSet(name="", weights=dict(weights), origin=WeightOrigin(kind="direct"))
    return sweep_group_weight(
        _problem, ws, _problem.tree.leaves(group), RankingSettings.model_validate_json(settings), group=group
    )


def group_sweeps(problem: DecisionProblem, problem_key: str, weights: WeightSet, settings: RankingSettings) -> None:
    """Sweep one group of the value tree (shown only when the criteria are in groups)."""
    tree = problem.tree
    groups = [g for g in tree.nodes if g != ROOT]
    if not groups:
        return
    names = {c.id: c.name for c in problem.criteria}
    st.subheader(t("robustness.group.title"))
    st.caption(t("robustness.group.help"))
    shown = {g: tree.name(g, lang(), names) for g in groups}  # translated now, not when called
    group = st.selectbox(t("robustness.group.choose"), groups, format_func=shown.__getitem__, key=keyed("tree.sweep"))
    try:
        sweep = _group_sweep(problem_key, tuple(weights.weights.items()), settings.model_dump_json(), group, problem)
    except InputError as error:
        show_input_error(error)
        return
    show_chart(sweep_chart(sweep, problem, lang(), "container"))
    interval = stability_interval(sweep)
    members = ", ".join(problem.criterion(c).name.get(lang()) for c in sweep.members)
    st.markdown(
        escape(
            t(
                "robustness.group.summary",
                group=tree.name(group, lang(), names),
                members=members,
                current=format_percent(interval.current_weight, lang()),
                **interval_bounds(interval, lang()),
            )
        )
    )
    table = reversals_table(sweep, problem, lang(), 3)
    if table.empty:
        st.info(t("robustness.group.none"))
    else:
        st.dataframe(formatted(table, lang(), {table.columns[0]: "points"}), hide_index=True, width="stretch")
