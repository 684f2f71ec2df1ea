"""Agreement between rankings: Spearman, Kendall tau-b, weighted Spearman rw and WS.

- Spearman's rho and Kendall's tau-b come from scipy (tie-corrected).
- rw (Pinto da Costa & Soares 2005) and WS (Sałabun & Urbaniak 2020) come from pymcdm;
  both weigh disagreement near the top more. WS is asymmetric: the first ranking is the
  reference.
- Kendall's W (Kendall & Babington Smith 1939, with the tie correction) measures agreement
  among many rankings at once (a workshop's members).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from pymcdm import correlations as pc
from scipy import stats

from .models import Frozen, Ranking

COEFFICIENTS = ("spearman", "kendall", "rw", "ws")


def spearman(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float | None:
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    return float(stats.spearmanr(x, y).statistic)


def kendall(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float | None:
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    return float(stats.kendalltau(x, y).statistic)


def weighted_spearman(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    return float(pc.weighted_spearman(np.asarray(x, float), np.asarray(y, float)))


def ws_similarity(reference: Sequence[float] | np.ndarray, other: Sequence[float] | np.ndarray) -> float:
    return float(pc.rank_similarity_coef(np.asarray(reference, float), np.asarray(other, float)))


def coefficient(name: str, x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float | None:
    return {"spearman": spearman, "kendall": kendall, "rw": weighted_spearman, "ws": ws_similarity}[name](x, y)


class RankComparison(Frozen):
    labels: tuple[str, ...]
    alternatives: tuple[str, ...] = ()
    ranks: dict[str, tuple[int, ...]]
    matrices: dict[str, tuple[tuple[float | None, ...], ...]]
    largest_moves: tuple[tuple[str, int, int, int], ...] = ()  # (id, best rank, worst rank, spread)


def common_ranks(rankings: Mapping[str, Ranking]) -> tuple[tuple[str, ...], dict[str, np.ndarray]]:
    """Rank vectors over the alternatives every ranking has, re-ranked within that set."""
    ids = [set(e.id for e in r.entries) for r in rankings.values()]
    first = next(iter(rankings.values()))
    common = tuple(e.id for e in sorted(first.entries, key=lambda e: e.id) if all(e.id in s for s in ids))
    out = {}
    for label, r in rankings.items():
        raw = r.ranks_in(common)
        out[label] = stats.rankdata(raw, method="min").astype(float)
    return common, out


def compare_rankings(rankings: Mapping[str, Ranking]) -> RankComparison:
    """All pairwise coefficients and the alternatives whose rank moves most."""
    alternatives, ranks = common_ranks(rankings)
    labels = tuple(rankings)
    matrices = {
        name: tuple(tuple(coefficient(name, ranks[a], ranks[b]) for b in labels) for a in labels)
        for name in COEFFICIENTS
    }
    stacked = np.array([ranks[label] for label in labels])
    moves = []
    for k, alt in enumerate(alternatives):
        best, worst = int(stacked[:, k].min()), int(stacked[:, k].max())
        moves.append((alt, best, worst, worst - best))
    moves.sort(key=lambda t: (-t[3], t[1], t[0]))
    return RankComparison(
        labels=labels,
        alternatives=alternatives,
        ranks={label: tuple(int(x) for x in ranks[label]) for label in labels},
        matrices=matrices,
        largest_moves=tuple(moves),
    )


def kendalls_w(rank_matrix: np.ndarray) -> float | None:
    """Kendall's coefficient of concordance W for k raters x n items (tie-corrected)."""
    r = np.asarray(rank_matrix, dtype=float)
    k, n = r.shape
    if k < 2 or n < 2:
        return None
    r = np.vstack([stats.rankdata(row) for row in r])  # mid-ranks for ties
    totals = r.sum(axis=0)
    s = float(((totals - totals.mean()) ** 2).sum())
    ties = 0.0
    for row in r:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denom = k**2 * (n**3 - n) - k * ties
    if denom <= 0:
        return None
    return 12.0 * s / denom
