"""The workshop charts: they render offline to PNG, carry the service's numbers, and show only visible names."""

from __future__ import annotations

import json

import pytest

from mcda.charts import (
    consensus_history_chart,
    group_weights_chart,
    member_agreement_chart,
    member_weights_chart,
    to_png,
)
from mcda.charts.common import LEGEND_ENTRY, PAGE_LABEL_FONT, text_width
from mcda.workshop import WorkshopService
from tests.vega_expression import evaluate

CRITERIA = ["industrial_base", "eu_demand", "supply_risk", "maturity"]
MATRICES = [
    [[1, 3, 5, 2], ["1/3", 1, 2, 1], ["1/5", "1/2", 1, "1/2"], ["1/2", 1, 2, 1]],
    [[1, "1/2", 1, 3], [2, 1, 2, 5], [1, "1/2", 1, 3], ["1/3", "1/5", "1/3", 1]],
]


@pytest.fixture
def service(tmp_path):
    svc = WorkshopService(f"sqlite:///{tmp_path / 'charts.sqlite'}")
    yield svc
    svc.dispose()


def run_round(service: WorkshopService, anonymous: bool = False):
    ws = service.create_workshop(name="Charts", criteria=CRITERIA, anonymous=anonymous)
    for name, matrix in zip(["Kari", "**Ola**"], MATRICES):
        service.submit(service.join(ws.join_code, name).token, matrix)
    service.close_round(ws.facilitator_key, reveal=True)
    service.open_next_round(ws.facilitator_key, carry_over=True)
    info = service.workshop_info(ws.facilitator_key)
    return info, service.group_result(ws.facilitator_key, 1), service.round_history(ws.facilitator_key)


def data_rows(chart) -> list[dict]:
    spec = chart.to_dict()
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_workshop_chart_renders_to_png(service, lang) -> None:
    info, result, history = run_round(service)
    series = {g.label.get(lang): g.weights for g in result.group_weights}
    charts = [
        member_weights_chart(result, info.criteria, lang),
        group_weights_chart(series, info.criteria, lang),
        consensus_history_chart(history, lang),
        member_agreement_chart(result, lang),
        member_weights_chart(result, info.criteria, lang, "container"),
    ]
    for chart in charts:
        assert to_png(chart)[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_charts_carry_the_service_numbers(service) -> None:
    info, result, history = run_round(service)
    dots = [r for r in data_rows(member_weights_chart(result, info.criteria, "en")) if "member" in r]
    assert {(r["member"], r["criterion"]): r["weight"] for r in dots} == {
        (m.label.en, c.name.en): m.weights[c.id] for m in result.members for c in info.criteria
    }
    rounds = [r for r in data_rows(consensus_history_chart(history, "en")) if "round" in r]
    assert [(r["round"], r["s_star"]) for r in rounds] == [(h.number, h.s_star) for h in history]
    bars = data_rows(member_agreement_chart(result, "en"))
    assert [(r["member"], r["rw"]) for r in bars] == [(m.label.en, m.rw) for m in result.members]
    assert "Kendall" in json.dumps(member_agreement_chart(result, "en").to_dict()["title"])


def test_anonymous_workshops_chart_member_numbers_only(service) -> None:
    info, result, _ = run_round(service, anonymous=True)
    text = json.dumps(member_weights_chart(result, info.criteria, "nb").to_dict(), ensure_ascii=False)
    assert "Deltaker 1" in text and "Deltaker 2" in text
    assert "Kari" not in text and "Ola" not in text


@pytest.mark.parametrize("place", [250, 330, 450, 700])
def test_the_members_legend_stays_within_the_room_beside_the_criterion_names(service, place: int) -> None:
    """Before: three columns of whole names whatever the width, cut off by the page in a narrow column."""
    ws = service.create_workshop(name="Legend", criteria=CRITERIA)
    names = ["Kari Nordmann, Norsk Hydro ASA", "Ola Nordmann, Elkem ASA", "Per Hansen, SINTEF Industri"]
    for name, matrix in zip(names, MATRICES + MATRICES[:1]):
        service.submit(service.join(ws.join_code, name).token, matrix)
    service.close_round(ws.facilitator_key, reveal=True)
    info, result = service.workshop_info(ws.facilitator_key), service.group_result(ws.facilitator_key, 1)
    spec = member_weights_chart(result, info.criteria, "nb", "container").to_dict()
    dots = next(layer for layer in spec["layer"] if "color" in layer["encoding"])
    legend, axis = dots["encoding"]["color"]["legend"], dots["encoding"]["y"].get("axis", {"labelLimit": 260})

    def at(value, label=None):
        return evaluate(value["expr"], place, label) if isinstance(value, dict) else value

    limit = at(axis["labelLimit"])
    beside = max(
        min(limit, PAGE_LABEL_FONT * text_width(line))
        for c in info.criteria
        for line in ([at({"expr": axis["labelExpr"]}, c.name.nb)] if "labelExpr" in axis else [c.name.nb])
        for line in ([line] if isinstance(line, str) else line)
    )
    columns, label_limit = at(legend["columns"]), at(legend["labelLimit"]) or float("inf")
    entry = min(label_limit, max(PAGE_LABEL_FONT * text_width(n) for n in names)) + LEGEND_ENTRY
    assert columns >= 1 and 40 <= label_limit
    assert beside + columns * entry <= place + 8, (beside, columns, entry)
