"""Signed links: an ASN's personal pledge link, a briefing's quiz link per phase, and a reminder
recipient's opt-out link. Django's signing (HMAC with the site's secret key, one salt per kind of
link): short enough for a QR code, and a link of one kind is never accepted as another.

A pledge link names the roster entry and its nonce and carries its signing time: it expires after
the campaign's validity and is withdrawn by a new nonce. (``lib/signing.py`` signs documents with
the audit key pair; that key is for audit exports, and its signatures would not fit a QR code.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

PLEDGE_SALT = "jaganetral.prevention.pledge"
QUIZ_SALT = "jaganetral.prevention.quiz"
OPTOUT_SALT = "jaganetral.prevention.optout"
QUIZ_DAYS = 60
MAX_TOKEN = 300


class LinkError(ValueError):
    """The link is forged, damaged or expired (``expired`` tells which)."""

    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class PledgeLink:
    signer_id: int
    nonce: str


def pledge_token(signer_id: int, nonce: str) -> str:
    return signing.TimestampSigner(salt=PLEDGE_SALT).sign_object([signer_id, nonce], compress=True)


def read_pledge(token: str, *, max_days: int | None = None) -> PledgeLink:
    if len(token) > MAX_TOKEN:
        raise LinkError()
    signer = signing.TimestampSigner(salt=PLEDGE_SALT)
    try:
        value = signer.unsign_object(
            token, max_age=timedelta(days=max_days) if max_days is not None else None
        )
    except signing.SignatureExpired:
        raise LinkError(expired=True) from None
    except (signing.BadSignature, ValueError):
        raise LinkError() from None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise LinkError()
    return PledgeLink(value[0], str(value[1]))


def quiz_token(briefing_id: int, phase: str) -> str:
    return signing.TimestampSigner(salt=QUIZ_SALT).sign_object([briefing_id, phase])


def read_quiz(token: str) -> tuple[int, str]:
    if len(token) > MAX_TOKEN:
        raise LinkError()
    try:
        value = signing.TimestampSigner(salt=QUIZ_SALT).unsign_object(
            token, max_age=timedelta(days=QUIZ_DAYS)
        )
    except signing.SignatureExpired:
        raise LinkError(expired=True) from None
    except (signing.BadSignature, ValueError):
        raise LinkError() from None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise LinkError()
    return value[0], str(value[1])


def optout_token(recipient_hash: str) -> str:
    return signing.Signer(salt=OPTOUT_SALT).sign(recipient_hash)


def read_optout(token: str) -> str:
    if len(token) > MAX_TOKEN:
        raise LinkError()
    try:
        return signing.Signer(salt=OPTOUT_SALT).unsign(token)
    except signing.BadSignature:
        raise LinkError() from None
