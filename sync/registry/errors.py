"""The registry's refusals: each carries its HTTP status and says what is wrong in plain words."""

from __future__ import annotations


class RegistryError(Exception):
    """A refusal with its HTTP status; the message says what is wrong in plain words."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unauthorized(RegistryError):
    status = 401


class Forbidden(RegistryError):
    status = 403


class NotFound(RegistryError):
    status = 404


class Conflict(RegistryError):
    status = 409


class Invalid(RegistryError):
    status = 422


class TooMany(RegistryError):
    """Too many requests of a kind from one client or station; ``retry_after`` seconds to wait."""

    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DatabaseUnusable(Exception):
    """The database URL is malformed, or the database cannot be reached."""
