"""Shared fixtures: paths of the shipped problem and small example files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_CRITERIA = ROOT / "criteria" / "positions.yaml"
SHIPPED_DATA = ROOT / "data" / "positions.csv"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

sys.path.insert(0, str(Path(__file__).resolve().parent))  # reference_cases


@pytest.fixture(scope="session")
def shipped_problem():
    from mcda.loading import load_problem

    return load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
