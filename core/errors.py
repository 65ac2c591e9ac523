"""The core's exceptions, and the one table (``OUTCOMES``) the API and the CLI turn them into
HTTP statuses and exit codes with."""


class PolicybotError(Exception):
    """Base class for every error the core raises on purpose.

    ``str(exc)`` is for the operator (the CLI, the log) and may name server paths; ``public()``
    is what a web client is told, and never does.
    """

    public_message: str | None = None

    def public(self) -> str:
        return self.public_message or str(self)


class IndexNotFound(PolicybotError):
    """No index has been built at the configured location."""

    public_message = "no index has been built yet: build one with `policybot index`"


class IndexCorrupt(PolicybotError):
    """An index directory exists but a file in it cannot be read."""

    public_message = "the index cannot be read: rebuild it with `policybot index` (details in the server log)"


class DocumentError(PolicybotError):
    """A document cannot be read; indexing reports it and goes on."""


class InvalidQuestion(PolicybotError):
    """The question or its options are not acceptable."""


class UnknownDocument(PolicybotError):
    """A request names a document the index does not hold."""


class Conflict(PolicybotError):
    """The change would clash with what exists (another file behind the same document id)."""


class NotAuthorised(PolicybotError):
    """No valid key was presented for an action that needs one."""


class Forbidden(PolicybotError):
    """The action is disabled, or the key presented may not do it."""


class UnknownAnswer(PolicybotError):
    """Feedback names an answer that was never given or has expired."""


class UnknownSubscription(PolicybotError):
    """A request names a webhook subscription that does not exist or belongs to another key."""


class RateLimited(PolicybotError):
    """Too many requests from one client; retry after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class IndexWriteError(PolicybotError):
    """A new index version could not be written (disk full, permissions); the old one stays."""

    public_message = "the index could not be updated; the previous one is still in use (details in the server log)"


class StorageUnavailable(PolicybotError):
    """The question-log database cannot be reached or refused the operation."""

    public_message = "the question log is unavailable just now; try again shortly"


class StorageDamaged(StorageUnavailable):
    """The database file is damaged (SQLite): writes are refused until it is restored."""

    public_message = ("the database is damaged and refuses changes until the administrator restores it "
                      "(details in the server log)")


EXIT_OK, EXIT_PARTIAL, EXIT_INPUT, EXIT_NO_INDEX = 0, 1, 2, 3

# The one table the edges read: the HTTP status the API answers and the exit code the CLI ends
# with, per error class (the most specific class listed wins).
OUTCOMES: dict[type[PolicybotError], tuple[int, int]] = {
    InvalidQuestion: (422, EXIT_INPUT),
    UnknownDocument: (422, EXIT_INPUT),
    DocumentError: (422, EXIT_INPUT),
    Conflict: (409, EXIT_INPUT),
    NotAuthorised: (401, EXIT_INPUT),
    Forbidden: (403, EXIT_INPUT),
    UnknownAnswer: (404, EXIT_INPUT),
    UnknownSubscription: (404, EXIT_INPUT),
    RateLimited: (429, EXIT_INPUT),
    IndexNotFound: (503, EXIT_NO_INDEX),
    IndexCorrupt: (503, EXIT_NO_INDEX),
    IndexWriteError: (503, EXIT_INPUT),
    StorageUnavailable: (503, EXIT_INPUT),
    StorageDamaged: (503, EXIT_INPUT),
    PolicybotError: (503, EXIT_INPUT),
}


def outcome(exc: PolicybotError) -> tuple[int, int]:
    """(HTTP status, exit code) for ``exc``."""
    for cls in type(exc).__mro__:
        if cls in OUTCOMES:
            return OUTCOMES[cls]  # type: ignore[index]
    return OUTCOMES[PolicybotError]
