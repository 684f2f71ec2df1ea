"""Placeholder until the app lands: shows that the engine ranks the shipped problem."""

import streamlit as st

from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.ranking import rank_alternatives

st.set_page_config(page_title="Prosess21 MCDA", layout="wide")
problem = load_problem("criteria/positions.yaml", "data/positions.csv")
ranking = rank_alternatives(problem, WeightSet.equal(problem.criterion_ids), missing_policy="drop_criteria")
st.title(problem.info.name.nb)
st.dataframe([{"plass": e.rank, "posisjon": e.name.nb, "skår": e.score} for e in ranking.entries])
