"""list imports: actors' identifiers and addresses, the entries of the official lists, and the `delisting` action type

Revision ID: 0003
Revises: 0002
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTION_TYPES = ("designation", "condemnation", "joint_statement", "warning", "veto", "report", "denial", "other")


def upgrade() -> None:
    op.create_table(
        "actor_identifiers",
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("scheme", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "scheme IN ('un_reference', 'ofac_ent_num', 'passport', 'national_id', 'document', 'imo', 'mmsi', "
            "'call_sign')",
            name=op.f("ck_actor_identifiers_scheme"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_identifiers_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("actor_id", "scheme", "value", name=op.f("pk_actor_identifiers")),
    )
    op.create_index("ix_actor_identifiers_scheme_value", "actor_identifiers", ["scheme", "value"])
    op.create_table(
        "actor_addresses",
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("country", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_addresses_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("actor_id", "address", name=op.f("pk_actor_addresses")),
    )
    op.create_table(
        "list_entries",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("list_name", sa.String(length=16), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("regimes", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("listed_action_id", sa.String(length=100), nullable=True),
        sa.Column("delisted_action_id", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("list_name IN ('un_sc', 'ofac_sdn')", name=op.f("ck_list_entries_list_name")),
        sa.CheckConstraint("status IN ('listed', 'delisted')", name=op.f("ck_list_entries_status")),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_list_entries_actor_id_actors"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_list_entries_source_id_sources"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["listed_action_id"],
            ["actions.id"],
            name=op.f("fk_list_entries_listed_action_id_actions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["delisted_action_id"],
            ["actions.id"],
            name=op.f("fk_list_entries_delisted_action_id_actions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_entries")),
        sa.UniqueConstraint("list_name", "reference", name=op.f("uq_list_entries_list_name_reference")),
    )
    op.create_index("ix_list_entries_actor_id", "list_entries", ["actor_id"])
    _allow_action_types((*ACTION_TYPES, "delisting"))


def downgrade() -> None:
    # The narrower CHECK would refuse them: delistings go with the import tables they came from.
    op.execute("DELETE FROM actions WHERE type = 'delisting'")
    _allow_action_types(ACTION_TYPES)
    op.drop_index("ix_list_entries_actor_id", table_name="list_entries")
    op.drop_table("list_entries")
    op.drop_table("actor_addresses")
    op.drop_index("ix_actor_identifiers_scheme_value", table_name="actor_identifiers")
    op.drop_table("actor_identifiers")


def _allow_action_types(types: Sequence[str]) -> None:
    check = "type IN (" + ", ".join(f"'{value}'" for value in types) + ")"
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_actions_type"), "actions", type_="check")
        op.create_check_constraint(op.f("ck_actions_type"), "actions", check)
        return
    # SQLite changes a CHECK only by copying the table, and copying `actions` would fire the links' ON DELETE
    # CASCADE (foreign keys cannot be switched off inside the migration's transaction). A CHECK that only widens
    # or narrows a value list leaves the stored rows as they are, so SQLite's documented alternative applies:
    # rewrite the table's definition in sqlite_schema and bump the schema version
    # (https://www.sqlite.org/lang_altertable.html#otheralter).
    bind = op.get_bind()
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'actions'").scalar()
    new_sql, found = re.subn(
        r"CONSTRAINT ck_actions_type CHECK \(type IN \([^)]*\)\)",
        lambda _: f"CONSTRAINT ck_actions_type CHECK ({check})",
        sql,
    )
    if found != 1:
        raise RuntimeError("ck_actions_type not found in the definition of table actions")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'actions'", (new_sql,))
    bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    if bind.exec_driver_sql("PRAGMA integrity_check").scalar() != "ok":
        raise RuntimeError("SQLite integrity check failed after widening ck_actions_type")
