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
from typing import Any

import numpy as np
from pymcdm import methods as pm
from pymcdm.methods.partial.promethee_i import _PreferenceFunctions

from .errors import InputError, Issue
from .methods import MethodSpec, get_method, method_failed, normalize


def _wdot(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """sum_j a_ij w[s, j] -> (samples, m); ``a`` is (m, n) or criterion-major (n, samples, m).

    einsum, not matmul: a multithreaded BLAS is several times slower on these thin products
    (thread start-up on every chunk), and einsum's own loop is not.
    """
    if a.ndim == 2:
        return np.einsum("sn,mn->sm", w, a)
    return np.einsum("nsm,sn->sm", a, w)


def normalize_any(
    x: np.ndarray, types: np.ndarray, normalization: str, label: str, rows: np.ndarray | None = None
) -> np.ndarray:
    """:func:`mcda.ranking.normalize` for one matrix (m, n) or a criterion-major stack (n, samples, m)
    (``rows``, for a stack: the cells that vary, (m, n), if known)."""
    if x.ndim == 2:
        return normalize(x, types, normalization, label)
    return _normalize_cm(x, types, normalization, label, rows)


def _column_extremes(x: np.ndarray, rows: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(min, max) over the alternatives of a criterion-major stack ``x`` (n, samples, m),
    each (n, samples, 1). With ``rows`` (m, n), the cells that vary: the fixed alternatives'
    extremes once, and the varying cells of every criterion in one reduction over a leading
    axis (a reduction over the short last axis is several times slower). Min and max are
    exact in any order."""
    if rows is None or not rows.any(axis=0).all():
        return _over_alternatives(x, np.minimum), _over_alternatives(x, np.maximum)
    lo, hi = _reduce_cells(x, rows, np.minimum), _reduce_cells(x, rows, np.maximum)
    for k in range(x.shape[0]):
        fixed = x[k, 0, ~rows[:, k]]
        if fixed.size:
            np.minimum(lo[k], fixed.min(), out=lo[k])
            np.maximum(hi[k], fixed.max(), out=hi[k])
    return lo[..., None], hi[..., None]


def _reduce_cells(x: np.ndarray, cells: np.ndarray, op: np.ufunc) -> np.ndarray:
    """``op`` over the ``cells`` (m, n; at least one per criterion) of each criterion of a
    criterion-major stack ``x`` (n, samples, m): (n, samples), one reduction over a leading axis."""
    crit, alt = np.nonzero(cells.T)  # by criterion, then alternative
    return op.reduceat(x[crit, :, alt], np.searchsorted(crit, np.arange(x.shape[0])), axis=0)


def _over_alternatives(a: np.ndarray, op: np.ufunc) -> np.ndarray:
    """``op`` reduced over the alternatives (last axis) of a criterion-major stack (n, samples, m),
    keepdims, one pass per alternative in order (i = 0, 1, ...: the order of a reduction over
    the rows of one matrix)."""
    out = a[..., 0].copy()
    for i in range(1, a.shape[-1]):
        op(out, a[..., i], out=out)
    return out[..., None]


def normalize_stack(matrices: np.ndarray, types: np.ndarray, normalization: str, method_label: str) -> np.ndarray:
    """:func:`mcda.ranking.normalize` applied to each matrix of a (samples, m, n) stack.

    Same formulas (pymcdm's) and the same guards: an all-zero column is scored as a constant,
    min-max of a constant column is 1, sum normalisation needs every value > 0, max
    normalisation values >= 0.
    """
    x = np.ascontiguousarray(np.asarray(matrices, dtype=float).transpose(2, 0, 1))
    return _normalize_cm(x, np.asarray(types), normalization, method_label).transpose(1, 2, 0)


def _normalize_cm(
    x: np.ndarray, types: np.ndarray, normalization: str, method_label: str, rows: np.ndarray | None = None
) -> np.ndarray:
    """normalize_stack on a criterion-major stack (n, samples, m): the alternatives are the
    last, contiguous axis, so every operation runs over long rows (a short last axis makes
    numpy several times slower). ``rows`` (m, n): the cells that vary, if known (a column's
    min and max then come from its fixed part and its varying cells)."""
    cost = np.asarray(types) == -1
    if normalization == "sum" and np.any(x <= 0):
        raise method_failed(method_label, "sum_positive", bad=np.argwhere((x <= 0).any(axis=1)).T[::-1].T)
    if normalization == "max" and np.any(x < 0):
        raise method_failed(method_label, "max_nonnegative", bad=np.argwhere((x < 0).any(axis=1)).T[::-1].T)
    r = np.empty_like(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        if normalization in ("minmax", "max"):
            lo_all, hi_all = _column_extremes(x, rows)
        for j in range(x.shape[0]):  # one criterion at a time: (samples, m), a scalar type
            c = x[j]
            if normalization == "vector":
                norm = np.sqrt(np.einsum("sm,sm->s", c, c))[:, None]
                zero = norm == 0  # an all-zero column is scored as a constant (ones)
                if zero.any():
                    c = np.where(zero, 1.0, c)
                    norm = np.where(zero, np.sqrt(c.shape[1]), norm)
                np.divide(c, norm, out=r[j])
                if cost[j]:
                    np.subtract(1.0, r[j], out=r[j])
            elif normalization == "minmax":
                lo, hi = lo_all[j], hi_all[j]
                span = hi - lo
                if cost[j]:
                    np.subtract(hi, c, out=r[j])
                else:
                    np.subtract(c, lo, out=r[j])
                r[j] /= span
                flat = span == 0  # a constant column (all-zero ones too) is 1
                if flat.any():
                    r[j] = np.where(flat, 1.0, r[j])
            elif normalization == "max":
                hi = hi_all[j]
                zero = hi == 0  # values >= 0, so an all-zero column
                if zero.any():
                    c = np.where(zero, 1.0, c)
                    hi = np.where(zero, 1.0, hi)
                np.divide(c, hi, out=r[j])
                if cost[j]:
                    np.subtract(1.0, r[j], out=r[j])
            elif normalization == "sum":
                y = 1.0 / c if cost[j] else c
                np.divide(y, y.sum(axis=1, keepdims=True), out=r[j])
            else:
                raise InputError(
                    Issue(
                        "normalization_unknown",
                        value=normalization,
                        details={"method": method_label, "expected": ["vector", "minmax", "max", "sum"]},
                    )
                )
    if not np.isfinite(r).all():
        raise method_failed(method_label, "undefined_normalised")
    return r


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
    x = np.asarray(x, dtype=float)
    if x.ndim == 3:
        if varying is None:
            varying = ~np.all(x == x[:1], axis=(0, 1))
        varying = np.asarray(varying, dtype=bool)
        criteria = varying.any(axis=0) if varying.ndim == 2 else varying
        if not criteria.all():
            columns = np.ascontiguousarray(x[:, :, criteria].transpose(2, 0, 1))  # criterion-major
            return prepare_sampled(x[0], columns, varying, types, method, normalization, params)
    spec, state, norm = _new_state(method, normalization, params, types)
    types = np.asarray(types, dtype=int)
    if spec.key == "copras" and np.any(x < 0):
        bad = np.argwhere(x < 0) if x.ndim == 2 else np.argwhere((x < 0).any(axis=0))
        raise method_failed("COPRAS", "copras_nonnegative", bad=bad)
    every = np.arange(x.shape[-1])
    if x.ndim == 3:
        x = np.ascontiguousarray(x.transpose(2, 0, 1))  # criterion-major
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
) -> dict[str, Any]:
    """:func:`prepare` for a stack of matrices given as the criteria that vary, criterion-major.

    ``base`` (m, n) holds the values of the criteria that do not vary (prepared once and
    kept for the next chunk); ``columns`` (n_varying, samples, m) the whole columns of the
    criteria that do, sample by sample; ``varying`` names those criteria (n,) or, better,
    the cells that vary (m, n).
    """
    spec, state, norm = _new_state(method, normalization, params, types)
    types = np.asarray(types, dtype=int)
    varying = np.asarray(varying, dtype=bool)
    cells = varying if varying.ndim == 2 else None
    criteria = varying.any(axis=0) if cells is not None else varying
    fixed_idx, var_idx = np.flatnonzero(~criteria), np.flatnonzero(criteria)
    if spec.key == "copras":
        negative = np.zeros(base.shape, dtype=bool)
        negative[:, fixed_idx] = base[:, fixed_idx] < 0
        negative[:, var_idx] = (columns < 0).any(axis=1).T
        if negative.any():
            raise method_failed("COPRAS", "copras_nonnegative", bad=np.argwhere(negative))
    parts: list[tuple[np.ndarray, dict[str, Any]]] = []
    if fixed_idx.size:
        fixed = _fixed_part(base[:, fixed_idx], types[fixed_idx], spec.key, norm, params, fixed_idx)
        parts.append((fixed_idx, fixed))
    if var_idx.size:
        rows = None if cells is None else cells[:, var_idx]
        parts.append((var_idx, _prepare_columns(columns, types[var_idx], spec.key, norm, params, var_idx, rows)))
    state["parts"] = parts
    return state


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
    rows: np.ndarray | None = None,
) -> dict[str, Any]:
    """The arrays of ``key`` for some criteria (``idx``: their positions in the problem;
    ``rows``, for a stack: which of their cells vary, if known).

    ``x`` is one matrix (m, n) or a criterion-major stack (n, samples, m); ``ax`` is the
    alternatives' axis and ``col`` puts a per-criterion vector where it broadcasts.
    """
    label = get_method(key).label.en
    ax = 0 if x.ndim == 2 else -1

    def col(v: np.ndarray) -> np.ndarray:
        return v if x.ndim == 2 else v[:, None, None]

    def over_alternatives(a: np.ndarray, op: np.ufunc) -> np.ndarray:
        return op.reduce(a, axis=0, keepdims=True) if a.ndim == 2 else _over_alternatives(a, op)

    def extremes(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(min, max) over the alternatives of a criterion's values ``a``, keepdims."""
        if a.ndim == 2:
            return a.min(axis=0, keepdims=True), a.max(axis=0, keepdims=True)
        return _column_extremes(a, rows)

    benefit = col(types == 1)
    arrays: dict[str, Any] = {}
    if key in ("topsis", "wsm", "wpm"):
        r = normalize_any(x, types, norm or "", label, rows)
        if key == "topsis":
            arrays["a_plus"] = (r - _normalised_extremes(r, x, rows, np.maximum)) ** 2
            arrays["a_minus"] = (r - _normalised_extremes(r, x, rows, np.minimum)) ** 2
        elif key == "wsm":
            arrays["r"] = r
        else:
            zero = r == 0
            arrays["log_r"] = np.log(np.where(zero, 1.0, r))
            arrays["zero"] = zero.astype(float) if zero.any() else None
    elif key == "vikor":
        lo, hi = extremes(x)
        f = np.where(benefit, x, hi - x)  # pymcdm's VIKOR "normalisation"
        # a cost's max(hi - x) is hi - lo and its min 0, exactly (subtraction is monotone)
        fstar = np.where(benefit, hi, hi - lo)
        fminus = np.where(benefit, lo, 0.0)
        varying = lo != hi  # not a constant criterion
        arrays["num"] = np.where(varying, fstar - f, 0.0)
        arrays["den"] = np.where(varying, fstar - fminus, 1.0)
    elif key == "promethee2":
        arrays["phi"] = _unicriterion_flows(x, types, _sub_params(params, idx), rows)
    elif key == "copras":
        sums = over_alternatives(x, np.add)
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(sums > 0, x / np.where(sums > 0, sums, 1.0), 0.0)
        arrays["d_plus"] = np.where(benefit, d, 0.0)
        arrays["d_minus"] = np.where(benefit, 0.0, d)
    elif key == "edas":
        av = over_alternatives(x, np.add) / x.shape[ax]
        with np.errstate(divide="ignore", invalid="ignore"):
            pda = (x - av) / av  # benefit; cost: (av - x)/av, the same number negated (exactly)
        pda *= col(np.where(types == 1, 1.0, -1.0))
        nda = -pda
        arrays["pda"] = np.fmax(pda, 0.0)  # as pymcdm's where(d >= 0, d, 0): NaN -> 0
        arrays["nda"] = np.fmax(nda, 0.0)
    elif key == "mabac":
        t = normalize_any(x, types, "minmax", label, rows) + 1.0  # pymcdm's min-max: a constant column is 1
        g = over_alternatives(t, np.multiply) ** (1 / x.shape[ax])
        t -= g
        arrays["mabac"] = t
    elif key == "spotis":
        lo, hi = extremes(x)
        hi = np.where(lo == hi, hi + 1.0, hi)  # as ranking._spotis_factory
        esp = np.where(benefit, hi, lo)
        arrays["dist"] = np.abs((x - esp) / (lo - hi))
    else:  # pragma: no cover - every registry method is handled above
        raise InputError(Issue("method_unknown", value=key, details={"expected": [key]}))
    return arrays


def _normalised_extremes(r: np.ndarray, x: np.ndarray, rows: np.ndarray | None, op: np.ufunc) -> np.ndarray:
    """``op`` (np.minimum or np.maximum) of the normalised values ``r`` over the alternatives,
    keepdims, for the values ``x`` (one matrix, or a criterion-major stack with ``rows``, the
    cells that vary, (m, n), if known).

    Every normalisation is monotone in the value within a criterion (increasing for a benefit,
    decreasing for a cost; so is its rounding), so the extreme of ``r`` is at an alternative
    that moves or at the fixed alternatives' largest or smallest value: only those are read.
    """
    if x.ndim == 2:
        return op.reduce(r, axis=0, keepdims=True)
    if rows is None:
        return _over_alternatives(r, op)
    among = rows.copy()
    for k in range(r.shape[0]):
        fixed = np.flatnonzero(~rows[:, k])
        if fixed.size:
            values = x[k, 0, fixed]
            among[fixed[[np.argmin(values), np.argmax(values)]], k] = True
    return _reduce_cells(r, among, op)[..., None]


def _unicriterion_flows(
    x: np.ndarray, types: np.ndarray, params: Mapping[str, Any], rows: np.ndarray | None = None
) -> np.ndarray:
    """phi_j(a) for every criterion j: (m, n), or (n, samples, m) for a criterion-major stack
    (``rows``: the cells that vary, (m, n), if known)."""
    pf, p, q = params["preference_function"], params.get("p"), params.get("q")
    if x.ndim == 2:
        m, n = x.shape
        phi = np.empty((m, n))
        for j in range(n):  # pymcdm's own code, one criterion at a time, weight 1
            single = pm.PROMETHEE_II(pf, p=None if p is None else [p[j]], q=None if q is None else [q[j]])
            with np.errstate(divide="ignore", invalid="ignore"):
                phi[:, j] = single(x[:, [j]], np.ones(1), types[[j]], validation=False)
        return phi
    phi = np.empty(x.shape)  # criterion-major (n, samples, m)
    n, m = x.shape[0], x.shape[-1]
    for j in range(n):
        col = x[j] if types[j] == 1 else -x[j]  # cost: the difference is reversed
        if pf == "usual":
            phi[j] = _usual_flows(col, np.any(col != col[:1], axis=0) if rows is None else rows[:, j])
        else:
            fn = getattr(_PreferenceFunctions, pf)
            pj = None if p is None else p[j]
            qj = None if q is None else q[j]
            with np.errstate(divide="ignore", invalid="ignore"):
                pref = fn(col[:, :, None] - col[:, None, :], qj, pj).astype(float)
            phi[j] = (pref.sum(axis=2) - pref.sum(axis=1)) / (m - 1)
    return phi


def _sub_params(params: Mapping[str, Any], idx: np.ndarray) -> dict[str, Any]:
    out = dict(params)
    for name in ("p", "q"):
        if params.get(name) is not None:
            out[name] = [params[name][j] for j in idx]
    return out


def _usual_flows(col: np.ndarray, moving: np.ndarray) -> np.ndarray:
    """Net flows of the 'usual' criterion for (samples, m) values (higher is better):
    (#alternatives strictly worse - #strictly better) / (m - 1), where only the alternatives
    ``moving`` (m,) have values that differ between samples.

    The moving alternatives, sample-last (v, samples), are compared with each other once
    (G[a, b] = [x_a > x_b]: a's count is its row sum minus its column sum) and with each
    distinct fixed value u (D[a, u] = sign(x_a - u), times how many fixed alternatives have
    it); a fixed alternative's flow is its flow among the fixed ones minus D's column sum at
    its value. Every sum runs over a leading axis (vectorised over the samples) and has at
    most m - 1 terms of +-1, so int8 holds it up to 127 alternatives.
    """
    s, m = col.shape
    v_idx, f_idx = np.flatnonzero(moving), np.flatnonzero(~moving)
    values, first, which, count, among_fixed = _fixed_values(np.ascontiguousarray(col[0, f_idx]).tobytes())
    out = np.empty((m, s))  # sample-last, as the sums; transposed once at the end
    if v_idx.size == 0:
        out[:] = (among_fixed / (m - 1))[:, None]
        return out.T
    acc = np.int8 if m <= 127 else np.int32
    xt = np.ascontiguousarray(col[:, v_idx].T)
    gt = (xt[:, None, :] > xt[None, :, :]).view(np.int8)
    flow = np.add.reduce(gt, axis=1, dtype=acc)
    flow -= np.add.reduce(gt, axis=0, dtype=acc)
    if f_idx.size:
        u = values[None, :, None]
        d = (xt[:, None, :] > u).view(np.int8) - (xt[:, None, :] < u).view(np.int8)  # (v, distinct, samples)
        weighted = d if np.all(count == 1) else np.multiply(d, count.astype(acc)[None, :, None])
        flow += np.add.reduce(weighted, axis=1, dtype=acc)
        # equal fixed values have equal flows: one row per distinct value, then one per alternative
        distinct = among_fixed[first][:, None] - np.add.reduce(d, axis=0, dtype=acc)
        out[f_idx] = distinct[which] / (m - 1)
    out[v_idx] = flow / (m - 1)
    return out.T


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
    """sum_j a_ij w_j over every part of the criteria, for the prepared array ``name``."""
    total = None
    for idx, arrays in state["parts"]:
        a = arrays[name]
        if a is None:
            continue
        part = _wdot(a, w if idx is None else w[:, idx])
        total = part if total is None else total + part
    assert total is not None, name  # only WPM's optional "zero" can be absent, and it is checked first
    return total


def scores(state: Mapping[str, Any], w: np.ndarray) -> np.ndarray:
    """(samples, m) scores in the method's own direction for (samples, n) weights."""
    key = state["method"]
    if key == "topsis":
        w2 = w * w
        out = topsis_closeness(np.sqrt(_wsum(state, "a_plus", w2)), np.sqrt(_wsum(state, "a_minus", w2)))
    elif key == "wsm":
        out = _wsum(state, "r", w)
    elif key == "wpm":
        out = np.exp(_wsum(state, "log_r", w))
        if any(arrays["zero"] is not None for _, arrays in state["parts"]):
            out = np.where(_wsum(state, "zero", w) > 0, 0.0, out)
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
    """S and R criterion by criterion on (samples, m) arrays, then Q as in ranking.vikor."""
    v = state["v"]
    s = r = None
    for idx, arrays in state["parts"]:
        num, den = arrays["num"], arrays["den"]
        for k in range(num.shape[1] if num.ndim == 2 else num.shape[0]):
            j = k if idx is None else idx[k]
            nk, dk = (num[:, k], den[:, k]) if num.ndim == 2 else (num[k], den[k])
            regret = w[:, j, None] * nk / dk  # the order of ranking.vikor: (w (f* - f)) / (f* - f-)
            if s is None:
                s, r = regret.copy(), regret.copy()
            else:
                assert r is not None
                s += regret
                np.maximum(r, regret, out=r)
    assert s is not None and r is not None
    s_lo, s_hi = s.min(axis=1, keepdims=True), s.max(axis=1, keepdims=True)
    r_lo, r_hi = r.min(axis=1, keepdims=True), r.max(axis=1, keepdims=True)
    return v * _safe_ratio(s - s_lo, np.broadcast_to(s_hi - s_lo, s.shape), 0.0) + (1 - v) * _safe_ratio(
        r - r_lo, np.broadcast_to(r_hi - r_lo, r.shape), 0.0
    )


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
