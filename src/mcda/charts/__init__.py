"""Altair charts built once and used by the pages and by the exports (PNG via vl-convert).

One module per area: ``ranking`` (scores, contributions, weights, comparisons); other
areas (workshop, robustness) add their own modules here.
"""

from .common import to_png, to_svg
from .ranking import (
    bump_chart,
    contribution_chart,
    correlation_heatmap,
    score_chart,
    weights_chart,
)
from .workshop import (
    consensus_history_chart,
    group_weights_chart,
    member_agreement_chart,
    member_weights_chart,
)

__all__ = [
    "bump_chart",
    "contribution_chart",
    "correlation_heatmap",
    "score_chart",
    "to_png",
    "to_svg",
    "weights_chart",
    "consensus_history_chart",
    "group_weights_chart",
    "member_agreement_chart",
    "member_weights_chart",
]
