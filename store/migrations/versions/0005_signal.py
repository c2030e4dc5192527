"""Signal: the phone number a channel gives and a changed Signal key on channel accounts, and
the one-time codes that link one person's accounts on two channels (/koppel).

Revision ID: 0005_signal
Revises: 0004_hours
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.types import UTCDateTime

revision: str = "0005_signal"
# Written on 0003 while the hours (0004) were made in parallel; re-chained when main came in.
down_revision: str | None = "0004_hours"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("channel_accounts") as batch:
        batch.add_column(sa.Column("phone_number", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("key_changed_at", UTCDateTime(), nullable=True))
    op.create_table(
        "link_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_link_codes_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_link_codes_code_hash")),
    )
    op.create_index(op.f("ix_link_codes_person_id"), "link_codes", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_link_codes_person_id"), table_name="link_codes")
    op.drop_table("link_codes")
    with op.batch_alter_table("channel_accounts") as batch:
        batch.drop_column("key_changed_at")
        batch.drop_column("phone_number")
