"""Bring a database up to the newest schema, once, however many workers start together.

Versioned with Alembic (``migrations/versions``), run programmatically at start-up on one
connection in one transaction: PostgreSQL holds an advisory lock for it, SQLite a ``BEGIN
IMMEDIATE`` write lock, so workers and replicas starting at once migrate one after another and
the later ones find nothing to do. A SQLite file written before the migrations existed (tables,
no ``alembic_version``) is stamped with the revision its columns match, then upgraded in place.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
LOCK_KEY = 0x706F6C69  # "poli": the advisory lock every policybot process migrates under


def _config(connection: Connection):  # -> alembic.config.Config; alembic is imported only here
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def legacy_revision(connection: Connection) -> str | None:
    """The revision a database made before Alembic corresponds to; None if it is not one."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" in tables or "questions" not in tables:
        return None
    columns = {c["name"] for c in inspect(connection).get_columns("feedback")} if "feedback" in tables else set()
    return "0002" if "client_hash" in columns else "0001"


def upgrade(engine: Engine) -> None:
    from alembic import command

    options = {"sqlite_immediate": True} if engine.dialect.name == "sqlite" else {}
    with engine.connect().execution_options(**options) as connection, connection.begin():
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        config = _config(connection)
        legacy = legacy_revision(connection)
        if legacy is not None:
            command.stamp(config, legacy)
        elif newer_than_this_release(connection, config):
            return
        command.upgrade(config, "head")


def newer_than_this_release(connection: Connection, config) -> bool:
    """A schema migrated by a later release (a rollback during a rolling update): use it as it is."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    current = MigrationContext.configure(connection).get_current_revision()
    if current is None or current in {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}:
        return False
    log.warning("the question log's schema is at revision %s, newer than this release knows; "
                "not migrating (later revisions only add to it)", current)
    return True


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
