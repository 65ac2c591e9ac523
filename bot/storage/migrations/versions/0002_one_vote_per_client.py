"""One vote per answer and client: feedback.client_hash and a unique index (a client may change
its vote). Files written before this revision get it in place.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("feedback", sa.Column("client_hash", sa.Text))
    op.create_index("feedback_vote", "feedback", ["answer_id", "client_hash"], unique=True)


def downgrade() -> None:
    op.drop_index("feedback_vote", "feedback")
    op.drop_column("feedback", "client_hash")
