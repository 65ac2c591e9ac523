"""Whether an SQLite database file is still a database: damage is reported, never written into.

Garbage written over the file (a disk fault, a copy over a live file, a hostile process) went
unnoticed: each process keeps pages in its connections' caches and the newest ones in the WAL,
so reads and writes kept succeeding while the file below them was no database, and subscriptions
were acknowledged that no process could deliver. Two signs are watched, per database file and
shared by the question log and the alerts (``integrity_of``):

- the file's header: an SQLite file starts with ``SQLite format 3\0``; read before every
  transaction, 16 bytes, through the descriptor SQLite itself holds (found in /proc/self/fd):
  opening and closing the file separately would drop every POSIX lock this process holds on it
  (fcntl locks belong to the process and the file), and another process would then delete the
  WAL from under this one;
- SQLite's own verdict: any operation failing with SQLITE_CORRUPT or SQLITE_NOTADB ("database
  disk image is malformed", "file is not a database") marks the file damaged for the life of
  the process (damage does not heal; a restored file needs a restart).

A damaged database refuses writes with ``StorageDamaged`` (503) and ``/api/health`` reports its
storage as ``failing``; questions are still answered. PostgreSQL reports its own failures (its
errors are StorageUnavailable); nothing is checked here.
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from pathlib import Path

from sqlalchemy import Engine

from core.errors import StorageDamaged

HEADER = b"SQLite format 3\x00"
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26


class Integrity:
    """The damage known of one database file (thread-safe; one per engine)."""

    def __init__(self, engine: Engine) -> None:
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self.path = Path(database).resolve() if database and database != ":memory:" else None
        self._engine = weakref.ref(engine)
        self._fd: int | None = None  # SQLite's own descriptor of the file, found once, checked each time
        self._damage: str | None = None
        self._lock = threading.Lock()

    def problem(self) -> str | None:
        """What is wrong with the file, in words without its path; None when nothing is known."""
        if self._damage is not None or self.path is None:
            return self._damage
        try:
            head = self._header()
        except Exception as exc:  # opening a connection to a file that is no database fails too
            self.saw(exc)
            return self._damage
        if head and head != HEADER[: len(head)]:
            return "the database file is not an SQLite database any more (damaged or overwritten)"
        return None

    def _header(self) -> bytes | None:
        """The file's first bytes, read through SQLite's open descriptor while a connection holds
        it; None where there is no /proc to find it (the header is then not checked)."""
        engine = self._engine()
        if engine is None or not self.path.exists():  # type: ignore[union-attr]
            return None
        with engine.connect():  # SQLite keeps the file open while this connection lives
            fd = self._descriptor()
            return os.pread(fd, len(HEADER), 0) if fd is not None else None

    def _descriptor(self) -> int | None:
        target = str(self.path)
        if self._fd is not None and _points_to(self._fd, target):
            return self._fd
        self._fd = None
        with contextlib.suppress(OSError):
            for name in os.listdir("/proc/self/fd"):
                if _points_to(int(name), target):
                    self._fd = int(name)
                    break
        return self._fd

    def require(self) -> None:
        """Raise StorageDamaged when the file is known or seen to be damaged."""
        problem = self.problem()
        if problem is not None:
            raise StorageDamaged(f"{problem}: {self.path}")

    def saw(self, exc: BaseException) -> bool:
        """Record ``exc`` if it is SQLite saying the file is damaged; True then."""
        orig = getattr(exc, "orig", None) or exc
        code = getattr(orig, "sqlite_errorcode", None)
        if self.path is None or code is None or code & 0xFF not in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return False
        with self._lock:
            if self._damage is None:
                self._damage = f"SQLite reports the database damaged ({getattr(orig, 'sqlite_errorname', code)})"
        return True


def _points_to(fd: int, target: str) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{fd}") == target
    except OSError:
        return False


_CHECKS: weakref.WeakKeyDictionary[Engine, Integrity] = weakref.WeakKeyDictionary()
_CHECKS_LOCK = threading.Lock()


def integrity_of(engine: Engine) -> Integrity:
    """The one Integrity of ``engine``'s database, shared by every store that uses the engine."""
    with _CHECKS_LOCK:
        check = _CHECKS.get(engine)
        if check is None:
            check = _CHECKS[engine] = Integrity(engine)
        return check
