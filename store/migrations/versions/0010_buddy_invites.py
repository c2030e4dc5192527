"""A buddy invite names the participant it links the buddy to.

Revision ID: 0010_buddy_invites
Revises: 0009_broadcasts
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_buddy_invites"
down_revision: str | None = "0009_broadcasts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invites") as batch:
        batch.add_column(sa.Column("buddy_of_person_id", sa.Integer(), nullable=True))
        batch.create_index(
            batch.f("ix_invites_buddy_of_person_id"), ["buddy_of_person_id"], unique=False
        )
        batch.create_foreign_key(
            batch.f("fk_invites_buddy_of_person_id_persons"),
            "persons",
            ["buddy_of_person_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("invites") as batch:
        batch.drop_constraint(batch.f("fk_invites_buddy_of_person_id_persons"), type_="foreignkey")
        batch.drop_index(batch.f("ix_invites_buddy_of_person_id"))
        batch.drop_column("buddy_of_person_id")
