"""The error every intake write raises when it refuses (imported by :mod:`.actions` and
:mod:`.notices` alike, so neither needs the other)."""

from __future__ import annotations


class IntakeError(ValueError):
    """A refused write; the message is Indonesian and safe to show to the person."""
