"""Proof-of-work instead of refusal under a flood (:mod:`jaganetral.lib.pow`).

Forms that strangers use (report, receipt, staff log-in) carry a hidden field ``altcha`` that a
small self-hosted script (``core/pow.js``) fills in the background; API clients send the same
payload in the ``X-Altcha`` header. The solution is asked for only when a limit is exceeded, and
each one is good for one request within its lifetime.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from jaganetral.core import counters
from jaganetral.lib import pow as pow_lib

FIELD = "altcha"
HEADER = "X-Altcha"
LIFETIME = 10 * 60  # seconds a challenge may be solved and used in


def _key() -> bytes:
    return hashlib.sha256(b"jaganetral-pow:" + settings.SECRET_KEY.encode()).digest()


def issue() -> dict[str, Any]:
    return pow_lib.make(_key(), maxnumber=settings.POW_MAX_NUMBER, expires=int(time.time()) + LIFETIME)


def payload_of(request: HttpRequest) -> str:
    header = request.headers.get(HEADER, "")
    if header:
        return header
    if request.method == "POST" and request.content_type in (
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    ):
        return str(request.POST.get(FIELD, ""))
    return ""


def passed(request: HttpRequest) -> bool:
    """True once per correct, unexpired solution carried by ``request`` (used up on success)."""
    solved = pow_lib.verify(payload_of(request), _key(), now=int(time.time()))
    return solved is not None and counters.first_use(f"pow-used:{solved}", LIFETIME + 60)
