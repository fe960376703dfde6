"""Case page steps for one civil servant: BKN's recommendation (one letter, one or more people),
the PPK's decision, the PPK's silence, BKN's follow-up, closing a path, correcting a person's
employment; and turning a report that fails the formal requirements into initial information."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaganetral.accounts.models import User
from jaganetral.cases import actions, forms, selectors
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import Case, Recommendation, Sanction
from jaganetral.cases.views.pages import _case_pk, _detail, _staff


def _warn(request: HttpRequest, records: list[Recommendation] | list[Sanction]) -> None:
    """A recommendation or decision milder or harsher than the rulebook (or a decision that differs
    from BKN's recommendation) is recorded, and said so."""
    for record in records:
        name = record.person.name if record.person else ""
        if record.deviates:
            messages.warning(
                request,
                _("Perhatian, %(name)s: %(fit)s (versi %(version)s: %(expected)s).")
                % {
                    "name": name,
                    "fit": record.get_rulebook_fit_display(),
                    "version": record.rulebook_version,
                    "expected": "; ".join(record.expected_labels),
                },
            )
        if isinstance(record, Sanction) and record.differs_from_recommendation:
            messages.warning(
                request,
                _("Perhatian, %(name)s: %(fit)s.")
                % {"name": name, "fit": record.get_recommendation_fit_display()},
            )


def _person_post(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.forms.Form],
    name: str,
    run: Any,
    done: str,
) -> HttpResponse:
    """A step for one person: the form is shown again, filled, under that person on an error."""
    user = _staff(request)
    case = selectors.case_for(user, _case_pk(pk))
    form = form_class(request.POST)
    raw = request.POST.get("person_id", "")
    key = f"{name}_{raw}" if raw.isdigit() and len(raw) < 18 else name
    if not form.is_valid():
        return _detail(request, user, case.pk, error=forms.first_error(form), status=400, **{key: form})
    try:
        run(user, case, form.cleaned_data)
    except CaseError as exc:
        return _detail(request, user, case.pk, error=str(exc), status=exc.status, **{key: form})
    messages.success(request, done)
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def recommendation_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(u: User, c: Case, d: dict[str, Any]) -> None:
        ids = [int(x) for x in d.get("persons") or [] if x.isdigit()] or None
        made = actions.record_recommendation(
            actor=u,
            case=c,
            letter_number=d["letter_number"],
            issued_on=d["issued_on"],
            kinds=d.get("kinds") or [],
            persons=ids,
            text=d["text"],
        )
        _warn(request, made)

    return _person_post(
        request, pk, forms.RecommendationForm, "recommendation_form", run, _("Rekomendasi dicatat.")
    )


@login_required
@require_POST
def sanction_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(u: User, c: Case, d: dict[str, Any]) -> None:
        made = actions.record_sanction(
            actor=u,
            case=c,
            kinds=d["kinds"],
            decree_number=d["decree_number"],
            decided_on=d["decided_on"],
            person_id=d["person_id"],
            note=d["note"],
        )
        _warn(request, [made])

    return _person_post(request, pk, forms.SanctionForm, "sanction_form", run, _("Sanksi dicatat."))


@login_required
@require_POST
def ppk_no_action_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_post(
        request,
        pk,
        forms.PersonReasonForm,
        "no_action_form",
        lambda u, c, d: actions.record_ppk_no_action(
            actor=u, case=c, reason=d["reason"], person_id=d["person_id"]
        ),
        _("Dicatat: PPK tidak menindaklanjuti."),
    )


@login_required
@require_POST
def escalation_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_post(
        request,
        pk,
        forms.EscalationForm,
        "escalation_form",
        lambda u, c, d: actions.record_escalation(actor=u, case=c, **d),
        _("Tindak lanjut BKN dicatat."),
    )


@login_required
@require_POST
def close_person_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_post(
        request,
        pk,
        forms.PersonReasonForm,
        "close_form",
        lambda u, c, d: actions.close_person(actor=u, case=c, reason=d["reason"], person_id=d["person_id"]),
        _("Jalur terlapor ditutup."),
    )


@login_required
@require_POST
def person_details_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(u: User, c: Case, d: dict[str, Any]) -> None:
        if d["person_id"] is None:
            raise CaseError(_("Pilih ASN terlapor yang dimaksud."))
        actions.update_person_details(
            actor=u,
            case=c,
            person_id=d["person_id"],
            employment=d["employment"],
            agency=d["agency"],
            position=d["position"],
        )

    return _person_post(
        request, pk, forms.PersonDetailsForm, "details_form", run, _("Data terlapor diperbarui.")
    )


@login_required
@require_POST
def initial_information_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    case = selectors.case_for(user, _case_pk(pk))
    reason = request.POST.get("reason", "")[:4000]
    try:
        finding = actions.convert_to_initial_information(actor=user, case=case, reason=reason)
    except CaseError as exc:
        return _detail(request, user, case.pk, error=str(exc), status=exc.status)
    messages.success(
        request,
        _("Laporan tidak diregistrasi; isinya menjadi informasi awal temuan %(ref)s.")
        % {"ref": finding.reference},
    )
    return redirect("cases:detail", pk=finding.pk)
