"""The schema before migrations: weight sets, expert edits (with ranges), workshops, scoring cells.

Revision ID: 0001
Revises:
Create Date: 2026-12-01

``SCHEMA`` is a frozen copy of the tables as ``Base.metadata.create_all`` made them before Alembic
came in; it never changes (later revisions change the database, not this file). Upgrading creates
the tables that are missing, so a database made by an earlier version without Alembic (it may lack
the newest tables, such as ``expert_edit_ranges``) is brought to this revision too; the migrations
then compare such a database with ``SCHEMA`` before stamping it (see ``mcda.storage.migrations``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

SCHEMA = sa.MetaData()

sa.Table(
    "weight_sets",
    SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("problem_id", sa.String(200), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("weights", sa.JSON, nullable=False),
    sa.Column("origin", sa.JSON, nullable=False),
    sa.Column("notes", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("problem_id", "name", name="uq_weight_set_name"),
)

sa.Table(
    "expert_edits",
    SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("problem_id", sa.String(200), nullable=False, index=True),
    sa.Column("alternative_id", sa.String(200), nullable=False),
    sa.Column("criterion_id", sa.String(200), nullable=False),
    sa.Column("value", sa.Float, nullable=True),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("rationale", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

sa.Table(
    "workshops",
    SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("mode", sa.String(16), nullable=False),
    sa.Column("anonymous", sa.Boolean, nullable=False),
    sa.Column("criteria", sa.JSON, nullable=False),
    sa.Column("problem_id", sa.String(200), nullable=False, index=True),
    sa.Column("problem", sa.JSON, nullable=False),
    sa.Column("problem_sha256", sa.String(64), nullable=False),
    sa.Column("ranking", sa.JSON, nullable=False),
    sa.Column("join_code", sa.String(16), nullable=False, unique=True),
    sa.Column("facilitator_key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("current_round", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

sa.Table(
    "workshop_rounds",
    SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("workshop_id", "number", name="uq_workshop_round_number"),
)

sa.Table(
    "workshop_participants",
    SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("member_no", sa.Integer, nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("name_key", sa.String(200), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("workshop_id", "member_no", name="uq_workshop_member_no"),
    sa.UniqueConstraint("workshop_id", "name_key", name="uq_workshop_member_name"),
)

sa.Table(
    "workshop_submissions",
    SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "round_id", sa.Integer, sa.ForeignKey("workshop_rounds.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column(
        "participant_id",
        sa.Integer,
        sa.ForeignKey("workshop_participants.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("judgments", sa.JSON, nullable=False),
    sa.Column("weights", sa.JSON, nullable=False),
    sa.Column("cr", sa.Float, nullable=True),
    sa.Column("details", sa.JSON, nullable=False),
    sa.Column("carried_over", sa.Boolean, nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("round_id", "participant_id", "revision", name="uq_workshop_submission_revision"),
    sa.Index(
        "uq_workshop_submission_current",
        "round_id",
        "participant_id",
        unique=True,
        sqlite_where=sa.text("superseded_at IS NULL"),
        postgresql_where=sa.text("superseded_at IS NULL"),
    ),
)

sa.Table(
    "workshop_score_cells",
    SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("alternative_id", sa.String(200), nullable=False),
    sa.Column("criterion_id", sa.String(200), nullable=False),
    sa.UniqueConstraint("workshop_id", "alternative_id", "criterion_id", name="uq_workshop_score_cell"),
)

sa.Table(
    "expert_edit_ranges",
    SCHEMA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("edit_id", sa.Integer, sa.ForeignKey("expert_edits.id", ondelete="CASCADE"), nullable=False, unique=True),
    sa.Column("low", sa.Float, nullable=False),
    sa.Column("high", sa.Float, nullable=False),
    sa.Column("basis", sa.String(32), nullable=False),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="SET NULL"), nullable=True, index=True),
    sa.Column("round_number", sa.Integer, nullable=True),
    sa.Column("answers", sa.Integer, nullable=True),
    sa.Column("details", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


def upgrade() -> None:
    # checkfirst: only the tables a database made without Alembic does not have yet
    SCHEMA.create_all(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    SCHEMA.drop_all(op.get_bind())
