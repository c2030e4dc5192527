"""Staff broadcasts: the announcements with their audit, one row per recipient, who muted them
(/stil); and the outbox's two priorities and the ref that ties a row to a recipient.

Revision ID: 0009_broadcasts
Revises: 0005_signal
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.types import JSONData, UTCDateTime

revision: str = "0009_broadcasts"
down_revision: str | None = "0007_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "broadcast_mutes",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("muted_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_broadcast_mutes_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_broadcast_mutes")),
    )
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("audience", JSONData, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("translations", JSONData, nullable=False),
        sa.Column("link_kind", sa.String(length=16), nullable=True),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("send_at", UTCDateTime(), nullable=False),
        sa.Column("author_person_id", sa.Integer(), nullable=True),
        sa.Column("via", sa.String(length=8), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_by_person_id", sa.Integer(), nullable=True),
        sa.Column("cancelled_via", sa.String(length=8), nullable=True),
        sa.Column("recipient_count", sa.Integer(), nullable=False),
        sa.Column("report_message_id", sa.String(length=32), nullable=True),
        sa.Column("reported_at", UTCDateTime(), nullable=True),
        sa.Column("reported_share", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_person_id"],
            ["persons.id"],
            name=op.f("fk_broadcasts_author_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["cancelled_by_person_id"],
            ["persons.id"],
            name=op.f("fk_broadcasts_cancelled_by_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcasts")),
    )
    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_broadcasts_author_person_id"), ["author_person_id"], unique=False
        )
        batch_op.create_index("ix_broadcasts_due", ["status", "send_at"], unique=False)

    op.create_table(
        "broadcast_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.String(length=64), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcasts.id"],
            name=op.f("fk_broadcast_recipients_broadcast_id_broadcasts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_broadcast_recipients_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_recipients")),
        sa.UniqueConstraint(
            "broadcast_id", "person_id", name=op.f("uq_broadcast_recipients_broadcast_id")
        ),
    )
    with op.batch_alter_table("broadcast_recipients", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_broadcast_recipients_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            "ix_broadcast_recipients_status", ["broadcast_id", "status"], unique=False
        )

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("priority", sa.SmallInteger(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("ref_kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("ref_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_outbox_ref", ["ref_kind", "ref_id"], unique=False)
        batch_op.create_index("ix_outbox_address", ["channel", "address", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_address")
        batch_op.drop_index("ix_outbox_ref")
        batch_op.drop_column("ref_id")
        batch_op.drop_column("ref_kind")
        batch_op.drop_column("priority")

    with op.batch_alter_table("broadcast_recipients", schema=None) as batch_op:
        batch_op.drop_index("ix_broadcast_recipients_status")
        batch_op.drop_index(batch_op.f("ix_broadcast_recipients_person_id"))

    op.drop_table("broadcast_recipients")
    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.drop_index("ix_broadcasts_due")
        batch_op.drop_index(batch_op.f("ix_broadcasts_author_person_id"))

    op.drop_table("broadcasts")
    op.drop_table("broadcast_mutes")
