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
