"""The review queue: each finding with its post's date, filters by region, agency and rule, and a
bulk decision (confirm or dismiss several findings with one reason), each finding still decided on
its own and only inside the reviewer's scope."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jaganetral.screening import actions, selectors
from jaganetral.screening.views import MAX_REASON, QUEUE_TEXT, _first_code, _shown, _staff

BULK_MAX = 50
SHOWN_ROWS = 200


def _filters(data: Any) -> dict[str, str]:
    return {key: str(data.get(key, ""))[:40].strip() for key in ("region", "agency", "rule")}


def _page(
    request: HttpRequest, user: Any, filters: dict[str, str], status: int = 200, **extra: Any
) -> HttpResponse:
    findings = selectors.review_queue_filtered(user, **filters)
    total = len(findings)
    findings = findings[:SHOWN_ROWS]
    names = selectors.contestant_names(findings)
    titles = selectors.rule_titles(sorted({_first_code(p) for f in findings for p in f.rules}))
    rows = []
    for f in findings:
        shown = _shown(f, titles, names, limit=QUEUE_TEXT)
        rows.append({"f": f, **shown, "reasons": shown["reasons"][:6]})
    context = {
        "rows": rows,
        "total": total,
        "filters": filters,
        "choices": selectors.queue_choices(user),
        "bulk_max": BULK_MAX,
        **extra,
    }
    return render(request, "screening/queue.html", context, status=status)


@login_required
@require_GET
def queue_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    return _page(request, user, _filters(request.GET))


@login_required
@require_POST
def bulk_view(request: HttpRequest) -> HttpResponse:
    """Confirm or dismiss the ticked findings with one reason; per finding: done, or why not."""
    user = _staff(request)
    filters = _filters(request.POST)
    decision = request.POST.get("decision", "")
    reason = request.POST.get("reason", "")

    def refuse(message: str, status: int = 400) -> HttpResponse:
        return _page(request, user, filters, status, bulk_error=message, bulk_reason=reason[:MAX_REASON])

    raw = request.POST.getlist("finding")
    if len(raw) > BULK_MAX:
        return refuse(_("Paling banyak %(n)d temuan sekaligus.") % {"n": BULK_MAX})
    if not raw:
        return refuse(_("Pilih paling sedikit satu temuan."))
    if not all(x.isdigit() and len(x) < 18 for x in raw):
        return refuse(_("Pilihan temuan tidak sah."))
    if decision not in ("confirm", "dismiss"):
        return refuse(_("Pilih konfirmasi atau tolak."))
    if len(reason) > MAX_REASON:
        return refuse(_("Alasan terlalu panjang (maks 2000 huruf)."))
    if decision == "dismiss" and not reason.strip():
        return refuse(_("Alasan penolakan wajib diisi."))
    findings = []
    for pk in dict.fromkeys(int(x) for x in raw):
        finding = selectors.finding_for(user, pk)
        if finding is None:
            raise Http404  # outside the reviewer's scope, or no such finding
        findings.append(finding)
    done, refused = 0, []
    for finding in findings:
        try:
            if decision == "confirm":
                actions.confirm_finding(finding, actor=user, reason=reason)
            else:
                actions.dismiss_finding(finding, actor=user, reason=reason)
        except actions.ScreeningError as exc:
            refused.append(f"#{finding.pk}: {exc}")
        else:
            done += 1
    if done:
        text = _("%(n)d temuan dikonfirmasi.") if decision == "confirm" else _("%(n)d temuan ditolak.")
        messages.success(request, text % {"n": done})
    for line in refused[:20]:
        messages.error(request, line)
    query = urlencode({k: v for k, v in filters.items() if v})
    return redirect(reverse("screening:queue") + (f"?{query}" if query else ""))
