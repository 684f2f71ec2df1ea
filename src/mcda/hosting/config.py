"""The settings of a served instance, read from the environment, and the refusals that keep a group's
server safe: no address reachable from other machines without a secretariat credential, and no member
link over plain HTTP off loopback (the member's token travels in the address).

``MCDA_BIND_ADDRESS`` (default 127.0.0.1), ``MCDA_PORT`` (8501), ``MCDA_PUBLIC_URL`` (the address in
join links; default ``http://<bind>:<port>``), ``MCDA_DATABASE_URL``, ``MCDA_SECRETARIAT_HASH`` (made by
``mcda secretariat-hash``), ``MCDA_SECRETARIAT_EMAILS`` (who may sign in as the secretariat through
Streamlit's OpenID Connect), ``MCDA_TLS_IN_FRONT`` (1: TLS terminates in front of an http public
address), ``MCDA_OBSERVERS`` (open: anyone reaching the app may read; closed: only members' links and
the sign-in).
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .passphrase import PassphraseError, parse_hash

BIND = "MCDA_BIND_ADDRESS"
PORT = "MCDA_PORT"
PUBLIC_URL = "MCDA_PUBLIC_URL"
DATABASE_URL = "MCDA_DATABASE_URL"
SECRETARIAT_HASH = "MCDA_SECRETARIAT_HASH"
SECRETARIAT_EMAILS = "MCDA_SECRETARIAT_EMAILS"
TLS_IN_FRONT = "MCDA_TLS_IN_FRONT"
OBSERVERS = "MCDA_OBSERVERS"
DEFAULT_BIND = "127.0.0.1"
DEFAULT_PORT = 8501
TRUE = {"1", "true", "yes", "on"}


class ServeRefused(Exception):
    """A setting that makes serving unsafe or impossible; ``str()`` is one line saying what to set."""


@dataclass(frozen=True)
class ServeConfig:
    bind_address: str
    port: int
    public_url: str
    database_url: str | None
    secretariat_hash: str | None
    secretariat_emails: tuple[str, ...]
    oidc_configured: bool
    tls_in_front: bool
    observers_open: bool

    @property
    def base_path(self) -> str:
        """The path of the public address ('' or 'mcda' for https://host/mcda), Streamlit's baseUrlPath."""
        return urlsplit(self.public_url).path.strip("/")

    @property
    def has_credential(self) -> bool:
        return bool(self.secretariat_hash) or self.oidc_configured

    def summary(self) -> list[str]:
        """What will be served, without secrets (the hash is only said to be set)."""
        oidc = "on for " + ", ".join(self.secretariat_emails) if self.oidc_configured else "off"
        return [
            f"bind address: {self.bind_address}:{self.port}",
            f"public address (join links): {self.public_url}",
            f"database: {_without_password(self.database_url) if self.database_url else 'var/mcda.sqlite (SQLite)'}",
            f"secretariat passphrase: {'set' if self.secretariat_hash else 'not set'}",
            f"secretariat OpenID Connect: {oidc}",
            f"observers: {'open' if self.observers_open else 'closed'}",
        ]


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and 'localhost'; any other name or address may be reachable from other machines."""
    host = host.strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def oidc_configured(secrets_file: Path, emails: tuple[str, ...]) -> bool:
    """Streamlit's OpenID Connect is usable for the secretariat: an [auth] table and an e-mail allow-list."""
    if not emails or not secrets_file.is_file():
        return False
    try:
        data = tomllib.loads(secrets_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("auth"), dict)


def emails_of(env: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(e.strip().lower() for e in env.get(SECRETARIAT_EMAILS, "").split(",") if e.strip())


def serve_config(env: Mapping[str, str] = os.environ, secrets_file: Path | None = None) -> ServeConfig:
    """The settings in ``env``, or ServeRefused with one line naming the variable to set."""
    bind = env.get(BIND, "").strip() or DEFAULT_BIND
    raw_port = env.get(PORT, "").strip() or str(DEFAULT_PORT)
    if not raw_port.isdigit() or not 1 <= int(raw_port) <= 65535:
        raise ServeRefused(f"{PORT}={raw_port!r} is not a port number; set it to a number from 1 to 65535")
    port = int(raw_port)
    secretariat_hash = env.get(SECRETARIAT_HASH, "").strip() or None
    if secretariat_hash:
        try:
            parse_hash(secretariat_hash)
        except PassphraseError as error:
            message = f"{SECRETARIAT_HASH} cannot be used: {error}; make one with 'mcda secretariat-hash'"
            raise ServeRefused(message) from None
    emails = emails_of(env)
    oidc = oidc_configured(secrets_file or Path(".streamlit") / "secrets.toml", emails)
    if not is_loopback(bind) and not (secretariat_hash or oidc):
        raise ServeRefused(
            f"refusing to serve on {bind}, which other machines can reach, without a secretariat credential: "
            f"set {SECRETARIAT_HASH} (make it with 'mcda secretariat-hash')"
        )
    public = env.get(PUBLIC_URL, "").strip().rstrip("/")
    if not public:
        if _is_unspecified(bind):
            raise ServeRefused(
                f"{BIND}={bind} listens on every interface; set {PUBLIC_URL} to the address members open"
            )
        host = f"[{bind}]" if ":" in bind else bind
        public = f"http://{host}:{port}"
    tls = env.get(TLS_IN_FRONT, "").strip().lower() in TRUE
    check_public_url(public, tls)
    observers = env.get(OBSERVERS, "open").strip().lower() or "open"
    if observers not in ("open", "closed"):
        raise ServeRefused(f"{OBSERVERS}={observers!r} is not a choice; set it to open or closed")
    return ServeConfig(
        bind_address=bind,
        port=port,
        public_url=public,
        database_url=env.get(DATABASE_URL, "").strip() or None,
        secretariat_hash=secretariat_hash,
        secretariat_emails=emails,
        oidc_configured=oidc,
        tls_in_front=tls,
        observers_open=observers == "open",
    )


def check_public_url(url: str, tls_in_front: bool) -> None:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        host = ""
    if parts.scheme not in ("http", "https") or not host or parts.query or parts.fragment:
        raise ServeRefused(f"{PUBLIC_URL}={url!r} is not an address; set it like https://mcda.example.no")
    if parts.scheme == "http" and not is_loopback(host) and not tls_in_front:
        raise ServeRefused(
            f"{PUBLIC_URL}={url} is plain HTTP off loopback and members' links carry their token: put TLS in front "
            f"and set {PUBLIC_URL}=https://..., or set {TLS_IN_FRONT}=1 if TLS already terminates in front of it"
        )


def public_url(env: Mapping[str, str] = os.environ) -> str | None:
    """The public address join links start with (``MCDA_PUBLIC_URL`` without a trailing '/'), if set."""
    return env.get(PUBLIC_URL, "").strip().rstrip("/") or None
