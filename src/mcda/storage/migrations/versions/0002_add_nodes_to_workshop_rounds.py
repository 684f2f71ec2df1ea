"""Tree rounds: the nodes a facilitator chose for a round, and the local weights the other nodes
keep (``workshop_rounds.nodes``, JSON; NULL for every round that is not a tree round, so every
existing round stays as it was).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 13:39:39.528428
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("workshop_rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nodes", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workshop_rounds", schema=None) as batch_op:
        batch_op.drop_column("nodes")
