"""Altair charts built once and used by the pages and by the exports (PNG via vl-convert).

One module per area: ``ranking`` (scores, contributions, weights, comparisons),
``robustness`` (rank acceptability, weight sweeps, stability intervals, method agreement),
``tree`` (the value tree with local and global weights),
``gaps`` (how far each unknown value can move its position's rank) and
``workshop`` (members' weights, group weights, consensus by round, agreement).

The names below are imported on first use (PEP 562), so a page that draws a ranking does not load
the robustness, gap and workshop modules (and scipy, sqlalchemy behind them) before its first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_attributes

if TYPE_CHECKING:
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

_MODULES = {
    "to_png": "common",
    "to_svg": "common",
    "gap_chart": "gaps",
    "bump_chart": "ranking",
    "contribution_chart": "ranking",
    "correlation_heatmap": "ranking",
    "score_chart": "ranking",
    "weights_chart": "ranking",
    "acceptability_heatmap": "robustness",
    "first_rank_chart": "robustness",
    "method_agreement_chart": "robustness",
    "method_rank_chart": "robustness",
    "stability_chart": "robustness",
    "sweep_chart": "robustness",
    "tree_chart": "tree",
    "consensus_history_chart": "workshop",
    "group_weights_chart": "workshop",
    "member_agreement_chart": "workshop",
    "member_weights_chart": "workshop",
}


__getattr__ = lazy_attributes(__name__, _MODULES)

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
