"""The activity catalogue: activities, enrolments, search profiles, unmet wishes.

Revision ID: 0002_activities
Revises: 0001
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.types import JSONData, UTCDateTime

revision: str = "0002_activities"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=False),
        sa.Column("organisation", sa.String(length=120), nullable=False),
        sa.Column("municipality", sa.String(length=60), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("interests", JSONData, nullable=False),
        sa.Column("dutch_level", sa.SmallInteger(), nullable=True),
        sa.Column("children_welcome", sa.Boolean(), nullable=False),
        sa.Column("weekdays", JSONData, nullable=False),
        sa.Column("day_parts", JSONData, nullable=False),
        sa.Column("times", sa.String(length=40), nullable=True),
        sa.Column("dates", JSONData, nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=True),
        sa.Column("uitpas", sa.Boolean(), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("contact_url", sa.String(length=300), nullable=True),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("with_others", sa.Boolean(), nullable=True),
        sa.Column("new_contacts", sa.Boolean(), nullable=True),
        sa.Column("dutch_setting", sa.Boolean(), nullable=True),
        sa.Column("provider_person_id", sa.Integer(), nullable=True),
        sa.Column("archived_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("dutch_level BETWEEN 1 AND 4", name=op.f("ck_activities_dutch_level")),
        sa.ForeignKeyConstraint(
            ["provider_person_id"],
            ["persons.id"],
            name=op.f("fk_activities_provider_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("source", "external_id", name=op.f("uq_activities_source")),
    )
    op.create_index(op.f("ix_activities_municipality"), "activities", ["municipality"])
    op.create_index(op.f("ix_activities_provider_person_id"), "activities", ["provider_person_id"])
    op.create_table(
        "enrolments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("together_requested_at", UTCDateTime(), nullable=True),
        sa.Column("provider_asked_at", UTCDateTime(), nullable=True),
        sa.Column("provider_answer", sa.String(length=16), nullable=True),
        sa.Column("provider_answered_at", UTCDateTime(), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activities.id"], name=op.f("fk_enrolments_activity_id_activities")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_enrolments_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolments")),
        sa.UniqueConstraint("person_id", "activity_id", name=op.f("uq_enrolments_person_id")),
    )
    op.create_index(op.f("ix_enrolments_activity_id"), "enrolments", ["activity_id"])
    op.create_table(
        "search_profiles",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("travel", sa.String(length=16), nullable=True),
        sa.Column("dutch_level", sa.SmallInteger(), nullable=True),
        sa.Column("with_children", sa.Boolean(), nullable=False),
        sa.Column("slots", JSONData, nullable=False),
        sa.Column("everything", sa.Boolean(), nullable=False),
        sa.Column("coach_requested_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_search_profiles_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_search_profiles")),
    )
    op.create_table(
        "unmet_wishes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("municipality", sa.String(length=60), nullable=True),
        sa.Column("interests", JSONData, nullable=False),
        sa.Column("travel", sa.String(length=16), nullable=True),
        sa.Column("dutch_level", sa.SmallInteger(), nullable=True),
        sa.Column("with_children", sa.Boolean(), nullable=False),
        sa.Column("slots", JSONData, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unmet_wishes")),
    )
    op.create_index(op.f("ix_unmet_wishes_noted_on"), "unmet_wishes", ["noted_on"])


def downgrade() -> None:
    op.drop_index(op.f("ix_unmet_wishes_noted_on"), table_name="unmet_wishes")
    op.drop_table("unmet_wishes")
    op.drop_table("search_profiles")
    op.drop_index(op.f("ix_enrolments_activity_id"), table_name="enrolments")
    op.drop_table("enrolments")
    op.drop_index(op.f("ix_activities_provider_person_id"), table_name="activities")
    op.drop_index(op.f("ix_activities_municipality"), table_name="activities")
    op.drop_table("activities")
