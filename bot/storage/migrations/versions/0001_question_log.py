"""The question log and feedback as the first release wrote them (SQLite files of that release
are stamped at this revision, bot/storage/migrate.py).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "questions",
        sa.Column("answer_id", sa.Text, primary_key=True),
        sa.Column("asked_at", sa.Float, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("abstained", sa.Integer, nullable=False),
        sa.Column("doc_ids", sa.Text, nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("client_hash", sa.Text),
    )
    op.create_index("questions_time", "questions", ["asked_at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("answer_id", sa.Text, sa.ForeignKey("questions.answer_id", ondelete="CASCADE"), nullable=False),
        sa.Column("helpful", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("given_at", sa.Float, nullable=False),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_table("questions")
    op.drop_table("meta")
