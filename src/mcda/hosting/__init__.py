"""Serving the app for a group: the serve settings and their refusals (:mod:`.config`), the secretariat's
passphrase hash (:mod:`.passphrase`), who may do what (:mod:`.roles`) and the back-off for wrong secrets
(:mod:`.throttle`). No Streamlit here; the app's ``ui/access.py`` applies these rules to a session."""

from .config import ServeConfig, ServeRefused, is_loopback, public_url, serve_config
from .passphrase import hash_passphrase, verify_passphrase
from .roles import AccessPolicy, Action, Role, RoleForbidden, may, require
from .throttle import Throttle

__all__ = [
    "AccessPolicy",
    "Action",
    "Role",
    "RoleForbidden",
    "ServeConfig",
    "ServeRefused",
    "Throttle",
    "hash_passphrase",
    "is_loopback",
    "may",
    "public_url",
    "require",
    "serve_config",
    "verify_passphrase",
]
