"""Session state and cached calls shared by the pages.

Canonical values live in plain session keys (``w.points``, ``w.ahp``, ``settings``...), not
only in widget keys, so they survive page switches; widgets are seeded from them and write
back through callbacks. Cached functions take every input that changes their result.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import streamlit as st

from mcda.ahp import PairwiseMatrix, analyse
from mcda.errors import InputError
from mcda.export import Report
from mcda.gaps import GapAnalysis, analyse_gaps
from mcda.loading import load_presets, parse_problem_files, read_text
from mcda.missing import apply_missing_policy
from mcda.models import DecisionProblem, Ranking, WeightOrigin, WeightSet
from mcda.ranking import DEFAULT_SETTINGS, RankingSettings, rank_alternatives
from mcda.scenario import Judgments, Scenario, load_scenario
from mcda.storage import Database, ExpertEditStore, WeightSetStore, default_url
from mcda.weighting import objective_weight_set

from .i18n import t

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


@st.cache_resource
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
def _scenario(text: str) -> Scenario:
    return load_scenario(text)


def base_problem() -> DecisionProblem:
    """The uploaded problem (files or a scenario) if any, else the shipped one (without expert edits)."""
    upload = st.session_state.get("problem.upload")
    if upload and upload[0] == "scenario":
        return _scenario(upload[1]).problem
    return _parse(tuple(upload) if upload else shipped_texts())


def use_scenario(text: str) -> Scenario:
    """Load a scenario file: its problem, its exact weights and its method settings."""
    scenario = _scenario(text)
    st.session_state["problem.upload"] = ("scenario", text)
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


def presets(p: DecisionProblem) -> list[WeightSet]:
    if not is_shipped():
        return []
    try:
        return load_presets(SHIPPED["presets"], p.criterion_ids)
    except InputError:
        return []


def saved_weight_sets(p: DecisionProblem) -> list[WeightSet]:
    return WeightSetStore(db()).list(p.info.id)


# --- weights --------------------------------------------------------------------------------


def ensure_weight_state(p: DecisionProblem) -> None:
    """Reset the weight inputs when the problem's criteria change (e.g. after an upload)."""
    if st.session_state.get("w.criteria") == p.criterion_ids:
        return
    n = len(p.criterion_ids)
    st.session_state["w.criteria"] = p.criterion_ids
    st.session_state["w.points"] = {c: 100.0 / n for c in p.criterion_ids}
    st.session_state["w.locked"] = set()
    st.session_state["w.ahp"] = {}
    st.session_state["w.loaded"] = None
    for key in [k for k in st.session_state if str(k).startswith(("weights.", "ahp."))]:
        del st.session_state[key]


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
    st.session_state["w.points"] = {c: 100 * ws.weights.get(c, 0.0) for c in p.criterion_ids}
    st.session_state["w.locked"] = set()
    for c in p.criterion_ids:
        st.session_state[f"weights.slider.{c}"] = round(st.session_state["w.points"][c], 1)
        st.session_state[f"weights.lock.{c}"] = False
    for lang_code in ("nb", "en"):
        st.session_state.pop(f"weights.mode.{lang_code}", None)


def current_weight_set(p: DecisionProblem) -> WeightSet:
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
                },
            ),
        )
    if mode == "objective":
        method = st.session_state.get("w.objective", "entropy")
        return objective_weights(p, method, settings().missing_policy)
    points = st.session_state["w.points"]
    return WeightSet.from_raw(
        points, name=t("weights.current"), origin=WeightOrigin(kind="direct"), criteria=p.criterion_ids
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
    chosen = chosen or settings()
    return _rank(
        problem_key(p),
        tuple(ws.weights.items()),
        ws.name,
        ws.origin.model_dump_json(),
        ws.notes,
        chosen.model_dump_json(),
        p,
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _gaps(
    key: str, weights: tuple[tuple[str, float], ...], name: str, chosen: str, _problem: DecisionProblem
) -> GapAnalysis:
    # ``key`` identifies ``_problem`` completely; the weights and the settings are in the key too
    ws = WeightSet.from_raw(dict(weights), name=name, criteria=_problem.criterion_ids)
    return analyse_gaps(_problem, ws, RankingSettings.model_validate_json(chosen))


def gaps(p: DecisionProblem, ws: WeightSet, chosen: RankingSettings | None = None) -> GapAnalysis:
    """The knowledge gaps of ``p`` with ``ws`` under ``chosen`` (default: the app's settings), cached by
    the problem's hash, the weights and the settings."""
    chosen = chosen or settings()
    return _gaps(problem_key(p), tuple(ws.weights.items()), ws.name, chosen.model_dump_json(), p)


def judgments(p: DecisionProblem) -> Judgments | None:
    """The AHP judgments behind the current weights (for exports), if they come from AHP."""
    if st.session_state.get("w.mode") != "ahp":
        return None
    return Judgments(matrices=(ahp_matrix(p),))


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
