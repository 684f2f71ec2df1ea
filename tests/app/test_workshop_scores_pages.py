"""Scoring rounds in the workshop pages through AppTest: create, score with level descriptions and
"don't know", refusals, reveal with the group beside one's own score, the dashboard and accepting."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from mcda.storage import Database, ExpertEditStore
from mcda.workshop import WorkshopService, shipped_problem

from .conftest import no_errors, open_page
from .test_workshop_pages import frame_cells, markdown_texts, member_app, open_as_facilitator

CELLS = [("P04", "climate_advantage"), ("P05", "climate_advantage"), ("P08", "resource_base")]
CHOICE = "ws.sc.choice.{lang}.{cell}"


@pytest.fixture
def service(db_url):
    svc = WorkshopService(db_url)
    yield svc
    svc.dispose()


def choice(at: AppTest, cell: str, lang: str = "nb"):
    return at.radio(key=CHOICE.format(lang=lang, cell=cell))


def test_the_facilitator_creates_a_scoring_workshop_and_is_told_what_cannot_be_scored(app: AppTest, service) -> None:
    open_page(app, "workshop_facilitator")
    app.text_input(key="ws.create.name").input("Skåring desember")
    app.radio(key="ws.create.mode").set_value("scores").run()
    no_errors(app)
    notes = markdown_texts(app)
    assert any("Behov for ren kraft" in n and "kan skåres" in n for n in notes)  # measured criteria named
    default = app.radio(key="ws.sc.create.which")
    assert default.value == "default" and "Alle manglende verdier og ekspertvurderinger" in default.options[0]
    default.set_value("criteria").run()
    assert "power_demand" not in app.multiselect(key="ws.sc.create.criteria").options
    app.multiselect(key="ws.sc.create.criteria").set_value(["maturity"])
    app.button(key="ws.create.button").click().run()
    no_errors(app)
    info = service.workshop_info(app.code[0].value)
    assert info.mode == "scores" and info.criterion_ids == ("maturity",)
    assert len(info.cells) == len(shipped_problem().alternative_ids)
    assert any("Skåring av posisjoner" in n and "17 celler på 1 kriterium" in n for n in markdown_texts(app))


def test_single_cells_and_an_empty_choice(app: AppTest, service) -> None:
    open_page(app, "workshop_facilitator")
    app.text_input(key="ws.create.name").input("Enkeltceller")
    app.radio(key="ws.create.mode").set_value("scores").run()
    app.radio(key="ws.sc.create.which").set_value("criteria").run()
    app.button(key="ws.create.button").click().run()
    assert not app.exception
    assert "ingen celler å skåre" in app.error[0].value and not app.code
    app.radio(key="ws.sc.create.which").set_value("cells").run()
    app.multiselect(key="ws.sc.create.cells").set_value(["P04|climate_advantage", "P08|resource_base"])
    app.button(key="ws.create.button").click().run()
    no_errors(app)
    assert service.workshop_info(app.code[0].value).cells == (("P08", "resource_base"), ("P04", "climate_advantage"))


def test_a_member_scores_with_level_descriptions_dont_know_and_a_rationale(app: AppTest, service, db_url) -> None:
    ws = service.create_workshop(name="Skåring desember", mode="scores", cells=CELLS)
    token = service.join(ws.join_code, "Kari **fet**").token
    member = member_app(member=token)
    no_errors(member)
    assert member.title[0].value == "Arbeidsmøte: dine skårer"
    radio = choice(member, "P04|climate_advantage")
    assert radio.value is None and radio.options[0] == "Vet ikke"
    level_text = shipped_problem().criterion("climate_advantage").scale.levels[3].nb
    assert radio.options[4] == f"3 – {level_text}"
    assert "Raffinering av nikkel" in radio.label
    # nothing but "don't know": refused in bokmål, nothing stored
    member.button(key="ws.sc.submit").click().run()
    assert not member.exception
    assert "Skårene ble ikke lagret" in member.error[0].value and "vet ikke" in member.error[0].value
    assert service.group_result(ws.facilitator_key).submissions == 0
    choice(member, "P04|climate_advantage").set_value(3).run()
    choice(member, "P05|climate_advantage").set_value(1).run()
    member.text_input(key="ws.sc.why.P04|climate_advantage").input("Vannkraft *gir* lave utslipp").run()
    member.button(key="ws.sc.submit").click().run()
    no_errors(member)
    result = service.group_result(ws.facilitator_key)
    kari = result.members[0]
    assert kari.scores == {
        "P08": {"resource_base": None},
        "P04": {"climate_advantage": 3.0},
        "P05": {"climate_advantage": 1.0},
    }
    assert kari.rationales == {"P04": {"climate_advantage": "Vannkraft *gir* lave utslipp"}}
    assert member.button(key="ws.sc.submit").label == "Send inn endrede skårer"
    # English: the descriptions in English, the answers kept
    member.sidebar.toggle[0].set_value(True).run()
    no_errors(member)
    english = choice(member, "P04|climate_advantage", "en")
    assert english.value == 3 and english.options[0] == "Don't know"
    assert english.options[4].startswith("3 – ") and "Stort" not in english.options[4]


def test_after_the_reveal_the_member_sees_the_group_beside_their_own_score(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Skåring desember", mode="scores", cells=CELLS)
    tokens = [service.join(ws.join_code, n).token for n in ("Kari", "Ola", "Per")]
    for token, (a, b) in zip(tokens, [(3, 1), (2, 2), (4, 2)], strict=True):
        service.submit(token, {"P04": {"climate_advantage": a}, "P05": {"climate_advantage": b}})
    member = member_app(member=tokens[1])
    assert not any("Gruppen i runde" in n for n in markdown_texts(member))  # nothing before the reveal
    service.close_round(ws.facilitator_key, reveal=True)
    service.open_next_round(ws.facilitator_key, carry_over=True)
    member.run()
    no_errors(member)
    notes = markdown_texts(member)
    assert "Gruppen i runde 1: median 3, kvartiler 2,5–3,5, spenn 2–4, 3 svar. Ditt svar da: 2." in notes
    assert "Gruppen i runde 1: ingen svar på skalaen. Ditt svar da: Vet ikke." in notes
    assert choice(member, "P04|climate_advantage").value == 2  # carried over, ready to revise
    cells = frame_cells(member)
    assert {"Din skår", "Median", "Nedre kvartil", "Øvre kvartil", "Svar", "Vet ikke"} <= cells
    choice(member, "P04|climate_advantage").set_value(3).run()
    member.button(key="ws.sc.submit").click().run()
    no_errors(member)
    second = service.group_result(ws.facilitator_key)
    assert second.round == 2 and second.cell("P04", "climate_advantage").q1 == 3.0


def test_the_facilitator_reads_the_cells_and_agreement_and_accepts_the_round(app: AppTest, service, db_url) -> None:
    ws = service.create_workshop(name="Skåring desember", mode="scores", cells=CELLS)
    tokens = [service.join(ws.join_code, n).token for n in ("Kari <b>x</b>", "Ola", "Per")]
    for token, (a, b) in zip(tokens, [(3, 1), (2, 2), (4, 2)], strict=True):
        service.submit(
            token,
            {"P04": {"climate_advantage": a}, "P05": {"climate_advantage": b}},
            {"P04": {"climate_advantage": f"**grunn** {a}"}},
        )
    open_as_facilitator(app, ws.facilitator_key)
    no_errors(app)
    cells = frame_cells(app)
    assert {
        "Median",
        "Nedre kvartil",
        "Øvre kvartil",
        "Minste",
        "Største",
        "Svar",
        "Krippendorffs alfa (ordinal)",
    } <= cells
    assert {"Raffinering av nikkel", "2,5", "3,5"} <= cells
    assert "Kari <b>x</b>" in cells and "**grunn** 3" in cells  # names and rationales only as table cells
    notes = markdown_texts(app)
    assert not any("<b>x</b>" in n or "**grunn**" in n for n in notes)
    assert any("Lukk en runde med svar" in n for n in notes)
    assert any("blir gruppens median en ekspertvurdering" in n and "Kvartilene" in n for n in notes)
    app.button(key="ws.round.close_reveal").click().run()
    no_errors(app)
    app.button(key="ws.sc.accept.button").click().run()
    no_errors(app)
    assert any("Skårene fra runde 1 er skrevet inn i problemet" in s.value for s in app.success)
    assert any("Hoppet over" in n and "Ressursgrunnlag" in n for n in markdown_texts(app))
    problem = ExpertEditStore(Database(db_url)).apply(shipped_problem())
    cell = problem.cells["P04"]["climate_advantage"]
    assert (cell.value, cell.low, cell.high) == (3.0, 2.5, 3.5)
    assert cell.provenance.author == "Arbeidsmøte «Skåring desember», runde 1"
    assert "Allerede skrevet inn i problemet" in [e.label for e in app.expander]
