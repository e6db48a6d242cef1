"""core schema: actions, authorities, actors, officials, sources and their links

Written from an autogenerate draft and reviewed by hand; identical on SQLite and PostgreSQL.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.String(length=8), nullable=False),
        sa.Column("date_text", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("date_precision IN ('day', 'month', 'year')", name=op.f("ck_actions_date_precision")),
        sa.CheckConstraint("status IN ('published', 'draft')", name=op.f("ck_actions_status")),
        sa.CheckConstraint(
            "type IN ('designation', 'condemnation', 'joint_statement', 'warning', 'veto', 'report', 'denial', "
            "'other')",
            name=op.f("ck_actions_type"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
        sa.UniqueConstraint("id", "date", name=op.f("uq_actions_id_date")),
    )
    op.create_index("ix_actions_date_id", "actions", ["date", "id"])
    op.create_index("ix_actions_type_date_id", "actions", ["type", "date", "id"])
    op.create_table(
        "actors",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("search_key", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('state', 'person', 'organization', 'vessel', 'aircraft', 'body')", name=op.f("ck_actors_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
    )
    op.create_index("ix_actors_search_key", "actors", ["search_key"])
    op.create_index("ix_actors_name_id", "actors", ["name", "id"])
    op.create_index("ix_actors_country", "actors", ["country"])
    op.create_table(
        "authorities",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("symbol", sa.String(length=100), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("issuer", sa.String(length=200), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("parent_id", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('un_resolution', 'executive_order', 'sanctions_program', 'regime')",
            name=op.f("ck_authorities_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["authorities.id"], name=op.f("fk_authorities_parent_id_authorities"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorities")),
        sa.UniqueConstraint("kind", "code", name=op.f("uq_authorities_kind_code")),
        sa.UniqueConstraint("symbol", name=op.f("uq_authorities_symbol")),
    )
    op.create_index("ix_authorities_kind_number", "authorities", ["kind", "number"])
    op.create_table(
        "officials",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("organisation", sa.String(length=300), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officials")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("title", sa.String(length=1000), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sources_sha256")),
    )
    op.create_table(
        "action_sources",
        sa.Column("action_id", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_action_sources_action_id_actions"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_action_sources_source_id_sources"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("action_id", "source_id", name=op.f("pk_action_sources")),
    )
    op.create_index("ix_action_sources_source_id", "action_sources", ["source_id"])
    op.create_table(
        "actor_aliases",
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("alias", sa.String(length=500), nullable=False),
        sa.Column("search_key", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_aliases_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("actor_id", "alias", name=op.f("pk_actor_aliases")),
    )
    op.create_index("ix_actor_aliases_search_key", "actor_aliases", ["search_key"])
    op.create_table(
        "action_actors",
        sa.Column("action_id", sa.String(length=100), nullable=False),
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("action_date", sa.Date(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "role IN ('imposer', 'co_signatory', 'target', 'subject', 'mentioned')", name=op.f("ck_action_actors_role")
        ),
        sa.ForeignKeyConstraint(
            ["action_id", "action_date"],
            ["actions.id", "actions.date"],
            name="fk_action_actors_action",
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["action_id", "source_id"],
            ["action_sources.action_id", "action_sources.source_id"],
            name="fk_action_actors_action_source",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_action_actors_actor_id_actors"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("action_id", "actor_id", name=op.f("pk_action_actors")),
    )
    op.create_index("ix_action_actors_newest", "action_actors", ["actor_id", "action_date", "action_id"])
    op.create_table(
        "action_authorities",
        sa.Column("action_id", sa.String(length=100), nullable=False),
        sa.Column("authority_id", sa.String(length=100), nullable=False),
        sa.Column("action_date", sa.Date(), nullable=False),
        sa.Column("relation", sa.String(length=32), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.CheckConstraint(
            "relation IN ('cites', 'alleges_violation', 'implements', 'regime')",
            name=op.f("ck_action_authorities_relation"),
        ),
        sa.ForeignKeyConstraint(
            ["action_id", "action_date"],
            ["actions.id", "actions.date"],
            name="fk_action_authorities_action",
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["action_id", "source_id"],
            ["action_sources.action_id", "action_sources.source_id"],
            name="fk_action_authorities_action_source",
        ),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["authorities.id"],
            name=op.f("fk_action_authorities_authority_id_authorities"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("action_id", "authority_id", name=op.f("pk_action_authorities")),
    )
    op.create_index("ix_action_authorities_newest", "action_authorities", ["authority_id", "action_date", "action_id"])
    op.create_table(
        "action_officials",
        sa.Column("action_id", sa.String(length=100), nullable=False),
        sa.Column("official_id", sa.String(length=100), nullable=False),
        sa.Column("action_date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("organisation", sa.String(length=300), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id", "action_date"],
            ["actions.id", "actions.date"],
            name="fk_action_officials_action",
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["action_id", "source_id"],
            ["action_sources.action_id", "action_sources.source_id"],
            name="fk_action_officials_action_source",
        ),
        sa.ForeignKeyConstraint(
            ["official_id"],
            ["officials.id"],
            name=op.f("fk_action_officials_official_id_officials"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("action_id", "official_id", name=op.f("pk_action_officials")),
    )
    op.create_index("ix_action_officials_newest", "action_officials", ["official_id", "action_date", "action_id"])


def downgrade() -> None:
    op.drop_table("action_officials")
    op.drop_table("action_authorities")
    op.drop_table("action_actors")
    op.drop_table("actor_aliases")
    op.drop_table("action_sources")
    op.drop_table("sources")
    op.drop_table("officials")
    op.drop_table("authorities")
    op.drop_table("actors")
    op.drop_table("actions")
