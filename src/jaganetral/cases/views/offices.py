"""Office profiles (letterhead, city line, signatories) that admins and supervisors edit for the
offices in their region scope; letters use them (:mod:`jaganetral.cases.letters`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import office_forms, permissions
from jaganetral.reference import actions as reference_actions
from jaganetral.reference import selectors as reference
from jaganetral.reference.models import Office, Region
from jaganetral.reference.office_file import MAX_LOGO_BYTES, OfficeFileError, office_code

MAX_BODY = MAX_LOGO_BYTES + 64 * 1024


def _editor(request: HttpRequest) -> User:
    user = policy.staff(request.user)
    if user is None or not policy.can(user, permissions.EDIT_OFFICES):
        raise PermissionDenied
    return user


def _code(raw: str) -> str:
    try:
        return office_code(raw[:20])
    except ValueError:
        raise Http404("kantor tidak ditemukan") from None


def _slug(code: str) -> str:
    return code or "nasional"


@login_required
def offices_view(request: HttpRequest) -> HttpResponse:
    user = _editor(request)
    if request.GET.get("kode"):
        return redirect("cases:office", code=_slug(_code(request.GET["kode"])))
    rows = [(o, _slug(o.code)) for o in reference.offices() if permissions.may_edit_office(user, o.code)]
    return render(request, "cases/offices.html", {"offices": rows})


def _default(code: str) -> Office:
    region = Region.objects.filter(pk=code).first() if code else None
    if code and region is None:
        raise Http404("wilayah tidak ditemukan")
    if region is None:
        return Office(code="", name=reference.DEFAULT_NATIONAL_NAME, city="Jakarta")
    prefix = "PROVINSI " if region.level == "province" else ""
    return Office(code=code, name=f"BADAN PENGAWAS PEMILIHAN UMUM {prefix}{region.name.upper()}", city="")


@login_required
def office_view(request: HttpRequest, code: str) -> HttpResponse:
    user = _editor(request)
    code = _code(code)
    if not permissions.may_edit_office(user, code):
        raise Http404("kantor tidak ditemukan")
    office = Office.objects.filter(code=code).first() or _default(code)
    if request.method != "POST":
        form = office_forms.OfficeForm(initial=office_forms.initial(office))
        return _page(request, office, form)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        form = office_forms.OfficeForm(initial=office_forms.initial(office))
        return _page(request, office, form, _("Logo paling besar 300 KB."), status=413)
    form = office_forms.OfficeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, office, form, _first_error(form), status=400)
    try:
        spec = form.spec(code)
        upload = form.cleaned_data.get("logo")
        logo = reference_actions.clean_logo(upload.name or "", upload.read()) if upload else None
        with transaction.atomic():
            reference_actions.save_office(
                spec, logo=logo, actor=user, remove_logo=bool(form.cleaned_data.get("remove_logo"))
            )
    except (ValueError, OfficeFileError) as exc:
        return _page(request, office, form, str(exc), status=400)
    messages.success(request, _("Profil kantor disimpan."))
    return redirect("cases:office", code=_slug(code))


def _first_error(form: office_forms.OfficeForm) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return _("Masukan tidak sah.")


def _page(
    request: HttpRequest, office: Office, form: office_forms.OfficeForm, error: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request, "cases/office.html", {"office": office, "form": form, "error": error}, status=status
    )
