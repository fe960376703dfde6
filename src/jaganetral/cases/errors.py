"""Errors of the case register; messages are Indonesian and safe to show."""

from __future__ import annotations


class CaseError(ValueError):
    """A refused write or bad input (400)."""

    status = 400


class Forbidden(CaseError):
    """The actor's role may not take this step (403)."""

    status = 403


class FormalRequirementsNotMet(CaseError):
    """A report that does not meet the formal requirements of a laporan cannot be registered as one
    (422: the request is understood, the report is not registrable); it can become initial
    information for a finding instead."""

    status = 422
