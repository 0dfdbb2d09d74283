"""form drafts and publication metadata

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "form_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("based_on_version", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_account_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_account_id"],
            ["accounts.id"],
            name=op.f("fk_form_drafts_updated_by_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_drafts")),
        sa.UniqueConstraint("form_id", name=op.f("uq_form_drafts_form_id")),
    )
    with op.batch_alter_table("form_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("legal_basis", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("published_by_account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_form_versions_published_by_account_id_accounts"),
            "accounts",
            ["published_by_account_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("form_versions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_form_versions_published_by_account_id_accounts"), type_="foreignkey"
        )
        batch_op.drop_column("published_by_account_id")
        batch_op.drop_column("legal_basis")

    op.drop_table("form_drafts")
