"""Briefing pages: the officer records a briefing and sees its results; participants answer the
quiz on their phone through the phase's link, without an account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from jaganetral.accounts import policy
from jaganetral.intake import ratelimit
from jaganetral.prevention import certificate, permissions, selectors, tokens
from jaganetral.prevention.actions import briefings
from jaganetral.prevention.errors import PreventionError
from jaganetral.prevention.forms import BriefingForm
from jaganetral.prevention.models import Briefing, Phase
from jaganetral.reference.models import Region, RegionLevel

ANSWER_RATE = (30, 600)


def _form(request: HttpRequest, data: object = None) -> BriefingForm:
    regions = Region.objects.filter(policy.user_region_q(request.user, "code")).exclude(  # type: ignore[arg-type]
        level=RegionLevel.DISTRICT
    )
    return BriefingForm(data, agencies=selectors.agencies_for(request.user), regions=regions)


@login_required
@require_http_methods(["GET", "POST"])
def briefing_list(request: HttpRequest) -> HttpResponse:
    if not policy.can(request.user, permissions.BRIEFINGS):
        raise PermissionDenied(_("Peran Anda tidak berwenang untuk langkah ini."))
    form = _form(request, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                b = briefings.record_briefing(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
            except PreventionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Sosialisasi dicatat. Bagikan tautan kuis sebelum dan sesudah."))
                return redirect("prevention_staff:briefing", b.pk)
        status = 400
    rows = selectors.briefings(request.user)[:200]
    return render(request, "prevention/briefings.html", {"form": form, "rows": rows}, status=status)


@login_required
@require_GET
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    b = selectors.briefing(request.user, pk)
    results, counts = selectors.quiz_results(b)
    links = []
    for phase, label in Phase.choices:
        url = request.build_absolute_uri(reverse("prevention:quiz", args=[tokens.quiz_token(b.pk, phase)]))
        links.append({"label": label, "url": url, "qr": certificate.qr_data_uri(url)})
    context = {"briefing": b, "results": results, "counts": counts, "links": links}
    return render(request, "prevention/briefing.html", context)


def _answers(request: HttpRequest, n: int) -> list[bool | None]:
    out: list[bool | None] = []
    for i in range(n):
        value = request.POST.get(f"q{i}", "")
        out.append(True if value == "boleh" else False if value == "tidak" else None)
    return out


@never_cache
@require_http_methods(["GET", "POST"])
def quiz(request: HttpRequest, token: str) -> HttpResponse:
    try:
        pk, phase = tokens.read_quiz(token)
    except tokens.LinkError as exc:
        return render(
            request,
            "prevention/link_refused.html",
            {"expired": exc.expired},
            status=410 if exc.expired else 404,
        )
    b = Briefing.objects.filter(pk=pk).first()
    if b is None or phase not in Phase.values:
        return render(request, "prevention/link_refused.html", {"expired": False}, status=404)
    questions = selectors.quiz_questions(b)
    done_key = f"prevention-quiz-{b.pk}-{phase}"
    context: dict[str, object] = {
        "briefing": b,
        "phase": Phase(phase).label,
        "items": [(q, None) for q in questions],
        "error": "",
    }
    if request.method == "POST":
        answers = _answers(request, len(questions))
        context["items"] = list(zip(questions, answers, strict=False))
        if not ratelimit.allow(request, "quiz-answer", ANSWER_RATE):
            context["error"] = _("Terlalu banyak jawaban dari perangkat ini. Coba lagi nanti.")
            return render(request, "prevention/quiz.html", context, status=429)
        try:
            briefings.answer(briefing=b, phase=phase, answers=list(answers))
        except PreventionError as exc:
            context["error"] = str(exc)
            return render(request, "prevention/quiz.html", context, status=400)
        request.session[done_key] = True
        context["done"] = True
        context["review"] = [
            {"q": q, "given": a, "right": a == q.allowed} for q, a in zip(questions, answers, strict=False)
        ]
        return render(request, "prevention/quiz.html", context)
    context["already"] = bool(request.session.get(done_key))
    return render(request, "prevention/quiz.html", context)
