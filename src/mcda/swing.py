"""Swing weighting (von Winterfeldt & Edwards 1986, ch. 8; as in Hiview3).

For each criterion (or each child of a node of the value tree) the member sees the swing
from the worst to the best value among the positions, ranks the swings (which would you
improve first?), gives the first 100 points and each other a number of points relative to
it. The weights are the points rescaled to sum to 1.

The swings come from the data: they change when the positions or their values change, so
they are recomputed from the problem each time. Missing values take no part in a swing (a
cell's uncertainty range does: its ends count as values the position could have). The swing
of a group is the swing of all its criteria together, from each one's worst to its best.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from pydantic import Field

from .errors import InputError, Issue, Lang
from .formatting import format_number
from .models import DecisionProblem, Frozen, WeightOrigin, WeightSet

SWING_REFERENCE = (
    "von Winterfeldt, D. & Edwards, W. (1986). Decision Analysis and Behavioral Research, ch. 8 "
    "(swing weights); as in Hiview3"
)


class Swing(Frozen):
    """One criterion's swing over the positions: from its worst value to its best."""

    criterion: str
    worst: float | None = Field(description="the worst value among the positions (None: no value at all)")
    best: float | None = Field(description="the best value among the positions")
    unit: str | None = None
    on_scale: bool = Field(default=False, description="the values are scores on an expert-judgment scale")

    @property
    def is_empty(self) -> bool:
        """No value at all, or every position has the same value: nothing to swing."""
        return self.worst is None or self.best is None or self.worst == self.best


def criterion_swing(problem: DecisionProblem, criterion: str) -> Swing:
    """The worst and best value of ``criterion`` among the positions (direction-aware)."""
    c = problem.criterion(criterion)
    values: list[float] = []
    for alt in problem.alternative_ids:
        cell = problem.cell(alt, criterion)
        values += [v for v in (cell.value, cell.low, cell.high) if v is not None]
    if not values:
        return Swing(criterion=criterion, worst=None, best=None, unit=c.unit, on_scale=c.scale is not None)
    low, high = min(values), max(values)
    worst, best = (low, high) if c.direction == "benefit" else (high, low)
    return Swing(criterion=criterion, worst=worst, best=best, unit=c.unit, on_scale=c.scale is not None)


def swing_text(swing: Swing, lang: Lang) -> str:
    """The swing in words and units: nb "fra 15 MWh/t til 1,5 MWh/t", "fra 1 til 4 (skala 0–4)"."""
    if swing.worst is None or swing.best is None:
        return "ingen verdier" if lang == "nb" else "no values"
    worst, best = format_number(swing.worst, lang), format_number(swing.best, lang)
    if swing.worst == swing.best:
        same = "alle posisjonene har {v}" if lang == "nb" else "every position has {v}"
        return same.format(v=_with_unit(worst, swing, lang))
    if swing.on_scale and swing.unit:  # "fra 1 til 4 på skalaen 0–4"
        scale = f" på skalaen {swing.unit}" if lang == "nb" else f" on the scale {swing.unit}"
        return ("fra {w} til {b}" if lang == "nb" else "from {w} to {b}").format(w=worst, b=best) + scale
    if lang == "nb":
        return f"fra {_with_unit(worst, swing, lang)} til {_with_unit(best, swing, lang)}"
    return f"from {_with_unit(worst, swing, lang)} to {_with_unit(best, swing, lang)}"


def _with_unit(number: str, swing: Swing, lang: Lang) -> str:
    if not swing.unit:
        return number
    if swing.on_scale:
        return f"{number} ({'på skalaen' if lang == 'nb' else 'on the scale'} {swing.unit})"
    return f"{number} {swing.unit}"


def node_swing_text(problem: DecisionProblem, node: str, lang: Lang) -> str:
    """A criterion's swing, or for a group the swing of all its criteria together, in words."""
    tree = problem.tree
    leaves = tree.leaves(node)
    if leaves == (node,):
        return swing_text(criterion_swing(problem, node), lang)
    parts = [f"{problem.criterion(c).name.get(lang)} {swing_text(criterion_swing(problem, c), lang)}" for c in leaves]
    lead = "alle på en gang: " if lang == "nb" else "all at once: "
    return lead + "; ".join(parts)


def swing_weights(order: Sequence[str], points: Mapping[str, float], file: str | None = None) -> dict[str, float]:
    """Weights from a swing ranking and points: the first swing has 100, the others 0..100 and no more
    than any swing ranked above them; the points rescaled to sum to 1."""
    if len(set(order)) != len(order) or set(order) != set(points):
        raise InputError(Issue("swing_incomplete", file=file, details={"expected": ", ".join(points)}))
    issues: list[Issue] = []
    values: dict[str, float] = {}
    for k, item in enumerate(order):
        try:
            v = float(points[item])
        except (TypeError, ValueError):
            issues.append(Issue("not_number", file=file, column=item, value=str(points[item])))
            continue
        if not math.isfinite(v) or v < 0 or v > 100:
            issues.append(Issue("swing_points_range", file=file, column=item, value=format_number(v, "en")))
            continue
        if k == 0 and v != 100:
            issues.append(Issue("swing_first_not_100", file=file, column=item, value=format_number(v, "en")))
            continue
        above = [o for o in order[:k] if o in values and values[o] < v]
        if above:
            issues.append(
                Issue("swing_order", file=file, column=item, value=format_number(v, "en"), details={"above": above[0]})
            )
            continue
        values[item] = v
    if issues:
        raise InputError(issues)
    total = math.fsum(values.values())
    return {item: values[item] / total for item in order}


def swing_weight_set(
    problem: DecisionProblem, order: Sequence[str], points: Mapping[str, float], name: str = ""
) -> WeightSet:
    """A weight set over the problem's criteria from swings (origin ``swing``: order, points, the swings)."""
    weights = swing_weights(order, points)
    swings = {c: criterion_swing(problem, c) for c in problem.criterion_ids}
    return WeightSet.from_raw(
        {c: weights.get(c, 0.0) for c in problem.criterion_ids},
        name=name or "Swing",
        criteria=problem.criterion_ids,
        origin=WeightOrigin(
            kind="swing",
            details={
                "order": list(order),
                "points": {k: float(points[k]) for k in order},
                "swings": {c: {"worst": s.worst, "best": s.best, "unit": s.unit} for c, s in swings.items()},
                "reference": SWING_REFERENCE,
            },
        ),
    )


def node_swings(problem: DecisionProblem, node: str) -> dict[str, dict[str, float | None]]:
    """The worst and best value of every criterion under each child of ``node`` (recorded with a node's weights)."""
    out: dict[str, dict[str, float | None]] = {}
    for child in problem.tree.children(node):
        for c in problem.tree.leaves(child):
            s = criterion_swing(problem, c)
            out[c] = {"worst": s.worst, "best": s.best}
    return out
