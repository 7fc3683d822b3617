"""Errors the domain raises: each names what is wrong in words an agent understands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (a path such as ``families[0].people[1].birth_date``) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class DomainError(Exception):
    """Base of every error the domain layer raises on purpose."""


class ValidationError(DomainError):
    """Bad input. Carries every problem found, so the user can fix them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def one(cls, where: str, message: str) -> ValidationError:
        return cls([Problem(where, message)])


class InvariantViolation(DomainError):
    """A command would break one of the invariants (for instance leave a child without a family link)."""


class NotFound(DomainError):
    """The thing asked for does not exist in this store."""
