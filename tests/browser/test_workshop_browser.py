"""A workshop in a real Chromium: the facilitator creates it, two members in their own browsers join and
submit, and the facilitator's dashboard shows both as submitted."""

from __future__ import annotations

import pytest

from mcda.workshop import WorkshopService

from .conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.browser

NAMES = ["Kari Nordmann", "<b>x</b>"]  # the second must appear as typed, never as bold


def new_page(browser):
    return browser.new_context(viewport={"width": 1500, "height": 2200}, locale="nb-NO").new_page()


def idle(page) -> None:
    wait_until_idle(page)
    page.evaluate("document.fonts.ready")  # code blocks draw their text once the monospace font is in


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    idle(page)


def assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.content()


def test_two_members_join_and_submit_and_the_facilitator_sees_both(browser, server, server_db_url) -> None:
    facilitator = new_page(browser)
    facilitator.goto(f"{server}/facilitator")
    idle(facilitator)
    facilitator.get_by_role("textbox", name="Navn på arbeidsmøtet").fill("Vekting i nettleseren")
    click(facilitator, "Opprett arbeidsmøtet")
    assert_no_exception(facilitator)
    codes = [c.strip() for c in facilitator.locator('[data-testid="stCode"] code').all_inner_texts()]
    key, link = codes[0], next(c for c in codes if "join=" in c)
    assert link.startswith(f"{server}/workshop?join=")  # a full link built from the address in use
    assert key not in facilitator.url
    screenshot(facilitator, "workshop-facilitator-created")

    service = WorkshopService(server_db_url)
    try:
        assert service.workshop_info(key).name == "Vekting i nettleseren"
        for i, name in enumerate(NAMES):
            member = new_page(browser)  # a separate context: its own cookies and Streamlit session
            member.goto(link)
            idle(member)
            member.get_by_role("textbox", name="Navnet ditt").fill(name)
            click(member, "Bli med")
            assert "member=" in member.url and "join=" not in member.url
            if i:  # the second member leans the first comparison towards its first criterion
                member.get_by_role("slider").first.focus()
                for _ in range(3):
                    member.keyboard.press("ArrowRight")
                idle(member)
            click(member, "Send inn")
            assert member.get_by_text("Du har sendt inn i runde 1").count() == 1
            assert member.get_by_text(name, exact=True).count() >= 1  # shown as typed
            assert member.locator("b", has_text="x").count() == 0
            assert_no_exception(member)
            screenshot(member, f"workshop-member-{i + 1}-submitted")
            member.context.close()

        click(facilitator, "Jeg har tatt vare på nøkkelen")
        click(facilitator, "Oppdater")
        assert facilitator.get_by_text("2 av 2 deltakere har sendt inn").count() == 1
        for name in NAMES:
            assert facilitator.get_by_text(f"✓ {name}", exact=True).count() == 1
        assert facilitator.locator(".vega-embed").count() >= 4  # the dashboard's charts are drawn
        assert_no_exception(facilitator)
        screenshot(facilitator, "workshop-facilitator-dashboard")
        result = service.group_result(key)
        assert [(m.label.nb, m.submitted) for m in result.members] == [(n, True) for n in NAMES]
    finally:
        service.dispose()
        facilitator.context.close()
