"""The group's server in real Chromium: two app processes started by ``mcda serve`` on 127.0.0.2 (standing in
for the group's server behind one address) share one fresh PostgreSQL database. The secretariat signs in and
creates a workshop, the join link carries the public address, three members in separate browser contexts join
across the two processes and submit, the facilitator sees all three, a member cannot reach the secretariat's
functions, and no secret appears in either server's log."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mcda.hosting.passphrase import hash_passphrase
from mcda.workshop import WorkshopService

from .conftest import ROOT, wait_healthy
from .test_workshop_browser import WAIT_MS, assert_no_exception, click, new_page, settled, shot, type_into

pytestmark = pytest.mark.browser

HOST = "127.0.0.2"
PORTS = (8261, 8262)  # helper 2's range, unlikely to clash
PASSPHRASE = "fjord lemen nordlys 42"
MEMBERS = ["Kari Nordmann", "Ola Normann", "Siri Sørli"]


def _as_postgres(sql: str) -> None:
    subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", f'psql -qc "{sql}"'], check=True, capture_output=True)


@pytest.fixture(scope="module")
def fresh_database() -> Iterator[str]:
    """A new PostgreSQL database on the test server (MCDA_TEST_POSTGRES_URL), dropped afterwards."""
    base = os.environ.get("MCDA_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("no PostgreSQL server configured (MCDA_TEST_POSTGRES_URL)")
    url = make_url(base)
    name = f"mcda_hosting_{uuid.uuid4().hex[:10]}"
    if os.geteuid() == 0:
        _as_postgres(f"CREATE DATABASE {name} OWNER {url.username}")
    else:  # the test role must then be allowed to create databases
        with create_engine(base, isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(text(f"CREATE DATABASE {name}"))
    yield url.set(database=name).render_as_string(hide_password=False)
    if os.geteuid() == 0:
        _as_postgres(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        with create_engine(base, isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(scope="module")
def group_server(fresh_database: str) -> Iterator[tuple[list[str], list[Path]]]:
    """Two processes of ``mcda serve`` on 127.0.0.2, one database, one public address (the first)."""
    public = f"http://{HOST}:{PORTS[0]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCDA_")}
    env.update(
        PYTHONPATH=str(ROOT / "src"),
        MCDA_BIND_ADDRESS=HOST,
        MCDA_PUBLIC_URL=public,
        MCDA_DATABASE_URL=fresh_database,
        MCDA_SECRETARIAT_HASH=hash_passphrase(PASSPHRASE),
    )
    procs, logs, urls = [], [], []
    try:
        for port in PORTS:
            log = ROOT / "test-output" / f"mcda-serve-{port}.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            handle = log.open("w")
            proc = subprocess.Popen(
                [sys.executable, "-m", "mcda.cli", "serve"],
                cwd=ROOT,
                env={**env, "MCDA_PORT": str(port)},
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
            procs.append((proc, handle))
            logs.append(log)
            urls.append(f"http://{HOST}:{port}")
        for (proc, _), url, log in zip(procs, urls, logs, strict=True):
            wait_healthy(url, proc, log)
        yield urls, logs
    finally:
        for proc, handle in procs:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
            handle.close()


def sign_in(page, passphrase: str) -> None:
    """Type the passphrase and press the form's button (no Enter: that would submit the form as well)."""
    box = page.get_by_label("Passfrase")
    box.wait_for(timeout=WAIT_MS)
    box.fill(passphrase)
    click(page, "Logg inn")


def test_the_secretariat_runs_a_workshop_on_the_group_server(browser, group_server, fresh_database) -> None:
    (first, second), logs = group_server
    secretariat = new_page(browser)
    secretariat.goto(f"{first}/facilitator")  # typed by hand before signing in: not there
    settled(secretariat)
    secretariat.get_by_role("heading", level=1).first.wait_for(timeout=3 * WAIT_MS)  # a cold first page
    assert secretariat.get_by_role("button", name="Opprett arbeidsmøtet").count() == 0

    secretariat.goto(f"{first}/signin")
    sign_in(secretariat, "feil passfrase her")
    secretariat.get_by_text("dette er ikke sekretariatets passfrase").wait_for(timeout=WAIT_MS)
    sign_in(secretariat, PASSPHRASE)
    try:
        secretariat.get_by_text("Du er logget inn som sekretariatet").wait_for(timeout=WAIT_MS)
    except Exception:
        shot(secretariat, "hosting-signin-failed")
        raise
    assert PASSPHRASE not in secretariat.url
    secretariat.get_by_role("link", name="Til møteledersiden").click()  # in-app: the session stays signed in
    settled(secretariat)
    type_into(secretariat, "Navn på arbeidsmøtet", "Gruppens server")
    click(secretariat, "Opprett arbeidsmøtet")
    code_blocks = secretariat.locator('[data-testid="stCode"] code')
    code_blocks.nth(2).wait_for(timeout=WAIT_MS)
    codes = [c.strip() for c in code_blocks.all_inner_texts()]
    key, link = codes[0], next(c for c in codes if "join=" in c)
    join_code = link.rsplit("join=", 1)[1]
    assert link == f"{first}/workshop?join={join_code}"  # the public address, not the address in use
    assert key not in secretariat.url
    assert_no_exception(secretariat)
    shot(secretariat, "hosting-secretariat-created")

    tokens = []
    for i, name in enumerate(MEMBERS):
        member = new_page(browser)  # its own context: cookies and Streamlit session
        member.goto(link if i % 2 == 0 else link.replace(first, second))  # across the two processes
        try:  # the second process's first page loads the problem cold: on a busy machine that takes a while
            member.get_by_role("textbox", name="Navnet ditt").wait_for(timeout=3 * WAIT_MS)
        except Exception:
            shot(member, f"hosting-member-{i + 1}-no-join-form")
            raise
        type_into(member, "Navnet ditt", name)  # Enter joins
        member.get_by_text("Du har ikke sendt inn i runde 1 ennå.").wait_for(timeout=WAIT_MS)
        click(member, "Send inn")
        member.get_by_text("Du har sendt inn i runde 1").wait_for(timeout=WAIT_MS)
        tokens.append(member.url.split("member=", 1)[1].split("&", 1)[0])
        nav = member.locator('[data-testid="stSidebarNav"]')
        assert nav.count() == 0 or "Møteleder" not in nav.inner_text()  # only the workshop page
        assert_no_exception(member)
        if i == 1:
            shot(member, "hosting-member-on-the-second-process")
            # the member types the secretariat's address: it is not in a member's (or observer's) app
            member.goto(f"{second}/facilitator?member={tokens[-1]}")
            settled(member)
            member.get_by_role("heading", level=1).first.wait_for(timeout=WAIT_MS)
            assert member.get_by_role("button", name="Opprett arbeidsmøtet").count() == 0
            assert member.get_by_label("Møtelederens nøkkel").count() == 0
            assert member.get_by_role("button", name="Lagre vurderingen").count() == 0
        member.context.close()

    click(secretariat, "Jeg har tatt vare på nøkkelen")
    click(secretariat, "Oppdater")
    secretariat.get_by_text("3 av 3 deltakere har sendt inn").wait_for(timeout=WAIT_MS)
    for name in MEMBERS:
        assert secretariat.get_by_text(f"✓ {name}", exact=True).count() == 1
    assert_no_exception(secretariat)
    shot(secretariat, "hosting-secretariat-dashboard")
    secretariat.context.close()

    service = WorkshopService(fresh_database)
    try:
        result = service.group_result(key)
        assert sorted((m.label.nb, m.submitted) for m in result.members) == sorted((n, True) for n in MEMBERS)
    finally:
        service.dispose()
    for log in logs:  # secrets never in the servers' logs
        written = log.read_text()
        assert "mcda serve: bind address: 127.0.0.2" in written
        for secret in (PASSPHRASE, key, join_code, *tokens):
            assert secret not in written, log
