"""Invites that grant a role, the outbox of messages waiting to be sent, and when each channel
account was last used.

Revision ID: 0003_invites_outbox
Revises: 0002_activities
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.types import JSONData, UTCDateTime

revision: str = "0003_invites_outbox"
down_revision: str | None = "0002_activities"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("channel_accounts") as batch:
        batch.add_column(sa.Column("last_seen_at", UTCDateTime(), nullable=True))
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("for_person_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.Column("used_by_person_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["for_person_id"],
            ["persons.id"],
            name=op.f("fk_invites_for_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["used_by_person_id"],
            ["persons.id"],
            name=op.f("fk_invites_used_by_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invites")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_invites_code_hash")),
    )
    op.create_index(op.f("ix_invites_for_person_id"), "invites", ["for_person_id"])
    op.create_index(op.f("ix_invites_used_by_person_id"), "invites", ["used_by_person_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("payload", JSONData, nullable=False),
        sa.Column("attachment", sa.LargeBinary(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_until", UTCDateTime(), nullable=True),
        sa.Column("error", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["channel_accounts.id"],
            name=op.f("fk_outbox_account_id_channel_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(op.f("ix_outbox_account_id"), "outbox", ["account_id"])
    op.create_index("ix_outbox_due", "outbox", ["channel", "status", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_index(op.f("ix_outbox_account_id"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_invites_used_by_person_id"), table_name="invites")
    op.drop_index(op.f("ix_invites_for_person_id"), table_name="invites")
    op.drop_table("invites")
    with op.batch_alter_table("channel_accounts") as batch:
        batch.drop_column("last_seen_at")
