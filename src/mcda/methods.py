"""One registry of ranking methods over pymcdm, with every convention recorded.

Each method is a pure function ``(matrix, weights, types, normalization, params) ->
MethodOutput`` over arrays; :func:`mcda.ranking.rank_alternatives` applies it to a
DecisionProblem and a WeightSet and returns a :class:`~mcda.models.Ranking`, which keeps the
method's intermediate values (TOPSIS separations, VIKOR S/R/Q, flows ...; each spec's
``details`` names and describes them) keyed by alternative and criterion id. They are
outputs: no scenario hash covers them.
pymcdm is imported only here (and in :mod:`mcda.kernels`, the same methods vectorised).

Conventions kept on purpose:
- TOPSIS defaults to vector normalisation (Hwang & Yoon 1981), not pymcdm's min-max.
- Normalisations are pymcdm's: vector (cost: 1 - x/||x||), minmax, max (cost: 1 - x/max),
  sum (cost: (1/x)/sum(1/x)).
- A criterion with the same value for every alternative separates nothing; where a
  normalisation would divide by zero it is scored as a constant and a warning says so.
- VIKOR: lower Q is better (v = 0.5 by default); a zero range of S or R makes its term 0.
  The ranking sorts Q; Opricovic & Tzeng's (2004) compromise solution set is kept beside it
  (:func:`vikor_compromise`).
- A zero weight is legitimate (a criterion left out): pymcdm's "weights should be positive"
  warning is not passed on when the weights are >= 0 and sum to 1.
- COPRAS is computed by the standard formula (Zavadskas et al. 1994):
  Q_i = S+_i + sum_j S-_j / (S-_i * sum_j 1/S-_j); pymcdm 1.4's COPRAS adds S-_i instead.
- Ties share the best rank (1, 1, 3); scores within 1e-9 (relative) count as tied.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pymcdm
from pymcdm import methods as pm
from pymcdm import normalizations as pn
from pymcdm.validators import validate_decision_problem

from .errors import InputError, Issue
from .models import DecisionProblem, LocalizedText, MethodDetails, ScoreDirection

TIE_TOLERANCE = 1e-9

_PYMCDM_NORMALIZATIONS: dict[str, Callable[..., np.ndarray]] = {
    "vector": pn.vector_normalization,
    "minmax": pn.minmax_normalization,
    "max": pn.max_normalization,
    "sum": pn.sum_normalization,
}

NORMALIZATION_NOTES: dict[str, str] = {
    "vector": "vector: x / sqrt(sum x^2); cost criteria 1 - x / sqrt(sum x^2) (pymcdm)",
    "minmax": "min-max: (x - min)/(max - min); cost criteria (max - x)/(max - min) (pymcdm)",
    "max": "max: x / max; cost criteria 1 - x / max (pymcdm)",
    "sum": "sum: x / sum x; cost criteria (1/x) / sum(1/x) (pymcdm); needs values > 0",
}

_pymcdm_lock = threading.Lock()  # warnings.catch_warnings is process-global


@dataclass
class MethodOutput:
    scores: np.ndarray
    contributions: np.ndarray | None = None
    details: dict[str, Any] = field(default_factory=dict)
    warnings: list[LocalizedText] = field(default_factory=list)


DetailKind = Literal["alternative", "criterion", "matrix"]


@dataclass(frozen=True)
class DetailSpec:
    """One intermediate value a method keeps: per alternative, per criterion, or a matrix."""

    kind: DetailKind
    description: str
    in_data_units: bool = False  # a criterion's value in its own units (undo the column scaling)


@dataclass(frozen=True)
class MethodSpec:
    key: str
    label: LocalizedText
    compute: Callable[[np.ndarray, np.ndarray, np.ndarray, str | None, dict[str, Any]], MethodOutput]
    normalizations: tuple[str, ...]
    default_normalization: str | None
    score_direction: ScoreDirection
    score_label: LocalizedText
    contribution_basis: LocalizedText
    reference: str
    own_normalization: str | None = None
    default_parameters: Mapping[str, Any] = field(default_factory=dict)
    details: Mapping[str, DetailSpec] = field(default_factory=dict)  # MethodOutput.details, by name


# --- guarded normalisation ------------------------------------------------------------------


def constant_columns(matrix: np.ndarray) -> np.ndarray:
    """Boolean mask of criteria whose value is the same for every alternative."""
    return np.all(matrix == matrix[:1, :], axis=0)


def normalize(matrix: np.ndarray, types: np.ndarray, normalization: str, method_label: str) -> np.ndarray:
    """pymcdm's column normalisation, with constant all-zero columns made safe."""
    fn = _PYMCDM_NORMALIZATIONS[normalization]
    if normalization == "sum":
        bad = np.argwhere(matrix <= 0)
        if bad.size:
            raise method_failed(method_label, "sum_positive", bad=bad)
    if normalization == "max":  # x / max reverses the order of negative values
        bad = np.argwhere(matrix < 0)
        if bad.size:
            raise method_failed(method_label, "max_nonnegative", bad=bad)
    out = np.empty_like(matrix, dtype=float)
    for j in range(matrix.shape[1]):
        col = matrix[:, j]
        if np.all(col == 0):
            col = np.ones_like(col)  # score a constant column as a non-zero constant
        with np.errstate(divide="ignore", invalid="ignore"):
            out[:, j] = fn(col, cost=types[j] == -1)
    return out


FAILURE_REASONS: dict[str, tuple[str, str]] = {  # key -> (English, bokmål)
    "sum_positive": ("sum normalisation needs every value > 0", "sumnormalisering krever at alle verdier er > 0"),
    "max_nonnegative": ("max normalisation needs values >= 0", "maks-normalisering krever verdier >= 0"),
    "copras_nonnegative": ("needs values >= 0", "krever verdier >= 0"),
    "copras_no_cost": (
        "an alternative has 0 on every cost criterion, so 1/S- is undefined",
        "et alternativ har 0 på alle kostnadskriterier, så 1/S- er udefinert",
    ),
    "undefined_scores": (
        "undefined scores (division by zero); a constant or zero-valued criterion is the usual cause",
        "udefinerte skårer (deling på null); vanligvis et kriterium med lik verdi eller nuller overalt",
    ),
    "undefined_normalised": ("undefined normalised values", "udefinerte normaliserte verdier"),
}


def method_failed(method_label: str, reason: str, bad: np.ndarray | None = None) -> InputError:
    """A method cannot rank these data: ``reason`` is a FAILURE_REASONS key (or a library's own text)."""
    en, nb = FAILURE_REASONS.get(reason, (reason, reason))
    if bad is not None and bad.size:
        cells = ", ".join(f"#{i + 1}/#{j + 1}" for i, j in bad[:8])
        en, nb = f"{en} (cells {cells})", f"{nb} (celler {cells})"
    return InputError(Issue("method_failed", details={"method": method_label, "reason": en, "reason_nb": nb}))


def _constant_warning(matrix: np.ndarray) -> list[LocalizedText]:
    mask = constant_columns(matrix)
    if not mask.any():
        return []
    idx = ", ".join(f"#{j + 1}" for j in np.flatnonzero(mask))
    return [
        LocalizedText(
            en=f"criteria {idx} have the same value for every alternative; they separate nothing",
            nb=f"kriteriene {idx} har samme verdi for alle alternativene; de skiller ingenting",
        )
    ]


def _call_pymcdm(
    method: pymcdm.methods.mcda_method.MCDA_method, matrix: np.ndarray, weights: np.ndarray, types: np.ndarray
) -> tuple[dict[str, np.ndarray], list[LocalizedText]]:
    """Run a pymcdm method, returning its intermediate tables and captured warnings.

    The same steps as ``method(matrix, weights, types, verbose=True)`` (validation, then the
    method), without building pymcdm's pandas tables, which costs ~20x the computation.
    """
    matrix, weights, types = np.asarray(matrix, float), np.asarray(weights, float), np.asarray(types)
    with _pymcdm_lock, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        validate_decision_problem(matrix, weights, types)
        method._additional_validation(matrix, weights, types)
        results = method._method(matrix, weights, types)
    labels = [desc.label for desc in method._tables]
    tables = {label: np.asarray(value, dtype=float) for label, value in zip(labels, results[-len(labels) :])}
    zeros_only = bool(np.all(weights >= 0)) and abs(weights.sum() - 1) < 0.01  # a zero weight is legitimate
    seen: list[str] = []
    for w in caught:
        text = str(w.message)
        if zeros_only and text.startswith("Weights should be positive"):
            continue
        if text not in seen and not issubclass(w.category, RuntimeWarning):
            seen.append(text)
    return tables, [_translate_pymcdm(t) for t in seen]


_DOMINANCE = re.compile(r"Alternatives with indices \[([\d\s,]+)\] are (dominant|dominated)")


def _translate_pymcdm(text: str) -> LocalizedText:
    """pymcdm's validator messages with alternatives named ('@k', 1-based) and in bokmål."""
    found = _DOMINANCE.search(text)
    if not found:
        return LocalizedText(en=f"pymcdm: {text}", nb=f"pymcdm: {text}")
    which = ", ".join(f"@{int(i) + 1}" for i in re.findall(r"\d+", found[1]))
    if found[2] == "dominant":
        return LocalizedText(
            en=f"{which} is at least as good as every other alternative on every criterion (dominant; pymcdm)",
            nb=f"{which} er minst like god som alle andre alternativer på alle kriterier (dominerende; pymcdm)",
        )
    return LocalizedText(
        en=f"{which} is at most as good as every other alternative on every criterion (dominated; pymcdm)",
        nb=f"{which} er høyst like god som alle andre alternativer på alle kriterier (dominert; pymcdm)",
    )


def _safe_ratio(num: np.ndarray, den: np.ndarray, fill: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), fill)


# --- methods ---------------------------------------------------------------------------------


def topsis(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, normalization: str | None, params: dict[str, Any]
) -> MethodOutput:
    nmatrix = normalize(matrix, types, normalization or "vector", "TOPSIS")
    # pymcdm's TOPSIS on the already-normalised matrix (identity normalisation)
    tables, caught = _call_pymcdm(
        pm.TOPSIS(normalization_function=_identity), nmatrix, weights, np.ones_like(types)
    )  # cost already reversed
    dm, dp = tables["dnis"], tables["dpis"]
    scores = _safe_ratio(dm, dm + dp, 0.5)  # an alternative at both ideals is neutral
    return MethodOutput(
        scores,
        tables["wnmatrix"],
        {"d_plus": dp, "d_minus": dm, "normalized": nmatrix, "ideal": tables["pis"], "anti_ideal": tables["nis"]},
        _constant_warning(matrix) + caught,
    )


def _identity(x: np.ndarray, cost: bool = False) -> np.ndarray:
    return x


def vikor(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, normalization: str | None, params: dict[str, Any]
) -> MethodOutput:
    v = float(params["v"])
    if not 0 <= v <= 1:
        raise InputError(Issue("parameter_invalid", details={"reason": f"VIKOR v must be in [0, 1], got {v}"}))
    varying = ~constant_columns(matrix)
    m, n = matrix.shape
    regret = np.zeros((m, n))
    caught: list[LocalizedText] = []
    if varying.any() and weights[varying].sum() > 0:
        sub_w = weights[varying] / weights[varying].sum()
        tables, caught = _call_pymcdm(pm.VIKOR(v=v), matrix[:, varying], sub_w, types[varying])
        fstar, fminus, f = tables["fstar"], tables["fminus"], tables["nmatrix"]
        regret[:, varying] = weights[varying] * (fstar - f) / (fstar - fminus)
    s = regret.sum(axis=1)
    r = regret.max(axis=1)
    q = v * _safe_ratio(s - s.min(), np.full(m, s.max() - s.min()), 0.0) + (1 - v) * _safe_ratio(
        r - r.min(), np.full(m, r.max() - r.min()), 0.0
    )
    f_best = np.where(types == 1, matrix.max(axis=0), matrix.min(axis=0))
    f_worst = np.where(types == 1, matrix.min(axis=0), matrix.max(axis=0))
    details = {"S": s, "R": r, "Q": q, "f_best": f_best, "f_worst": f_worst}
    return MethodOutput(q, regret, details, _constant_warning(matrix) + caught)


@dataclass(frozen=True)
class VikorCompromise:
    """Opricovic & Tzeng (2004): conditions C1 and C2 and the compromise solution set."""

    acceptable_advantage: bool  # C1: Q(a2) - Q(a1) >= DQ = 1/(m - 1)
    acceptable_stability: bool  # C2: a1 is also best by S or by R
    members: tuple[int, ...]  # indices of the compromise set, best Q first


def vikor_compromise(q: np.ndarray, s: np.ndarray, r: np.ndarray) -> VikorCompromise:
    """The compromise solution of VIKOR (Opricovic & Tzeng 2004, EJOR 156, 445-455).

    a1, a2, ... sort Q ascending (ties in input order). If C1 and C2 hold, the set is {a1};
    if only C2 fails, {a1, a2}; if C1 fails, a1..aM with Q(aM) - Q(a1) < DQ.
    """
    q, s, r = (np.asarray(x, dtype=float) for x in (q, s, r))
    m = len(q)
    order = [int(i) for i in np.argsort(q, kind="stable")]
    if m < 2:
        return VikorCompromise(True, True, tuple(order))
    dq = 1.0 / (m - 1)
    a1, a2 = order[0], order[1]
    eps = TIE_TOLERANCE * max(1.0, float(np.abs(q).max()))
    advantage = q[a2] - q[a1] >= dq - eps
    stability = bool(s[a1] <= s.min() + TIE_TOLERANCE * max(1.0, abs(s.min()))) or bool(
        r[a1] <= r.min() + TIE_TOLERANCE * max(1.0, abs(r.min()))
    )
    if not advantage:
        members = tuple(i for i in order if q[i] - q[a1] < dq - eps)
    elif not stability:
        members = (a1, a2)
    else:
        members = (a1,)
    return VikorCompromise(bool(advantage), stability, members)


def promethee2(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, normalization: str | None, params: dict[str, Any]
) -> MethodOutput:
    pf, p, q = params["preference_function"], params.get("p"), params.get("q")
    method = pm.PROMETHEE_II(pf, p=p, q=q)
    tables, caught = _call_pymcdm(method, matrix, weights, types)
    net = tables["net_flow"]
    caught = _constant_warning(matrix) + caught  # a constant criterion, named as by the other methods
    # unicriterion net flows: phi(a) = sum_j w_j phi_j(a)
    m, n = matrix.shape
    contributions = np.zeros((m, n))
    for j in range(n):
        single = pm.PROMETHEE_II(pf, p=None if p is None else [p[j]], q=None if q is None else [q[j]])
        with np.errstate(divide="ignore", invalid="ignore"):
            contributions[:, j] = weights[j] * single(matrix[:, [j]], np.ones(1), types[[j]], validation=False)
    details = {"phi_plus": tables["pos_flow"], "phi_minus": tables["neg_flow"], "phi": net}
    return MethodOutput(net, contributions, details, caught)


def wsm(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, normalization: str | None, params: dict[str, Any]
) -> MethodOutput:
    nmatrix = normalize(matrix, types, normalization or "minmax", "WSM")
    tables, caught = _call_pymcdm(
        pm.WSM(normalization_function=_identity), nmatrix, weights, np.ones_like(types)
    )  # cost already reversed
    return MethodOutput(tables["pref"], tables["wmatrix"], {"normalized": nmatrix}, _constant_warning(matrix) + caught)


def wpm(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, normalization: str | None, params: dict[str, Any]
) -> MethodOutput:
    nmatrix = normalize(matrix, types, normalization or "sum", "WPM")
    tables, caught = _call_pymcdm(
        pm.WPM(normalization_function=_identity), nmatrix, weights, np.ones_like(types)
    )  # cost already reversed
    warn = []
    zero = np.argwhere((nmatrix == 0) & (weights > 0))
    if zero.size:
        cells = ", ".join(f"#{i + 1}/#{j + 1}" for i, j in zero[:8])
        warn.append(
            LocalizedText(
                en=f"WPM: normalised value 0 in cells {cells}; those alternatives score 0 whatever else they offer",
                nb=f"WPM: normalisert verdi 0 i cellene {cells}; disse alternativene får skår 0 uansett resten",
            )
        )
    return MethodOutput(
        tables["pref"], tables["wmatrix"], {"normalized": nmatrix}, _constant_warning(matrix) + caught + warn
    )


def copras(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, normalization: str | None, params: dict[str, Any]
) -> MethodOutput:
    """Standard COPRAS (Zavadskas, Kaklauskas & Sarka 1994); score = utility degree Q/max Q."""
    if np.any(matrix < 0):
        raise method_failed("COPRAS", "copras_nonnegative", bad=np.argwhere(matrix < 0))
    sums = matrix.sum(axis=0)
    d = weights * _safe_ratio(matrix, np.broadcast_to(sums, matrix.shape), 0.0)  # all-zero column: 0
    s_plus = d[:, types == 1].sum(axis=1)
    s_minus = d[:, types == -1].sum(axis=1)
    if (types == -1).any() and weights[types == -1].sum() > 0:
        if np.any(s_minus <= 0):
            raise method_failed("COPRAS", "copras_no_cost", bad=np.argwhere(s_minus[:, None] <= 0))
        q = s_plus + s_minus.sum() / (s_minus * np.sum(1.0 / s_minus))
    else:
        q = s_plus
    return MethodOutput(q / q.max(), d, {"S_plus": s_plus, "S_minus": s_minus, "Q": q}, _constant_warning(matrix))


def _plain(method_factory: Callable[..., Any], label: str, names: Mapping[str, str]) -> Callable[..., MethodOutput]:
    """A pymcdm method with its own normalisation; undefined scores become a clear error.

    ``names`` maps pymcdm's table labels to the detail names kept (see MethodSpec.details).
    """

    def compute(
        matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, normalization: str | None, params: dict[str, Any]
    ) -> MethodOutput:
        try:
            tables, caught = _call_pymcdm(method_factory(matrix, types, params), matrix, weights, types)
        except (ValueError, ZeroDivisionError) as exc:
            raise method_failed(label, str(exc)) from None
        scores = list(tables.values())[-1]  # pymcdm lists the preference last
        if not np.all(np.isfinite(scores)):
            raise method_failed(label, "undefined_scores")
        details = {ours: tables[theirs] for theirs, ours in names.items()}
        return MethodOutput(scores, None, details, _constant_warning(matrix) + caught)

    return compute


def _spotis_factory(matrix: np.ndarray, types: np.ndarray, params: dict[str, Any]) -> Any:
    bounds = np.column_stack([matrix.min(axis=0), matrix.max(axis=0)])
    flat = bounds[:, 0] == bounds[:, 1]
    bounds[flat, 1] += 1.0  # a constant criterion gets a unit range; it separates nothing
    return pm.SPOTIS(bounds)


def _text(en: str, nb: str) -> LocalizedText:
    return LocalizedText(en=en, nb=nb)


WEIGHTED_NORMALISED = _text(
    "the criterion's weight times the normalised value (cost criteria reversed)",
    "kriteriets vekt ganger den normaliserte verdien (kostnadskriterier snudd)",
)


def _alt(description: str) -> DetailSpec:
    return DetailSpec("alternative", description)


def _crit(description: str, in_data_units: bool = False) -> DetailSpec:
    return DetailSpec("criterion", description, in_data_units)


def _matrix(description: str) -> DetailSpec:
    return DetailSpec("matrix", description)


NORMALIZED = _matrix("normalised value r_ij (cost criteria reversed by the normalisation)")

TOPSIS_DETAILS = {
    "normalized": NORMALIZED,
    "ideal": _crit("positive ideal: best weighted normalised value w_j r_ij (max, costs already reversed)"),
    "anti_ideal": _crit("negative ideal: worst weighted normalised value (min, costs already reversed)"),
    "d_plus": _alt("Euclidean distance to the positive ideal (separation S+)"),
    "d_minus": _alt("Euclidean distance to the negative ideal (separation S-)"),
}
VIKOR_DETAILS = {
    "f_best": _crit("best value f*_j (max for benefit, min for cost criteria)", in_data_units=True),
    "f_worst": _crit("worst value f-_j (min for benefit, max for cost criteria)", in_data_units=True),
    "S": _alt("group utility S_i = sum_j w_j (f*_j - f_ij)/(f*_j - f-_j)"),
    "R": _alt("individual regret R_i = max_j w_j (f*_j - f_ij)/(f*_j - f-_j)"),
    "Q": _alt("compromise index Q_i = v (S_i - S*)/(S- - S*) + (1 - v)(R_i - R*)/(R- - R*) (the score)"),
}
PROMETHEE_DETAILS = {
    "phi_plus": _alt("positive (leaving) outranking flow"),
    "phi_minus": _alt("negative (entering) outranking flow"),
    "phi": _alt("net flow phi+ - phi- (the score)"),
}
WEIGHTED_SUM_DETAILS = {"normalized": NORMALIZED}
COPRAS_DETAILS = {
    "S_plus": _alt("S+_i: sum of d_ij over benefit criteria"),
    "S_minus": _alt("S-_i: sum of d_ij over cost criteria"),
    "Q": _alt("relative significance Q_i (the score is Q_i / max Q)"),
}
EDAS_NAMES = {"av_sol": "AV", "pds": "PDA", "nda": "NDA", "sp": "SP", "sn": "SN", "nsp": "NSP", "nsn": "NSN"}
EDAS_DETAILS = {
    "AV": _crit("average solution AV_j (column mean)", in_data_units=True),
    "PDA": _matrix("positive distance from average"),
    "NDA": _matrix("negative distance from average"),
    "SP": _alt("weighted sum of the positive distances, sum_j w_j PDA_ij"),
    "SN": _alt("weighted sum of the negative distances, sum_j w_j NDA_ij"),
    "NSP": _alt("SP normalised by its maximum"),
    "NSN": _alt("1 - SN / max SN"),
}
MABAC_NAMES = {"nmatrix": "normalized", "wnmatrix": "weighted", "baam": "G", "dbaam": "Q"}
MABAC_DETAILS = {
    "normalized": _matrix("min-max normalised value (cost criteria reversed; pymcdm)"),
    "weighted": _matrix("weighted matrix V = w_j (n_ij + 1)"),
    "G": _crit("border approximation area G_j (geometric mean of V's column)"),
    "Q": _matrix("distance from the border approximation area V - G (its row sum is the score)"),
}
SPOTIS_NAMES = {"esp_isp": "ideal", "nmatrix": "normalized_distance"}
SPOTIS_DETAILS = {
    "ideal": _crit("ideal solution point (the bound on the good side of each criterion)", in_data_units=True),
    "normalized_distance": _matrix("|x_ij - ideal_j| / (max_j - min_j) within the bounds"),
}

METHODS: dict[str, MethodSpec] = {
    spec.key: spec
    for spec in (
        MethodSpec(
            "topsis",
            _text("TOPSIS", "TOPSIS"),
            topsis,
            ("vector", "minmax", "max", "sum"),
            "vector",
            "higher_is_better",
            _text("relative closeness to the ideal", "nærhetskoeffisient"),
            _text(
                "the criterion's weight times the normalised value (cost criteria reversed); the closeness "
                "is not their sum",
                "kriteriets vekt ganger den normaliserte verdien (kostnadskriterier snudd); "
                "nærhetskoeffisienten er ikke summen av dem",
            ),
            "Hwang, C.L., Yoon, K. (1981). Multiple Attribute Decision Making. Springer.",
            details=TOPSIS_DETAILS,
        ),
        MethodSpec(
            "vikor",
            _text("VIKOR", "VIKOR"),
            vikor,
            (),
            None,
            "lower_is_better",
            _text("compromise index Q", "kompromissindeks Q"),
            _text(
                "weighted regret: the weight times how far the value is from the criterion's best, as a "
                "share of the range from best to worst; S is their sum",
                "vektet anger: vekten ganger hvor langt verdien ligger fra kriteriets beste, som andel av "
                "spennet fra beste til dårligste; S er summen",
            ),
            "Opricovic, S., Tzeng, G.H. (2004). EJOR 156, 445-455.",
            own_normalization="linear scaling by each criterion's range (f* - f-)",
            default_parameters={"v": 0.5},
            details=VIKOR_DETAILS,
        ),
        MethodSpec(
            "promethee2",
            _text("PROMETHEE II", "PROMETHEE II"),
            promethee2,
            (),
            None,
            "higher_is_better",
            _text("net outranking flow", "netto preferansestrøm"),
            _text(
                "each criterion's weighted share of the net flow (they sum to the score)",
                "hvert kriteriums vektede andel av nettostrømmen (summen er skåren)",
            ),
            "Brans, J.P., Vincke, P. (1985). Management Science 31(6), 647-656.",
            own_normalization="none: pairwise differences through the preference function",
            default_parameters={"preference_function": "usual", "p": None, "q": None},
            details=PROMETHEE_DETAILS,
        ),
        MethodSpec(
            "wsm",
            _text("Weighted sum (WSM)", "Vektet sum (WSM)"),
            wsm,
            ("minmax", "max", "sum", "vector"),
            "minmax",
            "higher_is_better",
            _text("weighted sum", "vektet sum"),
            _text(
                "the criterion's weight times the normalised value (they sum to the score)",
                "kriteriets vekt ganger den normaliserte verdien (summen er skåren)",
            ),
            "Fishburn, P.C. (1967). Additive utilities with incomplete product sets.",
            details=WEIGHTED_SUM_DETAILS,
        ),
        MethodSpec(
            "wpm",
            _text("Weighted product (WPM)", "Vektet produkt (WPM)"),
            wpm,
            ("sum", "max", "minmax", "vector"),
            "sum",
            "higher_is_better",
            _text("weighted product", "vektet produkt"),
            _text(
                "the normalised value raised to the criterion's weight (the score is their product)",
                "den normaliserte verdien opphøyd i kriteriets vekt (skåren er produktet)",
            ),
            "Bridgman (1922); Miller & Starr (1969).",
            details=WEIGHTED_SUM_DETAILS,
        ),
        MethodSpec(
            "copras",
            _text("COPRAS", "COPRAS"),
            copras,
            (),
            None,
            "higher_is_better",
            _text("utility degree Q/max Q", "nyttegrad Q/maks Q"),
            _text(
                "the weight times the value's share of the criterion's total (benefit criteria add to S+, "
                "cost criteria to S-)",
                "vekten ganger verdiens andel av kriteriets sum (nyttekriterier teller i S+, kostnadskriterier i S-)",
            ),
            "Zavadskas, E.K., Kaklauskas, A., Sarka, V. (1994). Technological and Economic Development of "
            "Economy 1(3), 131-139.",
            own_normalization="sum: x / column sum for every criterion (no reversal)",
            details=COPRAS_DETAILS,
        ),
        MethodSpec(
            "edas",
            _text("EDAS", "EDAS"),
            _plain(lambda m, t, p: pm.EDAS(), "EDAS", EDAS_NAMES),
            (),
            None,
            "higher_is_better",
            _text("appraisal score", "vurderingsskår"),
            _text("", ""),
            "Keshavarz Ghorabaee, M. et al. (2015). Informatica 26(3), 435-451.",
            own_normalization="distance from the average solution",
            details=EDAS_DETAILS,
        ),
        MethodSpec(
            "mabac",
            _text("MABAC", "MABAC"),
            _plain(lambda m, t, p: pm.MABAC(), "MABAC", MABAC_NAMES),
            (),
            None,
            "higher_is_better",
            _text("distance from the border approximation area", "avstand fra grenseområdet"),
            _text("", ""),
            "Pamučar, D., Ćirović, G. (2015). Expert Systems with Applications 42(6), 3016-3028.",
            own_normalization="min-max (pymcdm)",
            details=MABAC_DETAILS,
        ),
        MethodSpec(
            "spotis",
            _text("SPOTIS", "SPOTIS"),
            _plain(_spotis_factory, "SPOTIS", SPOTIS_NAMES),
            (),
            None,
            "lower_is_better",
            _text("distance from the ideal", "avstand fra idealet"),
            _text("", ""),
            "Dezert, J. et al. (2020). FUSION 2020.",
            own_normalization="distance to the ideal within bounds = observed min/max of each criterion",
            details=SPOTIS_DETAILS,
        ),
    )
}

DEFAULT_METHOD = "topsis"


def get_method(key: str) -> MethodSpec:
    try:
        return METHODS[key]
    except KeyError:
        raise InputError(Issue("method_unknown", value=key, details={"expected": list(METHODS)})) from None


def resolve_normalization(spec: MethodSpec, normalization: str | None) -> str | None:
    if normalization in (None, "", "default"):
        return spec.default_normalization
    if normalization not in spec.normalizations:
        expected = list(spec.normalizations) or [f"none ({spec.label.en} uses its own: {spec.own_normalization})"]
        raise InputError(
            Issue("normalization_unknown", value=normalization, details={"method": spec.label.en, "expected": expected})
        )
    return normalization


def keyed_details(spec: MethodSpec, details: Mapping[str, Any], problem: DecisionProblem) -> MethodDetails:
    """A method's intermediate arrays keyed by alternative and criterion ids (non-finite values: None)."""
    alts, crits = problem.alternative_ids, problem.criterion_ids
    groups: dict[DetailKind, dict[str, Any]] = {"alternative": {}, "criterion": {}, "matrix": {}}
    for name, values in details.items():
        kind = spec.details[name].kind  # every detail a method keeps is documented in its spec
        v = np.asarray(values, dtype=float)
        if kind == "matrix":
            groups[kind][name] = {a: {c: _finite(v[i, j]) for j, c in enumerate(crits)} for i, a in enumerate(alts)}
        else:
            ids = alts if kind == "alternative" else crits
            groups[kind][name] = {k: _finite(v[i]) for i, k in enumerate(ids)}
    return MethodDetails(alternatives=groups["alternative"], criteria=groups["criterion"], matrices=groups["matrix"])


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def rank_scores(scores: np.ndarray, direction: ScoreDirection = "higher_is_better") -> np.ndarray:
    """Competition ranks (1 best; ties share the best rank); near-equal scores tie."""
    s = np.asarray(scores, dtype=float)
    key = -s if direction == "higher_is_better" else s
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    scale = np.maximum(1.0, np.abs(sorted_key))
    new_group = np.concatenate([[True], np.diff(sorted_key) > TIE_TOLERANCE * scale[1:]])
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(len(s)), 0))
    ranks = np.empty(len(s), dtype=int)
    ranks[order] = group_start + 1
    return ranks


def column_exponents(values: np.ndarray, high: np.ndarray | None = None) -> np.ndarray:
    """The binary exponent e of each criterion's largest magnitude (the last axis; over every other
    axis, and over ``high`` if given): dividing the criterion by 2**e (``np.ldexp(x, -e)``) brings
    that magnitude into [0.5, 1) exactly, so 1e308 cannot overflow nor 1e-308 underflow in squares
    and sums. 0 for a criterion of zeros or whose largest magnitude is infinite (left as it is);
    NaN is passed over."""
    x = np.abs(np.asarray(values, dtype=float))
    largest = np.fmax.reduce(x.reshape(-1, x.shape[-1]), axis=0)
    if high is not None:
        h = np.abs(np.asarray(high, dtype=float))
        largest = np.fmax(largest, np.fmax.reduce(h.reshape(-1, h.shape[-1]), axis=0))
    return np.frexp(largest)[1]  # frexp gives the exponent 0 for 0, an infinity and NaN


def scale_columns(matrix: np.ndarray, params: dict[str, Any]) -> tuple[np.ndarray, dict[str, Any], np.ndarray | None]:
    """Each column divided by the power of two nearest above its largest magnitude (:func:`column_exponents`).

    Every method here is invariant to rescaling a criterion, and dividing by a power of two
    is exact, so ordinary data give the same floats as unscaled; values near 1e-170 or 1e300
    no longer underflow or overflow inside the method (squares, sums of squares). PROMETHEE
    thresholds ``p``/``q`` are in the criterion's units and are scaled with it.
    """
    if matrix.ndim != 2 or matrix.size == 0:
        return matrix, params, None
    exponents = column_exponents(matrix)
    if not np.any(exponents):
        return matrix, params, None
    return np.ldexp(matrix, -exponents), _scaled_thresholds(params, exponents), exponents


def _scaled_thresholds(params: Mapping[str, Any], exponents: np.ndarray) -> dict[str, Any]:
    """PROMETHEE's ``p``/``q`` (one per criterion, in its units) divided as their criteria are."""
    new_params = dict(params)
    for key in ("p", "q"):
        value = params.get(key)
        if value is not None and np.ndim(value) == 1 and len(value) == len(exponents):
            new_params[key] = [float(np.ldexp(float(v), -int(e))) for v, e in zip(value, exponents)]
    return new_params


EXTREME_EXPONENT = 64  # beyond 2**±64 a criterion's values are rescaled before the kernels see them


def scaled_if_extreme(
    matrix: np.ndarray, params: Mapping[str, Any], high: np.ndarray | None = None
) -> tuple[np.ndarray, dict[str, Any], np.ndarray | None]:
    """:func:`scale_columns` for the vectorised kernels, only when some criterion's largest
    magnitude (of ``matrix`` (m, n) or a stack (samples, m, n), and of ``high`` if given) is
    beyond 2**±64: an upload with 1e308 or 1e-300 in a column would otherwise overflow or
    underflow (squares, sums of squares) and lose that criterion. Ordinary data are returned
    as given, so their results are the same floats as before; the extreme ones give the same
    results as at an ordinary scale (dividing by powers of two is exact). ``high`` (bounds the
    values can reach) counts toward the largest magnitudes; the caller scales it by the
    exponents returned (None when nothing was scaled)."""
    x = np.asarray(matrix, dtype=float)
    if x.size == 0:
        return x, dict(params), None
    exponents = column_exponents(x, high)
    if not np.any(np.abs(exponents) > EXTREME_EXPONENT):
        return x, dict(params), None
    return np.ldexp(x, -exponents), _scaled_thresholds(params, exponents), exponents


def compute_scores(
    matrix: np.ndarray,
    weights: np.ndarray,
    types: np.ndarray,
    method: str = DEFAULT_METHOD,
    normalization: str | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> MethodOutput:
    """Array-level entry point: scores of every alternative (see the method's score_direction)."""
    spec = get_method(method)
    norm = resolve_normalization(spec, normalization)
    params = {**spec.default_parameters, **(parameters or {})}
    scaled, params, exponents = scale_columns(np.asarray(matrix, dtype=float), params)
    # floating-point trouble never reaches stderr: a non-finite score is refused just below
    with np.errstate(all="ignore"):
        out = spec.compute(scaled, np.asarray(weights, dtype=float), np.asarray(types, dtype=int), norm, params)
    if not np.all(np.isfinite(out.scores)):
        raise method_failed(spec.label.en, "undefined_scores")
    if exponents is not None:  # values in the criteria's own units are reported in those units
        for name, detail in spec.details.items():
            if detail.in_data_units and name in out.details:
                out.details[name] = np.ldexp(np.asarray(out.details[name], dtype=float), exponents)
    return out


def conventions(spec: MethodSpec, normalization: str | None, params: Mapping[str, Any]) -> dict[str, str]:
    notes = {
        "normalization": NORMALIZATION_NOTES[normalization] if normalization else (spec.own_normalization or "none"),
        "score": f"{spec.score_label.en} ({spec.score_direction.replace('_', ' ')})",
        "ties": f"scores within {TIE_TOLERANCE:g} (relative) share the best rank",
        "reference": spec.reference,
    }
    if params:
        notes["parameters"] = ", ".join(f"{k} = {v}" for k, v in params.items() if v is not None)
    if spec.key == "copras":
        notes["formula"] = "Q_i = S+_i + sum S- / (S-_i * sum 1/S-); pymcdm 1.4 adds S-_i instead (not used)"
    return notes
