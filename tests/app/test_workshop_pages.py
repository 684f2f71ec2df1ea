"""The workshop pages through AppTest: create, join, weigh with live CR, submit, revise, rounds, dashboard, save.

Each test has its own SQLite file (``db_url``); the app's service and the test's service open the
same file, so the test can set a workshop up directly and check what the pages stored.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from mcda.formatting import format_percent
from mcda.storage import Database, WeightSetStore
from mcda.workshop import WorkshopService

from .conftest import APP, TIMEOUT, no_errors, open_page

CRITERIA = ["industrial_base", "eu_demand", "supply_risk", "maturity"]  # complete in the shipped data
PROBLEM_ID = "prosess21-crm-positions"
MATRICES = [
    [[1, 3, 5, 2], ["1/3", 1, 2, 1], ["1/5", "1/2", 1, "1/2"], ["1/2", 1, 2, 1]],
    [[1, "1/2", 1, 3], [2, 1, 2, 5], [1, "1/2", 1, 3], ["1/3", "1/5", "1/3", 1]],
    [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]],
]
MARKDOWN_KINDS = {"markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error", "toast"}


@pytest.fixture
def service(db_url):
    svc = WorkshopService(db_url)
    yield svc
    svc.dispose()


def member_app(**query: str) -> AppTest:
    """A fresh browser session on the member page, with ``?join=`` or ``?member=`` in its address."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.query_params.update(query)
    return open_page(at, "workshop_member")


def open_as_facilitator(at: AppTest, key: str) -> AppTest:
    open_page(at, "workshop_facilitator")
    at.text_input(key="ws.open.key").input(key)
    at.button(key="ws.open.button").click().run()
    no_errors(at)
    return at


def markdown_texts(at: AppTest) -> list[str]:
    """Every string the page renders as markdown: texts, captions, alerts, headings, labels, metrics."""
    out: list[str] = []

    def walk(node) -> None:
        kind = getattr(node, "type", None)
        if kind in MARKDOWN_KINDS:
            out.append(node.value)
        elif kind == "metric":
            out.extend([node.label, node.value, node.proto.delta])
        elif kind == "progress":
            out.append(node.proto.text)
        if isinstance(getattr(node, "label", None), str):
            out.append(node.label)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return out


def frame_cells(at: AppTest) -> set[str]:
    """Every cell and column title of every dataframe on the page, as text."""
    cells: set[str] = set()
    for frame in at.dataframe:
        df = frame.value
        cells.update(str(c) for c in df.columns)
        cells.update(str(v) for v in df.to_numpy().ravel())
    return cells


def submitted(service: WorkshopService, key: str, names: list[str], matrices=MATRICES) -> list[str]:
    created = service.workshop_info(key)
    tokens = [service.join(created.join_code, name).token for name in names]
    for token, matrix in zip(tokens, matrices):
        service.submit(token, matrix)
    return tokens


# --- facilitator: create -----------------------------------------------------------------------


def test_the_facilitator_creates_a_workshop_and_sees_the_key_once_and_the_code(app: AppTest, db_url, service) -> None:
    open_page(app, "workshop_facilitator")
    app.text_input(key="ws.create.name").input("Vekting mai")
    app.multiselect(key="ws.create.criteria").set_value(CRITERIA)
    app.checkbox(key="ws.create.anonymous").check()
    app.button(key="ws.create.button").click().run()
    no_errors(app)
    codes = [c.value for c in app.code]
    key, join_code, link = codes[0], codes[1], codes[2]
    info = service.workshop_info(key)  # the shown key opens the workshop
    assert (info.name, info.join_code, list(info.criterion_ids), info.anonymous) == (
        "Vekting mai",
        join_code,
        CRITERIA,
        True,
    )
    assert info.mode == "ahp" and info.ranking.method == "topsis"
    assert link.endswith(f"workshop?join={join_code}")
    assert any("vises bare nå" in w.value for w in app.warning)
    app.button(key="ws.key.kept").click().run()
    assert key not in [c.value for c in app.code]  # shown once: gone after the facilitator kept it
    assert join_code in [c.value for c in app.code]
    assert "0 av 0 deltakere har sendt inn" in markdown_texts(app)
    assert app.query_params.get("key") is None  # the key never goes into the address


def test_a_workshop_needs_two_criteria_and_a_name(app: AppTest) -> None:
    open_page(app, "workshop_facilitator")
    app.multiselect(key="ws.create.criteria").set_value(["eu_demand"])
    app.button(key="ws.create.button").click().run()
    assert not app.exception
    message = app.error[0].value
    assert "Arbeidsmøtet ble ikke opprettet" in message and "trenger et navn" in message
    app.text_input(key="ws.create.name").input("Vekting mai")
    app.button(key="ws.create.button").click().run()
    assert not app.exception
    assert "minst 2 trengs" in app.error[0].value
    assert not app.code


# --- member: join, judge, submit, revise ------------------------------------------------------------


def test_a_member_joins_with_the_link_weighs_with_live_cr_submits_and_revises(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Vekting mai", criteria=CRITERIA, mode="ahp")
    member = member_app(join=ws.join_code)
    assert member.text_input(key="ws.join.code").value == ws.join_code  # taken from ?join=
    member.text_input(key="ws.join.name").input("Kari")
    member.button(key="ws.join.button").click().run()
    no_errors(member)
    token = member.query_params["member"]  # the personal link, so a reload finds the member again
    assert "join" not in member.query_params and len(token) >= 40
    assert "Kari" in [t.value for t in member.text]

    member.select_slider(key="ws.ahp.pair.nb.industrial_base|eu_demand").set_value(9).run()
    member.select_slider(key="ws.ahp.pair.nb.eu_demand|supply_risk").set_value(9).run()
    member.select_slider(key="ws.ahp.pair.nb.industrial_base|supply_risk").set_value(-9).run()
    no_errors(member)
    cr = service.check(token, [[1, 9, 1 / 9, 1], [1 / 9, 1, 9, 1], [9, 1 / 9, 1, 1], [1, 1, 1, 1]]).cr
    warning = member.warning[0].value
    assert "over 0,10" in warning and f"{cr:.3f}".replace(".", ",") in warning  # the live CR is the engine's
    hints = [m.value for m in member.markdown if m.value.startswith("Inkonsistent vurdering")]
    assert len(hints) == 3
    # inconsistent judgments are accepted, but only once the member confirms them (both languages)
    assert member.button(key="ws.submit").disabled
    confirm = member.checkbox(key="ws.submit.confirm_inconsistent")
    assert "over 0,10" in confirm.label and "likevel" in confirm.label
    confirm.check().run()
    assert not member.button(key="ws.submit").disabled
    member.button(key="ws.submit").click().run()
    no_errors(member)
    first = service.member_view(token).submission
    assert first is not None and first.revision == 1 and first.cr == pytest.approx(cr)
    assert any("versjon 1" in s.value for s in member.success)

    member.button(key="ws.ahp.apply.0").click().run()  # take a suggestion, then revise
    member.button(key="ws.submit").click().run()
    no_errors(member)
    second = service.member_view(token).submission
    assert second.revision == 2 and second.cr < first.cr
    assert any("versjon 2" in s.value for s in member.success)
    assert member.button(key="ws.submit").label == "Send inn endringen"

    back = member_app(member=token)  # a new session with the personal link: no new join
    no_errors(back)
    assert "Kari" in [t.value for t in back.text] and not back.text_input
    assert (
        back.session_state["ws.ahp"]["industrial_base|eu_demand"]
        == member.session_state["ws.ahp"]["industrial_base|eu_demand"]
    )


def test_a_direct_weights_member_gets_rescaled_weights_and_the_dashboard_their_mean(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Direkte", criteria=CRITERIA, mode="direct")
    member = member_app(join=ws.join_code)
    member.text_input(key="ws.join.name").input("Ola")
    member.button(key="ws.join.button").click().run()
    member.slider(key="ws.direct.eu_demand").set_value(75).run()
    member.button(key="ws.submit").click().run()
    no_errors(member)
    result = service.group_result(ws.facilitator_key)
    assert result.submissions == 1
    assert result.weights["eu_demand"] == pytest.approx(75 / (75 + 3 * 25))
    back = member_app(member=member.query_params["member"])  # the points come back as given
    assert back.slider(key="ws.direct.eu_demand").value == 75 and back.slider(key="ws.direct.maturity").value == 25
    open_as_facilitator(app, ws.facilitator_key)
    assert [m.label for m in app.metric] == ["Svar", "Konsensus S*", "Kendalls W (rangeringer)"]  # no CR
    group = next(f.value for f in app.dataframe if "Aritmetisk gjennomsnitt" in f.value.columns)
    assert group["Aritmetisk gjennomsnitt"].tolist() == pytest.approx([100 * result.weights[c] for c in CRITERIA])


def test_forged_tokens_codes_and_keys_give_a_clear_message(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Vekting mai", criteria=CRITERIA)
    forged = member_app(member="x" * 43)
    assert not forged.exception
    assert "deltakernøkkelen hører ikke til noe arbeidsmøte" in forged.error[0].value
    assert "member" not in forged.query_params and forged.text_input(key="ws.join.code")  # back to joining

    forged.text_input(key="ws.join.code").input("ABCD2345")
    forged.text_input(key="ws.join.name").input("Per")
    forged.button(key="ws.join.button").click().run()
    assert "ingen arbeidsmøter har denne koden" in forged.error[0].value

    open_page(app, "workshop_facilitator")
    forged_key = ws.facilitator_key[:-1] + ("B" if ws.facilitator_key.endswith("A") else "A")
    app.text_input(key="ws.open.key").input(forged_key)
    app.button(key="ws.open.button").click().run()
    assert not app.exception
    assert "denne nøkkelen åpner ikke noe arbeidsmøte" in app.error[0].value
    assert "ws.fac.key" not in app.session_state


def test_a_closed_round_refuses_a_late_submission_with_a_message(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Vekting mai", criteria=CRITERIA)
    member = member_app(join=ws.join_code)
    member.text_input(key="ws.join.name").input("Kari")
    member.button(key="ws.join.button").click().run()
    token = member.query_params["member"]
    open_view = service.member_view(token)
    service.close_round(ws.facilitator_key)
    with pytest.MonkeyPatch.context() as patch:
        # the race: the page read the round as open, then the facilitator closed it before the click arrived
        patch.setattr(WorkshopService, "member_view", lambda self, t: open_view)
        member.button(key="ws.submit").click().run()
    assert not member.exception
    assert "Svaret ble ikke sendt inn" in member.error[0].value and "runde 1 er lukket" in member.error[0].value
    assert service.group_result(ws.facilitator_key).submissions == 0
    member.run()
    no_errors(member)
    assert any("Runde 1 er lukket" in i.value for i in member.info)
    assert not [b for b in member.button if b.key == "ws.submit"]


# --- facilitator: dashboard, rounds, saving -------------------------------------------------------------


def test_the_dashboard_shows_progress_group_weights_consensus_and_agreement(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Vekting mai", criteria=CRITERIA)
    submitted(service, ws.facilitator_key, ["Kari", "Ola", "Per"], MATRICES[:2])
    expected = service.group_result(ws.facilitator_key)
    open_as_facilitator(app, ws.facilitator_key)
    texts = markdown_texts(app)
    assert "2 av 3 deltakere har sendt inn" in texts
    progress = app.dataframe[0].value
    assert progress["Deltaker"].tolist() == ["Kari", "Ola", "Per"]
    assert progress["Status"].tolist() == ["sendt inn", "sendt inn", "venter"]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Svar"] == "2 / 3"
    assert metrics["CR for gruppematrisen"] == f"{expected.group_cr:.3f}".replace(".", ",")
    assert metrics["Konsensus S*"] == format_percent(expected.consensus.s_star, "nb")
    assert expected.consensus.band.nb in texts
    assert metrics["Kendalls W (rangeringer)"] == f"{expected.kendalls_w:.2f}".replace(".", ",")
    group = next(
        f.value
        for f in app.dataframe
        if list(f.value.columns) == ["Samlede vurderinger (AIJ)", "Samlede prioriteter (AIP)"]
    )
    for g in expected.group_weights:
        column = {"aij": "Samlede vurderinger (AIJ)", "aip": "Samlede prioriteter (AIP)"}[g.aggregation]
        assert group[column].tolist() == pytest.approx([100 * g.weights[c] for c in CRITERIA])
    furthest = next(f.value for f in app.dataframe if "Avstand (%)" in f.value.columns)
    assert furthest["Deltaker"].tolist() == [m.label.nb for m in expected.furthest]
    assert furthest["Rangsamsvar"].tolist() == pytest.approx([m.rw for m in expected.furthest])
    assert len(app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")) >= 4


def test_the_dashboard_names_the_members_whose_judgments_are_inconsistent(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Vekting mai", criteria=CRITERIA)
    far_off = [[1, 9, "1/9", 1], ["1/9", 1, 9, 1], [9, "1/9", 1, 1], [1, 1, 1, 1]]
    submitted(service, ws.facilitator_key, ["Kari", "Ola", "Per"], [MATRICES[0], far_off, MATRICES[2]])
    result = service.group_result(ws.facilitator_key)
    assert [m.cr > 0.1 for m in result.members] == [False, True, False]
    open_as_facilitator(app, ws.facilitator_key)
    warning = next(w.value for w in app.warning if "inkonsistente vurderinger" in w.value)
    assert warning.startswith("1 av 3 innsendte svar") and "gruppematrisen" in warning
    assert "Ola" in [t.value for t in app.text]  # the label as plain text, never markdown
    progress = app.dataframe[0].value
    assert progress["CR"].tolist()[1].endswith("⚠") and not progress["CR"].tolist()[0].endswith("⚠")


def test_rounds_close_reveal_open_next_and_save_the_group_weights(app: AppTest, db_url, service) -> None:
    ws = service.create_workshop(name="Vekting mai", criteria=CRITERIA)
    tokens = submitted(service, ws.facilitator_key, ["Kari", "Ola"])
    open_as_facilitator(app, ws.facilitator_key)
    app.button(key="ws.round.close_reveal").click().run()
    no_errors(app)
    [summary] = service.round_history(ws.facilitator_key)
    assert summary.status == "closed" and summary.revealed_at is not None

    member = member_app(member=tokens[0])  # the member sees the group's ranking beside their own and Ola's
    no_errors(member)
    table = next(f.value for f in member.dataframe if "Gruppen" in f.value.columns)
    assert list(table.columns) == ["Posisjon", "Gruppen", "Du", "Ola"]
    revealed = service.member_view(tokens[0]).revealed
    assert table["Gruppen"].tolist() == [e.rank for e in revealed.group_ranking.entries]
    assert not [b for b in member.button if b.key == "ws.submit"]  # closed: nothing to submit

    app.text_input(key="ws.save.name").input("Vekting mai, runde 1")
    app.button(key="FormSubmitter:ws.save-Lagre vektsettet").click().run()
    no_errors(app)
    saved = WeightSetStore(Database(db_url)).list(PROBLEM_ID)
    assert [w.name for w in saved] == ["Vekting mai, runde 1"]
    assert saved[0].weights == pytest.approx({**{c: 0.0 for c in saved[0].weights}, **revealed.weights})
    assert "Vekting mai, runde 1" in [t.value for t in app.text]

    app.button(key="ws.round.next").click().run()  # carry-over is ticked by default
    no_errors(app)
    history = service.round_history(ws.facilitator_key)
    assert [(r.number, r.status, r.submissions) for r in history] == [(1, "closed", 2), (2, "open", 2)]
    assert "Runde 2 er åpen: 2 av 2 har sendt inn." in markdown_texts(app)

    open_page(app, "compare")  # the saved group weights are a weight set for the other pages
    assert any(o.startswith("Vekting mai, runde 1") for o in app.multiselect(key="compare.sets.nb").options)


# --- names as plain text, anonymity, languages ------------------------------------------------------------


@pytest.mark.parametrize("name", ["<b>x</b>", "**x**"])
def test_display_names_are_shown_as_typed_never_as_markdown(app: AppTest, service, name: str) -> None:
    ws = service.create_workshop(name="Vekting mai", criteria=CRITERIA)
    tokens = submitted(service, ws.facilitator_key, [name, "[lenke](http://example.com)"])
    service.close_round(ws.facilitator_key, reveal=True)
    open_as_facilitator(app, ws.facilitator_key)
    member = member_app(member=tokens[1])
    for page in (app, member):
        no_errors(page)
        assert name in frame_cells(page)
        assert not [s for s in markdown_texts(page) if name in s or "example.com" in s]
    assert name in [t.value for t in member_app(member=tokens[0]).text]


def test_anonymous_workshops_show_member_numbers_and_hide_other_rankings(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Anonym", criteria=CRITERIA, anonymous=True)
    tokens = submitted(service, ws.facilitator_key, ["Kari", "Ola"])
    service.close_round(ws.facilitator_key, reveal=True)
    open_as_facilitator(app, ws.facilitator_key)
    assert {"Deltaker 1", "Deltaker 2"} <= frame_cells(app) and not {"Kari", "Ola"} & frame_cells(app)
    member = member_app(member=tokens[0])
    table = next(f.value for f in member.dataframe if "Gruppen" in f.value.columns)
    assert list(table.columns) == ["Posisjon", "Gruppen", "Du"]
    assert "Ola" not in frame_cells(member)
    assert any("anonymt" in c.value for c in member.caption)


@pytest.mark.parametrize("english", [False, True])
def test_both_workshop_pages_render_in_both_languages(app: AppTest, service, english: bool) -> None:
    ws = service.create_workshop(name="Vekting mai", criteria=CRITERIA)
    tokens = submitted(service, ws.facilitator_key, ["Kari", "Ola"])
    service.close_round(ws.facilitator_key, reveal=True)
    service.open_next_round(ws.facilitator_key, carry_over=True)
    member = member_app(member=tokens[0])
    open_as_facilitator(app, ws.facilitator_key)
    for page in (app, member):
        if english:
            page.toggle(key="lang.toggle").set_value(True).run()
        no_errors(page)
        texts = markdown_texts(page)
        assert not [s for s in texts if s.startswith(("ws.", "nav.")) and " " not in s], "untranslated keys"
    assert app.title[0].value == ("Workshop: facilitator" if english else "Arbeidsmøte: møteleder")
    assert member.title[0].value == ("Workshop: your weighting" if english else "Arbeidsmøte: din vekting")
    pair = f"ws.ahp.pair.{'en' if english else 'nb'}.industrial_base|eu_demand"
    assert member.select_slider(key=pair).value == 3  # the stored judgment, whatever the language
    assert ("Round 2 is open" if english else "Runde 2 er åpen") in " ".join(markdown_texts(app))


def test_after_the_reveal_a_member_is_not_told_to_wait_for_the_result(service) -> None:
    ws = service.create_workshop(name="Avsløring", criteria=CRITERIA)
    tokens = submitted(service, ws.facilitator_key, ["Kari", "Ola"])
    service.close_round(ws.facilitator_key, reveal=False)
    before = [i.value for i in member_app(member=tokens[0]).info]
    assert any("vent til møtelederen viser resultatet" in text for text in before)
    service.reveal(ws.facilitator_key)
    after = [i.value for i in member_app(member=tokens[0]).info]
    assert not any("vent til møtelederen viser resultatet" in text for text in after)
    assert any("møtelederen har vist resultatet nedenfor" in text for text in after)


def test_the_join_code_and_name_are_one_form(service) -> None:
    """Enter in either field sends the form (a container of inputs and a button ignored Enter)."""
    member = member_app()
    code, name = member.text_input(key="ws.join.code"), member.text_input(key="ws.join.name")
    assert code.proto.form_id == name.proto.form_id == "ws.join.form"
    assert member.button(key="ws.join.button").proto.is_form_submitter
