"""The method statement above the ranking: every method in bokmål and English, no English inside the
bokmål text and no repeated score direction."""

from __future__ import annotations

import re

import pytest
import streamlit as st

from mcda.models import Alternative, Cell, Criterion, DecisionProblem, WeightSet
from mcda.ranking import METHODS, RankingSettings, rank_alternatives
from ui.i18n import LANG_KEY
from ui.widgets import method_statement

ENGLISH_WORDS = re.compile(r"\b(scaling|range|each|criterion|the|none|pairwise|distance|better|lower|higher)\b")


def _ranking(method: str):
    crits = (Criterion(id="c0", name="C0", direction="benefit"), Criterion(id="c1", name="C1", direction="cost"))
    alts = tuple(Alternative(id=f"A{i}", name=f"Alt {i}") for i in range(3))
    values = [[5, 3], [7, 4], [6, 1]]
    cells = {a.id: {c.id: Cell(value=v) for c, v in zip(crits, row)} for a, row in zip(alts, values)}
    problem = DecisionProblem(criteria=crits, alternatives=alts, cells=cells)
    return rank_alternatives(problem, WeightSet.from_raw({"c0": 1, "c1": 1}), RankingSettings(method=method))


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("language", ["nb", "en"])
def test_method_statement_reads_in_one_language_without_repeats(method: str, language: str) -> None:
    st.session_state[LANG_KEY] = language
    try:
        text = method_statement(_ranking(method))
    finally:
        del st.session_state[LANG_KEY]
    assert METHODS[method].label.get(language) in text
    for direction in ("(lavere er bedre)", "(høyere er bedre)", "(lower is better)", "(higher is better)"):
        assert text.count(direction) <= 1, text
    assert sum(text.count(d) for d in ("er bedre)", "is better)")) == 1, text
    if language == "nb":
        assert not ENGLISH_WORDS.search(text), text
        assert "Normalisering:" in text and "Skår:" in text


def test_vikor_statement_names_its_own_scaling_in_bokmal() -> None:
    st.session_state[LANG_KEY] = "nb"
    try:
        text = method_statement(_ranking("vikor"))
    finally:
        del st.session_state[LANG_KEY]
    assert "metodens egen (hvert kriterium skaleres med spennet mellom beste og dårligste verdi (f* − f−))" in text
    assert "kompromissindeks Q (lavere er bedre)." in text
