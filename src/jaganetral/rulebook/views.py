"""Public pages: the self-check ("Cek Netralitas") and the catalogue. Nothing typed is stored or
logged: the question travels in a POST body, the answer is marked no-store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from jaganetral.rulebook import questionnaire, selectors
from jaganetral.rulebook.forms import CheckForm, GuidedForm
from jaganetral.rulebook.matcher import CheckResult
from jaganetral.rulebook.models import Rule, RuleVersion, Track

MAX_SHOWN = 5


@dataclass
class ShownMatch:
    rule: Rule
    score: float
    full: bool
    url: str


def _lang() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def _current() -> RuleVersion:
    version = selectors.current_version()
    if version is None:
        raise Http404("Katalog aturan belum dimuat.")
    return version


def rule_url(rule: Rule) -> str:
    return reverse("rulebook:detail", args=[rule.code])


def _shown(version: RuleVersion, result: CheckResult) -> list[ShownMatch]:
    top = list(result.matches[:MAX_SHOWN])
    found = selectors.rules_by_codes(version, [m.code for m in top])
    return [
        ShownMatch(found[m.code], m.score, m.full, rule_url(found[m.code])) for m in top if m.code in found
    ]


def _render_result(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    template = "rulebook/_result.html" if getattr(request, "htmx", False) else "rulebook/check.html"
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, max-age=0"
    return response


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    version = _current()
    form = CheckForm(request.POST if request.method == "POST" and "q" in request.POST else None)
    guided = GuidedForm(request.POST if request.method == "POST" and "act" in request.POST else None)
    context: dict[str, Any] = {"form": form, "guided": guided, "version": version, "lang": _lang()}
    if request.method != "POST":
        return _render_result(request, context)
    result: CheckResult | None = None
    if form.is_bound:
        if not form.is_valid():
            context["form_invalid"] = True
            return _render_result(request, context, status=400)
        result = selectors.check(version, form.cleaned_data["q"])
    elif guided.is_bound:
        if not guided.is_valid():
            context["guided_invalid"] = True
            return _render_result(request, context, status=400)
        answers = {k: str(v or "") for k, v in guided.cleaned_data.items()}
        result = selectors.check_concepts(version, questionnaire.concepts_for(answers))
    else:
        context["form"] = CheckForm(data={})
        context["form_invalid"] = True
        context["form"].is_valid()
        return _render_result(request, context, status=400)
    shown = _shown(version, result)
    context.update({"result": result, "shown": shown, "best": shown[0] if shown else None})
    return _render_result(request, context)


def rule_list(request: HttpRequest) -> HttpResponse:
    version = _current()
    q = request.GET.get("q", "")[:200]
    track = request.GET.get("track", "")
    if track not in Track.values:
        track = ""
    rules = list(selectors.rules(version, q=q, track=track))
    return render(
        request,
        "rulebook/list.html",
        {
            "version": version,
            "rules": rules,
            "q": q,
            "track": track,
            "tracks": Track.choices,
            "lang": _lang(),
        },
    )


def _detail(request: HttpRequest, version: RuleVersion, code: str) -> HttpResponse:
    rule = selectors.rule_by_code(version, code)
    if rule is None:
        raise Http404("Aturan tidak ditemukan.")
    related = selectors.rules_by_codes(version, rule.related)
    current = selectors.current_version()
    return render(
        request,
        "rulebook/detail.html",
        {
            "rule": rule,
            "version": version,
            "is_current": current is not None and current.pk == version.pk,
            "related": [related[c] for c in rule.related if c in related],
            "lang": _lang(),
        },
    )


def rule_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, _current(), code)


def rule_detail_versioned(request: HttpRequest, version: str, code: str) -> HttpResponse:
    found = selectors.version_by_name(version)
    if found is None:
        raise Http404("Versi katalog tidak ditemukan.")
    return _detail(request, found, code)
