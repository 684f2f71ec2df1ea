"""User text in error, warning and success boxes stays literal: no bold, no images fetched."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from mcda.workshop import WorkshopService

from .conftest import APP, TIMEOUT, html_table_columns, open_page

HOSTILE = "![p](http://127.0.0.1:9/x.png) **bold**"


def _literal(body: str) -> None:
    assert "![p](" not in body and "**bold**" not in body  # would render an image and bold text
    assert r"\!\[p\](http\://127.0.0.1\:9/x.png) \*\*bold\*\*" in body  # shown as typed


def test_a_rejected_value_is_shown_as_plain_text(app: AppTest) -> None:
    criteria = open("tests/fixtures/small_criteria.yaml", "rb").read()
    data = open("tests/fixtures/small_data.csv", encoding="utf-8").read().splitlines()
    header = data[0].split(",")
    row = data[1].split(",")
    row[header.index("price")] = HOSTILE
    bad = "\n".join([data[0], ",".join(row), *data[2:]]).encode()
    app.file_uploader(key="upload.criteria").set_value(("c.yaml", criteria, "application/x-yaml"))
    app.file_uploader(key="upload.data").set_value(("d.csv", bad, "text/csv"))
    next(b for b in app.button if b.label == "Kontroller og bruk filene").click().run()
    assert not app.exception
    _literal(app.error[0].value)


def test_a_taken_display_name_is_echoed_as_plain_text(app: AppTest, db_url) -> None:
    service = WorkshopService(db_url)
    try:
        ws = service.create_workshop(name="Vekting", criteria=["eu_demand", "supply_risk"])
        service.join(ws.join_code, HOSTILE)
    finally:
        service.dispose()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.query_params.update(join=ws.join_code)
    open_page(at, "workshop_member")
    at.text_input(key="ws.join.name").input(HOSTILE)
    at.button(key="ws.join.button").click().run()
    assert not at.exception
    _literal(at.error[0].value)


def test_a_saved_weight_set_name_is_shown_as_plain_text(app: AppTest) -> None:
    open_page(app, "weights")
    app.text_input(key="weights.save.name").input(HOSTILE)
    next(b for b in app.button if b.label == "Lagre vektsettet").click().run()
    assert not app.exception
    _literal(app.success[0].value)


def test_a_criterion_name_in_the_ranking_notes_is_plain_text(app: AppTest) -> None:
    """Names from an uploaded criteria file reach the note naming the cells treated as intervals."""
    criteria = open("tests/fixtures/small_criteria.yaml", encoding="utf-8").read()
    criteria = criteria.replace("name: {en: Speed, nb: Fart}", f"name: '{HOSTILE}'")
    data = open("tests/fixtures/small_data.csv", encoding="utf-8").read().replace("Beta,200,16,8", "Beta,200,16,")
    app.file_uploader(key="upload.criteria").set_value(("c.yaml", criteria.encode(), "application/x-yaml"))
    app.file_uploader(key="upload.data").set_value(("d.csv", data.encode(), "text/csv"))
    next(b for b in app.button if b.label == "Kontroller og bruk filene").click().run()
    assert not app.exception and not app.error
    open_page(app, "ranking")
    warnings = [w.value for w in [*app.warning, *app.info] if "bold" in w.value]
    assert warnings
    _literal(warnings[0])


# --- names anywhere Streamlit reads Markdown ---------------------------------------------------------------

NAME = "**fet** [lenke](http://e.no) $x$ <b>b</b>"
RAW = ("**fet**", "[lenke](", "$x$", "<b>")  # what Markdown, KaTeX or HTML would render, when not escaped
AS_TYPED = {"text", "code", "arrow_data_frame", "vega_lite_chart", "html", "json"}  # elements that draw plain text
CRITERIA = f"""problem:
  id: names
  name: '{NAME}'
  description: '{NAME}'
groups:
  - id: g1
    name: '{NAME} G1'
    children: [price, quality]
  - id: g2
    name: '{NAME} G2'
    children: [speed]
criteria:
  - id: price
    name: '{NAME} pris'
    direction: cost
    unit: '{NAME}'
    description: '{NAME}'
  - id: quality
    name: '{NAME} kvalitet'
    direction: benefit
  - id: speed
    name: '{NAME} fart'
    direction: benefit
"""
DATA = "id,name,name_en,material,stage,price,quality,speed\n" + "".join(
    f"{a},{NAME} {a},{NAME} {a},{NAME},{NAME},{price},{quality},{speed}\n"
    for a, price, quality, speed in [("A", 250, 16, 12), ("B", 200, 16, ""), ("C", 300, 32, 16), ("D", 275, 32, 8)]
)
OUTLOOK = f"""id: dearer
name: '{NAME} O'
description: '{NAME}'
author: '{NAME}'
date: 2026-12-01
changes: []
weights:
  - criterion: price
    multiply: 3
    rationale: '{NAME}'
"""


def markdown_leaks(at: AppTest) -> list[tuple[str, str]]:
    """Every text Streamlit renders as Markdown (bodies, labels, help, tab and expander labels, radio options)
    that holds a name unescaped."""
    found = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None or node.type in AS_TYPED:
            continue
        texts = []
        if proto.DESCRIPTOR.name == "Block":
            kind = proto.WhichOneof("type")
            if kind == "expandable":
                texts.append(("expander", proto.expandable.label))
            elif kind == "tab":
                texts.append(("tab", proto.tab.label))
        else:
            fields = {f.name for f in proto.DESCRIPTOR.fields}
            texts += [(f"{node.type}.{f}", getattr(proto, f)) for f in ("body", "label", "help") if f in fields]
            if node.type == "radio":
                texts += [("radio option", option) for option in proto.options]
        found += [(where, text) for where, text in texts if any(raw in text for raw in RAW)]
    return found


def test_names_from_an_uploaded_problem_are_never_markdown_on_any_page(app: AppTest) -> None:
    app.file_uploader(key="upload.criteria").set_value(("c.yaml", CRITERIA.encode(), "application/x-yaml"))
    app.file_uploader(key="upload.data").set_value((f"{NAME}.csv", DATA.encode(), "text/csv"))
    next(b for b in app.button if b.label == "Kontroller og bruk filene").click().run()
    assert not app.exception and not app.error
    leaks = {"problem": markdown_leaks(app)}
    open_page(app, "weights")
    leaks["weights"] = markdown_leaks(app)
    for mode in ("ahp", "tree", "swing"):
        app.radio(key="weights.mode.nb").set_value(mode).run()
        leaks[f"weights {mode}"] = markdown_leaks(app)
    app.radio(key="weights.mode.nb").set_value("tree").run()
    app.radio(key="tree.node.nb").set_value("g1").run()
    leaks["tree node"] = markdown_leaks(app)
    app.radio(key="tree.method.g1.nb").set_value("ahp").run()
    leaks["tree node ahp"] = markdown_leaks(app)
    app.radio(key="weights.mode.nb").set_value("swing").run()
    app.multiselect(key="swing.order.criteria.nb").set_value(["price", "quality", "speed"]).run()
    leaks["swing points"] = markdown_leaks(app)
    for page in ("ranking", "compare", "gaps", "robustness", "value_chains", "outlooks"):
        open_page(app, page)
        leaks[page] = markdown_leaks(app)
    app.file_uploader(key="outlooks.upload.file").set_value(("o.yaml", OUTLOOK.encode(), "application/x-yaml")).run()
    app.multiselect(key="outlooks.pick.nb").set_value(["today", "dearer"]).run()
    app.toggle(key="outlooks.use_probabilities").set_value(True).run()
    assert not app.exception and not app.error
    leaks["outlooks with one uploaded"] = markdown_leaks(app)
    assert not {page: found for page, found in leaks.items() if found}


def test_a_position_name_in_the_ranking_table_is_plain_text(app: AppTest) -> None:
    """The ranking table is HTML (ui.tables): a name from an uploaded data file is text in it, not markup."""
    hostile = "<img src=http://127.0.0.1:9/x.png onerror=alert(1)> & <b>bold</b>"
    criteria = open("tests/fixtures/small_criteria.yaml", "rb").read()
    data = open("tests/fixtures/small_data.csv", encoding="utf-8").read().replace(",Beta,", f",{hostile},", 1)
    app.file_uploader(key="upload.criteria").set_value(("c.yaml", criteria, "application/x-yaml"))
    app.file_uploader(key="upload.data").set_value(("d.csv", data.encode(), "text/csv"))
    next(b for b in app.button if b.label == "Kontroller og bruk filene").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    open_page(app, "ranking")
    assert hostile in html_table_columns(app)["Posisjon"]  # read back as the text it is
    body = next(h.proto.body for h in app.get("html") if "Posisjon" in h.proto.body)
    assert "<img" not in body and "<b>" not in body
    assert "&lt;img src=http://127.0.0.1:9/x.png onerror=alert(1)&gt;" in body
    assert "&amp; &lt;b&gt;bold&lt;/b&gt;" in body
