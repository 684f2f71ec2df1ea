"""A workshop in a real Chromium: the facilitator creates it, two members in their own browsers join and
submit, and the facilitator's dashboard shows both as submitted."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mcda.workshop import WorkshopService

from .conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.browser

WAIT_MS = 30_000
NAMES = ["Kari Nordmann", "<b>x</b>"]  # the second must appear as typed, never as bold


def new_page(browser):
    return browser.new_context(viewport={"width": 1500, "height": 2200}, locale="nb-NO").new_page()


def settled(page) -> None:
    """The script run the last action started has finished."""
    wait_until_idle(page, WAIT_MS)


def shot(page, name: str) -> None:
    wait_until_idle(page)
    page.evaluate("document.fonts.ready")  # code blocks draw their text once the monospace font is in
    screenshot(page, name)


def nudge_first_slider(page, steps: int, first: str, second: str) -> None:
    """Move the page's first slider (the judgment «first» ↔ «second») ``steps`` notches right by keyboard,
    one press at a time, reading the judgment back from its caption as the server redrew it: a press can
    be lost while the page is still redrawing (the slider replaced under the focus), so it is repeated."""
    caption = page.get_by_text(re.compile(rf"«{first}».*«{second}».*\((\d)\)")).first

    def value() -> int:
        settled(page)
        return int(re.findall(r"\((\d)\)", caption.inner_text())[-1])

    caption.wait_for(timeout=WAIT_MS)
    target = value() + steps
    for _ in range(4 * steps + 4):
        now = value()
        if now == target:
            return
        page.get_by_role("slider").first.focus()
        page.keyboard.press("ArrowRight" if now < target else "ArrowLeft")
    raise AssertionError(f"the slider {first} ↔ {second} did not reach {target}")


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    settled(page)


def type_into(page, label: str, text: str) -> None:
    """Fill a text input and commit it (Enter) before anything else is clicked."""
    box = page.get_by_role("textbox", name=label)
    box.wait_for(timeout=WAIT_MS)
    box.fill(text)
    box.press("Enter")
    settled(page)


def assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.content()


def test_two_members_join_and_submit_and_the_facilitator_sees_both(browser, server, server_db_url) -> None:
    facilitator = new_page(browser)
    facilitator.goto(f"{server}/facilitator")
    type_into(facilitator, "Navn på arbeidsmøtet", "Vekting i nettleseren")
    click(facilitator, "Opprett arbeidsmøtet")
    code_blocks = facilitator.locator('[data-testid="stCode"] code')
    code_blocks.nth(2).wait_for(timeout=WAIT_MS)  # key, join code, join link (code blocks load lazily)
    codes = [c.strip() for c in code_blocks.all_inner_texts()]
    key, link = codes[0], next(c for c in codes if "join=" in c)
    assert link.startswith(f"{server}/workshop?join=")  # a full link built from the address in use
    assert key not in facilitator.url
    assert_no_exception(facilitator)
    shot(facilitator, "workshop-facilitator-created")

    service = WorkshopService(server_db_url)
    try:
        assert service.workshop_info(key).name == "Vekting i nettleseren"
        for i, name in enumerate(NAMES):
            member = new_page(browser)  # a separate context: its own cookies and Streamlit session
            member.goto(link)
            type_into(member, "Navnet ditt", name)  # Enter joins
            member.get_by_text("Du har ikke sendt inn i runde 1 ennå.").wait_for(timeout=WAIT_MS)
            assert "member=" in member.url and "join=" not in member.url
            if i:  # the second member leans the first comparison towards its first criterion
                nudge_first_slider(member, 3, "Ressursgrunnlag", "Industrielt grunnlag og kompetanse")
            click(member, "Send inn")
            member.get_by_text("Du har sendt inn i runde 1").wait_for(timeout=WAIT_MS)
            assert member.get_by_text(name, exact=True).count() >= 1  # shown as typed
            assert member.locator("b", has_text="x").count() == 0
            assert_no_exception(member)
            shot(member, f"workshop-member-{i + 1}-submitted")
            member.context.close()

        click(facilitator, "Jeg har tatt vare på nøkkelen")
        click(facilitator, "Oppdater")
        facilitator.get_by_text("2 av 2 deltakere har sendt inn").wait_for(timeout=WAIT_MS)
        for name in NAMES:
            assert facilitator.get_by_text(f"✓ {name}", exact=True).count() == 1
        facilitator.locator(".vega-embed").nth(3).wait_for(timeout=WAIT_MS)  # the dashboard's charts are drawn
        assert_no_exception(facilitator)
        shot(facilitator, "workshop-facilitator-dashboard")
        result = service.group_result(key)
        assert [(m.label.nb, m.submitted) for m in result.members] == [(n, True) for n in NAMES]
        assert result.member(2).judgments[0][1] == 4 and result.member(1).judgments[0][1] == 1
    finally:
        service.dispose()
        facilitator.context.close()


def test_a_tree_round_for_two_members_node_by_node(browser, server, server_db_url) -> None:
    """The facilitator creates a tree workshop (every node with two or more children); each member walks the
    nodes, the second moves one judgment at the top node and one under «Forutsetninger», and submits every
    node at once; the dashboard shows the result node by node."""
    facilitator = new_page(browser)
    facilitator.goto(f"{server}/facilitator")
    type_into(facilitator, "Navn på arbeidsmøtet", "Verditreet i nettleseren")
    facilitator.get_by_text("Verditreet node for node (AHP)", exact=True).click()
    settled(facilitator)
    facilitator.get_by_text("Noder som skal vektes i runde 1").wait_for(timeout=WAIT_MS)
    click(facilitator, "Opprett arbeidsmøtet")
    code_blocks = facilitator.locator('[data-testid="stCode"] code')
    code_blocks.nth(2).wait_for(timeout=WAIT_MS)
    codes = [c.strip() for c in code_blocks.all_inner_texts()]
    key, link = codes[0], next(c for c in codes if "join=" in c)
    assert_no_exception(facilitator)

    service = WorkshopService(server_db_url)
    try:
        info = service.workshop_info(key)
        assert info.mode == "tree" and info.tree_round.chosen == info.tree.weighed_nodes
        for i, name in enumerate(["Kari", "Ola"]):
            member = new_page(browser)
            member.goto(link)
            type_into(member, "Navnet ditt", name)  # Enter joins
            member.get_by_text("Du har ikke sendt inn i runde 1 ennå.").wait_for(timeout=WAIT_MS)
            member.get_by_text("Alle kriterier: CR", exact=False).first.wait_for(timeout=WAIT_MS)
            if i:
                # Forutsetninger ↔ Bærekraft: 3, on the server (its caption redrawn) before the node changes
                nudge_first_slider(member, 2, "Forutsetninger", "Bærekraft")
                node = member.get_by_test_id("stRadio").get_by_text("Alle kriterier › Forutsetninger", exact=True)
                expect(node).to_have_count(1, timeout=WAIT_MS)  # the rerun's stale copy of the picker gone
                node.click()
                settled(member)
                member.get_by_text("Node 2 av 5", exact=False).wait_for(timeout=WAIT_MS)
                # Ressursgrunnlag ↔ Industrielt grunnlag: 2
                nudge_first_slider(member, 1, "Ressursgrunnlag", "Industrielt grunnlag og kompetanse")
            click(member, "Send inn")
            member.get_by_text("Du har sendt inn i runde 1").wait_for(timeout=WAIT_MS)
            assert_no_exception(member)
            shot(member, f"workshop-tree-member-{i + 1}-submitted")
            member.context.close()

        click(facilitator, "Jeg har tatt vare på nøkkelen")
        click(facilitator, "Oppdater")
        facilitator.get_by_text("2 av 2 deltakere har sendt inn").wait_for(timeout=WAIT_MS)
        facilitator.get_by_text("Node for node", exact=True).wait_for(timeout=WAIT_MS)
        facilitator.get_by_text("Diagrammet viser gruppens lokale og globale vekter (AIJ) i verditreet.").wait_for(
            timeout=WAIT_MS
        )
        assert_no_exception(facilitator)
        shot(facilitator, "workshop-tree-facilitator-dashboard")
        result = service.group_result(key)
        ola = result.member(2)
        assert set(ola.judgments) == set(info.tree.weighed_nodes)
        assert ola.judgments["root"][0][1] == 3 and ola.judgments["capability"][0][1] == 2
        assert result.member(1).judgments["root"][0][1] == 1
        assert result.tree is not None and len(result.tree.nodes) == 5
    finally:
        service.dispose()
        facilitator.context.close()


def test_enter_in_the_join_form_sends_it_and_a_wrong_code_says_so(browser, server) -> None:
    """The code and the name are a form: Enter in the name field joins as the button does (it did nothing
    before), and a code no workshop has gives its message."""
    member = new_page(browser)
    try:
        member.goto(f"{server}/workshop")
        settled(member)
        member.get_by_role("textbox", name="Deltakerkode").fill("ABCD2345")
        name = member.get_by_role("textbox", name="Navnet ditt")
        name.fill("Per")
        name.press("Enter")
        settled(member)
        refused = member.locator('[data-testid="stAlert"]', has_text="Du ble ikke med i arbeidsmøtet")
        expect(refused).to_contain_text("ingen arbeidsmøter har denne koden", timeout=WAIT_MS)
        assert "member=" not in member.url
        assert_no_exception(member)
    finally:
        member.context.close()
