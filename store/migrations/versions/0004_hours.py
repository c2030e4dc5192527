"""The hours of the participation trajectory: entries, corrections (the audit trail), confirmation
links, goals (deadline and milestones) and the overviews handed out.

Revision ID: 0004_hours
Revises: 0003_invites_outbox
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.types import JSONData, UTCDateTime

revision: str = "0004_hours"
down_revision: str | None = "0003_invites_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hour_goals",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("deadline_set_by_person_id", sa.Integer(), nullable=True),
        sa.Column("deadline_set_at", UTCDateTime(), nullable=True),
        sa.Column("milestone", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deadline_set_by_person_id"],
            ["persons.id"],
            name=op.f("fk_hour_goals_deadline_set_by_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_hour_goals_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_hour_goals")),
    )
    op.create_table(
        "hour_overviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("confirmed_minutes", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_hour_overviews_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hour_overviews")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_hour_overviews_code_hash")),
    )
    op.create_index(op.f("ix_hour_overviews_person_id"), "hour_overviews", ["person_id"])
    op.create_table(
        "hour_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("logged_by_person_id", sa.Integer(), nullable=True),
        sa.Column("source_channel", sa.String(length=16), nullable=True),
        sa.Column("source_update", sa.String(length=64), nullable=True),
        sa.Column("decided_by_person_id", sa.Integer(), nullable=True),
        sa.Column("decided_via", sa.String(length=16), nullable=True),
        sa.Column("decided_name", sa.String(length=80), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("pending_since", UTCDateTime(), nullable=False),
        sa.Column("provider_asked_at", UTCDateTime(), nullable=True),
        sa.Column("reminded_at", UTCDateTime(), nullable=True),
        sa.Column("escalated_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("minutes > 0", name=op.f("ck_hour_entries_minutes")),
        sa.ForeignKeyConstraint(
            ["decided_by_person_id"],
            ["persons.id"],
            name=op.f("fk_hour_entries_decided_by_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["enrolments.id"],
            name=op.f("fk_hour_entries_enrolment_id_enrolments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["logged_by_person_id"],
            ["persons.id"],
            name=op.f("fk_hour_entries_logged_by_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_hour_entries_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hour_entries")),
        sa.UniqueConstraint(
            "source_channel", "source_update", name=op.f("uq_hour_entries_source_channel")
        ),
    )
    op.create_index(
        op.f("ix_hour_entries_decided_by_person_id"), "hour_entries", ["decided_by_person_id"]
    )
    op.create_index(op.f("ix_hour_entries_enrolment_id"), "hour_entries", ["enrolment_id"])
    op.create_index(
        op.f("ix_hour_entries_logged_by_person_id"), "hour_entries", ["logged_by_person_id"]
    )
    op.create_index("ix_hour_entries_person_day", "hour_entries", ["person_id", "day"])
    op.create_index("ix_hour_entries_waiting", "hour_entries", ["status", "pending_since"])
    op.create_table(
        "hour_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("changed_by_person_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.Column("old", JSONData, nullable=False),
        sa.Column("new", JSONData, nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by_person_id"],
            ["persons.id"],
            name=op.f("fk_hour_corrections_changed_by_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["hour_entries.id"],
            name=op.f("fk_hour_corrections_entry_id_hour_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hour_corrections")),
    )
    op.create_index(
        op.f("ix_hour_corrections_changed_by_person_id"),
        "hour_corrections",
        ["changed_by_person_id"],
    )
    op.create_index(op.f("ix_hour_corrections_entry_id"), "hour_corrections", ["entry_id"])
    op.create_table(
        "hour_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("entry_version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["hour_entries.id"],
            name=op.f("fk_hour_links_entry_id_hour_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hour_links")),
    )
    op.create_index(op.f("ix_hour_links_entry_id"), "hour_links", ["entry_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_hour_links_entry_id"), table_name="hour_links")
    op.drop_table("hour_links")
    op.drop_index(op.f("ix_hour_corrections_entry_id"), table_name="hour_corrections")
    op.drop_index(op.f("ix_hour_corrections_changed_by_person_id"), table_name="hour_corrections")
    op.drop_table("hour_corrections")
    op.drop_index("ix_hour_entries_waiting", table_name="hour_entries")
    op.drop_index("ix_hour_entries_person_day", table_name="hour_entries")
    op.drop_index(op.f("ix_hour_entries_logged_by_person_id"), table_name="hour_entries")
    op.drop_index(op.f("ix_hour_entries_enrolment_id"), table_name="hour_entries")
    op.drop_index(op.f("ix_hour_entries_decided_by_person_id"), table_name="hour_entries")
    op.drop_table("hour_entries")
    op.drop_index(op.f("ix_hour_overviews_person_id"), table_name="hour_overviews")
    op.drop_table("hour_overviews")
    op.drop_table("hour_goals")
