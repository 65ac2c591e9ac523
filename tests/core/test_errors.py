"""``core.errors.outcome``: the one table from error class to (HTTP status, CLI exit code)."""

from __future__ import annotations

import inspect

import pytest

import core.errors as errors
from core.errors import (
    EXIT_INPUT,
    EXIT_NO_INDEX,
    OUTCOMES,
    Conflict,
    DocumentError,
    Forbidden,
    IndexCorrupt,
    IndexNotFound,
    IndexWriteError,
    InvalidQuestion,
    NotAuthorised,
    PolicybotError,
    RateLimited,
    StorageDamaged,
    StorageUnavailable,
    UnknownAnswer,
    UnknownDocument,
    UnknownSubscription,
    outcome,
)

DOCUMENTED = [
    (InvalidQuestion("bad"), 422, 2),
    (UnknownDocument("nope"), 422, 2),
    (DocumentError("unreadable"), 422, 2),
    (Conflict("same id"), 409, 2),
    (NotAuthorised("no key"), 401, 2),
    (Forbidden("wrong key"), 403, 2),
    (UnknownAnswer("expired"), 404, 2),
    (UnknownSubscription("not yours"), 404, 2),
    (RateLimited("slow down", 7), 429, 2),
    (IndexNotFound("no index"), 503, 3),
    (IndexCorrupt("damaged"), 503, 3),
    (IndexWriteError("disk full"), 503, 2),
    (StorageUnavailable("database down"), 503, 2),
    (StorageDamaged("not a database"), 503, 2),
    (PolicybotError("other"), 503, 2),
]


def test_exit_codes() -> None:
    assert (errors.EXIT_OK, errors.EXIT_PARTIAL, EXIT_INPUT, EXIT_NO_INDEX) == (0, 1, 2, 3)


@pytest.mark.parametrize(("exc", "status", "code"), DOCUMENTED, ids=lambda v: type(v).__name__)
def test_each_error_has_its_status_and_exit_code(exc: PolicybotError, status: int, code: int) -> None:
    assert outcome(exc) == (status, code)


def test_every_error_class_is_in_the_table() -> None:
    """A new error class must be given its outcome, not fall back to 503 unnoticed."""
    classes = {obj for _, obj in inspect.getmembers(errors, inspect.isclass)
               if issubclass(obj, PolicybotError) and obj.__module__ == errors.__name__}
    assert classes == set(OUTCOMES)
    assert {type(exc) for exc, _, _ in DOCUMENTED} == classes


class TooLong(InvalidQuestion):
    pass


class MissingShard(IndexCorrupt):
    pass


class NewKindOfFailure(PolicybotError):
    pass


class AlsoForbidden(Forbidden, InvalidQuestion):
    pass


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (TooLong("x"), (422, 2)),  # the nearest listed ancestor decides
        (MissingShard("x"), (503, 3)),
        (NewKindOfFailure("x"), (503, 2)),
        (AlsoForbidden("x"), (403, 2)),  # method resolution order: Forbidden comes first
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else "",
)
def test_subclasses_take_their_ancestors_outcome(exc: PolicybotError, expected: tuple[int, int]) -> None:
    assert outcome(exc) == expected


def test_rate_limited_carries_retry_after() -> None:
    exc = RateLimited("too many requests", 12)
    assert exc.retry_after == 12 and str(exc) == "too many requests"
    assert isinstance(exc, PolicybotError)
