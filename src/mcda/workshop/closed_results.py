"""Closed rounds for readers: the half of :class:`~mcda.workshop.WorkshopService` that observers and the
secretariat use without a facilitator key.

The caller checks the permission (the app's ``ui.access.permitted`` with ``Action.VIEW_RESULTS``); these
methods keep the rules of what a reader sees:

- a workshop by its description, never its join code, link, key or members' tokens;
- an open round by its state and times only: no submission count, no provisional result;
- a closed round's group result, with members by their display names only when the workshop is named and
  the round has been revealed (as members then see it), else as "Deltaker k" / "Member k".
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..errors import Issue
from ..ranking import RankingSettings
from ..storage import workshops as store
from ..storage.workshops import RoundData, StoredRound, StoredWorkshop
from .errors import RoundStateError, WorkshopError
from .results import (
    ClosedRound,
    GroupResult,
    RoundState,
    RoundSummary,
    WorkshopDescription,
    WorkshopListing,
)
from .scoring_service import ScoringRounds


class ClosedResults(ScoringRounds):
    """Methods of :class:`WorkshopService` for readers; see the module docstring.

    The service's own result builders are declared here and defined by the service that inherits this."""

    def _group_result(self, data: RoundData, names_visible: bool) -> GroupResult:
        raise NotImplementedError

    def _round_summary(self, data: RoundData) -> RoundSummary:
        raise NotImplementedError

    def workshops(self) -> tuple[WorkshopListing, ...]:
        """Every workshop, newest first, with its rounds' states (closed rounds with their submission counts)."""
        with self.db.session() as s:
            found = store.all_workshops(s)
            ids = [ws.id for ws in found]
            rounds = store.rounds_of(s, ids)
            members = store.participant_counts(s, ids)
            closed = [r.id for rs in rounds.values() for r in rs if r.status == "closed"]
            counts = store.submission_counts(s, closed)
            return tuple(
                WorkshopListing(
                    workshop=self._description(s, ws),
                    participants=members[ws.id],
                    rounds=tuple(_state(r, counts.get(r.id)) for r in rounds[ws.id]),
                )
                for ws in found
            )

    def closed_round(self, workshop_id: int, round: int) -> ClosedRound:
        """A closed round's group result, the workshop's problem snapshot and the rounds up to it.

        WorkshopError for an unknown workshop, RoundStateError for an unknown or an open round.
        """
        with self.db.session() as s:
            ws = self._by_id(s, workshop_id)
            rnd = self._round(s, ws, round)
            if rnd.status != "closed":
                raise RoundStateError(Issue("workshop_round_not_closed", details={"round": rnd.number}))
            data = [self._round_data(s, ws, n) for n in range(1, rnd.number + 1)]
            description = self._description(s, ws)
            cells = self._score_cells(s, ws)
        names_shown = not ws.anonymous and rnd.revealed_at is not None
        chosen = data[-1]
        result = (
            self._score_group_result(chosen, cells, names_visible=names_shown)
            if ws.mode == "scores"
            else self._group_result(chosen, names_visible=names_shown)
        )
        return ClosedRound(
            workshop=description,
            problem=self._problem(ws)[0],
            result=result,
            history=tuple(self._round_summary(d) for d in data),
            names_shown=names_shown,
        )

    def _by_id(self, s: Session, workshop_id: object) -> StoredWorkshop:
        ws = None
        if isinstance(workshop_id, int) and not isinstance(workshop_id, bool):
            ws = store.workshop_by_id(s, workshop_id)
        if ws is None:
            raise WorkshopError(Issue("workshop_unknown", details={"id": str(workshop_id)[:20]}))
        return ws

    def _description(self, s: Session, ws: StoredWorkshop) -> WorkshopDescription:
        problem, weighed = self._problem(ws, s)
        return WorkshopDescription(
            id=ws.id,
            name=ws.name,
            mode=ws.mode,  # type: ignore[arg-type]
            anonymous=ws.anonymous,
            criteria=tuple(problem.criterion(c) for c in ws.criteria),
            problem_id=ws.problem_id,
            problem_name=problem.info.name,
            problem_sha256=ws.problem_sha256,
            ranking=RankingSettings(**ws.ranking),
            created_at=ws.created_at,
            cells=self._score_cells(s, ws),
            tree=weighed.tree if ws.mode == "tree" else None,
        )


def _state(rnd: StoredRound, submissions: int | None) -> RoundState:
    return RoundState(
        number=rnd.number,
        status=rnd.status,  # type: ignore[arg-type]
        revealed=rnd.revealed_at is not None,
        opened_at=rnd.opened_at,
        closed_at=rnd.closed_at,
        submissions=submissions if rnd.status == "closed" else None,
    )
