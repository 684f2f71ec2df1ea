"""Altair charts built once and used by the pages and by the exports (PNG via vl-convert).

One module per area: ``ranking`` (scores, contributions, weights, comparisons),
``robustness`` (rank acceptability, weight sweeps, stability intervals, method agreement),
``tree`` (the value tree with local and global weights),
``gaps`` (how far each unknown value can move its position's rank) and
``workshop`` (members' weights, group weights, consensus by round, agreement).
"""

from .common import to_png, to_svg
from .gaps import gap_chart
from .ranking import (
    bump_chart,
    contribution_chart,
    correlation_heatmap,
    score_chart,
    weights_chart,
)
from .robustness import (
    acceptability_heatmap,
    first_rank_chart,
    method_agreement_chart,
    method_rank_chart,
    stability_chart,
    sweep_chart,
)
from .tree import tree_chart
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
    "gap_chart",
    "score_chart",
    "to_png",
    "to_svg",
    "weights_chart",
    "acceptability_heatmap",
    "first_rank_chart",
    "method_agreement_chart",
    "method_rank_chart",
    "stability_chart",
    "sweep_chart",
    "tree_chart",
    "consensus_history_chart",
    "group_weights_chart",
    "member_agreement_chart",
    "member_weights_chart",
]
