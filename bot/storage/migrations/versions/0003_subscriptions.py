"""Alerts: webhook subscriptions, the outbox of their deliveries (one row per subscription and
document version, whoever enqueues it), and the document versions already announced.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PENDING = "delivered_at IS NULL AND failed_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("profile", sa.Text, nullable=False),
        sa.Column("lang", sa.Text),
        sa.Column("webhook_url", sa.Text, nullable=False),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("subscriptions_owner", "subscriptions", ["owner"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("subscription_id", sa.Text, sa.ForeignKey("subscriptions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("doc_id", sa.Text, nullable=False),
        sa.Column("doc_hash", sa.Text, nullable=False),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("next_attempt_at", sa.Float, nullable=False),
        sa.Column("delivered_at", sa.Float),
        sa.Column("failed_at", sa.Float),
        sa.Column("last_error", sa.Text),
    )
    op.create_index("outbox_once", "outbox", ["subscription_id", "doc_id", "doc_hash"], unique=True)
    op.create_index("outbox_due", "outbox", ["next_attempt_at"],
                    sqlite_where=sa.text(PENDING), postgresql_where=sa.text(PENDING))
    op.create_table(
        "announced",
        sa.Column("doc_id", sa.Text, primary_key=True),
        sa.Column("doc_hash", sa.Text, primary_key=True),
        sa.Column("seen_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("announced")
    op.drop_index("outbox_due", "outbox")
    op.drop_table("outbox")
    op.drop_index("subscriptions_owner", "subscriptions")
    op.drop_table("subscriptions")
