"""Taalplezier sessions (dated occurrences of an activity), RSVPs, session reminder rows and
buddy links.

Revision ID: 0007_sessions
Revises: 0005_signal
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.types import UTCDateTime

revision: str = "0007_sessions"
down_revision: str | None = "0005_signal"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _person(column: str, table: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["persons.id"], name=op.f(f"fk_{table}_{column}_persons"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "activity_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=True),
        sa.Column("municipality", sa.String(length=60), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("dutch_level", sa.SmallInteger(), nullable=True),
        sa.Column("counts", sa.Boolean(), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column("cancel_reason", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_activity_sessions_ends_after_start")
        ),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity > 0", name=op.f("ck_activity_sessions_capacity")
        ),
        sa.CheckConstraint(
            "dutch_level IS NULL OR dutch_level BETWEEN 1 AND 4",
            name=op.f("ck_activity_sessions_dutch_level"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_sessions_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_sessions")),
        sa.UniqueConstraint(
            "activity_id", "external_id", name=op.f("uq_activity_sessions_activity_id")
        ),
    )
    op.create_index(op.f("ix_activity_sessions_activity_id"), "activity_sessions", ["activity_id"])
    op.create_index(
        op.f("ix_activity_sessions_municipality"), "activity_sessions", ["municipality"]
    )
    op.create_index("ix_activity_sessions_start", "activity_sessions", ["starts_at"])
    op.create_table(
        "session_rsvps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("children", sa.SmallInteger(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("attended_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("children BETWEEN 0 AND 20", name=op.f("ck_session_rsvps_children")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["activity_sessions.id"],
            name=op.f("fk_session_rsvps_session_id_activity_sessions"),
            ondelete="CASCADE",
        ),
        _person("person_id", "session_rsvps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_rsvps")),
        sa.UniqueConstraint("session_id", "person_id", name=op.f("uq_session_rsvps_session_id")),
    )
    op.create_index(op.f("ix_session_rsvps_person_id"), "session_rsvps", ["person_id"])
    op.create_index(
        "ix_session_rsvps_waiting", "session_rsvps", ["session_id", "answer", "answered_at"]
    )
    op.create_table(
        "session_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("about_person_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("settled_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["activity_sessions.id"],
            name=op.f("fk_session_reminders_session_id_activity_sessions"),
            ondelete="CASCADE",
        ),
        _person("person_id", "session_reminders"),
        _person("about_person_id", "session_reminders"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_reminders")),
    )
    op.create_index("ix_session_reminders_due", "session_reminders", ["status", "due_at"])
    op.create_index("ix_session_reminders_session", "session_reminders", ["session_id", "status"])
    op.create_index(op.f("ix_session_reminders_person_id"), "session_reminders", ["person_id"])
    op.create_index(
        op.f("ix_session_reminders_about_person_id"), "session_reminders", ["about_person_id"]
    )
    op.create_table(
        "buddy_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buddy_person_id", sa.Integer(), nullable=False),
        sa.Column("participant_person_id", sa.Integer(), nullable=False),
        sa.Column("linked_by_person_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _person("buddy_person_id", "buddy_links"),
        _person("participant_person_id", "buddy_links"),
        _person("linked_by_person_id", "buddy_links", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buddy_links")),
        sa.UniqueConstraint(
            "buddy_person_id", "participant_person_id", name=op.f("uq_buddy_links_buddy_person_id")
        ),
    )
    op.create_index(op.f("ix_buddy_links_buddy_person_id"), "buddy_links", ["buddy_person_id"])
    op.create_index(
        op.f("ix_buddy_links_participant_person_id"), "buddy_links", ["participant_person_id"]
    )


def downgrade() -> None:
    op.drop_table("buddy_links")
    op.drop_table("session_reminders")
    op.drop_table("session_rsvps")
    op.drop_table("activity_sessions")
