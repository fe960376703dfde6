"""Pledge pages: the officer's campaigns (open, import, coverage, links and QR codes, reminders,
export) and the public ones (an ASN's personal link, the certificate, its verification)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaganetral.accounts import policy
from jaganetral.intake import ratelimit
from jaganetral.prevention import certificate, permissions, selectors, tokens
from jaganetral.prevention.actions import pledges
from jaganetral.prevention.errors import PreventionError, RosterRejected
from jaganetral.prevention.forms import CampaignForm, RosterForm, SignForm, VerifyForm
from jaganetral.prevention.models import Signer

VERIFY_RATE = (30, 60)
SIGN_RATE = (20, 600)


def _campaign_form(request: HttpRequest, data: object = None) -> CampaignForm:
    return CampaignForm(data, agencies=selectors.agencies_for(request.user), elections=selectors.elections())


@login_required
@require_http_methods(["GET", "POST"])
def campaign_list(request: HttpRequest) -> HttpResponse:
    if not policy.can(request.user, permissions.CAMPAIGNS):
        raise PermissionDenied(_("Peran Anda tidak berwenang untuk langkah ini."))
    form = _campaign_form(request, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                c = pledges.open_campaign(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
            except PreventionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Kampanye dibuka. Unggah daftar ASN instansi Anda."))
                return redirect("prevention_staff:campaign", c.pk)
        status = 400
    rows = [(c, selectors.overall(selectors.coverage(c))) for c in selectors.campaigns(request.user)[:200]]
    return render(request, "prevention/campaigns.html", {"form": form, "rows": rows}, status=status)


def _campaign_page(
    request: HttpRequest,
    pk: int,
    roster_form: RosterForm,
    status: int = 200,
    rejected: RosterRejected | None = None,
) -> HttpResponse:
    c = selectors.campaign(request.user, pk)
    units = selectors.coverage(c)
    context = {
        "campaign": c,
        "units": units,
        "total": selectors.overall(units),
        "roster_form": roster_form,
        "rejected": rejected,
    }
    return render(request, "prevention/campaign.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.campaign(request.user, pk)
    if request.method != "POST":
        return _campaign_page(request, pk, RosterForm())
    form = RosterForm(request.POST, request.FILES)
    if not form.is_valid():
        return _campaign_page(request, pk, form, 400)
    upload = form.cleaned_data["file"]
    try:
        done = pledges.import_roster(actor=request.user, campaign=c, filename=upload.name, data=upload.read())  # type: ignore[arg-type]
    except RosterRejected as exc:
        return _campaign_page(request, pk, RosterForm(), 400, rejected=exc)
    except PreventionError as exc:
        form.add_error(None, str(exc))
        return _campaign_page(request, pk, form, 400)
    messages.success(
        request,
        _("Daftar diimpor: %(created)d baru, %(updated)d diperbarui, %(kept)d sudah berikrar tidak diubah.")
        % {"created": done.created, "updated": done.updated, "kept": done.kept_signed},
    )
    return redirect("prevention_staff:campaign", c.pk)


@login_required
@require_GET
def campaign_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Every personal link with its QR code, to print and hand out (50 a page)."""
    c = selectors.campaign(request.user, pk)
    policy.require(request.user, permissions.CAMPAIGNS, c)
    page = Paginator(Signer.objects.filter(campaign=c).order_by("unit", "name", "pk"), 50).get_page(
        request.GET.get("halaman")
    )
    cards = []
    for s in page:
        url = request.build_absolute_uri(pledges.link_for(s))
        cards.append({"signer": s, "url": url, "qr": certificate.qr_data_uri(url)})
    response = render(request, "prevention/links.html", {"campaign": c, "page": page, "cards": cards})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.campaign(request.user, pk)
    try:
        n = pledges.send_reminders(actor=request.user, campaign=c, absolute=request.build_absolute_uri)  # type: ignore[arg-type]
    except PreventionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pengingat dikirim ke %(n)d ASN yang belum berikrar.") % {"n": n})
    return redirect("prevention_staff:campaign", c.pk)


@login_required
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.campaign(request.user, pk)
    pledges.close_campaign(actor=request.user, campaign=c)  # type: ignore[arg-type]
    messages.success(request, _("Kampanye ditutup."))
    return redirect("prevention_staff:campaign", c.pk)


@login_required
@require_GET
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.campaign(request.user, pk)
    try:
        text = pledges.export_csv(actor=request.user, campaign=c)  # type: ignore[arg-type]
    except PreventionError as exc:
        raise PermissionDenied(str(exc)) from None
    response = HttpResponse(text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ikrar-{c.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


# --- public: the ASN's personal link ------------------------------------------------------------


def _refused(request: HttpRequest, exc: tokens.LinkError) -> HttpResponse:
    return render(
        request, "prevention/link_refused.html", {"expired": exc.expired}, status=410 if exc.expired else 404
    )


@never_cache
@require_http_methods(["GET", "POST"])
def pledge(request: HttpRequest, token: str) -> HttpResponse:
    try:
        signer = pledges.signer_by_link(token)
    except tokens.LinkError as exc:
        return _refused(request, exc)
    c = signer.campaign
    form = SignForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and not signer.has_signed:
        if not ratelimit.allow(request, "pledge-sign", SIGN_RATE):
            form.add_error(None, _("Terlalu banyak percobaan. Coba lagi beberapa menit lagi."))
            status = 429
        elif form.is_valid():
            try:
                signer = pledges.sign(
                    signer=signer, nip=form.cleaned_data["nip"], name=form.cleaned_data["name"]
                )
            except PreventionError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                return redirect("prevention:pledge", token)
        else:
            status = 400
    context = {
        "signer": signer,
        "campaign": c,
        "summary": selectors.summary(c.rule_version, c.election.kind, signer.employment),
        "form": form,
        "token": token,
    }
    response = render(request, "prevention/pledge.html", context, status=status)
    response["Referrer-Policy"] = "same-origin"  # "no-referrer" makes the form post Origin: null
    return response


@never_cache
@require_GET
def pledge_certificate(request: HttpRequest, token: str) -> HttpResponse:
    try:
        signer = pledges.signer_by_link(token)
    except tokens.LinkError as exc:
        return _refused(request, exc)
    if not signer.has_signed or not signer.certificate_code:
        return redirect("prevention:pledge", token)
    verify_url = request.build_absolute_uri(reverse("prevention:verify") + "?kode=" + signer.certificate_code)
    pdf = certificate.certificate_pdf(signer, verify_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-ikrar-{signer.certificate_code}.pdf"'
    return response


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone checks a certificate: name, agency and date only."""
    raw = request.GET.get("kode", "")[:60]
    form = VerifyForm({"code": raw} if raw else None)
    found: Signer | None = None
    checked = False
    status = 200
    if raw:
        if not ratelimit.allow(request, "pledge-verify", VERIFY_RATE):
            return render(request, "prevention/verify.html", {"form": form, "limited": True}, status=429)
        checked = True
        found = selectors.certificate(pledges.normalise_code(raw))
        status = 200 if found else 404
    return render(
        request, "prevention/verify.html", {"form": form, "found": found, "checked": checked}, status=status
    )
