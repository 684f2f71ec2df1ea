"""The session's role and the checks before every shared write (rules in :mod:`mcda.hosting.roles`).

The secretariat signs in with the passphrase whose hash is in ``MCDA_SECRETARIAT_HASH`` (or through
Streamlit's OpenID Connect, ``st.login``, when ``[auth]`` is configured in ``.streamlit/secrets.toml`` and
the address is in ``MCDA_SECRETARIAT_EMAILS``); the sign-in lasts as long as the browser session. Wrong
join codes, facilitator keys, member tokens and passphrases are counted per client (the connection's IP
address, else this browser session) and slowed down by :class:`mcda.hosting.Throttle`, in this process's
memory.
"""

from __future__ import annotations

import importlib.util
import math
import os
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from mcda.errors import InputError, Issue
from mcda.hosting import AccessPolicy, Action, Role, Throttle, is_loopback, roles, verify_passphrase
from mcda.workshop.errors import AccessDenied

T = TypeVar("T")
SIGNED_IN = "access.signed_in"
CLIENT = "access.client"
MEMBER_TOKEN = "ws.member.token"  # the member page's session key (ui.workshop_member.TOKEN)


@st.cache_resource(show_spinner=False)
def _throttle() -> Throttle:
    return Throttle()


def throttle() -> Throttle:
    """The one throttle of this process (shared by every session)."""
    return _throttle()


def oidc_available() -> bool:
    """Streamlit's OpenID Connect can be used: ``[auth]`` in the secrets and Authlib installed."""
    try:
        configured = "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file, or one Streamlit cannot read: no OIDC
        return False
    return configured and importlib.util.find_spec("authlib") is not None


def policy() -> AccessPolicy:
    return AccessPolicy.from_env(os.environ, oidc=oidc_available())


def served_unsafely() -> bool:
    """Bound to an address other machines can reach with no secretariat credential (``streamlit run``
    started by hand, not through ``mcda serve``): the app then serves nothing."""
    address = str(st.get_option("server.address") or "127.0.0.1")
    return not is_loopback(address) and not policy().gated


def _oidc_signed_in(current: AccessPolicy) -> bool:
    if not current.oidc:
        return False
    try:
        return bool(st.user.is_logged_in) and current.email_allowed(st.user.get("email"))
    except Exception:  # noqa: BLE001 - st.user unavailable outside a served session
        return False


def oidc_signed_out_reason() -> str | None:
    """Why an identity-provider sign-in does not make this session the secretariat (a string key), if so."""
    current = policy()
    try:
        if current.oidc and st.user.is_logged_in and not current.email_allowed(st.user.get("email")):
            return "signin.oidc.not_allowed"
    except Exception:  # noqa: BLE001 - st.user unavailable outside a served session
        return None
    return None


def signed_in() -> bool:
    current = policy()
    return bool(st.session_state.get(SIGNED_IN)) or _oidc_signed_in(current)


def member_link() -> bool:
    """The session came through a member's link (or joined in this session)."""
    return bool(st.session_state.get(MEMBER_TOKEN)) or "member" in st.query_params or "join" in st.query_params


def role() -> Role:
    return policy().role(signed_in=signed_in(), member_link=member_link())


def may(action: Action) -> bool:
    return roles.may(role(), action)


def require(action: Action) -> None:
    """RoleForbidden (an InputError the pages show) unless this session may ``action``."""
    roles.require(role(), action)


def permitted(action: Action, call: Callable[..., T]) -> Callable[..., T]:
    """``call``, checking the session's role first (for service calls made through ``attempt``)."""

    def run(*args: Any, **kwargs: Any) -> T:
        require(action)
        return call(*args, **kwargs)

    return run


def client() -> str:
    """Who the throttle counts: the connection's IP address, else this browser session (behind a proxy
    on the same machine every connection comes from loopback, and Streamlit reports no address)."""
    ip = st.context.ip_address
    if isinstance(ip, str) and ip:
        return f"ip:{ip}"
    return f"session:{st.session_state.setdefault(CLIENT, secrets.token_hex(16))}"


def _refuse_if_waiting(kind: str) -> None:
    wait = throttle().wait(kind, client())
    if wait > 0:
        raise InputError(Issue("too_many_attempts", details={"seconds": math.ceil(wait)}))


def checked(kind: str, call: Callable[..., T]) -> Callable[..., T]:
    """``call`` with a secret of ``kind`` (join code, key, token): refused while the client must wait; a
    secret that matches nothing (AccessDenied) counts as a wrong try."""

    def run(*args: Any, **kwargs: Any) -> T:
        _refuse_if_waiting(kind)
        try:
            result = call(*args, **kwargs)
        except AccessDenied:
            throttle().failed(kind, client())
            raise
        throttle().succeeded(kind, client())
        return result

    return run


def sign_in(passphrase: str) -> None:
    """Sign this session in as the secretariat, or InputError (wrong passphrase, or wait first)."""
    encoded = policy().passphrase_hash
    if not encoded:
        raise InputError(Issue("passphrase_wrong"))
    _refuse_if_waiting("passphrase")
    if not verify_passphrase(passphrase, encoded):
        throttle().failed("passphrase", client())
        raise InputError(Issue("passphrase_wrong"))
    throttle().succeeded("passphrase", client())
    st.session_state[SIGNED_IN] = True


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)
    for key in ("ws.fac.key", "ws.fac.show_key"):  # the facilitator's key stays with the secretariat
        st.session_state.pop(key, None)
    if _oidc_signed_in(policy()):
        st.logout()
