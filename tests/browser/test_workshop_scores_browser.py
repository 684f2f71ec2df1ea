"""A scoring round in a real Chromium: the facilitator creates it with single cells, three members in
their own browsers score (one answers "don't know", one writes a rationale), the facilitator reveals,
members see the group beside their own score and one revises in round 2, and the facilitator
accepts round 2 into the problem."""

from __future__ import annotations

import re

import pytest

from mcda.loading import load_problem
from mcda.storage import Database, ExpertEditStore
from mcda.workshop import WorkshopService

from .conftest import ROOT
from .test_workshop_browser import WAIT_MS, assert_no_exception, click, new_page, settled, shot, type_into

pytestmark = pytest.mark.browser

NIKKEL = "Raffinering av nikkel · Din skår"  # P04
KOBOLT = "Raffinering av kobolt · Din skår"  # P05
# (P04, P05) per member; None = don't know
ROUND_1 = [(3, 1), (2, 2), (4, None)]


def pick(page, group_label: str, level: int | None) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=group_label)
    text = re.compile(r"^Vet ikke$") if level is None else re.compile(rf"^{level} – ")
    group.locator("label").filter(has_text=text).first.click()
    settled(page)


def choose_in_multiselect(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    field = box.locator("input")
    field.click()
    field.press_sequentially(option)  # the list is long and drawn lazily: filter it down to the one option
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    settled(page)


def test_a_scoring_round_with_three_members_reveal_a_second_round_and_accept(browser, server, server_db_url) -> None:
    facilitator = new_page(browser)
    facilitator.goto(f"{server}/facilitator")
    type_into(facilitator, "Navn på arbeidsmøtet", "Skåring i nettleseren")
    facilitator.get_by_text("Skåring av posisjoner", exact=True).click()
    settled(facilitator)
    facilitator.get_by_text("Enkeltceller", exact=True).click()
    settled(facilitator)
    for option in ("Raffinering av nikkel · Klimafortrinn", "Raffinering av kobolt · Klimafortrinn"):
        choose_in_multiselect(facilitator, "Celler som skal skåres", option)
    click(facilitator, "Opprett arbeidsmøtet")
    code_blocks = facilitator.locator('[data-testid="stCode"] code')
    code_blocks.nth(2).wait_for(timeout=WAIT_MS)
    codes = [c.strip() for c in code_blocks.all_inner_texts()]
    key, link = codes[0], next(c for c in codes if "join=" in c)
    assert_no_exception(facilitator)
    click(facilitator, "Jeg har tatt vare på nøkkelen")

    service = WorkshopService(server_db_url)
    members = []
    try:
        info = service.workshop_info(key)
        assert info.mode == "scores" and info.cells == (("P04", "climate_advantage"), ("P05", "climate_advantage"))
        for i, (nikkel, kobolt) in enumerate(ROUND_1):
            member = new_page(browser)  # a separate context: its own cookies and Streamlit session
            member.goto(link)
            type_into(member, "Navnet ditt (slik de andre ser det)", f"Skårer {i + 1}")  # Enter joins
            member.get_by_text("Du har ikke sendt inn i runde 1 ennå.").wait_for(timeout=WAIT_MS)
            assert member.get_by_role("heading", name="Arbeidsmøte: dine skårer").count() == 1
            pick(member, NIKKEL, nikkel)
            pick(member, KOBOLT, kobolt)
            if i == 0:
                box = member.get_by_role("textbox", name="Begrunnelse (valgfri)").first  # the first cell's (P04)
                box.fill("Vannkraft og lave utslipp")
                box.press("Enter")
                settled(member)
            click(member, "Send inn skårene")
            member.get_by_text(re.compile("Du har sendt inn i runde 1")).wait_for(timeout=WAIT_MS)
            assert_no_exception(member)
            if i == 0:
                shot(member, "workshop-scores-member-1-submitted")
            members.append(member)

        result = service.group_result(key)
        p04 = result.cell("P04", "climate_advantage")
        assert (p04.median, p04.q1, p04.q3, p04.n) == (3.0, 2.5, 3.5, 3)
        p05 = result.cell("P05", "climate_advantage")
        assert (p05.median, p05.n, p05.dont_know) == (1.5, 2, 1)
        assert result.members[0].rationales == {"P04": {"climate_advantage": "Vannkraft og lave utslipp"}}

        click(facilitator, "Oppdater")
        facilitator.get_by_text("3 av 3 deltakere har sendt inn").wait_for(timeout=WAIT_MS)
        click(facilitator, "Lukk og vis resultatet")
        click(facilitator, "Åpne neste runde")  # with each member's answers carried over
        facilitator.get_by_text(re.compile("Runde 2 er åpen")).wait_for(timeout=WAIT_MS)

        # each member reloads: the group's round 1 beside their own, and the answers ready to revise
        for i, member in enumerate(members):
            member.reload()
            own = "Vet ikke" if ROUND_1[i][1] is None else str(ROUND_1[i][1])
            member.get_by_text(
                f"Gruppen i runde 1: median 1,5, kvartiler 1,25–1,75, spenn 1–2, 2 svar. Ditt svar da: {own}."
            ).wait_for(timeout=WAIT_MS)
            member.get_by_text("Gruppens resultat i runde 1").wait_for(timeout=WAIT_MS)
            assert_no_exception(member)
        shot(members[1], "workshop-scores-member-2-revealed")
        second = members[1]
        pick(second, NIKKEL, 3)
        click(second, "Send inn endrede skårer")
        second.get_by_text(re.compile("Du har sendt inn i runde 2")).wait_for(timeout=WAIT_MS)

        round_2 = service.group_result(key)
        assert round_2.round == 2 and round_2.submissions == 3
        assert round_2.cell("P04", "climate_advantage").q1 == 3.0  # 3, 3, 4
        assert [m.carried_over for m in round_2.members] == [True, False, True]

        click(facilitator, "Oppdater")
        click(facilitator, "Lukk runden")
        facilitator.get_by_text("Runde 2 er lukket.", exact=True).wait_for(timeout=WAIT_MS)
        settled(facilitator)
        click(facilitator, "Godta skårene")
        facilitator.get_by_text(re.compile("Skårene fra runde 2 er skrevet inn i problemet")).wait_for(timeout=WAIT_MS)
        assert_no_exception(facilitator)
        shot(facilitator, "workshop-scores-facilitator-accepted")

        shipped = load_problem(ROOT / "criteria" / "positions.yaml", ROOT / "data" / "positions.csv")
        db = Database(server_db_url)
        try:
            cell = ExpertEditStore(db).apply(shipped).cells["P04"]["climate_advantage"]
        finally:
            db.dispose()
        assert (cell.value, cell.low, cell.high) == (3.0, 3.0, 3.5)
        assert cell.provenance.author == "Arbeidsmøte «Skåring i nettleseren», runde 2"
        assert "Skårer 1: Vannkraft og lave utslipp" in cell.provenance.rationale
    finally:
        service.dispose()
        for member in members:
            member.context.close()
        facilitator.context.close()
