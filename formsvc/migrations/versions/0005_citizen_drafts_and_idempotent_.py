"""citizen drafts and idempotent submissions

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "submission_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_submission_drafts_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["form_versions.id"],
            name=op.f("fk_submission_drafts_form_version_id_form_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_drafts")),
        sa.UniqueConstraint("account_id", "form_id", name=op.f("uq_submission_drafts_account_id")),
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idempotency_key", sa.String(length=36), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_submissions_account_id"), ["account_id", "idempotency_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_submissions_account_id"), type_="unique")
        batch_op.drop_column("idempotency_key")

    op.drop_table("submission_drafts")
