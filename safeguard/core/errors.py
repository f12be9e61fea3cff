"""Domain errors. Each carries a message a user can act on."""

from django.http import Http404


class DomainError(Exception):
    """A rule of the domain refused the change; the message says what to do."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(DomainError):
    """Someone else changed the record since the user loaded it."""


class DuplicateError(DomainError):
    """A value that must be unique (an NHS number, an email address) is already taken."""


class NotFound(Http404):
    """No such record, or no relationship to it: the two are indistinguishable on purpose."""
