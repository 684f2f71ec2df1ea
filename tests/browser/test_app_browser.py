"""The app in a real headless Chromium: every page loads, a weight moves, no exception appears."""

from __future__ import annotations

import pytest

from .conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.browser

PAGES = {"problem": "", "weights": "weights", "ranking": "ranking", "compare": "compare", "robustness": "robustness"}
TITLES = {
    "problem": "Norske posisjoner",
    "weights": "Vekting av kriteriene",
    "ranking": "Rangering av posisjonene",
    "compare": "Sammenlign rangeringer",
    "robustness": "Hvor sikker er rangeringen?",
}


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 2000}, locale="nb-NO")
    pg = context.new_page()
    pg.base = server  # type: ignore[attr-defined]
    yield pg
    context.close()


def visit(page, path: str) -> None:
    page.goto(f"{page.base}/{path}")
    wait_until_idle(page)


def assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.content()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_loads_without_exception(page, name: str) -> None:
    visit(page, PAGES[name])
    assert TITLES[name] in page.locator("h1").first.inner_text()
    assert_no_exception(page)
    if name in ("ranking", "compare", "robustness"):
        # the Altair charts are drawn (a cold server can be idle a moment before the first one is)
        page.wait_for_selector(".vega-embed", timeout=30_000)
    assert screenshot(page, f"{name}-nb").stat().st_size > 10_000


def test_moving_a_weight_updates_the_page_without_exception(page) -> None:
    visit(page, "weights")
    slider = page.get_by_role("slider").first
    before = slider.get_attribute("aria-valuetext")
    slider.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    # the rerun rebalances the other sliders; wait until the page shows it (sum back to 100)
    page.wait_for_function(
        """(before) => {
            const values = Array.from(document.querySelectorAll('input[type=range]'))
                .map(e => parseFloat(e.getAttribute('aria-valuetext')));
            const total = values.reduce((a, b) => a + b, 0);
            return values[0] > before && values[1] < before && Math.abs(total - 100) < 1;
        }""",
        arg=float(before),
        timeout=60_000,
    )
    wait_until_idle(page)
    assert_no_exception(page)
    screenshot(page, "weights-moved")
    visit(page, "ranking")
    assert_no_exception(page)
    screenshot(page, "ranking-after-move")


def test_english_toggle(page) -> None:
    visit(page, "ranking")
    page.get_by_text("English").click()
    wait_until_idle(page)
    assert "Ranking of the positions" in page.locator("h1").first.inner_text()
    assert_no_exception(page)
    screenshot(page, "ranking-en")


def test_downloads_from_the_ranking_page_open_in_their_readers(page, tmp_path) -> None:
    import openpyxl

    from mcda.scenario import load_scenario_file

    visit(page, "ranking")
    page.get_by_text("Last ned til rapporten").click()
    with page.expect_download(timeout=60_000) as excel:
        page.get_by_role("button", name="Excel").click()
    xlsx = tmp_path / excel.value.suggested_filename
    excel.value.save_as(xlsx)
    assert xlsx.name.endswith(".xlsx")
    book = openpyxl.load_workbook(xlsx)
    assert "Rangering" in book.sheetnames
    with page.expect_download(timeout=60_000) as scenario:
        page.get_by_role("button", name="Scenario").click()
    path = tmp_path / scenario.value.suggested_filename
    scenario.value.save_as(path)
    loaded = load_scenario_file(path)
    assert loaded.reproduces(loaded.rank()) and loaded.result
    assert_no_exception(page)


def test_problem_page_at_its_own_address_and_streamlit_texts_in_bokmal(page) -> None:
    visit(page, "problem")
    assert TITLES["problem"] in page.locator("h1").first.inner_text()
    assert "Page not found" not in page.content()
    page.get_by_role("tab", name="Last opp").click()
    wait_until_idle(page)
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    shown = dropzone.evaluate(
        """e => [...e.querySelectorAll('p, span')].map(n => getComputedStyle(n, '::after').content).join(' ')"""
    )
    assert "Last opp" in shown and "MB per fil" in shown
    screenshot(page, "problem-upload-nb")


def test_each_ranking_tab_draws_its_chart_when_opened(page) -> None:
    """Only the open tab's chart is sent (a weight change redraws one chart); another tab reruns for its own."""
    visit(page, "ranking")
    panels = page.locator('[data-testid="stMain"] [role="tabpanel"]')
    for n, name in enumerate(["Bidrag per kriterium", "Vekter", "Skår"]):
        page.get_by_role("tab", name=name).click()
        wait_until_idle(page)
        shown = panels.filter(has=page.locator(".vega-embed svg, .vega-embed canvas")).filter(visible=True)
        shown.first.wait_for(timeout=30_000)
        assert shown.count() == 1, f"{name}: one drawn chart, in the open tab"
        assert_no_exception(page)
        screenshot(page, f"ranking-tab-{n}")


def test_a_new_browser_fetches_the_charts_code_early_and_once(page) -> None:
    """serve.py lists the first page's element code as module preloads once the page has loaded
    (ui/preload.py): the browser fetches the chart's code before the chart arrives, at the address the
    chart then imports it from, so no file is fetched twice."""
    visit(page, "ranking")
    page.wait_for_selector(".vega-embed svg, .vega-embed canvas", timeout=30_000)
    listed = page.eval_on_selector_all('link[rel="modulepreload"][data-first-paint]', "ls => ls.map(l => l.href)")
    fetched = page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/static/js/'))"
    )
    chart_code = [href for href in listed if "/ArrowVegaLiteChart." in href]
    assert len(chart_code) == 1, "the chart's code is listed by serve.py (Vite's own links carry no mark)"
    assert fetched.count(chart_code[0]) == 1
    assert sorted(set(fetched)) == sorted(fetched), "no script file fetched twice"
    assert_no_exception(page)


def test_streamlit_input_hints_and_empty_dropdown_in_bokmal(page) -> None:
    """Streamlit's own "Press Enter to submit form" and "No results" are covered by ours; a count stays."""
    after = "e => getComputedStyle(e, '::after').content"
    visit(page, "weights")
    page.locator('[data-testid="stForm"] [data-testid="stTextInput"] input').first.fill("Mitt sett")
    hint, count = page.locator('[data-testid="stForm"] [data-testid="InputInstructions"] > span').all()
    assert hint.evaluate(after) == '"Trykk Enter for å sende inn skjemaet"'
    assert count.evaluate(after) == "none" and count.inner_text() == "9/80"
    visit(page, "compare")
    page.locator('[data-testid="stMultiSelect"] input').first.click()
    page.keyboard.type("ingen slik posisjon")
    empty = page.locator('[role="listbox"] [role="option"] > span').first
    assert empty.evaluate(after) == '"Ingen treff"'
    page.keyboard.press("Escape")
    screenshot(page, "compare-no-results-nb")


def test_the_ranking_table_is_plain_html_with_its_style_and_help(page) -> None:
    """The ranking table goes through st.html (ui.tables), which sanitises it in the browser: the rows,
    our style and the possible ranks' tooltip must come through, and no interactive table is loaded."""
    visit(page, "ranking")
    table = page.locator("table.mcda-table")
    assert table.locator("tbody tr").count() == 17
    assert table.locator("tbody tr").first.locator("td").count() == 5
    assert "Beste og dårligste plass" in (table.locator("th[title]").get_attribute("title") or "")
    assert table.evaluate("t => getComputedStyle(t).borderCollapse") == "collapse"  # the style was kept
    assert page.locator('[data-testid="stDataFrame"]').count() == 0


def test_slider_values_with_a_decimal_comma_and_toolbar_tooltips_in_bokmal(page) -> None:
    """A slider's value and a table toolbar's tooltip are drawn by Streamlit in English style; ours replace them."""
    visit(page, "weights")
    thumbs = page.locator('[data-testid="stSliderThumbValue"] p')
    assert thumbs.first.inner_text() == "11,1" and thumbs.count() == 9
    visit(page, "")  # the problem page's tables (the ranking page's is plain HTML, without a toolbar)
    page.locator('[data-testid="stDataFrame"]').first.hover()
    page.get_by_role("button", name="Download as CSV").hover()  # the button's own label is Streamlit's
    tooltip = page.locator('[data-testid="stTooltipContent"] p')
    tooltip.first.wait_for(timeout=10_000)
    assert tooltip.first.inner_text() == "Last ned som CSV"


def test_lang_en_stays_in_the_address_across_the_navigation(page) -> None:
    visit(page, "ranking?lang=en")
    assert "Ranking of the positions" in page.locator("h1").first.inner_text()
    for label, title in [("Weights", "Weighting the criteria"), ("Comparison", "Compare rankings")]:
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text=label).first.click()
        wait_until_idle(page)
        page.wait_for_url("**?lang=en", timeout=10_000)  # put back after Streamlit dropped it
        assert title in page.locator("h1").first.inner_text()
    page.reload()
    wait_until_idle(page)
    assert "Compare rankings" in page.locator("h1").first.inner_text()
    assert_no_exception(page)
