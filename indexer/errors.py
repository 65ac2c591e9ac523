"""The core's exceptions; the CLI and the API turn them into exit codes and HTTP statuses."""


class PolicybotError(Exception):
    """Base class for every error the core raises on purpose."""


class IndexNotFound(PolicybotError):
    """No index has been built at the configured location."""


class IndexCorrupt(PolicybotError):
    """An index directory exists but a file in it cannot be read."""


class DocumentError(PolicybotError):
    """A document cannot be read; indexing reports it and goes on."""


class InvalidQuestion(PolicybotError):
    """The question or its options are not acceptable."""


class UnknownDocument(PolicybotError):
    """A request names a document the index does not hold."""


class NotAuthorised(PolicybotError):
    """No valid key was presented for an action that needs one."""


class Forbidden(PolicybotError):
    """The action is disabled, or the key presented may not do it."""


class UnknownAnswer(PolicybotError):
    """Feedback names an answer that was never given or has expired."""


class RateLimited(PolicybotError):
    """Too many requests from one client; retry after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class IndexWriteError(PolicybotError):
    """A new index version could not be written (disk full, permissions); the old one stays."""
