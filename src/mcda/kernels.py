"""Every method of the registry, vectorised over samples.

Each method is split into what does not depend on the weights (computed once per matrix,
with :func:`prepare`) and what does (:func:`scores`, for many weight vectors at once).
``prepare`` takes one matrix (m, n) or a stack of matrices (samples, m, n); the prepared
arrays keep that leading sample axis, and ``scores`` pairs sample s of a stack with weight
vector s. The formulas are those of :mod:`mcda.ranking` (and pymcdm behind it), rearranged:

- TOPSIS: D+_i^2 = sum_j w_j^2 (r_ij - max_i r_ij)^2 (and D- with the min), as w_j >= 0.
- WSM: sum_j w_j r_ij.  WPM: prod_j r_ij^w_j = exp(sum_j w_j log r_ij), 0 where some
  r_ij = 0 has w_j > 0 (0^0 = 1, as numpy's power).
- VIKOR: regret w_j (f*_j - f_ij)/(f*_j - f-_j) with f the values (cost: max - x, as
  pymcdm), 0 on a constant criterion; S its row sum, R its row maximum; Q as in ranking.vikor.
- PROMETHEE II: net flow phi(a) = sum_j w_j phi_j(a); the unicriterion flows phi_j do not
  depend on the weights (pymcdm's own code computes them for one matrix; for a stack the
  'usual' criterion counts how many alternatives are strictly worse and strictly better).
- COPRAS: S+ and S- are weighted sums of x_ij / sum_i x_ij; Q as in ranking.copras.
- EDAS: SP and SN are weighted sums of the distances from the average solution (pymcdm).
- MABAC: V = w_j (n_ij + 1) and G_j = w_j prod_i (n_ij + 1)^(1/m), so the score is
  sum_j w_j (n_ij + 1 - g_j) with g_j = prod_i (n_ij + 1)^(1/m).
- SPOTIS: sum_j w_j |x_ij - ideal_j| / (max_j - min_j) within the observed bounds.

Scores agree with :func:`mcda.ranking.compute_scores` to rounding (tests hold them within
1e-12 relative, and the ranks identical); failures raise the same errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from pymcdm import methods as pm
from pymcdm.methods.partial.promethee_i import _PreferenceFunctions

from .errors import InputError, Issue
from .methods import MethodSpec, get_method, method_failed, normalize, scaled_if_extreme


def _wdot(a: np.ndarray, wt: np.ndarray) -> np.ndarray:
    """sum_j a_ij wt[j, s] -> (m, samples); ``a`` is (m, n) or a column stack (n, m, samples),
    ``wt`` the weights of its criteria with the samples last and contiguous (einsum's loop
    over a short criteria axis is several times slower).

    einsum, not matmul: a multithreaded BLAS is several times slower on these thin products
    (thread start-up on every chunk), and einsum's own loop is not.
    """
    if a.ndim == 2:
        return np.einsum("ns,mn->ms", wt, a)
    return np.einsum("nms,ns->ms", a, wt)


class CellLayout(NamedTuple):
    """Where the cells that vary are in some criteria of a stack: ``rows`` (m, n) marks them,
    at least one per criterion, in the order criterion, then alternative (``criterion``,
    ``alternative``; ``ends``: where each criterion's cells end); ``base`` (m, n): the values
    of the other cells, the same in every sample; ``fixed_low``/``fixed_high`` (n, 1): each
    criterion's smallest and largest of them (+-inf if none)."""

    rows: np.ndarray
    criterion: np.ndarray
    alternative: np.ndarray
    ends: tuple[int, ...]
    base: np.ndarray
    fixed_low: np.ndarray
    fixed_high: np.ndarray

    @classmethod
    def of(cls, rows: np.ndarray, base: np.ndarray) -> CellLayout:
        """The layout of the varying cells ``rows`` (m, n) of criteria whose values are ``base``
        (m, n) wherever they do not vary."""
        criterion, alternative = np.nonzero(rows.T)  # by criterion, then alternative
        ends = tuple(int(e) for e in np.cumsum(rows.sum(axis=0)))
        fixed = rows.T  # criterion-major, as the stack
        low = np.where(fixed, np.inf, base.T).min(axis=1, keepdims=True)
        high = np.where(fixed, -np.inf, base.T).max(axis=1, keepdims=True)
        return cls(rows, criterion, alternative, ends, np.asarray(base, dtype=float), low, high)

    def columns(self, values: np.ndarray) -> np.ndarray:
        """The column stack (n, m, samples) with the varying cells' ``values`` (cells, samples)."""
        out = np.empty((self.rows.shape[1], self.rows.shape[0], values.shape[1]))
        out[...] = self.base.T[:, :, None]
        out[self.criterion, self.alternative] = values
        return out


class VaryingCells(NamedTuple):
    """The cells of a column stack (n, m, samples) that vary between its samples: where they
    are (``layout``) and their ``values`` (cells, samples) by criterion, then alternative
    (``x[crit, alt]``)."""

    layout: CellLayout
    values: np.ndarray

    def of_criterion(self, j: int) -> np.ndarray:
        """The values of criterion j's varying cells (v, samples)."""
        return self.values[self.layout.ends[j - 1] if j else 0 : self.layout.ends[j]]

    def reduce(self, op: np.ufunc) -> np.ndarray:
        """``op`` over the varying cells of each criterion: (n, samples), one reduction over the
        leading axis per criterion (numpy's reduceat is several times slower)."""
        out = np.empty((len(self.layout.ends), self.values.shape[1]))
        for j in range(len(self.layout.ends)):
            op.reduce(self.of_criterion(j), axis=0, out=out[j])
        return out


def normalize_any(
    x: np.ndarray, types: np.ndarray, normalization: str, label: str, cells: VaryingCells | None = None
) -> np.ndarray:
    """:func:`mcda.ranking.normalize` for one matrix (m, n) or a column stack (n, m, samples)
    (``cells``, for a stack: the cells that vary, if known)."""
    if x.ndim == 2:
        return normalize(x, types, normalization, label)
    return _normalize_stack(x, types, normalization, label, cells)[0]


def _column_extremes(x: np.ndarray, cells: VaryingCells | None) -> tuple[np.ndarray, np.ndarray]:
    """(min, max) over the alternatives of a column stack ``x`` (n, m, samples), each
    (n, 1, samples). With the ``cells`` that vary: the fixed alternatives' extremes of each
    criterion, then the varying cells'. Min and max are exact in any order."""
    if cells is None:
        return x.min(axis=1, keepdims=True), x.max(axis=1, keepdims=True)
    lo, hi = cells.reduce(np.minimum), cells.reduce(np.maximum)
    np.minimum(lo, cells.layout.fixed_low, out=lo)
    np.maximum(hi, cells.layout.fixed_high, out=hi)
    return lo[:, None, :], hi[:, None, :]


def _over_alternatives(a: np.ndarray, op: np.ufunc) -> np.ndarray:
    """``op`` reduced over the alternatives of a column stack (n, m, samples), keepdims: a
    reduction over a leading axis adds one alternative after the other (i = 0, 1, ...: the
    order of a reduction over the rows of one matrix)."""
    return op.reduce(a, axis=1, keepdims=True)


def _all_finite(a: np.ndarray) -> bool:
    """Whether every value of ``a`` is finite: a finite sum says so in one pass (an infinity or
    a NaN anywhere makes the sum one); only an overflowing sum needs the value-by-value test."""
    return bool(np.isfinite(a.sum()) or np.isfinite(a).all())


def normalize_stack(matrices: np.ndarray, types: np.ndarray, normalization: str, method_label: str) -> np.ndarray:
    """:func:`mcda.ranking.normalize` applied to each matrix of a (samples, m, n) stack.

    Same formulas (pymcdm's) and the same guards: an all-zero column is scored as a constant,
    min-max of a constant column is 1, sum normalisation needs every value > 0, max
    normalisation values >= 0.
    """
    x = column_stack(matrices)
    return _normalize_stack(x, np.asarray(types), normalization, method_label)[0].transpose(2, 1, 0)


def column_stack(matrices: np.ndarray) -> np.ndarray:
    """A stack of matrices (samples, m, n) as a column stack (n, m, samples): criterion,
    alternative, sample. The samples are the last, contiguous axis, so every operation, and
    every reduction over the alternatives, runs along long rows (a short last axis makes
    numpy several times slower)."""
    return np.ascontiguousarray(np.asarray(matrices, dtype=float).transpose(2, 1, 0))


def _normalize_stack(
    x: np.ndarray,
    types: np.ndarray,
    normalization: str,
    method_label: str,
    cells: VaryingCells | None = None,
    extremes: bool = False,
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """normalize_stack on a column stack (n, m, samples), every criterion at once (a cost's
    own step criterion by criterion). ``cells``: the cells that vary, if known (a column's
    min and max then come from its fixed part and its varying cells).

    With ``extremes``, also the smallest and the largest normalised value of each column
    (n, 1, samples): every normalisation is monotone in the value within a column
    (increasing for a benefit, decreasing for a cost; so is its rounding), so they are the
    normalised min and max of the values, by the same operations: exactly the extremes of r.
    """
    if normalization not in ("vector", "minmax", "max", "sum"):
        raise InputError(
            Issue(
                "normalization_unknown",
                value=normalization,
                details={"method": method_label, "expected": ["vector", "minmax", "max", "sum"]},
            )
        )
    costs = np.flatnonzero(np.asarray(types) == -1)
    if normalization == "sum" and x.min() <= 0:
        raise method_failed(method_label, "sum_positive", bad=np.argwhere((x <= 0).any(axis=2)).T[::-1].T)
    e = None  # the values' min and max, (n, 2, samples), normalised beside x
    # a finite norm, span or max means finite values and |x| <= norm, |x - lo| <= span, 0 <= x <=
    # max: finite normalised values; otherwise (and for sum normalisation) they are checked
    with np.errstate(divide="ignore", invalid="ignore"):
        if normalization in ("minmax", "max") or extremes:
            lo, hi = _column_extremes(x, cells)
            e = np.concatenate((lo, hi), axis=1) if extremes else None
        if normalization == "max" and lo.min() < 0:
            raise method_failed(method_label, "max_nonnegative", bad=np.argwhere((x < 0).any(axis=2)).T[::-1].T)
        if normalization == "vector":
            norm = np.sqrt(np.einsum("nms,nms->ns", x, x))[:, None, :]
            zero = norm == 0  # an all-zero column is scored as a constant (ones)
            if zero.any():
                x = np.where(zero, 1.0, x)
                e = None if e is None else np.where(zero, 1.0, e)
                norm = np.where(zero, np.sqrt(x.shape[1]), norm)
            r = _scaled(x, norm, costs)
            e = None if e is None else _scaled(e, norm, costs)
            finite = bool(np.isfinite(norm).all()) or _all_finite(r)
        elif normalization == "minmax":
            span = hi - lo
            flat = span == 0  # a constant column (all-zero ones too) is 1
            r = _min_max(x, lo, hi, span, flat, costs)
            e = None if e is None else _min_max(e, lo, hi, span, flat, costs)
            finite = bool(np.isfinite(span).all()) or _all_finite(r)
        elif normalization == "max":
            zero = hi == 0  # values >= 0, so an all-zero column
            if zero.any():
                x = np.where(zero, 1.0, x)
                e = None if e is None else np.where(zero, 1.0, e)
                hi = np.where(zero, 1.0, hi)
            r = _scaled(x, hi, costs)
            e = None if e is None else _scaled(e, hi, costs)
            finite = bool(np.isfinite(hi).all()) or _all_finite(r)
        else:  # sum
            y = x.copy()
            for j in costs:
                np.divide(1.0, x[j], out=y[j])
            total = y.sum(axis=1, keepdims=True)
            r = np.divide(y, total, out=y)
            if e is not None:
                for j in costs:
                    np.divide(1.0, e[j], out=e[j])
                e /= total
            finite = _all_finite(r)
    if not finite:
        raise method_failed(method_label, "undefined_normalised")
    if e is None:
        return r, None, None
    return r, np.minimum(e[:, :1], e[:, 1:]), np.maximum(e[:, :1], e[:, 1:])


def _scaled(c: np.ndarray, by: np.ndarray, costs: np.ndarray) -> np.ndarray:
    """c / by; for the ``costs`` (criteria, axis 0) 1 - c / by (vector and max normalisation)."""
    out = np.divide(c, by)
    for j in costs:
        np.subtract(1.0, out[j], out=out[j])
    return out


def _min_max(
    c: np.ndarray, lo: np.ndarray, hi: np.ndarray, span: np.ndarray, flat: np.ndarray, costs: np.ndarray
) -> np.ndarray:
    """(c - lo) / span; for the ``costs`` (criteria, axis 0) (hi - c) / span; 1 where the
    column is constant."""
    out = np.subtract(c, lo)
    for j in costs:
        np.subtract(hi[j], c[j], out=out[j])
    out /= span
    if flat.any():
        np.copyto(out, 1.0, where=np.broadcast_to(flat, out.shape))
    return out


# --- preparation (weight-independent) ------------------------------------------------------------


def prepare(
    x: np.ndarray,
    types: np.ndarray,
    method: str,
    normalization: str | None,
    params: Mapping[str, Any],
    varying: np.ndarray | None = None,
) -> dict[str, Any]:
    """The weight-independent arrays of ``method`` for a matrix (m, n) or a stack (samples, m, n).

    Every method's preparation works criterion by criterion, so for a stack the criteria
    whose values are the same in every sample are prepared once, on the first matrix, and
    only the others per sample (:func:`prepare_sampled`). ``varying`` may say which criteria
    (n,) or which cells (m, n) can vary (e.g. the ones with a value range); by default the
    stack is compared with its first matrix.
    """
    x, params, _ = scaled_if_extreme(x, params)
    if x.ndim == 3:
        if varying is None:
            varying = ~np.all(x == x[:1], axis=(0, 1))
        varying = np.asarray(varying, dtype=bool)
        criteria = varying.any(axis=0) if varying.ndim == 2 else varying
        if not criteria.all():
            return prepare_sampled(x[0], column_stack(x[:, :, criteria]), varying, types, method, normalization, params)
    spec, state, norm = _new_state(method, normalization, params, types)
    types = np.asarray(types, dtype=int)
    if spec.key == "copras" and np.any(x < 0):
        bad = np.argwhere(x < 0) if x.ndim == 2 else np.argwhere((x < 0).any(axis=0))
        raise method_failed("COPRAS", "copras_nonnegative", bad=bad)
    every = np.arange(x.shape[-1])
    if x.ndim == 3:
        x = column_stack(x)
    state["parts"] = [(None, _prepare_columns(x, types, spec.key, norm, params, every))]
    return state


def prepare_sampled(
    base: np.ndarray,
    columns: np.ndarray,
    varying: np.ndarray,
    types: np.ndarray,
    method: str,
    normalization: str | None,
    params: Mapping[str, Any],
    cell_values: np.ndarray | None = None,
) -> dict[str, Any]:
    """:func:`prepare` for a stack of matrices given as the criteria that vary, a column stack:
    :class:`SampledPreparation` for one chunk."""
    return SampledPreparation(base, varying, types, method, normalization, params).prepare(columns, cell_values)


class SampledPreparation:
    """:func:`prepare` for sampled stacks, chunk by chunk: what is the same in every chunk of a
    run (the criteria that do not vary, prepared once; where the varying cells are) is kept.

    ``base`` (m, n) holds every value that does not vary; ``varying`` names the criteria that
    do (n,) or, better, the cells that do (m, n). :meth:`prepare` takes the whole columns of
    those criteria, sample by sample, as a column stack (n_varying, m, samples;
    :func:`column_stack`), or, when ``varying`` names cells, just those cells' values
    (cells, samples) by criterion, then alternative (:meth:`ValueSampler.cell_values
    <mcda.sensitivity.clouds.ValueSampler.cell_values>`): the columns are then built only
    for a method that needs them (PROMETHEE's 'usual' flows do not).
    """

    def __init__(
        self,
        base: np.ndarray,
        varying: np.ndarray,
        types: np.ndarray,
        method: str,
        normalization: str | None,
        params: Mapping[str, Any],
    ):
        self.spec, self.state, self.normalization = _new_state(method, normalization, params, types)
        self.params = params
        self.base = np.asarray(base, dtype=float)
        self.types = np.asarray(types, dtype=int)
        varying = np.asarray(varying, dtype=bool)
        criteria = varying.any(axis=0) if varying.ndim == 2 else varying
        self.fixed_idx, self.var_idx = np.flatnonzero(~criteria), np.flatnonzero(criteria)
        self.layout = CellLayout.of(varying[:, self.var_idx], self.base[:, self.var_idx]) if varying.ndim == 2 else None
        self.fixed_negative = bool(self.base[:, self.fixed_idx].min(initial=0.0) < 0)
        # PROMETHEE's 'usual' flows come from the varying cells' values alone
        usual = self.spec.key == "promethee2" and params["preference_function"] == "usual"
        self.builds_columns = not (usual and self.layout is not None and self.var_idx.size > 0)
        self.fixed_parts: list[tuple[np.ndarray, dict[str, Any]]] | None = None  # at the first chunk

    def prepare(self, columns: np.ndarray | None = None, cell_values: np.ndarray | None = None) -> dict[str, Any]:
        """The prepared state of one chunk (see :func:`prepare`) from its columns or its cells' values."""
        key, norm, params, types = self.spec.key, self.normalization, self.params, self.types
        fixed_idx, var_idx, layout = self.fixed_idx, self.var_idx, self.layout
        cells = None
        if layout is not None:
            if cell_values is None:
                assert columns is not None, "the columns or the varying cells' values"
                cell_values = columns[layout.criterion, layout.alternative]
            cells = VaryingCells(layout, cell_values)
        flows_of_cells = cells is not None and not self.builds_columns
        if columns is None and not flows_of_cells:
            assert layout is not None and cell_values is not None, "the columns or the varying cells' values"
            columns = layout.columns(cell_values)
        if key == "copras" and columns is not None and (self.fixed_negative or columns.min(initial=0.0) < 0):
            negative = np.zeros(self.base.shape, dtype=bool)
            negative[:, fixed_idx] = self.base[:, fixed_idx] < 0
            negative[:, var_idx] = (columns < 0).any(axis=2).T
            raise method_failed("COPRAS", "copras_nonnegative", bad=np.argwhere(negative))
        if self.fixed_parts is None:
            fixed = self.base[:, fixed_idx]
            self.fixed_parts = (
                [(fixed_idx, _fixed_part(fixed, types[fixed_idx], key, norm, params, fixed_idx))]
                if fixed_idx.size
                else []
            )
        parts = list(self.fixed_parts)
        if var_idx.size and cells is not None and flows_of_cells:
            parts.append((var_idx, {"phi": _usual_flows_of_cells(cells, types[var_idx])}))
        elif var_idx.size and columns is not None and key == "copras":  # S+ and S- read only their own criteria
            for group in (types[var_idx] == 1, types[var_idx] != 1):
                if group.any():
                    sub, idx = columns if group.all() else columns[group], var_idx[group]
                    parts.append((idx, _prepare_columns(sub, types[idx], key, norm, params, idx)))
        elif var_idx.size and columns is not None:
            parts.append((var_idx, _prepare_columns(columns, types[var_idx], key, norm, params, var_idx, cells)))
        return {**self.state, "parts": parts}


def _new_state(
    method: str, normalization: str | None, params: Mapping[str, Any], types: np.ndarray
) -> tuple[MethodSpec, dict[str, Any], str | None]:
    """The method's spec, the state every prepared method starts from, and its normalisation."""
    spec = get_method(method)
    state: dict[str, Any] = {
        "method": spec.key,
        "label": spec.label.en,
        "cost": (np.asarray(types) == -1).astype(float),
    }
    if spec.key == "vikor":
        state["v"] = float(params["v"])
        if not 0 <= state["v"] <= 1:
            raise InputError(
                Issue("parameter_invalid", details={"reason": f"VIKOR v must be in [0, 1], got {state['v']}"})
            )
    return spec, state, normalization or spec.default_normalization


_FIXED_CACHE: dict[tuple, dict[str, Any]] = {}
_FIXED_CACHE_SIZE = 16


def _fixed_part(
    x: np.ndarray, types: np.ndarray, key: str, norm: str | None, params: Mapping[str, Any], idx: np.ndarray
) -> dict[str, Any]:
    """_prepare_columns of the criteria that are the same in every matrix of a stack, kept for
    the next chunk of the same run (the arrays are never written to)."""
    cache_key = (key, norm, repr(sorted(params.items())), types.tobytes(), idx.tobytes(), x.shape, x.tobytes())
    found = _FIXED_CACHE.get(cache_key)
    if found is None:
        found = _prepare_columns(x, types, key, norm, params, idx)
        if len(_FIXED_CACHE) >= _FIXED_CACHE_SIZE:
            _FIXED_CACHE.pop(next(iter(_FIXED_CACHE)))
        _FIXED_CACHE[cache_key] = found
    return found


def _prepare_columns(
    x: np.ndarray,
    types: np.ndarray,
    key: str,
    norm: str | None,
    params: Mapping[str, Any],
    idx: np.ndarray,
    cells: VaryingCells | None = None,
) -> dict[str, Any]:
    """The arrays of ``key`` for some criteria (``idx``: their positions in the problem;
    ``cells``, for a stack: which of their cells vary, if known).

    ``x`` is one matrix (m, n) or a column stack (n, m, samples); ``col`` puts a
    per-criterion vector where it broadcasts. Reductions over the alternatives (axis 0 of a
    matrix, 1 of a stack) add the alternatives in order, as pymcdm's over a matrix's rows.
    """
    label = get_method(key).label.en
    stack = x.ndim == 3
    m = x.shape[1] if stack else x.shape[0]

    def col(v: np.ndarray) -> np.ndarray:
        return v[:, None, None] if stack else v

    def criterion(a: np.ndarray, j: int) -> np.ndarray:
        """Criterion j's slice of ``a`` (a masked operation over the whole array is several times slower)."""
        return a[j] if stack else a[:, j]

    costs = np.flatnonzero(types != 1).tolist()

    def over_alternatives(a: np.ndarray, op: np.ufunc) -> np.ndarray:
        return _over_alternatives(a, op) if stack else op.reduce(a, axis=0, keepdims=True)

    def extremes(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(min, max) over the alternatives of a criterion's values ``a``, keepdims."""
        return _column_extremes(a, cells) if stack else (a.min(axis=0, keepdims=True), a.max(axis=0, keepdims=True))

    benefit = col(types == 1)
    arrays: dict[str, Any] = {}
    if key in ("topsis", "wsm", "wpm"):
        if key == "topsis" and stack:
            r, r_min, r_max = _normalize_stack(x, types, norm or "", label, cells, extremes=True)
        else:
            r, r_min, r_max = normalize_any(x, types, norm or "", label, cells), None, None
        if key == "topsis":
            if r_min is None or r_max is None:  # one matrix
                r_min, r_max = r.min(axis=0, keepdims=True), r.max(axis=0, keepdims=True)
            a_plus = np.subtract(r, r_max)
            arrays["a_plus"] = np.square(a_plus, out=a_plus)
            a_minus = np.subtract(r, r_min, out=r)
            arrays["a_minus"] = np.square(a_minus, out=a_minus)
        elif key == "wsm":
            arrays["r"] = r
        else:
            if stack:  # log 0 = -inf: a zero weighted > 0 makes the product 0 (see _wpm)
                with np.errstate(divide="ignore"):
                    arrays["log_r"] = np.log(r, out=r)
                arrays["zero"] = None
            else:
                zero = r == 0
                arrays["log_r"] = np.log(np.where(zero, 1.0, r))
                arrays["zero"] = zero.astype(float) if zero.any() else None
    elif key == "vikor":
        lo, hi = extremes(x)
        # pymcdm's VIKOR "normalisation" f: x (benefit) or hi - x (cost); a cost's max(f) is
        # hi - lo and its min 0, exactly (subtraction is monotone)
        fstar = np.where(benefit, hi, hi - lo)
        fminus = np.where(benefit, lo, 0.0)
        num = np.subtract(hi, x)  # f* - f of a benefit, f of a cost
        for j in costs:
            np.subtract(criterion(fstar, j), criterion(num, j), out=criterion(num, j))  # f* - f of a cost
        arrays["num"] = num  # 0 on a constant criterion (every f is f*)
        arrays["den"] = np.where(lo != hi, fstar - fminus, 1.0)
    elif key == "promethee2":
        arrays["phi"] = _unicriterion_flows(x, types, _sub_params(params, idx), cells)
    elif key == "copras":
        sums = over_alternatives(x, np.add)
        with np.errstate(divide="ignore", invalid="ignore"):
            positive = sums > 0
            d = x / sums if positive.all() else np.where(positive, x / np.where(positive, sums, 1.0), 0.0)
        # the S+ and S- sums read only their own criteria (None: this part has none)
        arrays["d_plus"] = d if benefit.all() else None if not benefit.any() else np.where(benefit, d, 0.0)
        arrays["d_minus"] = d if not benefit.any() else None if benefit.all() else np.where(benefit, 0.0, d)
    elif key == "edas":
        av = over_alternatives(x, np.add) / m
        with np.errstate(divide="ignore", invalid="ignore"):
            pda = np.subtract(x, av)
            pda /= av  # benefit; cost: (av - x)/av, the same number negated (exactly)
        for j in costs:
            np.negative(criterion(pda, j), out=criterion(pda, j))
        arrays["pda"] = np.fmax(pda, 0.0)  # as pymcdm's where(d >= 0, d, 0): NaN -> 0
        arrays["nda"] = np.fmax(np.negative(pda, out=pda), 0.0, out=pda)
    elif key == "mabac":
        t = normalize_any(x, types, "minmax", label, cells)  # pymcdm's min-max: a constant column is 1
        t += 1.0
        g = over_alternatives(t, np.multiply) ** (1 / m)
        t -= g
        arrays["mabac"] = t
    elif key == "spotis":
        lo, hi = extremes(x)
        hi = np.where(lo == hi, hi + 1.0, hi)  # as ranking._spotis_factory
        esp = np.where(benefit, hi, lo)
        dist = np.subtract(x, esp)
        dist /= lo - hi
        arrays["dist"] = np.abs(dist, out=dist)
    else:  # pragma: no cover - every registry method is handled above
        raise InputError(Issue("method_unknown", value=key, details={"expected": [key]}))
    return arrays


def _unicriterion_flows(
    x: np.ndarray, types: np.ndarray, params: Mapping[str, Any], cells: VaryingCells | None = None
) -> np.ndarray:
    """phi_j(a) for every criterion j: (m, n), or (n, m, samples) for a column stack
    (``cells``: the cells that vary, if known)."""
    pf, p, q = params["preference_function"], params.get("p"), params.get("q")
    if x.ndim == 2:
        m, n = x.shape
        phi = np.empty((m, n))
        for j in range(n):  # pymcdm's own code, one criterion at a time, weight 1
            single = pm.PROMETHEE_II(pf, p=None if p is None else [p[j]], q=None if q is None else [q[j]])
            with np.errstate(divide="ignore", invalid="ignore"):
                phi[:, j] = single(x[:, [j]], np.ones(1), types[[j]], validation=False)
        return phi
    if pf == "usual" and cells is not None:
        return _usual_flows_of_cells(cells, types)
    phi = np.empty(x.shape)  # a column stack (n, m, samples)
    n, m = x.shape[0], x.shape[1]
    for j in range(n):
        col = x[j] if types[j] == 1 else -x[j]  # cost: the difference is reversed
        if pf == "usual":
            _usual_flows(col, np.any(col != col[:, :1], axis=1), out=phi[j])
        else:
            fn = getattr(_PreferenceFunctions, pf)
            pj = None if p is None else p[j]
            qj = None if q is None else q[j]
            with np.errstate(divide="ignore", invalid="ignore"):
                pref = fn(col[:, None, :] - col[None, :, :], qj, pj).astype(float)  # [a, b]: a over b
            phi[j] = (pref.sum(axis=1) - pref.sum(axis=0)) / (m - 1)
    return phi


def _sub_params(params: Mapping[str, Any], idx: np.ndarray) -> dict[str, Any]:
    out = dict(params)
    for name in ("p", "q"):
        if params.get(name) is not None:
            out[name] = [params[name][j] for j in idx]
    return out


def _usual_flows_of_cells(cells: VaryingCells, types: np.ndarray) -> np.ndarray:
    """The 'usual' flows of every criterion of a column stack (n, m, samples) from its varying
    cells' values and the others' (:func:`_usual_flows`); the columns are never built."""
    rows, base = cells.layout.rows, cells.layout.base
    phi = np.empty((rows.shape[1], rows.shape[0], cells.values.shape[1]))
    for j in range(rows.shape[1]):
        moving, values = rows[:, j], cells.of_criterion(j)
        fixed = base[~moving, j]
        if types[j] != 1:  # cost: the difference is reversed
            values, fixed = np.negative(values), np.negative(fixed)
        _moving_flows(values, fixed, moving, out=phi[j])
    return phi


def _usual_flows(col: np.ndarray, moving: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Net flows of the 'usual' criterion for (m, samples) values (higher is better):
    (#alternatives strictly worse - #strictly better) / (m - 1), where only the alternatives
    ``moving`` (m,) have values that differ between samples (:func:`_moving_flows`)."""
    return _moving_flows(col[moving], col[~moving, 0], moving, out)


def _moving_flows(xt: np.ndarray, fixed: np.ndarray, moving: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """The 'usual' net flows (m, samples) of a criterion whose alternatives ``moving`` (m,)
    have the values ``xt`` (v, samples) and the others the values ``fixed`` in every sample.

    The moving alternatives (v, samples) are compared with each other once (G[a, b] =
    [x_a > x_b]: a's count is its row sum minus its column sum) and with each distinct fixed
    value u (D[a, u] = sign(x_a - u), times how many fixed alternatives have it); a fixed
    alternative's flow is its flow among the fixed ones minus D's column sum at its value.
    Every sum runs over a leading axis (vectorised over the samples) and has at most m - 1
    terms of +-1, so int8 holds it up to 127 alternatives.
    """
    m, s = moving.size, xt.shape[1]
    v_idx, f_idx = np.flatnonzero(moving), np.flatnonzero(~moving)
    values, first, which, count, among_fixed = _fixed_values(np.ascontiguousarray(fixed, dtype=float).tobytes())
    out = np.empty((m, s)) if out is None else out
    if v_idx.size == 0:
        out[:] = (among_fixed / (m - 1))[:, None]
        return out
    acc = np.int8 if m <= 127 else np.int32
    flow = _among_moving(xt, acc)
    if f_idx.size:
        beaten = _against_fixed(xt, values, count, flow)
        # equal fixed values have equal flows: one row per distinct value, then one per alternative
        out[f_idx] = ((among_fixed[first][:, None] - beaten) / (m - 1))[which]
    out[v_idx] = flow / (m - 1)
    return out


def _among_moving(xt: np.ndarray, acc: type[np.integer]) -> np.ndarray:
    """sum_b sign(x_a - x_b) over the moving values ``xt`` (v, samples): a's wins minus its
    losses among them, in the integer type ``acc``.

    The values are compared in float32, half the bytes: rounding to float32 is monotone, so a
    strict order there is the order of the values, and where no two of a sample's values
    round to the same float32 (their wins then add up to v (v - 1) / 2) a's losses are the
    v - 1 comparisons it does not win. The few samples with such a pair are compared again
    in float64, wins and losses apart (ties count for neither).
    """
    v = xt.shape[0]
    if v == 1:  # nothing to compare it with
        return np.zeros((1, xt.shape[1]), dtype=acc)
    x32 = xt.astype(np.float32)
    wins = np.add.reduce((x32[:, None, :] > x32[None, :, :]).view(np.int8), axis=1, dtype=acc)
    flow = wins - ((v - 1) - wins)
    close = np.add.reduce(wins, axis=0, dtype=np.int64) != v * (v - 1) // 2
    if close.any():
        x = xt[:, close]
        gt = (x[:, None, :] > x[None, :, :]).view(np.int8)
        flow[:, close] = np.add.reduce(gt, axis=1, dtype=acc) - np.add.reduce(gt, axis=0, dtype=acc)
    return flow


def _against_fixed(xt: np.ndarray, values: np.ndarray, count: np.ndarray, flow: np.ndarray) -> np.ndarray:
    """D[a, u] = sign(x_a - u) of the moving values ``xt`` (v, samples) against each distinct
    fixed value u (``count`` alternatives each): adds sum_u count_u D[a, u] to ``flow`` and
    returns sum_a D[a, u] (distinct, samples), in ``flow``'s integer type."""
    acc = flow.dtype
    if xt.shape[0] < 4:  # few moving values: one broadcast comparison
        x = xt[:, None, :]
        u = values[None, :, None]
        d = np.greater(x, u).view(np.int8)
        d -= np.less(x, u).view(np.int8)
        weighted = d if np.all(count == 1) else np.multiply(d, count.astype(acc)[None, :, None])
        flow += np.add.reduce(weighted, axis=1, dtype=acc)
        return np.add.reduce(d, axis=0, dtype=acc)
    beaten = np.empty((values.size, xt.shape[1]), dtype=acc)
    for t, (u, times) in enumerate(zip(values.tolist(), count.tolist(), strict=True)):
        d = np.greater(xt, u).view(np.int8)  # against a scalar: several times faster than broadcast
        d -= np.less(xt, u).view(np.int8)
        flow += d if times == 1 else np.multiply(d, times, dtype=acc)
        np.add.reduce(d, axis=0, dtype=acc, out=beaten[t])
    return beaten


@lru_cache(maxsize=64)
def _fixed_values(raw: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For a criterion's fixed values (float64 bytes; the same for every chunk of a run): the
    distinct values, where each first occurs, which one each value is, how many have it, and
    each value's net count among the fixed ones (strictly worse - strictly better)."""
    base = np.frombuffer(raw)
    values, first, which, count = np.unique(base, return_index=True, return_inverse=True, return_counts=True)
    return values, first, which, count, np.sign(base[:, None] - base[None, :]).sum(axis=1)


# --- scores (weight-dependent) -------------------------------------------------------------------


def _safe_ratio(num: np.ndarray, den: np.ndarray, fill: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), fill)


def _wsum(state: Mapping[str, Any], name: str, w: np.ndarray) -> np.ndarray:
    """sum_j a_ij w_j over every part of the criteria, for the prepared array ``name``:
    (samples, m), summed with the samples last."""
    wt = np.ascontiguousarray(w.T)
    total = None
    for idx, arrays in state["parts"]:
        a = arrays[name]
        if a is None:
            continue
        part = _wdot(a, wt if idx is None else wt[idx])
        if total is None:
            total = part
        else:
            total += part
    assert total is not None, name  # only WPM's optional "zero" and COPRAS's None parts can be absent
    return np.ascontiguousarray(total.T)


def scores(state: Mapping[str, Any], w: np.ndarray) -> np.ndarray:
    """(samples, m) scores in the method's own direction for (samples, n) weights."""
    key = state["method"]
    if key == "topsis":
        w2 = w * w
        out = topsis_closeness(np.sqrt(_wsum(state, "a_plus", w2)), np.sqrt(_wsum(state, "a_minus", w2)))
    elif key == "wsm":
        out = _wsum(state, "r", w)
    elif key == "wpm":
        out = _wpm(state, w)
    elif key == "vikor":
        out = _vikor(state, w)
    elif key == "promethee2":
        out = _wsum(state, "phi", w)
    elif key == "copras":
        out = _copras(state, w)
    elif key == "edas":
        with np.errstate(divide="ignore", invalid="ignore"):
            sp = _wsum(state, "pda", w)
            sn = _wsum(state, "nda", w)
            out = (sp / sp.max(axis=1, keepdims=True) + (1 - sn / sn.max(axis=1, keepdims=True))) / 2
    elif key == "mabac":
        out = _wsum(state, "mabac", w)
    else:  # spotis
        out = _wsum(state, "dist", w)
    if not np.all(np.isfinite(out)):
        raise method_failed(state["label"], "undefined_scores")
    return out


def topsis_closeness(dp: np.ndarray, dm: np.ndarray) -> np.ndarray:
    total = dm + dp
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, dm / np.where(total > 0, total, 1.0), 0.5)


def _vikor(state: Mapping[str, Any], w: np.ndarray) -> np.ndarray:
    """S and R criterion by criterion, then Q as in ranking.vikor, on (m, samples) arrays (the
    layout of a column stack: every operation and every reduction over the alternatives
    runs along the samples)."""
    v = state["v"]
    wt = np.ascontiguousarray(w.T)
    s = r = None
    for idx, arrays in state["parts"]:
        num, den = arrays["num"], arrays["den"]
        for k in range(num.shape[0] if num.ndim == 3 else num.shape[1]):
            j = k if idx is None else idx[k]
            # the order of ranking.vikor: (w (f* - f)) / (f* - f-)
            regret = wt[j] * (num[k] if num.ndim == 3 else num[:, k, None])
            regret /= den[k] if num.ndim == 3 else den[:, k, None]
            if s is None:
                s, r = regret, regret.copy()
            else:
                assert r is not None
                s += regret
                np.maximum(r, regret, out=r)
    assert s is not None and r is not None
    s_lo, s_hi = s.min(axis=0), s.max(axis=0)
    r_lo, r_hi = r.min(axis=0), r.max(axis=0)
    q = v * _safe_ratio(s - s_lo, np.broadcast_to(s_hi - s_lo, s.shape), 0.0) + (1 - v) * _safe_ratio(
        r - r_lo, np.broadcast_to(r_hi - r_lo, r.shape), 0.0
    )
    return np.ascontiguousarray(q.T)


def _wpm(state: Mapping[str, Any], w: np.ndarray) -> np.ndarray:
    """prod_j r_ij^w_j = exp(sum_j w_j log r_ij), 0 where some r_ij = 0 has w_j > 0.

    A fixed matrix keeps log 1 for its zeros and their indicator apart; a column stack has
    log 0 = -inf, so such a zero makes the sum -inf and the product 0 by itself, and a zero
    of weight 0 (0 * -inf) makes it NaN: those samples are recomputed with the zeros apart.
    """
    with np.errstate(invalid="ignore"):
        out = np.exp(_wsum(state, "log_r", w))
    unweighted_zero = np.isnan(out).any(axis=1)
    if unweighted_zero.any():
        rows = np.flatnonzero(unweighted_zero)
        out[rows] = _wpm(_zeros_apart(state, rows), w[rows])
    if any(arrays["zero"] is not None for _, arrays in state["parts"]):
        out = np.where(_wsum(state, "zero", w) > 0, 0.0, out)
    return out


def _zeros_apart(state: Mapping[str, Any], rows: np.ndarray) -> dict[str, Any]:
    """WPM's state for the samples ``rows`` only, every stack's log 0 = -inf as log 1 with the
    zero's indicator apart (as a fixed matrix's)."""
    parts = []
    for idx, arrays in state["parts"]:
        log_r = arrays["log_r"]
        if log_r.ndim == 3:
            log_r = log_r[..., rows]
            zero = np.isneginf(log_r)
            arrays = {"log_r": np.where(zero, 0.0, log_r), "zero": zero.astype(float) if zero.any() else None}
        parts.append((idx, arrays))
    return {**state, "parts": parts}


def _copras(state: Mapping[str, Any], w: np.ndarray) -> np.ndarray:
    s_plus = _wsum(state, "d_plus", w)
    if not state["cost"].any():
        q = s_plus
    else:
        s_minus = _wsum(state, "d_minus", w)
        uses_cost = (w @ state["cost"]) > 0
        bad = uses_cost[:, None] & (s_minus <= 0)
        if bad.any():
            first = np.flatnonzero(bad.any(axis=1))[0]
            raise method_failed("COPRAS", "copras_no_cost", bad=np.argwhere(bad[first][:, None]))
        with np.errstate(divide="ignore", invalid="ignore"):
            inv = np.where(uses_cost[:, None], 1.0 / np.where(uses_cost[:, None], s_minus, 1.0), 0.0)
            rel = s_minus.sum(axis=1, keepdims=True) / (s_minus * inv.sum(axis=1, keepdims=True))
        q = np.where(uses_cost[:, None], s_plus + rel, s_plus)
    with np.errstate(divide="ignore", invalid="ignore"):
        return q / q.max(axis=1, keepdims=True)
