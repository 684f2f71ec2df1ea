"""What the tests of bokmål sources and rationales (``test_source_languages``,
``test_rationale_languages``) share: two positions on two criteria parsed with a provenance
file of the test's own, the shipped provenance rows, and how a faithful translation's numbers and
source keys are read in each language."""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal

from conftest import ROOT, SHIPPED_CRITERIA, SHIPPED_DATA

from mcda.loading import parse_problem
from mcda.models import DecisionProblem

SHIPPED_SOURCES = ROOT / "data" / "positions.sources.csv"
SHIPPED = (str(SHIPPED_CRITERIA), str(SHIPPED_DATA), str(SHIPPED_SOURCES))

CRITERIA = """\
criteria:
  - id: energy
    name: {en: Access to clean energy, nb: Tilgang til ren energi}
    direction: cost
    unit: MWh/t
  - id: maturity
    name: {en: Maturity, nb: Modenhet}
    direction: benefit
"""


def two_positions(energy_of_p17: str, sources: str) -> DecisionProblem:
    """Primary aluminium (P01: 14.1 MWh/t, maturity 4) and primary magnesium (P17: the energy given,
    '' for missing; maturity 0) with ``sources`` as ``d.sources.csv``."""
    data = (
        "id,name,name_en,energy,maturity\n"
        "P01,Primæraluminium,Primary aluminium,14.1,4\n"
        f"P17,Primærmagnesium,Primary magnesium,{energy_of_p17},0\n"
    )
    return parse_problem(
        CRITERIA, data, criteria_name="c.yaml", data_name="d.csv", sources_text=sources, sources_name="d.sources.csv"
    )


def shipped_rows() -> list[dict[str, str]]:
    """The shipped provenance file, row by row."""
    with open(SHIPPED_SOURCES, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


MARKER = re.compile(r"\[S\d+\]")
EN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?")
NB_NUMBER = re.compile(r"\d{1,3}(?:\u00a0\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?")


def normalised(number: str) -> str:
    return format(Decimal(number).normalize(), "f")  # "15.0" and "15" alike, "1300" not "1.3E+3"


def english_numbers(text: str) -> Counter[str]:
    plain = MARKER.sub(" ", text)
    return Counter(normalised(m.replace(",", "")) for m in EN_NUMBER.findall(plain))


def bokmal_numbers(text: str) -> Counter[str]:
    plain = MARKER.sub(" ", text)
    return Counter(normalised(m.replace("\u00a0", "").replace(",", ".")) for m in NB_NUMBER.findall(plain))
