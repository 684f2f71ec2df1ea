"""A member's walk with hostile uploads: negative values, absurd numbers; every message in the
page's language, every number readable."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .conftest import open_page

CRITERIA = open("tests/fixtures/small_criteria.yaml", "rb").read()


def _upload(app: AppTest, rows: list[str]) -> None:
    data = ("id,name,name_en,price,quality,speed\n" + "\n".join(rows) + "\n").encode()
    app.file_uploader(key="upload.criteria").set_value(("c.yaml", CRITERIA, "application/x-yaml"))
    app.file_uploader(key="upload.data").set_value(("d.csv", data, "text/csv"))
    next(b for b in app.button if b.label.startswith(("Kontroller", "Check"))).click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]


NEGATIVE = ["A,Alfa,Alpha,-5,16,12", "B,Beta,Beta,200,16,8", "C,Gamma,Gamma,300,32,16", "D,Delta,Delta,275,32,8"]


def test_entropy_weights_of_a_negative_value_say_where_in_bokmal(app: AppTest) -> None:
    _upload(app, NEGATIVE)
    open_page(app, "weights")
    messages = [e.value for e in app.error]
    assert len(messages) == 1
    assert "entropivekter krever verdier på 0 eller mer" in messages[0]
    assert "Pris for Alfa er \u22125" in messages[0]
    assert "entropy" not in messages[0] and ">=" not in messages[0]


def test_entropy_weights_of_a_negative_value_say_where_in_english(app: AppTest) -> None:
    app.toggle(key="lang.toggle").set_value(True).run()
    _upload(app, NEGATIVE)
    open_page(app, "weights")
    messages = [e.value for e in app.error]
    assert len(messages) == 1 and "Price of Alpha is \u22125" in messages[0]
