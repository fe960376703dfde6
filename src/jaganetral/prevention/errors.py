"""The prevention app's refusals: a message in Indonesian a person can act on."""

from __future__ import annotations


class PreventionError(Exception):
    """A refused step; ``str(exc)`` is the message to show."""


class RosterRejected(PreventionError):
    """A roster with problems: nothing was imported; ``errors`` lists (row, problem)."""

    def __init__(self, message: str, errors: list[tuple[int, str]] | None = None, more: int = 0) -> None:
        super().__init__(message)
        self.errors = errors or []
        self.more = more
