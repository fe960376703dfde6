"""The neutrality-risk page (/petugas/statistik/risiko/): the index per region with its formula and
inputs, Bawaslu's IKP beside it, and (national admins) the CSV import of ASN counts and IKP."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jaganetral.accounts import policy
from jaganetral.insights import actions, figures, permissions, risk, riskdata
from jaganetral.insights.filters import FilterError, parse
from jaganetral.insights.views import form_context, scope_words, staff_user


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
        {
            "filters": f,
            "filter_words": f.describe(),
            "scope": scope_words(user),
            "rows": riskdata.region_risks(user, f),
        }
    )
    return render(request, "insights/risk.html", context, status=status)
