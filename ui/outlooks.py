"""Outlooks and the value-chain map for the pages: the shipped outlooks, uploads, the picker's
probabilities, and the engine's outlook view and acceptability cached (no engine logic here)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from mcda.errors import InputError, Lang
from mcda.hosting import Action
from mcda.models import DecisionProblem, WeightSet
from mcda.outlook_views import MIN_PICKED, OutlookView, outlook_view, sort_by_fit
from mcda.outlooks import Outlook, OutlookAcceptability, apply_outlook, outlook_acceptability, parse_outlook
from mcda.ranking import RankingSettings
from mcda.value_chains import ValueChains, check_against_problem, parse_value_chains

from .access import require
from .i18n import keyed, lang, t
from .state import ROOT, problem_key, settings

OUTLOOK_DIR = ROOT / "outlooks"
CHAINS = ROOT / "data" / "value_chains.yaml"


@st.cache_data(max_entries=4, show_spinner=False)
def _parsed(texts: tuple[tuple[str, str], ...]) -> tuple[Outlook, ...]:
    return tuple(parse_outlook(text, name) for name, text in texts)


def shipped_texts() -> tuple[tuple[str, str], ...]:
    return tuple(
        (f"outlooks/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(Path(OUTLOOK_DIR).glob("*.yaml"))
    )


def offered() -> tuple[Outlook, ...]:
    """The shipped outlooks and the ones uploaded in this session (whether they fit the problem
    in use is the engine's to say: :func:`mcda.outlook_views.sort_by_fit`)."""
    return _parsed(shipped_texts() + tuple(st.session_state.get("outlooks.uploaded", ())))


def available(p: DecisionProblem) -> dict[str, Outlook]:
    """Today, and the outlooks that fit the problem in use, by id: the picker's options."""
    return {o.id: o for o in sort_by_fit(p, offered())[0]}


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
def _view(
    key: str,
    weights: str,
    chosen: str,
    picked: tuple[str, ...],
    probs: tuple[tuple[str, float], ...] | None,
    language: Lang,
    _p,
    _ws,
    _offered,
) -> OutlookView:
    return outlook_view(
        _p,
        _ws,
        _offered,
        picked,
        None if probs is None else dict(probs),
        RankingSettings.model_validate_json(chosen),
        language,
    )


def view(p: DecisionProblem, ws: WeightSet, picked: list[str], probabilities: dict[str, float] | None) -> OutlookView:
    """What the outlook page shows (:func:`mcda.outlook_views.outlook_view`) with the app's settings and
    language, cached on every input."""
    outlooks = offered()
    probs = None if probabilities is None else tuple(sorted(probabilities.items()))
    return _view(
        problem_key(p) + _hash(outlooks),
        ws.model_dump_json(),
        settings().model_dump_json(),
        tuple(picked),
        probs,
        lang(),
        p,
        ws,
        outlooks,
    )


def probability_inputs(picked: list[Outlook]) -> dict[str, float] | None:
    """With at least two picked and the toggle on: a probability in per cent per outlook (equal to start)."""
    if len(picked) < MIN_PICKED or not st.toggle(t("outlooks.use_probabilities"), key="outlooks.use_probabilities"):
        return None
    st.caption(t("outlooks.probabilities.help"))
    cols = st.columns(min(4, len(picked)))
    return {
        o.id: cols[k % len(cols)].number_input(
            plain(o.name.get(lang())),
            min_value=0.0,
            max_value=100.0,
            value=100.0 / len(picked),
            step=5.0,
            key=f"outlooks.p.{o.id}",
        )
        for k, o in enumerate(picked)
    }


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


_MARKDOWN = set("\\`*_{}[]()#+-.!|~<>$:")


def plain(text: str) -> str:
    """A name from a file as a widget label: Streamlit reads labels as Markdown, so every
    Markdown character is escaped and the text shows as written."""
    return "".join("\\" + ch if ch in _MARKDOWN else ch for ch in text)


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
