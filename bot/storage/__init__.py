"""Storage for what policybot remembers between requests: the question log, feedback and
statistics, and the alerts' webhook subscriptions and delivery outbox.

One implementation (SQLAlchemy Core) over two backends, chosen by the settings: PostgreSQL when
``POLICYBOT_DATABASE_URL`` is set (shared by every worker and replica), else the embedded SQLite
file ``POLICYBOT_ANALYTICS_DB`` (no server; one machine). The schema is versioned by Alembic
(``migrations/``) and brought up to date when a process opens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.settings import Settings

if TYPE_CHECKING:
    from bot.storage.alerts import AlertStore
    from bot.storage.log import QuestionLog


def database_url(settings: Settings) -> str | None:
    """The database the settings choose; None when the log is switched off."""
    if settings.database_url is not None:
        return settings.database_url.get_secret_value()
    if settings.analytics_db is not None:
        from bot.storage.engine import sqlite_url

        return sqlite_url(settings.analytics_db)
    return None


def open_log(settings: Settings) -> QuestionLog | None:
    """Connect, migrate and return the question log the settings choose (None: logging off)."""
    url = database_url(settings)
    if url is None:
        return None
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from bot.storage.engine import make_engine
    from bot.storage.log import QuestionLog

    try:
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError):  # their messages quote the URL, password and all
        raise ValueError("POLICYBOT_DATABASE_URL is not a postgresql:// (or sqlite:///) URL") from None
    return QuestionLog(engine, settings.analytics_retention_days, settings.analytics_salt, settings.log_backlog)


def open_alerts(log: QuestionLog | None) -> AlertStore | None:
    """Subscriptions and their outbox, in the question log's database (None: no database)."""
    if log is None:
        return None
    from bot.storage.alerts import AlertStore

    return AlertStore(log.engine)
