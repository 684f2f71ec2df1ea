"""The knowledge-gap page in a real headless Chromium: the list, the chart, the explanation and the
link to the Problem page, in bokmål and English, without an exception."""

from __future__ import annotations

import pytest

from .conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 2200}, locale="nb-NO")
    pg = context.new_page()
    pg.base = server  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_the_gap_page_shows_the_list_the_chart_and_leads_to_the_problem_page(page) -> None:
    page.goto(f"{page.base}/gaps")
    wait_until_idle(page)
    assert "Kunnskapshull" in page.locator("h1").first.inner_text()
    page.wait_for_selector(".vega-embed", timeout=30_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Fyll inn disse først" in main and "Slik leser du listen" in main
    assert "27 verdier er ukjente eller usikre" in main
    assert page.locator('[data-testid="stException"]').count() == 0
    assert screenshot(page, "gaps-nb").stat().st_size > 10_000

    page.get_by_text("English", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('h1') && document.querySelector('h1').innerText.includes('Knowledge gaps')",
        timeout=45_000,
    )
    wait_until_idle(page)
    page.wait_for_selector(".vega-embed", timeout=30_000)
    assert "Fill these in first" in page.locator('[data-testid="stMain"]').inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert screenshot(page, "gaps-en").stat().st_size > 10_000

    page.get_by_role("link", name="To the Problem page").click()
    page.wait_for_function(
        "() => document.querySelector('h1') && document.querySelector('h1').innerText.includes('Norwegian positions')",
        timeout=45_000,
    )
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
