"""Session state and cached calls shared by the pages.

Canonical values live in plain session keys (``w.points``, ``w.ahp``, ``settings``...), not
only in widget keys, so they survive page switches; widgets are seeded from them and write
back through callbacks. Cached functions take every input that changes their result.

Weights go one way: the sliders keep points in percent (``w.points``), :func:`to_fractions` and
:func:`to_points` are the only conversions between points and the engine's fractions, and
:func:`current_weight_set` is the one function that builds the current WeightSet from the session
state; every page (weights, ranking, compare, robustness) takes its weights from it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from mcda.ahp import PairwiseMatrix, analyse
from mcda.errors import InputError
from mcda.export import Report
from mcda.loading import parse_presets, parse_problem_files, read_text
from mcda.missing import apply_missing_policy
from mcda.models import DecisionProblem, Ranking, WeightOrigin, WeightSet
from mcda.ranking import DEFAULT_SETTINGS, RankingSettings, rank_alternatives
from mcda.scenario import Judgments, Scenario, load_scenario
from mcda.storage import Database, ExpertEditStore, WeightSetStore, default_url
from mcda.swing import swing_weight_set, swing_weights
from mcda.tree import NodeWeights, node_from_ahp, node_from_points, tree_weight_set
from mcda.weighting import objective_weight_set

from .i18n import t

if TYPE_CHECKING:  # the gap analysis (and scipy behind it) is imported when the gap page asks for it
    from mcda.gaps import GapAnalysis

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = {
    "criteria": ROOT / "criteria" / "positions.yaml",
    "data": ROOT / "data" / "positions.csv",
    "sources": ROOT / "data" / "positions.sources.csv",
    "bibliography": ROOT / "data" / "bibliography.yaml",
    "presets": ROOT / "criteria" / "positions.presets.yaml",
}


def init_state() -> None:
    defaults: dict[str, Any] = {
        "lang": "nb",
        "problem.upload": None,
        "w.mode": "direct",
        "w.objective": "entropy",
        "settings": DEFAULT_SETTINGS,
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)


@st.cache_resource(show_spinner=False)
def database(url: str) -> Database:
    return Database(url)


def db() -> Database:
    return database(default_url())


@st.cache_data(max_entries=16, show_spinner=False)
def _parse(texts: tuple[tuple[str, str, str], ...]) -> DecisionProblem:
    return parse_problem_files({role: (text, name) for role, text, name in texts})


def shipped_texts() -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (role, read_text(SHIPPED[role]), SHIPPED[role].name) for role in ("criteria", "data", "sources", "bibliography")
    )


@st.cache_data(max_entries=8, show_spinner=False)
def _scenario(text: str, name: str) -> Scenario:
    return load_scenario(text, name)


def base_problem() -> DecisionProblem:
    """The uploaded problem (files or a scenario) if any, else the shipped one (without expert edits)."""
    upload = st.session_state.get("problem.upload")
    if upload and upload[0] == "scenario":
        return _scenario(upload[1], upload[2]).problem
    return _parse(tuple(upload) if upload else shipped_texts())


def use_scenario(text: str, name: str) -> Scenario:
    """Load a scenario file (``name``, as messages call it): its problem, its exact weights and its method settings."""
    scenario = _scenario(text, name)
    st.session_state["problem.upload"] = ("scenario", text, name)
    st.session_state["settings"] = scenario.settings
    ensure_weight_state(scenario.problem)
    use_weight_set(scenario.weights, scenario.problem)
    return scenario


def problem() -> DecisionProblem:
    """The problem in use: base problem with the expert edits from the database applied."""
    return ExpertEditStore(db()).apply(base_problem())


def is_shipped() -> bool:
    return not st.session_state.get("problem.upload")


def problem_key(p: DecisionProblem) -> str:
    return hashlib.sha256(p.model_dump_json().encode()).hexdigest()


@st.cache_data(max_entries=4, show_spinner=False)
def _presets(text: str, name: str, criteria: tuple[str, ...]) -> list[WeightSet]:
    return parse_presets(text, name, criteria)


def presets(p: DecisionProblem) -> list[WeightSet]:
    """The shipped example weight sets (parsed once per file text and criteria, not on every rerun)."""
    if not is_shipped():
        return []
    try:
        return _presets(read_text(SHIPPED["presets"]), str(SHIPPED["presets"]), tuple(p.criterion_ids))
    except InputError:
        return []


def saved_weight_sets(p: DecisionProblem) -> list[WeightSet]:
    return WeightSetStore(db()).list(p.info.id)


# --- weights --------------------------------------------------------------------------------


def to_fractions(points: Mapping[str, float]) -> dict[str, float]:
    """Slider points (percent, 0..100) as the engine's fractions (0..1)."""
    return {c: v / 100 for c, v in points.items()}


def to_points(fractions: Mapping[str, float]) -> dict[str, float]:
    """The engine's fractions (0..1) as slider points (percent, 0..100)."""
    return {c: 100 * v for c, v in fractions.items()}


def ensure_weight_state(p: DecisionProblem) -> None:
    """Reset the weight inputs when the problem's criteria change (e.g. after an upload)."""
    if st.session_state.get("w.criteria") == p.criterion_ids:
        return
    n = len(p.criterion_ids)
    st.session_state["w.criteria"] = p.criterion_ids
    st.session_state["w.points"] = to_points({c: 1.0 / n for c in p.criterion_ids})
    st.session_state["w.locked"] = set()
    st.session_state["w.ahp"] = {}
    st.session_state["w.loaded"] = None
    st.session_state["w.tree"] = {}
    st.session_state["w.swing"] = swing_start()
    for key in [k for k in st.session_state if str(k).startswith(("weights.", "ahp.", "tree.", "swing."))]:
        del st.session_state[key]


def ensure_tree_state(p: DecisionProblem) -> None:
    """Reset the node-by-node inputs when the value tree changes (another problem uploaded)."""
    signature = (p.criterion_ids, tuple(g.model_dump_json() for g in p.groups))
    if st.session_state.get("w.tree.signature") == signature:
        return
    st.session_state["w.tree.signature"] = signature
    st.session_state["w.tree"] = {}
    for key in [k for k in st.session_state if str(k).startswith("tree.")]:
        del st.session_state[key]


def node_state(p: DecisionProblem, node: str) -> dict[str, Any]:
    """One node's inputs: the method and, per method, what the member gave (equal to start with)."""
    kids = p.tree.children(node)
    store = st.session_state.setdefault("w.tree", {})
    return store.setdefault(
        node,
        {"method": "direct", "points": {k: 100.0 / len(kids) for k in kids}, "ahp": {}, "swing": swing_start()},
    )


def _pair_value(v: float) -> float:
    return float(v) if v >= 1 else 1.0 / abs(v)


def node_weights(p: DecisionProblem, node: str) -> NodeWeights:
    """The node's local weights from its inputs (a swing ranking not yet complete counts as equal)."""
    state = node_state(p, node)
    tree = p.tree
    kids = tree.children(node)
    if state["method"] == "ahp":
        judgments = {tuple(pair.split("|")): _pair_value(v) for pair, v in state["ahp"].items()}
        return node_from_ahp(tree, node, PairwiseMatrix.from_judgments(kids, judgments))[0]  # type: ignore[arg-type]
    if state["method"] == "swing":
        swing = state["swing"]
        order = [k for k in swing["order"] if k in kids]
        if len(order) == len(kids):
            points = {k: swing["points"].get(k, 100.0 if i == 0 else 50.0) for i, k in enumerate(order)}
            try:
                return node_from_points(
                    tree, node, swing_weights(order, points), method="swing", order=order, points=points
                )
            except InputError:
                pass
        return node_from_points(tree, node, {k: 1.0 for k in kids}, method="swing", order=[], points={})
    return node_from_points(tree, node, state["points"])


def tree_weights(p: DecisionProblem) -> WeightSet:
    """The weight set from the value tree, node by node."""
    return tree_weight_set(p.tree, [node_weights(p, n) for n in p.tree.weighed_nodes], name=t("weights.current"))


def swing_start() -> dict[str, Any]:
    """A swing ranking not yet begun: the swings in the order to improve them, and their points."""
    return {"order": [], "points": {}}


def swing_state() -> dict[str, Any]:
    return st.session_state.setdefault("w.swing", swing_start())


def swing_weights_now(p: DecisionProblem) -> WeightSet:
    """The swing weights over the criteria (equal until every swing is ranked and valid)."""
    state = swing_state()
    order = [c for c in state["order"] if c in p.criterion_ids]
    if len(order) == len(p.criterion_ids):
        points = {c: state["points"].get(c, 100.0 if i == 0 else 50.0) for i, c in enumerate(order)}
        try:
            return swing_weight_set(p, order, points, name=t("weights.current"))
        except InputError:
            pass
    return WeightSet.from_raw(
        {c: 1.0 for c in p.criterion_ids},
        name=t("weights.current"),
        origin=WeightOrigin(kind="equal"),
        criteria=p.criterion_ids,
    )


def ahp_matrix(p: DecisionProblem) -> PairwiseMatrix:
    """The AHP judgments as a matrix; a stored judgment v > 0 means row over column by v,
    v < 0 column over row by |v|."""
    judgments = {}
    for pair, v in st.session_state.get("w.ahp", {}).items():
        a, b = pair.split("|")
        judgments[(a, b)] = float(v) if v >= 1 else 1.0 / abs(v)
    return PairwiseMatrix.from_judgments(p.criterion_ids, judgments)


def use_weight_set(ws: WeightSet, p: DecisionProblem) -> None:
    """Use a saved set, a preset or a scenario's weights exactly (until a slider moves)."""
    st.session_state["w.loaded"] = ws
    st.session_state["w.mode"] = "direct"
    st.session_state["w.points"] = to_points({c: ws.weights.get(c, 0.0) for c in p.criterion_ids})
    st.session_state["w.locked"] = set()
    for c in p.criterion_ids:
        st.session_state[f"weights.slider.{c}"] = round(st.session_state["w.points"][c], 1)
        st.session_state[f"weights.lock.{c}"] = False
    for lang_code in ("nb", "en"):
        st.session_state.pop(f"weights.mode.{lang_code}", None)


def current_weight_set(p: DecisionProblem) -> WeightSet:
    """The weight set the weights page shows and every other page ranks with: a loaded set exactly
    (until a slider moves), the AHP weights, the objective weights or the direct points."""
    mode = st.session_state.get("w.mode", "direct")
    loaded = st.session_state.get("w.loaded")
    if mode == "direct" and loaded is not None and set(loaded.weights) == set(p.criterion_ids):
        return loaded
    if mode == "ahp":
        result = analyse(ahp_matrix(p))
        return WeightSet.from_raw(
            result.weights,
            name="AHP",
            origin=WeightOrigin(
                kind="ahp",
                details={
                    "cr": result.cr,
                    "priority_method": result.priority_method,
                    "ri_table": result.ri_table,
                    "matrix": [list(r) for r in result.matrix],
                    "labels": list(p.criterion_ids),
                },
            ),
        )
    if mode == "tree":
        ensure_tree_state(p)
        return tree_weights(p)
    if mode == "swing":
        return swing_weights_now(p)
    if mode == "objective":
        method = st.session_state.get("w.objective", "entropy")
        return objective_weights(p, method, settings().missing_policy)
    return WeightSet.from_raw(
        to_fractions(st.session_state["w.points"]),
        name=t("weights.current"),
        origin=WeightOrigin(kind="direct"),
        criteria=p.criterion_ids,
    )


def objective_weights(p: DecisionProblem, method: str, missing: str) -> WeightSet:
    """Entropy or CRITIC weights of the criteria the missing-value policy keeps (0 for the rest)."""
    kept = apply_missing_policy(p, missing if missing != "refuse" else "drop_criteria").problem
    ws = objective_weight_set(kept, method)
    full = {c: ws.weights.get(c, 0.0) for c in p.criterion_ids}
    return WeightSet(name=ws.name, weights=full, origin=ws.origin, notes=ws.notes)


def excluded_by_policy(p: DecisionProblem) -> tuple[str, ...]:
    """Criteria the current missing-value policy leaves out (their weights do not count)."""
    policy = settings().missing_policy
    if policy != "drop_criteria":
        return ()
    return apply_missing_policy(p, policy).excluded_criteria


# --- ranking ------------------------------------------------------------------------------------


def settings() -> RankingSettings:
    """The app's ranking settings (method, normalisation, parameters, missing-value policy)."""
    return st.session_state["settings"]


@st.cache_data(max_entries=128, show_spinner=False)
def _rank(
    key: str,
    weights: tuple[tuple[str, float], ...],
    name: str,
    origin: str,
    notes: tuple[str, ...],
    chosen: str,
    _problem: DecisionProblem,
) -> Ranking:
    # ``key`` identifies ``_problem`` completely, so the cache never serves a stale ranking
    ws = WeightSet(name=name, weights=dict(weights), origin=WeightOrigin.model_validate_json(origin), notes=notes)
    return rank_alternatives(_problem, ws, RankingSettings.model_validate_json(chosen))


def settings_for(method: str) -> RankingSettings:
    """The app's settings with another method (its default normalisation) or the same ones."""
    return settings() if method == settings().method else settings().with_method(method)


def rank(p: DecisionProblem, ws: WeightSet, chosen: RankingSettings | None = None) -> Ranking:
    """The ranking of ``p`` with ``ws`` under ``chosen`` (default: the app's settings), cached."""
    return rank_cached(problem_key(p), p, ws, chosen or settings())


def rank_cached(key: str, p: DecisionProblem, ws: WeightSet, chosen: RankingSettings) -> Ranking:
    """:func:`rank` without the session: ``key`` is ``problem_key(p)`` (the server's warm-up calls it too)."""
    return _rank(
        key, tuple(ws.weights.items()), ws.name, ws.origin.model_dump_json(), ws.notes, chosen.model_dump_json(), p
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _gaps(
    key: str, weights: tuple[tuple[str, float], ...], name: str, chosen: str, _problem: DecisionProblem
) -> GapAnalysis:
    # ``key`` identifies ``_problem`` completely; the weights and the settings are in the key too
    from mcda.gaps import analyse_gaps

    ws = WeightSet.from_raw(dict(weights), name=name, criteria=_problem.criterion_ids)
    return analyse_gaps(_problem, ws, RankingSettings.model_validate_json(chosen))


def gaps(p: DecisionProblem, ws: WeightSet, chosen: RankingSettings | None = None) -> GapAnalysis:
    """The knowledge gaps of ``p`` with ``ws`` under ``chosen`` (default: the app's settings), cached by
    the problem's hash, the weights and the settings."""
    chosen = chosen or settings()
    return _gaps(problem_key(p), tuple(ws.weights.items()), ws.name, chosen.model_dump_json(), p)


def judgments(p: DecisionProblem) -> Judgments | None:
    """The AHP judgments behind the current weights (for exports), if they come from AHP."""
    if st.session_state.get("w.mode") == "ahp":
        return Judgments(matrices=(ahp_matrix(p),))
    loaded = st.session_state.get("w.loaded")
    if st.session_state.get("w.mode") == "direct" and loaded is not None:
        return loaded_judgments(loaded, p)
    return None


def loaded_judgments(ws: WeightSet, p: DecisionProblem) -> Judgments | None:
    """The judgments a loaded AHP weight set was computed from (its origin keeps the matrix)."""
    details = ws.origin.details
    matrix = details.get("matrix")
    if ws.origin.kind != "ahp" or not matrix or len(matrix) != len(p.criterion_ids):
        return None
    labels = details.get("labels") or p.criterion_ids
    try:
        return Judgments(
            matrices=(PairwiseMatrix.from_array(labels, matrix),),
            priority_method=details.get("priority_method", "eigenvector"),
            ri_table=details.get("ri_table", "saaty"),
        )
    except (InputError, ValueError):
        return None


def report(
    p: DecisionProblem,
    ranking: Ranking,
    weights: WeightSet,
    comparisons: dict[str, Ranking] | None = None,
    label: str = "",
) -> Report:
    return Report(
        problem=p, ranking=ranking, weights=weights, judgments=judgments(p), comparisons=comparisons or {}, label=label
    )


def previous_ranks(ranking: Ranking, signature: str) -> dict[str, int] | None:
    """Ranks before the last change of weights or settings (for the 'change' column)."""
    last = st.session_state.get("rank.last")
    if last is not None and last[0] != signature:
        st.session_state["rank.previous"] = last[1]
    st.session_state["rank.last"] = (signature, ranking.rank_of())
    return st.session_state.get("rank.previous")
