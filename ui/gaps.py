"""Widget groups of the knowledge-gap page: what it is based on, the summary, the explanation and
where to fill the values. Every text is plain (no Markdown): names come from data files."""

from __future__ import annotations

import streamlit as st

from mcda.formatting import format_count, format_percent
from mcda.gap_views import COLUMNS, col, gap_counts, gap_kinds
from mcda.gaps import GapAnalysis
from mcda.labels import normalization_label
from mcda.missing import POLICY_LABELS
from mcda.models import DecisionProblem, WeightSet
from mcda.ranking import METHODS, RankingSettings

from .i18n import lang, page_link, t
from .widgets import weight_set_name


def kinds() -> dict[str, str]:
    return gap_kinds(lang())


COLUMN_WIDTHS = {  # pixels: the whole list fits a laptop screen; the share column takes the rest
    "position": 155,
    "criterion": 145,
    "interval": 110,
    "value_now": 65,
    "rank_now": 62,
    "possible": 92,
    "first": 75,
    "top3": 75,
    "share": 70,
}


def column_config() -> dict[str, object]:
    """Short headings on the page (the full ones in the tooltips), so the whole list fits."""
    return {
        col(k, lang()): st.column_config.Column(
            label=t(f"gaps.col.{k}"), help=col(k, lang()), width=COLUMN_WIDTHS.get(k)
        )
        for k in COLUMNS
    }


def basis(problem: DecisionProblem, weights: WeightSet, settings: RankingSettings) -> None:
    """The weights and the method the analysis uses, in words."""
    spec = METHODS[settings.method]
    listed = ", ".join(
        f"{problem.criterion(c).name.get(lang())} {format_percent(w, lang())}" for c, w in weights.weights.items()
    )
    st.text(
        t(
            "gaps.basis",
            method=spec.label.get(lang()),
            normalization=normalization_label(settings.canonical().normalization, lang()),
            weights=weight_set_name(weights),
            listed=listed,
        )
    )


def other_policy(settings: RankingSettings) -> None:
    """The ranking page may use another missing-value policy; the gaps always count them as intervals."""
    if settings.missing_policy != "interval":
        st.info(t("gaps.other_policy", policy=POLICY_LABELS[settings.missing_policy].get(lang())))


def summary(analysis: GapAnalysis) -> None:
    counts = gap_counts(analysis)
    st.text(
        t(
            "gaps.summary",
            total=format_count(counts["total"], lang()),
            first=format_count(counts["first"], lang()),
            top3=format_count(counts["top3"], lang()),
        )
    )


def explanation(analysis: GapAnalysis) -> None:
    st.text(t("gaps.how_to_read"))
    with st.expander(t("gaps.method.title")):
        st.text(
            t(
                "gaps.method.text",
                grid=format_count(analysis.grid, lang()),
                samples=format_count(analysis.samples, lang()),
                seed=analysis.seed,
            )
        )


def where_to_fill() -> None:
    st.info(t("gaps.where_to_fill"), icon=":material/edit_note:")
    c1, c2 = st.columns(2)
    page_link("app_pages/problem.py", t("gaps.link.problem"), ":material/description:", c1)
    page_link("app_pages/workshop_facilitator.py", t("gaps.link.workshop"), ":material/co_present:", c2)
