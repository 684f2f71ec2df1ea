"""Where the samples come from: clouds of weight vectors and ranges of performance values.

Every sample is drawn from ``numpy.random.default_rng(seed).random((k, d))`` - d uniform
numbers per sample, turned into weights and values by the transforms below. Drawing the
uniforms of a whole sample in one row makes the samples independent of how a run is cut
into chunks: the same seed gives the same samples whatever the chunk size.

Weight clouds (Lahdelma & Salminen 2001 use the uniform one when nothing is known):

- ``uniform``: uniform on the simplex, Dirichlet(1, ..., 1), as w = e / sum(e) with
  e_j = -ln(1 - u_j) standard exponential;
- ``around``: within +-x % of a weight set: w_j = b_j * U(1 - x/100, 1 + x/100), then
  rescaled to sum 1 (a zero weight stays zero);
- ``members``: the members' own weight sets from a workshop. ``resample="member"``: each
  sample is one member's weights, drawn with equal probability; ``resample="group_mean"``:
  each sample is the arithmetic mean of a bootstrap resample (n members drawn with
  replacement) - the uncertainty of the group's average rather than the spread of opinion.
  An optional jitter of +-j % multiplies each weight as in ``around``;
- ``fixed``: one weight set (pure data uncertainty).

Data uncertainty: each value is drawn uniformly within its range - the ``<criterion>_min``
/ ``<criterion>_max`` columns of the data (``Cell.low``/``Cell.high``; a missing end is the
value itself) and/or +-p % of |value| for values without a range. Values without
uncertainty are kept exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
from pydantic import Field, model_validator

from ..cell_messages import cell_message_fields
from ..errors import InputError, Issue
from ..formatting import format_percentage
from ..kernels import CellLayout
from ..models import DecisionProblem, Frozen, LocalizedText, WeightSet

CloudKind = Literal["uniform", "around", "members", "fixed"]
Resample = Literal["member", "group_mean"]


def _check_cover(weights: WeightSet, criteria: Sequence[str]) -> None:
    WeightSet.from_raw(weights.weights, criteria=criteria, name=weights.name)  # exact cover, or InputError


def _percent(value: float, what: str) -> float:
    if not (0 <= value <= 100):
        raise InputError(
            Issue(
                "parameter_invalid",
                details={"reason": f"{what} must be between 0 and 100 %, got {value}"},
            )
        )
    return float(value)


class WeightCloud(Frozen):
    """A distribution of weight vectors to sample from (see the module docstring)."""

    kind: CloudKind = Field(description="uniform, around, members or fixed")
    criteria: tuple[str, ...] = Field(description="criterion ids, in the order of the sampled vectors")
    base: WeightSet | None = Field(default=None, description="around/fixed: the weight set")
    percent: float = Field(default=0.0, description="around: +-percent of each weight")
    members: tuple[WeightSet, ...] = Field(default=(), description="members: one weight set per member")
    resample: Resample = Field(default="member", description="members: one member, or a bootstrap mean")
    jitter_percent: float = Field(default=0.0, description="members: +-percent jitter of each weight")

    @model_validator(mode="after")
    def _consistent(self) -> WeightCloud:
        if not self.criteria:
            raise ValueError("a weight cloud needs at least one criterion")
        if self.kind in ("around", "fixed") and self.base is None:
            raise ValueError(f"a '{self.kind}' cloud needs a base weight set")
        if self.kind == "members" and not self.members:
            raise ValueError("a 'members' cloud needs at least one member weight set")
        for ws in ([self.base] if self.base is not None else []) + list(self.members):
            if set(ws.weights) != set(self.criteria):
                raise ValueError(f"weight set '{ws.name}' does not cover exactly {list(self.criteria)}")
        return self

    # --- constructors ---------------------------------------------------------------
    @classmethod
    def uniform(cls, criteria: Iterable[str]) -> WeightCloud:
        return cls(kind="uniform", criteria=tuple(criteria))

    @classmethod
    def around(cls, weights: WeightSet, percent: float, criteria: Iterable[str] | None = None) -> WeightCloud:
        ids = tuple(criteria) if criteria is not None else tuple(weights.weights)
        _check_cover(weights, ids)
        return cls(kind="around", criteria=ids, base=weights, percent=_percent(percent, "the spread"))

    @classmethod
    def fixed(cls, weights: WeightSet, criteria: Iterable[str] | None = None) -> WeightCloud:
        ids = tuple(criteria) if criteria is not None else tuple(weights.weights)
        _check_cover(weights, ids)
        return cls(kind="fixed", criteria=ids, base=weights)

    @classmethod
    def from_members(
        cls,
        members: Sequence[WeightSet],
        jitter_percent: float = 0.0,
        resample: Resample = "member",
        criteria: Iterable[str] | None = None,
    ) -> WeightCloud:
        """The members' own weights (a workshop round), resampled; see the module docstring."""
        if not members:
            raise InputError(Issue("parameter_invalid", details={"reason": "no member weight sets were given"}))
        ids = tuple(criteria) if criteria is not None else tuple(members[0].weights)
        for ws in members:
            _check_cover(ws, ids)
        if resample not in ("member", "group_mean"):
            raise InputError(
                Issue(
                    "parameter_invalid",
                    details={"reason": f"resample must be 'member' or 'group_mean', got {resample!r}"},
                )
            )
        return cls(
            kind="members",
            criteria=ids,
            members=tuple(members),
            resample=resample,
            jitter_percent=_percent(jitter_percent, "the jitter"),
        )

    # --- use --------------------------------------------------------------------------
    def restricted(self, criteria: Iterable[str]) -> WeightCloud:
        """The cloud over some criteria only (criteria left out by the missing-value policy)."""
        ids = tuple(criteria)
        if ids == self.criteria:
            return self
        return self.model_copy(
            update={
                "criteria": ids,
                "base": None if self.base is None else self.base.restricted(ids),
                "members": tuple(ws.restricted(ids) for ws in self.members),
            }
        )

    @property
    def uniforms_per_sample(self) -> int:
        n = len(self.criteria)
        if self.kind == "uniform":
            return n
        if self.kind == "around":
            return n if self.percent > 0 else 0
        if self.kind == "members":
            picks = 1 if self.resample == "member" else len(self.members)
            return picks + (n if self.jitter_percent > 0 else 0)
        return 0

    def transform(self, u: np.ndarray) -> np.ndarray:
        """Weights (k, n) from uniforms (k, uniforms_per_sample) in [0, 1)."""
        k = u.shape[0]
        n = len(self.criteria)
        if self.kind == "uniform":
            e = -np.log1p(-u)
            return e / e.sum(axis=1, keepdims=True)
        if self.kind in ("around", "fixed"):
            assert self.base is not None, "around/fixed clouds are validated to have a base"
            base = self.base.vector(self.criteria)
            if self.kind == "fixed" or self.percent == 0:
                return np.broadcast_to(base, (k, n)).copy()
            return _jittered(np.broadcast_to(base, (k, n)), u, self.percent)
        table = np.array([ws.vector(self.criteria) for ws in self.members])
        count = len(self.members)
        if self.resample == "member":
            picks, rest = 1, u[:, 1:]
            w = table[np.minimum((u[:, 0] * count).astype(np.int64), count - 1)]
        else:
            picks = count
            idx = np.minimum((u[:, :count] * count).astype(np.int64), count - 1)
            w = table[idx].mean(axis=1)
            w = w / w.sum(axis=1, keepdims=True)
            rest = u[:, picks:]
        if self.jitter_percent > 0:
            return _jittered(w, rest, self.jitter_percent)
        return w

    def draw(self, samples: int, seed: int) -> np.ndarray:
        """``samples`` weight vectors (samples, n) from ``default_rng(seed)``."""
        rng = np.random.default_rng(seed)
        return self.transform(rng.random((samples, self.uniforms_per_sample)))

    def describe(self) -> LocalizedText:
        if self.kind == "uniform":
            return LocalizedText(
                en="spread evenly over all possible weight sets (every combination of weights equally likely)",
                nb="jevnt fordelt over alle mulige vektsett (alle kombinasjoner av vekter er like sannsynlige)",
            )
        if self.kind == "around":
            name = self.base.name if self.base else ""
            en, nb = format_percentage(self.percent, "en", None), format_percentage(self.percent, "nb", None)
            return LocalizedText(
                en=f"each weight of '{name}' times U(1 − {en}, 1 + {en}), rescaled",
                nb=f"hver vekt i «{name}» ganget med U(1 − {nb}, 1 + {nb}), skalert",
            )
        if self.kind == "fixed":
            name = self.base.name if self.base else ""
            return LocalizedText(en=f"fixed weights '{name}'", nb=f"faste vekter «{name}»")
        jitter = self.jitter_percent
        jitter_en = f", each weight jittered ±{format_percentage(jitter, 'en', None)}" if jitter else ""
        jitter_nb = f", hver vekt variert ±{format_percentage(jitter, 'nb', None)}" if jitter else ""
        count = len(self.members)
        if self.resample == "member":
            return LocalizedText(
                en=f"one of {count} members' weights at random{jitter_en}",
                nb=f"vektene til én av {count} deltakere, trukket tilfeldig{jitter_nb}",
            )
        return LocalizedText(
            en=f"mean of a bootstrap resample of {count} members' weights{jitter_en}",
            nb=f"gjennomsnittet av vektene til {count} deltakere, trukket på nytt med tilbakelegging{jitter_nb}",
        )


def _jittered(w: np.ndarray, u: np.ndarray, percent: float) -> np.ndarray:
    x = percent / 100.0
    out = w * (1.0 + (2.0 * u - 1.0) * x)
    total = out.sum(axis=1, keepdims=True)
    bad = total[:, 0] <= 0  # every factor 0 (probability 0): keep the unjittered weights
    if bad.any():
        out[bad] = w[bad]
        total[bad] = w[bad].sum(axis=1, keepdims=True)
    return out / total


class DataUncertainty(Frozen):
    """How the performance values vary: their ranges from the data and/or +-percent."""

    ranges: bool = Field(default=True, description="use each value's range (<criterion>_min/_max) where given")
    percent: float = Field(
        default=0.0,
        ge=0,
        le=100,
        description="+-percent of |value| for values without a range (0: they stay fixed)",
    )

    def bounds(self, problem: DecisionProblem) -> tuple[np.ndarray, np.ndarray]:
        """(low, high) arrays, alternatives x criteria, of the used problem's values."""
        value = np.array(problem.matrix, dtype=float)
        if np.isnan(value).any():
            raise InputError(
                Issue(
                    "missing_values",
                    details={
                        "count": int(np.isnan(value).sum()),
                        "cells": "apply a missing-value policy first",
                    },
                )
            )
        low, high = value.copy(), value.copy()
        has_range = np.zeros(value.shape, dtype=bool)
        if self.ranges:
            for i, alt in enumerate(problem.alternative_ids):
                for j, crit in enumerate(problem.criterion_ids):
                    cell = problem.cell(alt, crit)
                    if cell.low is not None:
                        low[i, j] = cell.low
                    if cell.high is not None:
                        high[i, j] = cell.high
                    has_range[i, j] = cell.low is not None or cell.high is not None
        if self.percent > 0:
            spread = np.abs(value) * (self.percent / 100.0)  # |value| * percent overflows near 1.8e308
            with np.errstate(over="ignore"):
                low = np.where(has_range, low, value - spread)
                high = np.where(has_range, high, value + spread)
        _refuse_unbounded(problem, value, low, high, self.percent)
        return low, high

    def describe(self) -> LocalizedText:
        parts_en, parts_nb = [], []
        if self.ranges:
            # said as a member reads it: the data file's column names stay in the file formats' help
            parts_en.append(
                "each value uniform within its range (its uncertainty range in the data, or a missing value's interval)"
            )
            parts_nb.append(
                "hver verdi jevnt fordelt innenfor sitt intervall (usikkerhetsintervallet i dataene, "
                "eller intervallet til en manglende verdi)"
            )
        if self.percent > 0:
            scope_en = "values without a range" if self.ranges else "every value"
            scope_nb = "verdier uten intervall" if self.ranges else "alle verdier"
            parts_en.append(f"{scope_en} uniform within ±{format_percentage(self.percent, 'en', None)}")
            parts_nb.append(f"{scope_nb} jevnt fordelt innenfor ±{format_percentage(self.percent, 'nb', None)}")
        if not parts_en:
            return LocalizedText(en="no data uncertainty", nb="ingen usikkerhet i dataene")
        return LocalizedText(en="; ".join(parts_en), nb="; ".join(parts_nb))


def _refuse_unbounded(
    problem: DecisionProblem, value: np.ndarray, low: np.ndarray, high: np.ndarray, percent: float
) -> None:
    """A range that ends beyond the largest number a computer holds (about 1.8e308), or whose width
    does, is named by criterion and position: sampled, it gives no number at all."""
    with np.errstate(over="ignore", invalid="ignore"):
        unbounded = ~(np.isfinite(low) & np.isfinite(high) & np.isfinite(high - low))
    spread = {"percent": format_percentage(percent, "en", None), "percent_nb": format_percentage(percent, "nb", None)}
    issues = [
        Issue("data_range_unbounded", details=cell_message_fields(problem, int(i), int(j), float(value[i, j])) | spread)
        for i, j in zip(*np.nonzero(unbounded))
    ]
    if issues:
        raise InputError(issues)


class ValueSampler:
    """Draws performance matrices uniformly within (low, high); fixed values stay exact."""

    def __init__(self, low: np.ndarray, high: np.ndarray):
        self.low = np.asarray(low, dtype=float)
        self.high = np.asarray(high, dtype=float)
        if np.any(self.high < self.low):
            raise InputError(Issue("parameter_invalid", details={"reason": "a value range has high < low"}))
        self.cells = np.flatnonzero((self.high > self.low).ravel())
        # the same cells by criterion, then alternative: the order of cell_values()
        alternative, criterion = np.divmod(self.cells, self.low.shape[1])
        self._by_criterion = np.lexsort((alternative, criterion))
        self._cell_low = self.low.ravel()[self.cells][self._by_criterion, None]
        self._cell_span = self.high.ravel()[self.cells][self._by_criterion, None] - self._cell_low
        crit = self.varying_criteria
        self.layout = CellLayout.of(self.varying[:, crit], self.low[:, crit])

    @property
    def uniforms_per_sample(self) -> int:
        return int(self.cells.size)

    @property
    def varying(self) -> np.ndarray:
        """(m, n) booleans: the values that vary (the others are the same in every sample)."""
        return self.high > self.low

    @property
    def varying_criteria(self) -> np.ndarray:
        """Positions of the criteria with at least one value that varies."""
        return np.flatnonzero(self.varying.any(axis=0))

    def columns(self, u: np.ndarray) -> np.ndarray:
        """The columns of the varying criteria as a column stack (n_varying, m, k): criterion,
        alternative, sample (:func:`mcda.kernels.column_stack`), from the same uniforms as
        :meth:`transform` and equal to its ``[:, :, varying_criteria]``: only these are
        prepared per sample (the others are ``low``)."""
        return self.layout.columns(self.cell_values(u))

    def cell_values(self, u: np.ndarray) -> np.ndarray:
        """The sampled cells' values (cells, k) by criterion, then alternative (``self.layout``;
        ``columns(u)[c, a]`` for each varying cell, in that order), from the same uniforms as
        :meth:`transform`: what :class:`mcda.kernels.SampledPreparation` takes."""
        values = u.T[self._by_criterion]
        values *= self._cell_span
        values += self._cell_low  # low + u * (high - low), as transform
        return values

    def transform(self, u: np.ndarray) -> np.ndarray:
        """Matrices (k, m, n) from uniforms (k, uniforms_per_sample) in [0, 1)."""
        k = u.shape[0]
        out = np.broadcast_to(self.low.ravel(), (k, self.low.size)).copy()
        lo = self.low.ravel()[self.cells]
        out[:, self.cells] = lo + u * (self.high.ravel()[self.cells] - lo)
        return out.reshape((k, *self.low.shape))
