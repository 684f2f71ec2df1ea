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


CONSTANT = ["A,Alfa,Alpha,5,16,8", "B,Beta,Beta,5,16,8", "C,Gamma,Gamma,5,16,8", "D,Delta,Delta,5,16,8"]


def test_undefined_agreement_shows_a_dash_and_says_why(app: AppTest) -> None:
    """Every position tied (no criterion varies): the agreement of the methods is undefined, shown
    as "–" (the grid would write "None" for an empty number) with the note saying what it means."""
    _upload(app, CONSTANT)
    open_page(app, "robustness")
    app.session_state["robustness.tab"] = "Metoderobusthet"
    app.run()
    assert not app.exception
    agreement = next(d.value for d in app.dataframe if "Gjennomsnittlig samsvar med de andre" in d.value.columns)
    shown = agreement["Gjennomsnittlig samsvar med de andre"].tolist()
    assert shown and all(v == "\u2013" for v in shown), shown
    assert any("(– i tabellen)" in i.value for i in app.info)
