"""Roles through AppTest: the laptop stays open; on a served instance observers only read, members reach only
their workshop, the secretariat signs in; hidden write controls refuse when called anyway."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mcda.hosting import Throttle
from mcda.hosting.passphrase import hash_passphrase
from mcda.storage import Database, ExpertEditStore, WeightSetStore
from mcda.workshop import WorkshopService

from .conftest import APP, TIMEOUT, html_tables, no_errors, open_page

PASSPHRASE = "fjord lemen nordlys 42"
PROBLEM_ID = "prosess21-crm-positions"


@pytest.fixture
def served(db_url, monkeypatch) -> str:
    """A served instance: a secretariat passphrase configured (small scrypt parameters for speed)."""
    monkeypatch.setenv("MCDA_SECRETARIAT_HASH", hash_passphrase(PASSPHRASE, n=2**10))
    monkeypatch.setenv("MCDA_PUBLIC_URL", "https://mcda.example.no")
    return db_url


def session(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.run()
    no_errors(at)
    return at


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.error, *at.title, *at.success])


def sign_in(at: AppTest, passphrase: str = PASSPHRASE) -> AppTest:
    open_page(at, "signin")
    at.text_input(key="signin.passphrase").input(passphrase)
    at.button[0].click().run()  # the form's submit button
    return at


def test_the_laptop_default_is_open_without_a_sign_in(db_url) -> None:
    at = session()
    assert len(at.tabs) == 6  # the upload tab as today
    assert at.text_input(key="edit.author")  # the expert-judgment form
    with pytest.raises(ValueError):
        at.switch_page("app_pages/signin.py")  # nothing to sign in with: no sign-in page
    open_page(at, "workshop_facilitator")
    assert at.button(key="ws.create.button")  # the facilitator's form, as today
    open_page(at, "weights")
    assert at.text_input(key="weights.save.name")


def test_an_observer_reads_but_sees_no_write_controls(served) -> None:
    at = session()
    assert "observatør" in texts(at)
    assert len(at.tabs) == 5  # no upload tab
    with pytest.raises(KeyError):
        at.text_input(key="edit.author")
    assert "Bare sekretariatet" in texts(at)
    open_page(at, "weights")
    with pytest.raises(KeyError):
        at.text_input(key="weights.save.name")
    open_page(at, "ranking")
    assert html_tables(at)  # the ranking is there to read


def test_the_facilitator_page_is_not_in_an_observers_or_a_members_navigation(served) -> None:
    for at in (session(), session(join="ABCD2345")):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("app_pages/workshop_facilitator.py")


def test_the_facilitator_page_itself_refuses_a_session_that_is_not_the_secretariat(served) -> None:
    at = AppTest.from_file(str(Path(APP).parent / "app_pages" / "workshop_facilitator.py"), default_timeout=TIMEOUT)
    at.run()
    assert at.error and "sekretariatet" in at.error[0].value
    with pytest.raises(KeyError):
        at.button(key="ws.create.button")


def test_a_member_reaches_only_the_workshop(served) -> None:
    service = WorkshopService(served)
    try:
        created = service.create_workshop("Vekting", ["industrial_base", "eu_demand"], "direct")
        assert created.join_link == f"https://mcda.example.no/workshop?join={created.join_code}"
    finally:
        service.dispose()
    at = session(join=created.join_code)
    at.switch_page("app_pages/workshop_member.py")
    at.run()
    at.text_input(key="ws.join.name").input("Kari")
    at.button(key="ws.join.button").click().run()
    no_errors(at)
    assert "deltaker i et arbeidsmøte" in texts(at).lower() or "arbeidsmøte via lenken" in texts(at)
    for page in ("problem", "weights", "ranking", "workshop_facilitator", "signin"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"app_pages/{page}.py")
    assert "Kari" in " ".join(str(x.value) for x in at.text)  # the member page, with the member's name


SCRIPT_EDIT = """
from ui.problem_forms import edit_form
from ui.state import init_state, problem
init_state()
edit_form(problem())
"""

SCRIPT_SAVE = """
from mcda.models import WeightSet
from ui.state import init_state, problem
from ui.weight_sets import save_form
init_state()
p = problem()
save_form(p, WeightSet.equal(p.criterion_ids))
"""


def test_hidden_write_controls_refuse_when_called_anyway(served) -> None:
    edit = AppTest.from_string(SCRIPT_EDIT, default_timeout=TIMEOUT)
    edit.run()
    edit.number_input(key="edit.value").set_value(3.0)
    edit.text_input(key="edit.author").input("Ola")
    edit.text_area(key="edit.rationale").input("Fordi")
    edit.button[0].click().run()
    assert edit.error and "sekretariatet" in edit.error[0].value
    database = Database(served)
    try:
        assert ExpertEditStore(database).history(PROBLEM_ID) == []
        save = AppTest.from_string(SCRIPT_SAVE, default_timeout=TIMEOUT)
        save.run()
        save.text_input(key="weights.save.name").input("Mine")
        save.button[0].click().run()
        assert save.error and "sekretariatet" in save.error[0].value
        assert WeightSetStore(database).list(PROBLEM_ID) == []
    finally:
        database.dispose()


def test_the_secretariat_signs_in_and_may_write(served) -> None:
    at = session()
    sign_in(at, "feil passfrase her")
    assert at.error and "passfrase" in at.error[0].value
    sign_in(at)
    no_errors(at)
    assert at.success and "logget inn som sekretariatet" in at.success[0].value.lower()
    open_page(at, "workshop_facilitator")
    at.text_input(key="ws.create.name").input("Sekretariatets møte")
    at.button(key="ws.create.button").click().run()
    no_errors(at)
    codes = [c.value for c in at.code]
    assert any(c.startswith("https://mcda.example.no/workshop?join=") for c in codes)
    open_page(at, "weights")
    at.text_input(key="weights.save.name").input("Sekretariatets vekter")
    next(b for b in at.button if b.proto.form_id == "save_weights").click().run()
    no_errors(at)
    database = Database(served)
    try:
        assert [w.name for w in WeightSetStore(database).list(PROBLEM_ID)] == ["Sekretariatets vekter"]
    finally:
        database.dispose()


def test_wrong_passphrases_are_slowed_down(served, monkeypatch) -> None:
    import ui.access

    slow = Throttle(free_tries=3, first_wait=600, max_wait=600)  # the app's throttle, with a wait no test run outlasts
    monkeypatch.setattr(ui.access, "throttle", lambda: slow)
    at = session()
    for _ in range(4):
        sign_in(at, "feil passfrase her")
        assert "ikke sekretariatets passfrase" in at.error[0].value
    sign_in(at)  # after four wrong tries even the right one must wait
    assert at.error and "vent 600 sekunder" in at.error[0].value
    open_page(at, "signin")
    assert at.text_input(key="signin.passphrase")  # still not signed in


def test_without_open_id_connect_configured_the_passphrase_is_the_way_in(served) -> None:
    at = session()
    open_page(at, "signin")
    assert at.text_input(key="signin.passphrase")
    with pytest.raises(KeyError):
        at.button(key="signin.oidc")


def test_an_unsafe_bind_without_a_credential_serves_nothing(db_url) -> None:
    """``streamlit run --server.address 0.0.0.0`` by hand, without ``mcda serve`` and no credential."""
    from streamlit import config

    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.run()
    finally:
        config.set_option("server.address", before)
    assert at.error and "MCDA_SECRETARIAT_HASH" in at.error[0].value
    assert not at.dataframe and not at.tabs
