"""The value tree and swing modes of the weights page in a real headless Chromium."""

from __future__ import annotations

import pytest

from .conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 2000}, locale="nb-NO")
    pg = context.new_page()
    pg.base = server  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_tree_mode_walks_the_nodes_and_draws_the_tree(page) -> None:
    page.goto(f"{page.base}/weights")
    wait_until_idle(page)
    page.get_by_text("Verditre (node for node)", exact=True).click()
    wait_until_idle(page)
    page.get_by_text("Alle kriterier › Bærekraft", exact=True).click()
    wait_until_idle(page)
    main = page.locator('[data-testid="stMain"]')
    assert "Vekting innenfor «Bærekraft»" in main.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    screenshot(page, "weights-tree")


def test_swing_mode_states_each_swing_and_the_data_note(page) -> None:
    page.goto(f"{page.base}/weights")
    wait_until_idle(page)
    page.get_by_text("Swingvekter", exact=True).first.click()
    wait_until_idle(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Sprangene går fra den dårligste til den beste verdien" in text
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "weights-swing")
