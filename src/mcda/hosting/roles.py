"""Who may do what on a served instance.

- secretariat: signs in (passphrase or OpenID Connect); edits the shared problem (expert edits,
  uploads), saves and deletes shared weight sets, creates and runs workshops, accepts their results;
- member: arrives through their workshop link; weighs and ranks privately in the workshop page,
  submits to the workshop, writes nothing else that is shared;
- observer: reads the shared problem, the rankings and the closed rounds' results, writes nothing;
- visitor: the sign-in page and joining a workshop with a code (observers closed).

On the laptop default (no credential configured) every session is the secretariat without signing in,
so the app is open as it always was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..errors import InputError, Issue
from .config import OBSERVERS, SECRETARIAT_HASH, emails_of


class Role(StrEnum):
    SECRETARIAT = "secretariat"
    MEMBER = "member"
    OBSERVER = "observer"
    VISITOR = "visitor"


class Action(StrEnum):
    EDIT_PROBLEM = "edit_problem"  # expert edits
    UPLOAD = "upload"  # another problem, a scenario or an outlook for the session
    SAVE_WEIGHT_SET = "save_weight_set"  # save or delete a shared weight set
    CREATE_WORKSHOP = "create_workshop"
    RUN_WORKSHOP = "run_workshop"  # open with the key, close, reveal, next round, save the group's weights
    ACCEPT_RESULTS = "accept_results"  # a scoring round's values become expert judgments
    READ_SHARED = "read_shared"  # the problem, rankings and other analysis pages
    JOIN_WORKSHOP = "join_workshop"  # join with a code, weigh and submit with one's own token


PERMISSIONS: Mapping[Role, frozenset[Action]] = {
    Role.SECRETARIAT: frozenset(Action),
    Role.OBSERVER: frozenset({Action.READ_SHARED, Action.JOIN_WORKSHOP}),
    Role.MEMBER: frozenset({Action.JOIN_WORKSHOP}),
    Role.VISITOR: frozenset({Action.JOIN_WORKSHOP}),
}

# the app's pages by id, in navigation order, and which action opens each
PAGES: Mapping[str, Action | None] = {
    "problem": Action.READ_SHARED,
    "weights": Action.READ_SHARED,
    "ranking": Action.READ_SHARED,
    "compare": Action.READ_SHARED,
    "gaps": Action.READ_SHARED,
    "robustness": Action.READ_SHARED,
    "outlooks": Action.READ_SHARED,
    "value_chains": Action.READ_SHARED,
    "workshop": Action.JOIN_WORKSHOP,
    "facilitator": Action.RUN_WORKSHOP,
    "signin": None,  # shown when there is a credential to sign in with
}


class RoleForbidden(InputError):
    """The session's role does not allow this action; the message names the role and the action."""


def may(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


ROLE_NAMES: Mapping[Role, tuple[str, str]] = {  # (English, bokmål)
    Role.SECRETARIAT: ("the secretariat", "sekretariatet"),
    Role.MEMBER: ("a workshop member", "deltaker i et arbeidsmøte"),
    Role.OBSERVER: ("an observer", "observatør"),
    Role.VISITOR: ("a visitor", "besøkende"),
}
ACTION_NAMES: Mapping[Action, tuple[str, str]] = {
    Action.EDIT_PROBLEM: ("change the shared problem", "endre det felles problemet"),
    Action.UPLOAD: ("upload files", "laste opp filer"),
    Action.SAVE_WEIGHT_SET: ("save or delete shared weight sets", "lagre eller slette felles vektsett"),
    Action.CREATE_WORKSHOP: ("create workshops", "opprette arbeidsmøter"),
    Action.RUN_WORKSHOP: ("run workshops", "lede arbeidsmøter"),
    Action.ACCEPT_RESULTS: ("accept workshop results", "godta resultater fra arbeidsmøter"),
    Action.READ_SHARED: ("see the shared analysis", "se den felles analysen"),
    Action.JOIN_WORKSHOP: ("join workshops", "delta i arbeidsmøter"),
}


def require(role: Role, action: Action) -> None:
    """RoleForbidden unless ``role`` may do ``action`` (called right before every shared write)."""
    if not may(role, action):
        (role_en, role_nb), (action_en, action_nb) = ROLE_NAMES[role], ACTION_NAMES[action]
        details = {"role_en": role_en, "role_nb": role_nb, "action_en": action_en, "action_nb": action_nb}
        raise RoleForbidden(Issue("role_forbidden", details=details))


@dataclass(frozen=True)
class AccessPolicy:
    """How a session gets its role: ``gated`` when a secretariat credential is configured."""

    passphrase_hash: str | None = None
    secretariat_emails: tuple[str, ...] = ()
    oidc: bool = False
    observers_open: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str], oidc: bool = False) -> AccessPolicy:
        """``oidc``: whether Streamlit's OpenID Connect is configured (the app checks ``st.secrets``)."""
        return cls(
            passphrase_hash=env.get(SECRETARIAT_HASH, "").strip() or None,
            secretariat_emails=emails_of(env),
            oidc=oidc and bool(emails_of(env)),
            observers_open=env.get(OBSERVERS, "open").strip().lower() != "closed",
        )

    @property
    def gated(self) -> bool:
        return bool(self.passphrase_hash) or self.oidc

    def role(self, *, signed_in: bool, member_link: bool) -> Role:
        """The session's role: the secretariat if signed in (or nothing is gated), a member with a workshop
        link, else an observer or (observers closed) a visitor."""
        if not self.gated or signed_in:
            return Role.SECRETARIAT
        if member_link:
            return Role.MEMBER
        return Role.OBSERVER if self.observers_open else Role.VISITOR

    def email_allowed(self, email: object) -> bool:
        return isinstance(email, str) and email.strip().lower() in self.secretariat_emails

    def pages(self, role: Role) -> tuple[str, ...]:
        """The page ids in the navigation for ``role`` (the sign-in page only where a credential exists)."""
        shown = [p for p, action in PAGES.items() if action is not None and may(role, action)]
        if self.gated and role is not Role.MEMBER:
            shown.append("signin")
        return tuple(shown)
