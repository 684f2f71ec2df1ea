"""Fuzzing every loader and the workshop API: random text with control characters, surrogates,
huge numbers and deep nesting must end in a located message (InputError or the workshop
service's own errors), never in another exception."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcda.errors import InputError
from mcda.loading import (
    decode,
    parse_criteria,
    parse_pairwise,
    parse_presets,
    parse_problem,
    parse_weights,
)
from mcda.scenario import load_scenario
from mcda.text_input import bad_character
from mcda.workshop import WorkshopService
from mcda.workshop.group import analyse_judgments

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)

CRITERIA_YAML = """criteria:
  - {id: cost, name: Cost, direction: cost}
  - {id: gain, name: Gain, direction: benefit}
"""
DATA_CSV = "id,name,cost,gain\nP1,One,1,2\nP2,Two,2,1\n"

# text with every kind of trouble: controls, separators, surrogates, non-characters, digits
nasty_chars = st.sampled_from(
    ["\x00", "\x01", "\x1f", "\x7f", "\x85", "\u2028", "\ud800", "\udfff", "\ufffe", "\uff11", "_", ",", ";",
     '"', "\n", "\r", "\t", "/", "[", "{", ":", "-", "1", "e", ".", " ", "a", "å", "\u0430"]
)  # fmt: skip
nasty_text = st.text(alphabet=st.one_of(nasty_chars, st.characters()), max_size=40)
huge_numbers = st.sampled_from(["1" * 5000, "1e400", "-1e400", "1" * 401 + "/3", "1/" + "9" * 400, "nan", "inf"])
cell = st.one_of(nasty_text, huge_numbers, st.floats(allow_nan=True).map(repr))


def deep(n: int, kind: str) -> str:
    return ("[" * n + "]" * n) if kind == "list" else ('{"a":' * n + "1" + "}" * n)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), nasty_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(nasty_text, inner, max_size=4)),
    max_leaves=12,
)


def only_located(call, *args, **kwargs) -> None:
    """The call may succeed or raise InputError with at least one issue; nothing else."""
    try:
        return call(*args, **kwargs)
    except InputError as exc:
        assert exc.issues
        for lang in ("en", "nb"):
            message = exc.message(lang, limit=5)
            assert "\x00" not in message
            message.encode("utf-8")  # printable anywhere: no lone surrogates in messages


def csv_text(rows) -> str:
    return "\n".join(",".join(r) for r in rows) + "\n"


@FUZZ
@given(st.lists(st.lists(cell, min_size=1, max_size=5), max_size=5))
def test_data_csv(rows) -> None:
    problem = only_located(parse_problem, CRITERIA_YAML, csv_text([["id", "name", "cost", "gain"], *rows]))
    if problem is not None:  # accepted: then no name holds a character the renderer chokes on
        assert not any(bad_character(a.name.en) or bad_character(a.name.nb) for a in problem.alternatives)
    only_located(parse_problem, CRITERIA_YAML, csv_text(rows))


@FUZZ
@given(st.lists(st.lists(cell, min_size=1, max_size=8), max_size=4))
def test_provenance_csv(rows) -> None:
    header = ["id", "criterion", "kind", "source", "author", "date", "rationale"]
    only_located(parse_problem, CRITERIA_YAML, DATA_CSV, sources_text=csv_text([header, *rows]))
    only_located(parse_problem, CRITERIA_YAML, DATA_CSV, sources_text=csv_text(rows))


@FUZZ
@given(st.lists(st.lists(cell, min_size=1, max_size=4), max_size=4))
def test_pairwise_csv(rows) -> None:
    only_located(parse_pairwise, csv_text([["", "a", "b", "c"], *rows]))
    only_located(parse_pairwise, csv_text(rows))


@FUZZ
@given(json_values, st.booleans())
def test_weights_and_criteria_and_presets(value, as_json) -> None:
    text = json.dumps(value)  # JSON is YAML too
    only_located(parse_weights, text, "w.json" if as_json else "w.yaml")
    only_located(parse_weights, text, "w.yaml", criteria=["cost", "gain"])
    only_located(parse_criteria, text, "c.yaml")
    only_located(parse_presets, text, "p.yaml", ["cost", "gain"])
    only_located(parse_problem, CRITERIA_YAML, DATA_CSV, bibliography_text=text)


@FUZZ
@given(nasty_text)
def test_raw_yaml_text(text) -> None:
    only_located(parse_criteria, text, "c.yaml")
    only_located(parse_weights, text, "w.yaml")


@FUZZ
@given(json_values)
def test_scenario(value) -> None:
    only_located(load_scenario, json.dumps(value), "s.json")
    if isinstance(value, dict):
        value = {"format": "prosess21-mcda-scenario", "format_version": 1, **value}
        only_located(load_scenario, json.dumps(value), "s.json")


@pytest.mark.parametrize("kind", ["list", "map"])
@pytest.mark.parametrize("n", [150, 20_000])
def test_deep_nesting_in_every_structured_loader(kind, n) -> None:
    text = deep(n, kind)
    only_located(parse_weights, text, "w.json")
    only_located(parse_weights, text, "w.yaml")
    only_located(parse_criteria, text, "c.yaml")
    only_located(load_scenario, text, "s.json")


@FUZZ
@given(st.binary(max_size=60))
def test_bytes_that_are_not_utf8(raw) -> None:
    only_located(decode, raw, "f.csv")


# --- the workshop API ---------------------------------------------------------------------------

CRITERIA = ["eu_demand", "supply_risk"]


@pytest.fixture(scope="module")
def fuzz_service(tmp_path_factory):
    svc = WorkshopService(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'ws.db'}")
    created = svc.create_workshop(name="Fuzz", criteria=CRITERIA, mode="ahp")
    direct = svc.create_workshop(name="Fuzz direct", criteria=CRITERIA, mode="direct")
    member = svc.join(created.join_code, "Owner")
    yield svc, created, direct, member
    svc.dispose()


secret = st.one_of(nasty_text, st.just("x" * 300), st.none(), st.integers())
judgment = st.one_of(
    st.integers(min_value=-(10**500), max_value=10**500), st.floats(), nasty_text, huge_numbers, st.none(),
    st.booleans(),
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(name=nasty_text, key=secret, token=secret, code=secret)
def test_workshop_api_with_random_text(fuzz_service, name, key, token, code) -> None:
    svc, created, _direct, _member = fuzz_service
    only_located(svc.create_workshop, name=name, criteria=CRITERIA)
    only_located(svc.join, created.join_code, name)
    only_located(svc.join, code, "Someone")
    only_located(svc.workshop_info, key)
    only_located(svc.member_view, token)
    only_located(svc.submit, token, [[1, 1], [1, 1]])
    only_located(svc.save_group_weights, created.facilitator_key, 1, name)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    matrix=st.lists(st.lists(judgment, min_size=0, max_size=3), max_size=3),
    weights=st.dictionaries(st.one_of(st.sampled_from(CRITERIA), nasty_text), judgment, max_size=3),
)
def test_workshop_judgments_with_random_values(matrix, weights) -> None:
    only_located(analyse_judgments, "ahp", CRITERIA, matrix)
    only_located(analyse_judgments, "direct", CRITERIA, weights)
    only_located(analyse_judgments, "direct", CRITERIA, matrix)
