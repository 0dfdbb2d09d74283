"""population database: administrative units, Điều 9 attributes, family links, consent,
pending disputes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

Existing addresses were single lines of text; they become the street part of the new
street + ward pair (ward unknown), so nothing already stored is lost.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_IS_HEAD = sa.text("relationship_to_head = 'Chủ hộ'")
_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_WARD_COLUMNS = ("permanent_ward_code", "temporary_ward_code", "current_ward_code")
_PEOPLE_COLUMNS = ("father_id", "mother_id", "spouse_id")


def upgrade() -> None:
    op.create_table(
        "generated_populations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("citizens", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generated_populations")),
    )
    op.create_table(
        "provinces",
        sa.Column("code", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("division_type", sa.String(length=32), nullable=False),
        sa.Column("codename", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_provinces")),
    )
    op.create_table(
        "birth_registration_provinces",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("successor_code", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["successor_code"],
            ["provinces.code"],
            name=op.f("fk_birth_registration_provinces_successor_code_provinces"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_birth_registration_provinces")),
    )
    op.create_table(
        "wards",
        sa.Column("code", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("division_type", sa.String(length=32), nullable=False),
        sa.Column("codename", sa.String(length=64), nullable=False),
        sa.Column("province_code", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["province_code"], ["provinces.code"], name=op.f("fk_wards_province_code_provinces")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_wards")),
    )
    with op.batch_alter_table("wards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wards_province_code"), ["province_code"])

    op.create_table(
        "prefill_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("paths", _JSON, nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_prefill_consents_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prefill_consents")),
    )
    with op.batch_alter_table("prefill_consents", schema=None) as batch_op:
        batch_op.create_index("ix_prefill_consents_account_form", ["account_id", "form_id"])

    op.create_table(
        "pending_disputes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("notes", _JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_pending_disputes_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_disputes")),
        sa.UniqueConstraint("account_id", "form_id", name=op.f("uq_pending_disputes_account_id")),
    )

    with op.batch_alter_table("citizens", schema=None) as batch_op:
        batch_op.alter_column("permanent_address", new_column_name="permanent_street")
        batch_op.add_column(sa.Column("other_name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("place_of_birth", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("birth_registration_place", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("hometown", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("religion", sa.String(length=40), server_default="Không", nullable=False)
        )
        batch_op.add_column(sa.Column("blood_group", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("marital_status", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("id_card_number", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("id_card_issue_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("id_card_issue_place", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("id_card_expiry_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("old_id_number", sa.String(length=9), nullable=True))
        batch_op.add_column(sa.Column("permanent_ward_code", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("temporary_street", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("temporary_ward_code", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("current_street", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("current_ward_code", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("date_of_death", sa.Date(), nullable=True))
        for column in _PEOPLE_COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f"fk_citizens_{column}_citizens"), "citizens", [column], ["id"]
            )
        for column in _WARD_COLUMNS:
            batch_op.create_foreign_key(
                batch_op.f(f"fk_citizens_{column}_wards"), "wards", [column], ["code"]
            )
        for column in _PEOPLE_COLUMNS:
            batch_op.create_index(batch_op.f(f"ix_citizens_{column}"), [column])
        batch_op.create_index(
            "uq_citizens_household_head",
            ["household_id"],
            unique=True,
            sqlite_where=_IS_HEAD,
            postgresql_where=_IS_HEAD,
        )

    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.alter_column("address", new_column_name="street")
        batch_op.add_column(sa.Column("ward_code", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_households_ward_code_wards"), "wards", ["ward_code"], ["code"]
        )

    with op.batch_alter_table("prefill_reads", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=32), server_default="population", nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_prefill_reads_form_id"), ["form_id"])


def downgrade() -> None:
    with op.batch_alter_table("prefill_reads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prefill_reads_form_id"))
        batch_op.drop_column("source")

    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_households_ward_code_wards"), type_="foreignkey")
        batch_op.drop_column("ward_code")
        batch_op.alter_column("street", new_column_name="address")

    with op.batch_alter_table("citizens", schema=None) as batch_op:
        batch_op.drop_index("uq_citizens_household_head")
        for column in _WARD_COLUMNS:
            batch_op.drop_constraint(batch_op.f(f"fk_citizens_{column}_wards"), type_="foreignkey")
        for column in _PEOPLE_COLUMNS:
            batch_op.drop_index(batch_op.f(f"ix_citizens_{column}"))
            batch_op.drop_constraint(
                batch_op.f(f"fk_citizens_{column}_citizens"), type_="foreignkey"
            )
            batch_op.drop_column(column)
        for column in (
            "date_of_death", "current_ward_code", "current_street", "temporary_ward_code",
            "temporary_street", "permanent_ward_code", "old_id_number", "id_card_expiry_date",
            "id_card_issue_place", "id_card_issue_date", "id_card_number", "marital_status",
            "blood_group", "religion", "hometown", "birth_registration_place", "place_of_birth",
            "other_name",
        ):  # fmt: skip
            batch_op.drop_column(column)
        batch_op.alter_column("permanent_street", new_column_name="permanent_address")

    op.drop_table("pending_disputes")
    with op.batch_alter_table("prefill_consents", schema=None) as batch_op:
        batch_op.drop_index("ix_prefill_consents_account_form")
    op.drop_table("prefill_consents")
    with op.batch_alter_table("wards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wards_province_code"))
    op.drop_table("wards")
    op.drop_table("birth_registration_provinces")
    op.drop_table("provinces")
    op.drop_table("generated_populations")
