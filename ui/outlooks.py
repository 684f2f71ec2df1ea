"""Outlooks and the value-chain map for the pages: the shipped outlooks, uploads, the cached
ranking across outlooks, and the tables the outlook page shows (no engine logic here)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from mcda.errors import InputError
from mcda.formatting import format_number
from mcda.hosting import Action
from mcda.models import DecisionProblem, WeightSet
from mcda.outlooks import (
    BASE_ID,
    Outlook,
    OutlookAcceptability,
    OutlookComparison,
    apply_outlook,
    base_outlook,
    outlook_acceptability,
    parse_outlook,
    rank_across_outlooks,
)
from mcda.ranking import RankingSettings
from mcda.value_chains import ValueChains, check_against_problem, parse_value_chains

from .access import require
from .i18n import keyed, lang, t
from .state import ROOT, problem_key, settings

OUTLOOK_DIR = ROOT / "outlooks"
CHAINS = ROOT / "data" / "value_chains.yaml"


@st.cache_data(max_entries=4, show_spinner=False)
def _parsed(
    texts: tuple[tuple[str, str], ...], sources: tuple[tuple[str, str], ...]
) -> tuple[tuple[Outlook, bool], ...]:
    """Each outlook, and whether its source keys are in the problem's bibliography (the shipped outlooks cite
    the shipped bibliography, which an uploaded problem need not have)."""
    known = dict(sources)
    parsed = []
    for name, text in texts:
        outlook = parse_outlook(text, name)
        try:
            parse_outlook(text, name, known)
            parsed.append((outlook, True))
        except InputError:
            parsed.append((outlook, False))
    return tuple(parsed)


def shipped_texts() -> tuple[tuple[str, str], ...]:
    return tuple(
        (f"outlooks/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(Path(OUTLOOK_DIR).glob("*.yaml"))
    )


def _outlooks(p: DecisionProblem) -> tuple[tuple[Outlook, bool], ...]:
    """The shipped outlooks and the ones uploaded in this session, each with whether it fits ``p``."""
    texts = shipped_texts() + tuple(st.session_state.get("outlooks.uploaded", ()))
    return tuple((o, cited and _fits(o, p)) for o, cited in _parsed(texts, tuple(sorted(p.sources.items()))))


def available(p: DecisionProblem) -> dict[str, Outlook]:
    """Today, and the outlooks that fit the problem in use, by id."""
    out = {BASE_ID: base_outlook()}
    out.update({o.id: o for o, fits in _outlooks(p) if fits})
    return out


def left_out(p: DecisionProblem) -> list[Outlook]:
    """The outlooks that do not fit the problem in use (written for other positions, criteria or sources)."""
    return [o for o, fits in _outlooks(p) if not fits]


def _fits(outlook: Outlook, p: DecisionProblem) -> bool:
    """Whether the outlook names only positions and criteria of ``p`` (the shipped outlooks are
    written for the shipped problem; an uploaded problem keeps those that fit it)."""
    alternatives, criteria = set(p.alternative_ids), set(p.criterion_ids)
    return all(set(c.positions) <= alternatives and c.criterion in criteria for c in outlook.changes) and all(
        w.criterion in criteria for w in outlook.weights
    )


def add_upload(name: str, text: str, p: DecisionProblem) -> Outlook:
    """Parse an uploaded outlook (InputError with file and line if it is wrong) and keep it."""
    require(Action.UPLOAD)
    outlook = parse_outlook(text, name, p.sources)
    apply_outlook(p, WeightSet.equal(p.criterion_ids), outlook)  # unknown ids or off-scale: refused now
    kept = [(n, x) for n, x in st.session_state.get("outlooks.uploaded", ()) if n != name]
    st.session_state["outlooks.uploaded"] = tuple(kept) + ((name, text),)
    return outlook


def _hash(outlooks: tuple[Outlook, ...]) -> str:
    return hashlib.sha256("|".join(o.model_dump_json() for o in outlooks).encode()).hexdigest()


@st.cache_data(max_entries=32, show_spinner=False)
def _compare(
    key: str, weights: str, chosen: str, probs: tuple[tuple[str, float], ...] | None, _p, _ws, _outlooks
) -> OutlookComparison:
    return rank_across_outlooks(
        _p, _ws, _outlooks, RankingSettings.model_validate_json(chosen), None if probs is None else dict(probs)
    )


def compare(
    p: DecisionProblem, ws: WeightSet, outlooks: tuple[Outlook, ...], probabilities: dict[str, float] | None
) -> OutlookComparison:
    """The ranking across outlooks with the app's settings, cached on every input."""
    probs = None if probabilities is None else tuple(sorted(probabilities.items()))
    return _compare(
        problem_key(p) + _hash(outlooks), ws.model_dump_json(), settings().model_dump_json(), probs, p, ws, outlooks
    )


@st.cache_data(max_entries=8, show_spinner=False)
def _acceptability(
    key: str, weights: str, chosen: str, probs, samples: int, seed: int, _p, _ws, _outlooks
) -> OutlookAcceptability:
    return outlook_acceptability(
        _p,
        _ws,
        _outlooks,
        cloud="uniform",
        samples=samples,
        seed=seed,
        settings=RankingSettings.model_validate_json(chosen),
        probabilities=None if probs is None else dict(probs),
    )


def acceptability(
    p: DecisionProblem,
    ws: WeightSet,
    outlooks: tuple[Outlook, ...],
    probabilities: dict[str, float] | None,
    samples: int,
    seed: int,
) -> OutlookAcceptability:
    probs = None if probabilities is None else tuple(sorted(probabilities.items()))
    return _acceptability(
        problem_key(p) + _hash(outlooks),
        ws.model_dump_json(),
        settings().model_dump_json(),
        probs,
        samples,
        seed,
        p,
        ws,
        outlooks,
    )


def robust_table(comparison: OutlookComparison) -> pd.DataFrame:
    """One row per position in the minimax-regret order: rank per outlook, range, regret, expected rank."""
    rows = []
    for e in comparison.robust:
        row: dict[str, object] = {
            t("outlooks.col.robust"): e.robust_rank,
            t("outlooks.col.position"): e.name.get(lang()),
        }
        for k, r in enumerate(comparison.rankings, start=1):
            row[f"{k}. {r.outlook.name.get(lang())}"] = e.ranks[r.outlook.id]
        row[t("outlooks.col.best")] = e.rank_best
        row[t("outlooks.col.worst")] = e.rank_worst
        row[t("outlooks.col.max_regret")] = e.max_regret
        if e.expected_rank is not None:
            row[t("outlooks.col.expected")] = e.expected_rank
        rows.append(row)
    return pd.DataFrame(rows)


def changes_table(outlook: Outlook, p: DecisionProblem) -> pd.DataFrame:
    """What an outlook changes, each with its basis (published or the group's judgment) and why."""
    rows = []
    for c in outlook.changes:
        criterion = p.criterion(c.criterion).name.get(lang()) if c.criterion in p.criterion_ids else c.criterion
        rows.append(
            {
                t("outlooks.col.positions"): ", ".join(c.positions),
                t("outlooks.col.criterion"): criterion,
                t("outlooks.col.change"): t(f"outlooks.kind.{c.kind}", amount=_amount(c.amount)),
                t("outlooks.col.basis"): t(f"outlooks.basis.{c.basis}"),
                t("outlooks.col.sources"): ", ".join(f"[{k}]" for k in c.sources),
                t("outlooks.col.rationale"): c.rationale.get(lang()),
            }
        )
    for w in outlook.weights:
        amount = w.multiply if w.multiply is not None else w.set
        rows.append(
            {
                t("outlooks.col.positions"): t("outlooks.weight_row"),
                t("outlooks.col.criterion"): p.criterion(w.criterion).name.get(lang())
                if w.criterion in p.criterion_ids
                else w.criterion,
                t("outlooks.col.change"): t(
                    "outlooks.kind.weight_multiply" if w.multiply is not None else "outlooks.kind.weight_set",
                    amount=_amount(amount or 0.0),
                ),
                t("outlooks.col.basis"): t("outlooks.basis.judgment"),
                t("outlooks.col.sources"): "",
                t("outlooks.col.rationale"): w.rationale.get(lang()),
            }
        )
    return pd.DataFrame(rows)


_MARKDOWN = set("\\`*_{}[]()#+-.!|~<>$:")


def plain(text: str) -> str:
    """A name from a file as a widget label: Streamlit reads labels as Markdown, so every
    Markdown character is escaped and the text shows as written."""
    return "".join("\\" + ch if ch in _MARKDOWN else ch for ch in text)


def _amount(x: float) -> str:
    return format_number(x, lang())


@st.cache_data(max_entries=2, show_spinner=False)
def _chains(text: str) -> ValueChains:
    return parse_value_chains(text, "data/value_chains.yaml")


def value_chains_if_they_fit(p: DecisionProblem) -> ValueChains | None:
    """The shipped value chains when they place every position of ``p`` (an uploaded problem
    with other positions gets its reports without the map)."""
    try:
        return value_chains(p)
    except InputError:
        return None


def unplaced(p: DecisionProblem) -> list[str]:
    """The names of the positions of ``p`` that the shipped value chains do not place."""
    placed = _chains(CHAINS.read_text(encoding="utf-8")).placement()
    return [a.name.get(lang()) for a in p.alternatives if a.id not in placed]


def value_chains(p: DecisionProblem) -> ValueChains:
    """The shipped value chains, checked against the problem in use (InputError if they do not fit)."""
    chains = _chains(CHAINS.read_text(encoding="utf-8"))
    check_against_problem(chains, p, "data/value_chains.yaml")
    return chains


def pick_once(outlook_id: str) -> None:
    """A newly uploaded outlook joins the picked ones, once: a member who then removes it keeps it removed."""
    seen = st.session_state.setdefault("outlooks.uploads_picked", set())
    if outlook_id in seen:
        return
    seen.add(outlook_id)
    if "outlooks.picked" in st.session_state and outlook_id not in st.session_state["outlooks.picked"]:
        st.session_state["outlooks.picked"] = [*st.session_state["outlooks.picked"], outlook_id]
    st.session_state.pop(keyed("outlooks.pick"), None)  # the multiselect takes its default from the picked ones
