"""Engines for the two backends: an embedded SQLite file (the default) or PostgreSQL.

SQLite is set up as the log always was: WAL, ``synchronous=NORMAL`` (no fsync per answer), a
30 s busy timeout so several worker processes share the file, foreign keys on. Transactions are
begun explicitly (pysqlite's own implicit BEGIN would skip the migrations' ``BEGIN IMMEDIATE``).
PostgreSQL goes through psycopg 3 with a small pool per process, a short connect timeout (a
database that is down fails fast and the log backs up in memory instead, ``bot.storage.log``). No
ping before each use (a round trip per answer): a connection found dead invalidates the pool and
the write is tried once more on a new one (``QuestionLog._write``).
Commits stay synchronous: with ``synchronous_commit=off`` a killed server lost the rows (and
the schema) committed in its last fraction of a second, which the log must not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

CONNECT_TIMEOUT_S = 3
# Per worker process: 4 workers x 8 stay well under PostgreSQL's default max_connections (100);
# deploy/README.md gives the sum for many replicas.
POOL_SIZE, POOL_OVERFLOW = 3, 5


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def mask_url(url: str) -> str:
    """``url`` with its password hidden: safe for health answers and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is shown as nothing, never echoed
        return "(unparsable database URL)"


def backend_of(url: str) -> str:
    return make_url(url).get_backend_name()


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///...`` or ``postgresql://...``); connects on first use."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, pool_timeout=10,
            hide_parameters=True,  # errors in the log never quote a question or a client hash
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "policybot"},
        )
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, hide_parameters=True, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    raise ValueError(f"unsupported database URL scheme {parsed.drivername!r}: use sqlite:/// or postgresql://")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # no implicit BEGIN; _sqlite_begin emits it
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=30000", "foreign_keys=ON"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("sqlite_immediate", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def clean(text: str) -> str:
    """Text either database stores: PostgreSQL refuses NUL, neither driver encodes lone surrogates."""
    return text.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")


def refused(exc: BaseException) -> bool:
    """The database answered and refused these rows (bad data), as opposed to not answering."""
    return (isinstance(exc, DBAPIError) and not isinstance(exc, OperationalError | InterfaceError)
            and not exc.connection_invalidated)
