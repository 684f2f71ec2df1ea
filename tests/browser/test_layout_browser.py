"""Layout in a real Chromium at a normal and two narrower windows (1200 and 1000 px, the sidebar open): no
element's box overlaps another's, a table wider than its box says so at its right edge (overlay scrollbars
show nothing until it is scrolled), no chart is drawn wider than its place and no widget's label is cut."""

from __future__ import annotations

import pytest

from .conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.browser

PAGES = ["problem", "weights", "ranking", "compare", "robustness", "outlooks"]
TABLES = {"problem", "compare", "outlooks"}  # pages with an interactive table in view when they open
HTML_TABLES = {"ranking"}  # pages whose table is plain HTML (ui.tables)
MARKED = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')].every(s =>
    s.scrollWidth <= s.clientWidth + 1 || s.offsetParent === null
    || s.closest('[data-testid="stDataFrame"]').hasAttribute('data-mcda-more'))"""
# the page's visible element containers, those holding no other (inside a closed expander or tab they take no room)
LEAVES = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')]
    .filter(e => e.offsetParent !== null && !e.closest('details:not([open])')
        && !e.querySelector('[data-testid="stElementContainer"]'))"""
OVERLAPS = (
    "() => { const boxes = ("
    + LEAVES
    + """)().map(e => ({r: e.getBoundingClientRect(), what: (e.innerText || e.firstElementChild?.dataset.testid || '')
        .slice(0, 50)})).filter(b => b.r.width > 1 && b.r.height > 1);
    const found = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 2 && h > 2) found.push([boxes[i].what, boxes[j].what]);
    }
    return found; }"""
)
# tables whose columns do not all fit: [the hint our script set, the text drawn at the table's right edge]
WIDE_TABLES = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')]
    .filter(f => f.offsetParent !== null && !f.closest('details:not([open])'))
    .map(f => [f, f.querySelector('.dvn-scroller')]).filter(([f, s]) => s && s.scrollWidth > s.clientWidth + 1)
    .map(([f, s]) => [f.getAttribute('data-mcda-more'), getComputedStyle(f, '::after').content])"""
# where each wide table's hint lies: [px from the grid's bottom down to the hint's top (>= 0: it covers no cell),
# the other elements its box overlaps]
HINT_PLACES = (
    """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"][data-mcda-more]')]
    .filter(f => f.offsetParent !== null && !f.closest('details:not([open])'))
    .map(f => {
        const hint = getComputedStyle(f, '::after'), box = f.getBoundingClientRect();
        const top = box.top + parseFloat(hint.top), bottom = top + parseFloat(hint.height);
        const left = box.right - parseFloat(hint.right) - parseFloat(hint.width), right = left + parseFloat(hint.width);
        const grid = f.querySelector('.dvn-scroller').getBoundingClientRect();
        const others = ("""
    + LEAVES
    + """)().filter(e => !e.contains(f)).map(e => [e.getBoundingClientRect(), e.innerText.slice(0, 30)])
            .filter(([r]) => Math.min(r.bottom, bottom) - Math.max(r.top, top) > 2
                && Math.min(r.right, right) - Math.max(r.left, left) > 2).map(([, what]) => what);
        return [Math.round(top - grid.bottom), others]; })"""
)
# charts whose drawing reaches past their own box or past their place in the page (the part outside is cut off)
CUT_CHARTS = """() => [...document.querySelectorAll('[data-testid="stMain"] .vega-embed svg')]
    .filter(svg => svg.getClientRects().length && !svg.closest('details:not([open])'))
    .map(svg => [svg.querySelector('g').getBoundingClientRect(), svg.getBoundingClientRect(),
        svg.closest('[data-testid="stElementContainer"]').getBoundingClientRect()])
    .map(([drawn, box, place]) => Math.round(Math.max(drawn.right - box.right, box.left - drawn.left,
        box.right - place.right, place.left - box.left)))
    .filter(cut => cut > 3)  // strokes may poke out a pixel"""
# widget labels the page cuts short ("L…" for "Lås"): their text is wider than their box
CUT_LABELS = """() => [...document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"]')]
    .filter(e => e.offsetParent !== null && !e.closest('details:not([open])') && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""

# buttons whose name the page cuts short ("E…" for "Excel", "Bruk i g…"): its text is wider than its box
CUT_BUTTONS = """() => [...document.querySelectorAll(
        '[data-testid="stMain"] button [data-testid="stMarkdownContainer"]')]
    .filter(e => e.offsetParent !== null && !e.closest('details:not([open])') && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""

# opens every closed expander in view (by its summary, as a click would); how many it opened
OPEN_EXPANDERS = """() => [...document.querySelectorAll('[data-testid="stMain"] details:not([open]) > summary')]
    .filter(s => s.offsetParent !== null).map(s => s.click()).length"""

# true once the expanders' heights are the same as at the previous poll
SETTLED = """() => { const now = JSON.stringify([...document.querySelectorAll('[data-testid="stMain"] details')]
    .map(d => d.getBoundingClientRect().height));
    const same = window.__expanderHeights === now; window.__expanderHeights = now; return same; }"""


@pytest.fixture(params=[1400, 1200, 1000], ids=["normal", "narrower", "narrow"])
def page(request, browser, server):
    context = browser.new_context(viewport={"width": request.param, "height": 1600}, locale="nb-NO")
    pg = context.new_page()
    pg.base = server  # type: ignore[attr-defined]
    pg.width = request.param  # type: ignore[attr-defined]
    yield pg
    context.close()


def check_layout(page, where: str) -> None:
    assert page.evaluate(OVERLAPS) == [], f"{where}: boxes overlap"
    hints = page.evaluate(WIDE_TABLES)
    assert all(hint == "Flere kolonner til høyre ›" and drawn == f'"{hint}"' for hint, drawn in hints), (where, hints)
    assert all(below >= -1 and not others for below, others in page.evaluate(HINT_PLACES)), (where, "a hint covers")
    assert page.evaluate(CUT_CHARTS) == [], f"{where}: a chart is cut"
    assert page.evaluate(CUT_LABELS) == [], f"{where}: a label is cut"
    assert page.evaluate(CUT_BUTTONS) == [], f"{where}: a button's name is cut"
    assert page.evaluate(OVERLAPPING_LABELS) == [], f"{where}: a chart's axis labels overlap or touch"


@pytest.mark.parametrize("name", PAGES)
def test_no_overlaps_wide_tables_hinted_and_charts_whole(page, name: str) -> None:
    page.goto(f"{page.base}/{name}")
    wait_until_idle(page)
    if name != "problem":
        page.wait_for_selector('[data-testid="stMain"] .vega-embed svg', timeout=30_000)
    if name in TABLES:
        page.wait_for_selector('[data-testid="stMain"] [data-testid="stDataFrame"] .dvn-scroller', timeout=30_000)
        page.wait_for_function(MARKED, timeout=10_000)  # our script marks a wide table once it is drawn
    if name in HTML_TABLES:
        page.wait_for_selector('[data-testid="stMain"] table.mcda-table tbody tr', timeout=30_000)
    check_layout(page, name)
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for k in range(1, tabs.count() if name == "problem" else 0):
        tabs.nth(k).click()
        page.wait_for_timeout(300)  # a tab opens in the browser, without a script run
        check_layout(page, f"{name}, tab {k + 1}")
    if page.evaluate(OPEN_EXPANDERS):  # an expander opens in the browser, without a script run
        page.wait_for_function(SETTLED, polling=250, timeout=10_000)  # they open with an animation
        check_layout(page, f"{name}, every expander in view open")
    screenshot(page, f"layout-{name}-{page.width}")


def test_the_hint_goes_when_the_table_is_scrolled_to_its_end(page) -> None:
    page.goto(f"{page.base}/problem")
    wait_until_idle(page)
    table = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    table.locator(".dvn-scroller").wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stDataFrame\"][data-mcda-more]') !== null")
    table.locator(".dvn-scroller").evaluate("s => s.scrollTo({left: s.scrollWidth})")
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stMain"] [data-testid="stDataFrame"]\')'
        ".hasAttribute('data-mcda-more')",
        timeout=5_000,
    )


# the charts' texts Vega cut with "…" (the tooltip keeps the whole text)
CUT_CHART_TEXTS = """() => [...document.querySelectorAll('[data-testid="stMain"] .vega-embed svg text')]
    .filter(t => t.getClientRects().length).map(t => t.textContent).filter(t => t.includes('…'))"""
# the labels of one axis whose boxes overlap another's (two-line labels need a taller step) or lie side by
# side less than 3 px apart ("10 %12 %" read as one label); Vega hides the tick labels that would (opacity 0).
# Slanted labels are left out: their boxes overlap where the texts do not
OVERLAPPING_LABELS = """() => [...document.querySelectorAll('[data-testid="stMain"] .vega-embed svg .role-axis-label')]
    .flatMap(g => { const boxes = [...g.querySelectorAll('text')].filter(t => t.getAttribute('opacity') !== '0'
            && getComputedStyle(t).opacity !== '0' && !(t.getAttribute('transform') || '').includes('rotate'))
            .map(t => [t.textContent, t.getBoundingClientRect()]);
        return boxes.filter(([, a], i) => boxes.some(([, b], j) => i !== j
            && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
            && Math.min(a.right, b.right) - Math.max(a.left, b.left) > -3)).map(([what]) => what); })"""


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_weights_chart_shows_every_criterion_name_whole(page, lang: str) -> None:
    """Before: at 1000 px the weights page's column cut five of the nine names ("Industrielt grun…")."""
    page.goto(f"{page.base}/weights" + ("?lang=en" if lang == "en" else ""))
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stMain"] .vega-embed svg .role-axis-label text', timeout=30_000)
    assert page.evaluate(CUT_CHART_TEXTS) == []
    assert page.evaluate(OVERLAPPING_LABELS) == []
    check_layout(page, f"weights ({lang})")
    screenshot(page, f"layout-weights-names-{lang}-{page.width}")
