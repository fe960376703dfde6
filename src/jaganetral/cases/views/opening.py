"""Opening cases: a report opened as a case from its own page, a supervisor's finding, both with
rule suggestions from the self-check's matcher (chosen with a click, no JavaScript needed) and
hints of cases already open about the same person, account or story."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import actions, duplicates, forms, permissions, suggestions
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import Case
from jaganetral.cases.views.pages import _case_pk, _staff
from jaganetral.intake.models import Report
from jaganetral.intake.selectors import report_for_staff


def _supervisor(request: HttpRequest) -> User:
    user = _staff(request)
    if not policy.can(user, permissions.SUPERVISE):
        raise PermissionDenied
    return user


def report_text(report: Report) -> str:
    return "\n".join(x for x in (report.what, report.chronology) if x)


def _ticked(form: forms.forms.Form) -> list[str]:
    if not form.is_bound:
        return []
    return [c for c in form.data.getlist("suggested") if isinstance(c, str)][:31]


def _offer(found: list[suggestions.Suggestion], ticked: list[str]) -> list[dict[str, Any]]:
    """The suggestions as checkboxes; ticked codes that are no longer suggested stay, ticked."""
    rows = [{"s": s, "checked": s.code in ticked} for s in found]
    shown = {s.code for s in found}
    for code in ticked:
        if code not in shown:
            rows.append({"s": suggestions.Suggestion(code, "", 0.0, False), "checked": True})
    return rows


def _open_page(
    request: HttpRequest,
    user: User,
    report: Report,
    form: forms.RegisterForm,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    existing = Case.objects.filter(report=report).first()
    context = {
        "report": report,
        "form": form,
        "error": error,
        "existing": existing,
        "suggestions": _offer(suggestions.suggest(report_text(report)), _ticked(form)),
        "hints": duplicates.hints(
            user,
            nips=[p.nip for p in report.reported.all() if p.nip],
            accounts=[duplicates.account_of(link.url) for link in report.links.all()],
            text=report.what,
            region=report.region_id,
        ),
    }
    return render(request, "cases/open_report.html", context, status=status)


@login_required
def register_view(request: HttpRequest, report_pk: int) -> HttpResponse:
    """GET: the report with rule suggestions and duplicate hints; POST: open the case. On an
    error the page comes back with the election and every chosen code kept."""
    user = _supervisor(request)
    report = report_for_staff(user, _case_pk(report_pk))  # 404 outside the actor's scope
    if request.method != "POST":
        return _open_page(request, user, report, forms.RegisterForm())
    form = forms.RegisterForm(request.POST)
    if not form.is_valid():
        return _open_page(request, user, report, form, forms.first_error(form), 400)
    try:
        case = actions.register_case_from_report(
            actor=user, report=report, election=form.cleaned_data["election"], rules=form.chosen_codes()
        )
    except CaseError as exc:
        return _open_page(request, user, report, form, str(exc), exc.status)
    messages.success(request, _("Kasus dibuka dari laporan %(ref)s.") % {"ref": report.reference})
    return redirect("cases:detail", pk=case.pk)


def _finding_page(
    request: HttpRequest, user: User, form: forms.FindingForm, error: str = "", status: int = 200
) -> HttpResponse:
    data = form.data if form.is_bound else {}
    summary = str(data.get("summary", ""))[:20_000]
    nip = str(data.get("person_nip", ""))[:40]
    context = {
        "form": form,
        "error": error,
        "suggestions": _offer(suggestions.suggest(summary), _ticked(form)),
        "hints": duplicates.hints(user, nips=[nip] if nip else [], text=summary) if form.is_bound else [],
        "asked_suggestions": bool(summary),
    }
    return render(request, "cases/finding.html", context, status=status)


@login_required
def finding_view(request: HttpRequest) -> HttpResponse:
    """The finding form. "Sarankan aturan" shows the form again, everything kept, with the rules
    the matcher reads in the summary and cases already open about the same person or story."""
    user = _supervisor(request)
    if request.method != "POST":
        return _finding_page(request, user, forms.FindingForm())
    form = forms.FindingForm(request.POST)
    if "suggest" in request.POST:
        form.is_valid()  # shows the errors so far; nothing is saved
        return _finding_page(request, user, form)
    if not form.is_valid():
        return _finding_page(request, user, form, forms.first_error(form), 400)
    try:
        case = actions.record_finding(actor=user, data=form.to_input())
    except CaseError as exc:
        return _finding_page(request, user, form, str(exc), exc.status)
    messages.success(request, _("Temuan dicatat sebagai kasus."))
    return redirect("cases:detail", pk=case.pk)
