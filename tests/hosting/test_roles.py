"""Who may do what: the secretariat everything, members only their workshop, observers read, the laptop open."""

from __future__ import annotations

import pytest

from mcda.hosting.roles import PAGES, AccessPolicy, Action, Role, RoleForbidden, may, require

WRITES = [Action.EDIT_PROBLEM, Action.UPLOAD, Action.SAVE_WEIGHT_SET, Action.CREATE_WORKSHOP]
WRITES += [Action.RUN_WORKSHOP, Action.ACCEPT_RESULTS]
GATED = AccessPolicy(passphrase_hash="scrypt$...")


def test_the_laptop_default_is_open_to_every_session() -> None:
    laptop = AccessPolicy()
    assert not laptop.gated
    for member_link in (False, True):
        assert laptop.role(signed_in=False, member_link=member_link) is Role.SECRETARIAT
    assert "signin" not in laptop.pages(Role.SECRETARIAT)
    assert set(laptop.pages(Role.SECRETARIAT)) == set(PAGES) - {"signin"}


def test_roles_on_a_served_instance() -> None:
    assert GATED.role(signed_in=True, member_link=True) is Role.SECRETARIAT
    assert GATED.role(signed_in=False, member_link=True) is Role.MEMBER
    assert GATED.role(signed_in=False, member_link=False) is Role.OBSERVER
    closed = AccessPolicy(passphrase_hash="scrypt$...", observers_open=False)
    assert closed.role(signed_in=False, member_link=False) is Role.VISITOR


@pytest.mark.parametrize("action", WRITES)
def test_only_the_secretariat_writes_shared_data(action: Action) -> None:
    assert may(Role.SECRETARIAT, action)
    for role in (Role.MEMBER, Role.OBSERVER, Role.VISITOR):
        assert not may(role, action)
        with pytest.raises(RoleForbidden) as refused:
            require(role, action)
        assert "sekretariatet" in refused.value.message("nb")


def test_pages_per_role() -> None:
    assert GATED.pages(Role.MEMBER) == ("workshop",)
    observer = GATED.pages(Role.OBSERVER)
    assert {"problem", "ranking", "workshop", "signin"} <= set(observer)
    assert "facilitator" not in observer
    assert GATED.pages(Role.VISITOR) == ("workshop", "signin")
    assert "facilitator" in GATED.pages(Role.SECRETARIAT)


def test_open_id_connect_needs_an_allow_list() -> None:
    env = {"MCDA_SECRETARIAT_EMAILS": "Sekretariat@Prosess21.no, leder@prosess21.no"}
    policy = AccessPolicy.from_env(env, oidc=True)
    assert policy.gated and policy.email_allowed("sekretariat@prosess21.no ")
    assert not policy.email_allowed("someone@else.no") and not policy.email_allowed(None)
    assert not AccessPolicy.from_env({}, oidc=True).gated  # [auth] without an allow-list grants nothing
