"""Alembic environment: runs on the connection ``bot.storage.migrate.upgrade`` hands it.

``alembic -c bot/storage/migrations/alembic.ini ...`` also works from the command line (history,
new revisions): the URL then comes from ``POLICYBOT_DATABASE_URL``.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from bot.storage.schema import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:  # pragma: no cover - the alembic command line
    from bot.storage.engine import make_engine

    url = os.environ.get("POLICYBOT_DATABASE_URL")
    engine = make_engine(url) if url else create_engine("sqlite://")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
