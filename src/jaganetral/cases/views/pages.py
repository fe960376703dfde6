"""Case pages under /petugas/kasus/: the queue, the case page and its steps, opening cases.
Thin: forms validate shape, actions decide and write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import (
    actions,
    documents,
    duplicates,
    forms,
    needtoknow,
    permissions,
    selectors,
    suggestions,
    workflow,
)
from jaganetral.cases import attachments as attachment_store
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import Case, CaseAttachment, Clock
from jaganetral.cases.views import panels
from jaganetral.cases.views import steps as case_steps

MAX_ROWS = 200


def _staff(request: HttpRequest) -> User:
    user = policy.staff(request.user)
    if user is None or not policy.can(user, permissions.VIEW):
        raise PermissionDenied
    return user


def _case_pk(pk: int) -> int:
    if not 0 < pk < 2**62:
        raise Http404("kasus tidak ditemukan")
    return pk


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    return _queue(request, user, tab=request.GET.get("tab", ""), state=request.GET.get("status", ""))


def _queue(
    request: HttpRequest, user: User, *, tab: str, state: str, status: int = 200, **extra: Any
) -> HttpResponse:
    state = state[:30]
    if tab not in ("mine", "overdue", "all"):
        tab = "mine" if permissions.works_own_cases(user) else "all"
    cases = selectors.case_list(
        user, state=state or None, mine=tab == "mine", overdue=True if tab == "overdue" else None
    )[:MAX_ROWS]
    context = {
        "cases": cases,
        "tab": tab,
        "status": state,
        "states": [(s.value, workflow.state_label(s)) for s in workflow.State],
        "now": timezone.now(),
        "notifications": selectors.notifications_for(user, unread_only=True)[:20],
        "can_supervise": policy.can(user, permissions.SUPERVISE),
        "can_edit_offices": policy.can(user, permissions.EDIT_OFFICES),
        "can_select": bool(permissions.bulk_targets(user)),
        "bulk_form": forms.BulkTransitionForm(role=user.role),
        "bulk_max": actions.BULK_MAX,
        "assignable": [],
    }
    if policy.can(user, permissions.SUPERVISE):
        context["assignable"] = selectors.colleagues(user)
    context.update(extra)
    return render(request, "cases/queue.html", context, status=status)


@login_required
@require_POST
def bulk_transition_view(request: HttpRequest) -> HttpResponse:
    """Move the selected cases to one target state where each may move (the shared bulk action);
    the list then shows, per case, moved or refused with the reason."""
    user = _staff(request)
    tab, state = request.POST.get("tab", ""), request.POST.get("status", "")
    form = forms.BulkTransitionForm(request.POST, role=user.role)

    def refuse(message: str, status: int = 400) -> HttpResponse:
        return _queue(request, user, tab=tab, state=state, status=status, bulk_form=form, bulk_error=message)

    raw = request.POST.getlist("case")
    if len(raw) > actions.BULK_MAX:
        return refuse(_("Paling banyak %(n)d kasus sekaligus.") % {"n": actions.BULK_MAX})
    if not raw:
        return refuse(_("Pilih paling sedikit satu kasus."))
    if not all(x.isdigit() and len(x) < 18 for x in raw):
        return refuse(_("Pilihan kasus tidak sah."))
    if not form.is_valid():
        return refuse(forms.first_error(form))
    ids = list(dict.fromkeys(int(x) for x in raw))
    cases = [selectors.case_for(user, _case_pk(pk)) for pk in ids]  # 404 outside the actor's scope
    target = form.cleaned_data["target"]
    try:
        result = actions.transition_many(
            actor=user, cases=cases, target=target, reason=form.cleaned_data["reason"]
        )
    except CaseError as exc:
        return refuse(str(exc), exc.status)
    now_cases = selectors.cases_for(user).in_bulk(ids)
    rows = [
        {
            "case": now_cases.get(pk, c),
            "moved": pk not in result.refused,
            "reason": result.refused.get(pk, ""),
        }
        for pk, c in zip(ids, cases, strict=True)
    ]
    return _queue(
        request,
        user,
        tab=tab,
        state=state,
        bulk_results=rows,
        bulk_target=workflow.state_label(workflow.State(target)),
        bulk_moved=len(result.moved),
        bulk_refused=len(result.refused),
    )


@login_required
@require_POST
def bulk_assign_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)

    def refuse(message: str, status: int = 400) -> HttpResponse:
        tab, state = request.POST.get("tab", ""), request.POST.get("status", "")
        return _queue(request, user, tab=tab, state=state, status=status, bulk_error=message)

    raw = request.POST.getlist("case")
    if len(raw) > actions.BULK_MAX:
        return refuse(_("Paling banyak %(n)d kasus sekaligus.") % {"n": actions.BULK_MAX})
    if not all(x.isdigit() and len(x) < 18 for x in raw):
        return refuse(_("Pilihan kasus tidak sah."))
    cases = [selectors.case_for(user, _case_pk(pk)) for pk in dict.fromkeys(int(x) for x in raw)]
    assignee_id = request.POST.get("assignee", "")
    assignee = None
    if assignee_id:
        assignee = User.objects.filter(
            pk=int(assignee_id) if assignee_id.isdigit() and len(assignee_id) < 18 else 0
        ).first()
        if assignee is None:
            return refuse(_("Pengguna tidak dikenal."))
    if not cases:
        return refuse(_("Pilih paling sedikit satu kasus."))
    try:
        n = actions.assign(actor=user, cases=cases, user=assignee)
    except CaseError as exc:
        return refuse(str(exc), exc.status)
    messages.success(request, _("%(n)d kasus diserahkan.") % {"n": n})
    return redirect("cases:queue")


def _detail(
    request: HttpRequest, user: User, pk: int, *, error: str = "", status: int = 200, **bound: Any
) -> HttpResponse:
    case = selectors.case_detail(user, pk)
    now = timezone.now()
    clocks: list[Clock] = [c for c in case.clocks.all() if c.person_id is None]
    study_form = bound.get("study_form") or forms.StudyForm()
    study_form.offer_persons([(p.pk, p.name) for p in case.reported.all()])
    context = {
        "case": case,
        "summary": needtoknow.redactor(user, case).text(case.summary),
        "state_label": workflow.state_label(case.state_enum),
        "stop_label": workflow.stop_label(stop) if (stop := case.stop_reason_enum) else "",
        "people": panels.person_panels(user, case, now, bound),
        "recommendation": panels.recommendation_panel(user, case, bound),
        "clocks": clocks,
        "now": now,
        "events": _with_attachments(user, case),
        "steps": permissions.steps_for(user, case.state_enum),
        "error": error,
        "is_supervisor": policy.can(user, permissions.SUPERVISE),
        "editable": case.state_enum in actions._EDITABLE,
        "transition_form": bound.get("transition_form") or forms.TransitionForm(),
        "allegation_form": bound.get("allegation_form")
        or forms.AllegationForm(initial={"rules": ", ".join(_typed_codes(user, case))}),
        "clarification_form": bound.get("clarification_form")
        or forms.ClarificationForm(persons=[p.name for p in case.reported.all()]),
        "party_roles": forms.PARTY_ROLE_CHOICES,
        "study_form": study_form,
        "formal_problems": actions.formal_problems(case),
        "hints": duplicates.hints_for_case(user, case) if policy.can(user, permissions.SUPERVISE) else [],
        "reason_form": forms.ReasonForm(auto_id="ext_%s"),
        "invitation_form": forms.InvitationForm(auto_id="inv_%s"),
        "link_form": forms.LinkForm(auto_id="link_%s"),
        "assignable": selectors.assignable_users(user, case)
        if policy.can(user, permissions.SUPERVISE)
        else [],
        "can_extend": any(c.name == "handling" and c.stopped_at is None and not c.extended for c in clocks),
        "evidence_count": case.report.evidence.count() if case.report else 0,
        "attachment_form": bound.get("attachment_form") or forms.AttachmentForm(auto_id="att_%s"),
        "attachment_accept": attachment_store.ACCEPT,
        "letters": list(case.letters.all()),
        "can_notify_reporter": case.report_id is not None and policy.can(user, permissions.SUPERVISE),
        "form_label": _("Formulir Model B.1: laporan")
        if documents.is_report_form(case)
        else _("Formulir Model B.2: temuan"),
    }
    context.update(_step_context(request, user, case, clocks, now, bound))
    return render(request, "cases/detail.html", context, status=status)


def _suggested(user: User, case: Case) -> list[suggestions.Suggestion]:
    """Rule suggestions from the case's story, for supervisors while the allegation or the study
    is still open."""
    if not policy.can(user, permissions.SUPERVISE) or case.state not in (
        "received",
        "initial_review",
        "needs_completion",
        "study",
    ):
        return []
    return suggestions.suggest(case.summary)


def _typed_codes(user: User, case: Case) -> list[str]:
    """The alleged codes not among the suggestions (those show as ticked boxes instead)."""
    offered = {s.code for s in _suggested(user, case)}
    return [c for c in case.alleged_rules if c not in offered]


def _step_context(
    request: HttpRequest, user: User, case: Case, clocks: list[Clock], now: Any, bound: dict[str, Any]
) -> dict[str, Any]:
    """The steps of the procedure as tabs (``?langkah=``), the decisions valid now, and the rule
    suggestions for the allegation and the study."""
    tabs, shown = case_steps.tabs(case, str(request.GET.get("langkah", ""))[:20])
    running = [c for c in clocks if c.stopped_at is None]
    failed = bound.get("transition_form")
    # what was ticked in a form shown again (never request.POST: an oversized upload is not read)
    again = bound.get("allegation_form") or bound.get("study_form")
    posted = again is not None
    chosen = (
        [str(x) for x in again.data.getlist("suggested")] if again is not None else list(case.alleged_rules)
    )
    return {
        "tabs": tabs,
        "shown_step": shown,
        "shown_is_current": shown == case_steps.step_of(case.state_enum),
        "step_actions": case_steps.actions_now(user, case),
        "next_clock": min(running, key=lambda c: c.due_at) if running else None,
        "failed_target": failed.data.get("target", "") if failed is not None else "",
        "failed_reason": failed.data.get("reason", "") if failed is not None else "",
        "rule_suggestions": [
            {"s": s, "checked": s.code in chosen if posted or shown.key == "awal" else False}
            for s in _suggested(user, case)
        ],
    }


def form_codes(d: dict[str, Any], typed: str = "rules") -> list[str]:
    """Ticked suggestions and typed codes, each once."""
    codes = [*(d.get("suggested") or []), *forms.split_codes(d.get(typed) or "")]
    return list(dict.fromkeys(c.upper() for c in codes))[:31]


def _with_attachments(user: User, case: Case) -> list[Any]:
    """The timeline's events, and each clarification record of the (prefetched) case, with the
    attachments the user may see as ``shown_attachments``."""
    red = needtoknow.redactor(user, case)
    by_event: dict[int, list[CaseAttachment]] = {}
    by_record: dict[int, list[CaseAttachment]] = {}
    for a in selectors.attachments_for(user, case):
        by_event.setdefault(a.event_id, []).append(a)
        if a.clarification_id is not None:
            by_record.setdefault(a.clarification_id, []).append(a)
    for record in case.clarifications.all():
        record.shown_attachments = by_record.get(record.pk, [])  # type: ignore[attr-defined]
        record.oath_links = [(n + 1, p) for n, p in documents.oath_parties(record)]  # type: ignore[attr-defined]
        record.shown = needtoknow.clarification_for(red, record)  # type: ignore[attr-defined]
    for study in case.studies.all():
        study.shown_conclusion = red.text(study.conclusion)  # type: ignore[attr-defined]
    events = list(case.events.all())
    for e in events:
        e.shown_attachments = by_event.get(e.pk, [])  # type: ignore[attr-defined]
        e.shown_reason = red.text(e.reason)  # type: ignore[attr-defined]
    return events


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _staff(request), _case_pk(pk))


def _post_action(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.forms.Form],
    name: str,
    run: Callable[[User, Case, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    user = _staff(request)
    case = selectors.case_for(user, _case_pk(pk))
    form = form_class(request.POST)
    if not form.is_valid():
        return _detail(request, user, case.pk, error=forms.first_error(form), status=400, **{name: form})
    try:
        run(user, case, form.cleaned_data)
    except CaseError as exc:
        return _detail(request, user, case.pk, error=str(exc), status=exc.status, **{name: form})
    messages.success(request, done)
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        forms.TransitionForm,
        "transition_form",
        lambda u, c, d: actions.transition(
            actor=u, case=c, target=d["target"], reason=d["reason"], stop_reason=d["stop_reason"] or None
        ),
        _("Status kasus diperbarui."),
    )


@login_required
@require_POST
def allegation_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(u: User, c: Case, d: dict[str, Any]) -> object:
        persons = forms.AllegationForm.persons_from(d)
        return actions.set_allegation(actor=u, case=c, rules=form_codes(d), add_persons=persons)

    return _post_action(
        request, pk, forms.AllegationForm, "allegation_form", run, _("Dugaan pelanggaran disimpan.")
    )


@login_required
@require_POST
def extend_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        forms.ReasonForm,
        "reason_form",
        lambda u, c, d: actions.extend_handling(actor=u, case=c, reason=d["reason"]),
        _("Batas waktu penanganan diperpanjang."),
    )


@login_required
@require_POST
def assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    case = selectors.case_for(user, _case_pk(pk))
    raw = request.POST.get("assignee", "")
    assignee = None
    if raw:  # empty: take the case off its assignee; anything else must name a known user
        assignee = User.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 18 else None
        if assignee is None:
            return _detail(request, user, case.pk, error=_("Pengguna tidak dikenal."), status=400)
    try:
        actions.assign(actor=user, cases=[case], user=assignee)
    except CaseError as exc:
        return _detail(request, user, case.pk, error=str(exc), status=exc.status)
    messages.success(request, _("Penanggung jawab diperbarui."))
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def link_view(request: HttpRequest, pk: int) -> HttpResponse:
    def run(u: User, c: Case, d: dict[str, Any]) -> object:
        other = selectors.case_for(u, d["other"])
        return actions.link_cases(actor=u, case=c, other=other, kind=d["kind"])

    return _post_action(request, pk, forms.LinkForm, "link_form", run, _("Kasus ditautkan."))


@login_required
@require_POST
def clarification_view(request: HttpRequest, pk: int) -> HttpResponse:
    if refused := _too_large(request, pk):
        return refused
    return _post_action(
        request,
        pk,
        forms.ClarificationForm,
        "clarification_form",
        lambda u, c, d: actions.record_clarification_with_files(
            actor=u,
            case=c,
            files=request.FILES.getlist("files"),
            shareable=request.POST.get("shareable") == "on",
            **d,
        ),
        _("Sesi klarifikasi dicatat."),
    )


@login_required
@require_POST
def study_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        forms.StudyForm,
        "study_form",
        lambda u, c, d: actions.record_study(
            actor=u,
            case=c,
            conclusion=d["conclusion"],
            rules_found=form_codes(d, "rules_found"),
            violation=d["violation"],
            proven=[int(x) for x in d.get("proven") or [] if x.isdigit()] or None,
        ),
        _("Kajian dicatat."),
    )


@login_required
def incoming_view(request: HttpRequest) -> HttpResponse:
    """Intake reports in the actor's scope not yet opened as cases (intake has no hook for a button)."""
    user = _staff(request)
    if not policy.can(user, permissions.SUPERVISE):
        raise PermissionDenied
    reports = selectors.unregistered_reports(user)[:MAX_ROWS]
    return render(request, "cases/incoming.html", {"reports": reports, "form": forms.RegisterForm()})


def _too_large(request: HttpRequest, pk: int) -> HttpResponse | None:
    """413 with the case page before an oversized upload is read."""
    try:
        attachment_store.check_request_size(request.META.get("CONTENT_LENGTH"))
    except CaseError as exc:
        user = _staff(request)
        return _detail(request, user, selectors.case_for(user, _case_pk(pk)).pk, error=str(exc), status=413)
    return None
