"""The outlook and value-chain pages in a real headless Chromium: they load, draw their charts and
show the robust choice and the map without an exception."""

from __future__ import annotations

import pytest

from .conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 2600}, locale="nb-NO")
    pg = context.new_page()
    pg.base = server  # type: ignore[attr-defined]
    yield pg
    context.close()


def _visit(page, path: str) -> None:
    page.goto(f"{page.base}/{path}")
    wait_until_idle(page)
    page.wait_for_selector(".vega-embed", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.content()


def test_outlook_page_shows_the_robust_choice_and_its_charts(page) -> None:
    _visit(page, "outlooks")
    assert "Fremtidsbilder" in page.locator("h1").first.inner_text()
    assert page.get_by_text("taper færrest plasser i verste fall").count() == 1
    assert page.locator(".vega-embed").count() == 2  # bump chart and rank ranges
    assert screenshot(page, "outlooks-nb").stat().st_size > 10_000


def test_value_chain_page_draws_the_map(page) -> None:
    _visit(page, "value-chains")
    assert page.locator("h1").first.inner_text() == "Verdikjedene"
    svg_or_canvas = page.locator(".vega-embed canvas, .vega-embed svg")
    assert svg_or_canvas.count() >= 1
    assert screenshot(page, "value-chains-nb").stat().st_size > 10_000
