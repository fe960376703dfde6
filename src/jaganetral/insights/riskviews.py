"""The neutrality-risk page (/petugas/statistik/risiko/): the index per region with its formula and
inputs, Bawaslu's IKP beside it, and (national admins) the CSV import of ASN counts and IKP."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.insights import actions, figures, permissions, risk, riskdata
from jaganetral.insights.cache import cached, warm
from jaganetral.insights.filters import FilterError, Filters, parse
from jaganetral.insights.models import RegionFigure
from jaganetral.insights.views import form_context, scope_words, staff_user


def _figures_version() -> str:
    """Changes with every import, so the page shows imported figures at once."""
    latest = RegionFigure.objects.aggregate(at=Max("updated_at"))["at"]
    return latest.isoformat() if latest else ""


def _compute(user: User, f: Filters) -> dict[str, Any]:
    return {"rows": riskdata.region_risks(user, f), "generated": timezone.localtime()}


def risk_figures(user: User, f: Filters) -> dict[str, Any]:
    """The rows and when they were computed (cached like every figure; see :mod:`.cache`)."""
    return cached(f"risk:{_figures_version()}", user, f, lambda: _compute(user, f))


def warm_risk(user: User) -> None:
    """The risk page without filters computed in the background (at sign-in, as the dashboard)."""
    f = Filters()
    warm(f"risk:{_figures_version()}", user, f, lambda: _compute(user, f))


@login_required
@require_http_methods(["GET", "POST"])
def risk_view(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    can_import = policy.can(user, permissions.IMPORT_IKP)
    context = {**form_context(request), "can_import": can_import, "components": risk.COMPONENTS}
    status = 200
    if request.method == "POST":
        if not can_import:
            return HttpResponse(
                _("Hanya administrator nasional yang boleh mengimpor angka wilayah."), status=403
            )
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise figures.FigureError(_("Pilih berkas CSV."))
            if upload.size is not None and upload.size > figures.MAX_BYTES:
                raise figures.FigureError(_("Berkas terlalu besar (paling banyak 1 MB)."))
            n = actions.import_figures(
                actor=user, rows=figures.parse(upload.read()), file_name=upload.name or ""
            )
        except figures.FigureError as exc:
            context["import_error"] = str(exc)
            status = 400
        else:
            messages.success(request, _("%(n)d wilayah diperbarui.") % {"n": n})
            return redirect(request.get_full_path())
    try:
        f = parse(request.GET)
    except FilterError as exc:
        return render(request, "insights/risk.html", {**context, "error": str(exc)}, status=400)
    context.update(
        {"filters": f, "filter_words": f.describe(), "scope": scope_words(user), **risk_figures(user, f)}
    )
    return render(request, "insights/risk.html", context, status=status)
