"""Help cases (who needs a coach, why, who helps) and the municipalities coaches serve.

Revision ID: 0011_cases
Revises: 0010_buddy_invites
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.types import JSONData, UTCDateTime

revision: str = "0011_cases"
down_revision: str | None = "0010_buddy_invites"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coach_areas",
        sa.Column("coach_person_id", sa.Integer(), nullable=False),
        sa.Column("municipality", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["coach_person_id"],
            ["persons.id"],
            name=op.f("fk_coach_areas_coach_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("coach_person_id", "municipality", name=op.f("pk_coach_areas")),
    )
    op.create_table(
        "help_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("municipality", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("reasons", JSONData, nullable=False),
        sa.Column("coach_person_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("talking_since", UTCDateTime(), nullable=True),
        sa.Column("rating", sa.String(length=8), nullable=True),
        sa.ForeignKeyConstraint(
            ["coach_person_id"],
            ["persons.id"],
            name=op.f("fk_help_cases_coach_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_help_cases_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_cases")),
    )
    with op.batch_alter_table("help_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_help_cases_coach_person_id"), ["coach_person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_help_cases_municipality"), ["municipality"], unique=False
        )
        batch_op.create_index("ix_help_cases_person_status", ["person_id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("help_cases", schema=None) as batch_op:
        batch_op.drop_index("ix_help_cases_person_status")
        batch_op.drop_index(batch_op.f("ix_help_cases_municipality"))
        batch_op.drop_index(batch_op.f("ix_help_cases_coach_person_id"))

    op.drop_table("help_cases")
    op.drop_table("coach_areas")
