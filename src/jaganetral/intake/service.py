"""Request-level rules shared by the public pages and the API: request size and receipt look-ups."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaganetral.intake import ratelimit
from jaganetral.intake.models import Report
from jaganetral.intake.selectors import report_by_receipt

REQUEST_OVERHEAD = 1024 * 1024  # form fields and multipart framing on top of the files


class Refused(Exception):
    """A request refused before any work; ``status`` and an Indonesian ``message``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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


def check_submit_rate(request: HttpRequest) -> None:
    if not ratelimit.allow(request, "submit", settings.INTAKE_SUBMIT_RATE):
        raise Refused(429, _("Terlalu banyak laporan dari sambungan ini. Silakan coba lagi nanti."))


THROTTLED = gettext_lazy("Terlalu banyak percobaan kode tanda terima. Tunggu beberapa menit lalu coba lagi.")
UNKNOWN = gettext_lazy("Kode tanda terima tidak dikenal. Periksa kembali kodenya.")


def lookup(request: HttpRequest, raw: str) -> Report:
    """The report for a receipt typed by a person, under per-client and global throttles."""
    if not ratelimit.allow(request, "lookup", settings.INTAKE_LOOKUP_RATE):
        raise Refused(429, str(THROTTLED))
    if ratelimit.global_exceeded("lookup-fail", settings.INTAKE_LOOKUP_FAILURES_GLOBAL):
        raise Refused(429, str(THROTTLED))
    report = report_by_receipt(raw or "")
    if report is None:
        ratelimit.count_global("lookup-fail", settings.INTAKE_LOOKUP_FAILURES_GLOBAL)
        raise Refused(404, str(UNKNOWN))
    return report
