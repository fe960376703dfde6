"""Request-level rules shared by the public pages and the API: request size and receipt look-ups."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaganetral.core import challenge
from jaganetral.intake import ratelimit
from jaganetral.intake.models import Report
from jaganetral.intake.selectors import report_by_receipt

REQUEST_OVERHEAD = 1024 * 1024  # form fields and multipart framing on top of the files


class Refused(Exception):
    """A request refused before any work; ``status`` and an Indonesian ``message``."""

    def __init__(self, status: int, message: str, *, challenge: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.challenge = challenge  # a proof-of-work solution lets the same request through


def check_request_size(request: HttpRequest) -> None:
    """413 before reading the body when the announced size is over the per-report cap."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.INTAKE_MAX_REPORT_BYTES + REQUEST_OVERHEAD
    if length > limit:
        mb = settings.INTAKE_MAX_REPORT_BYTES // (1024 * 1024)
        raise Refused(
            413,
            _("Kiriman terlalu besar: jumlah berkas paling besar %(mb)d MB untuk satu laporan.") % {"mb": mb},
        )


SUBMIT_BUSY = gettext_lazy(
    "Terlalu banyak laporan dari sambungan ini atau ke situs ini sekarang. Laporan Anda tetap bisa "
    "dikirim: biarkan halaman ini terbuka beberapa detik (peramban Anda menyelesaikan tantangan "
    "pengaman), lalu kirim lagi."
)
THROTTLED = gettext_lazy(
    "Terlalu banyak percobaan kode tanda terima. Biarkan halaman ini terbuka beberapa detik "
    "(peramban Anda menyelesaikan tantangan pengaman), lalu coba lagi."
)
UNKNOWN = gettext_lazy("Kode tanda terima tidak dikenal. Periksa kembali kodenya.")


def check_submit_rate(request: HttpRequest) -> None:
    """Over this client's or the whole site's submission rate, a solved proof-of-work challenge is
    asked for instead of refusing the report outright (reporters behind one proxy or onion service
    share an address)."""
    over_client = not ratelimit.allow(request, "submit", settings.INTAKE_SUBMIT_RATE)
    flood = ratelimit.global_exceeded("submit", settings.INTAKE_SUBMIT_GLOBAL)
    ratelimit.count_global("submit", settings.INTAKE_SUBMIT_GLOBAL)
    if (over_client or flood) and not challenge.passed(request):
        raise Refused(429, str(SUBMIT_BUSY), challenge=True)


def lookup(request: HttpRequest, raw: str) -> Report:
    """The report for a receipt typed by a person. Over this client's rate, or while wrong receipts
    flood the site, a solved proof-of-work challenge is asked for first: a correct receipt is never
    refused for others' failures, and guessing costs work. Only failures count site-wide."""
    over_client = not ratelimit.allow(request, "lookup", settings.INTAKE_LOOKUP_RATE)
    flood = ratelimit.global_exceeded("lookup-fail", settings.INTAKE_LOOKUP_FAILURES_GLOBAL)
    if (over_client or flood) and not challenge.passed(request):
        raise Refused(429, str(THROTTLED), challenge=True)
    report = report_by_receipt(raw or "")
    if report is None:
        ratelimit.count_global("lookup-fail", settings.INTAKE_LOOKUP_FAILURES_GLOBAL)
        raise Refused(404, str(UNKNOWN))
    return report
