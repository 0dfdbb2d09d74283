"""submission lifecycle, export sequence and API keys

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "scopes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_api_keys_name")),
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("form_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("change_seq", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE submissions SET updated_at = submitted_at, form_id = (SELECT form_id FROM "
        "form_versions WHERE form_versions.id = submissions.form_version_id), change_seq = "
        "(SELECT max(id) FROM status_changes WHERE submission_id = submissions.id)"
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.alter_column("form_id", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column(
            "updated_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.create_index(batch_op.f("ix_submissions_form_id"), ["form_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_submissions_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(
            "ix_submissions_status_submitted_at", ["status", "submitted_at"], unique=False
        )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_api_key_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_status_changes_actor_api_key_id_api_keys"),
            "api_keys",
            ["actor_api_key_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_status_changes_actor_api_key_id_api_keys"), type_="foreignkey"
        )
        batch_op.drop_column("actor_api_key_id")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_submissions_status_submitted_at")
        batch_op.drop_index(batch_op.f("ix_submissions_change_seq"))
        batch_op.drop_index(batch_op.f("ix_submissions_form_id"))
        batch_op.drop_column("change_seq")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("form_id")
    op.drop_table("api_keys")
