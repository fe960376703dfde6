"""Friendly reminders: the public form and the recipient's opt-out page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from jaganetral.intake import ratelimit
from jaganetral.prevention import tokens
from jaganetral.prevention.actions import reminders
from jaganetral.prevention.errors import PreventionError
from jaganetral.prevention.forms import ReminderForm
from jaganetral.rulebook import selectors as rulebook
from jaganetral.rulebook.models import Track

FORM_RATE = (20, 3600)


def _choices() -> tuple[list[tuple[str, str]], dict[str, object]]:
    version = rulebook.current_version()
    if version is None:
        return [], {}
    rules = list(rulebook.rules(version).exclude(track=Track.BOLEH))
    return [(r.code, f"{r.code}: {r.title}") for r in rules], {r.code: r for r in rules}


@never_cache
@require_http_methods(["GET", "POST"])
def remind(request: HttpRequest) -> HttpResponse:
    choices, by_code = _choices()
    form = ReminderForm(request.POST if request.method == "POST" else None, rules=choices)
    status = 200
    if request.method == "POST":
        if not ratelimit.allow(request, "friendly-reminder", FORM_RATE):
            form.add_error(None, _("Terlalu banyak percobaan dari perangkat ini. Coba lagi nanti."))
            status = 429
        elif form.is_valid():
            try:
                reminders.send(
                    rule=by_code[form.cleaned_data["rule"]],  # type: ignore[arg-type]
                    recipient=form.cleaned_data["recipient"],
                    client_address=request.META.get("REMOTE_ADDR", ""),
                    absolute=request.build_absolute_uri,
                )
            except PreventionError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                return render(request, "prevention/remind.html", {"sent": True})
        else:
            status = 400
    return render(request, "prevention/remind.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def optout(request: HttpRequest, token: str) -> HttpResponse:
    try:
        tokens.read_optout(token)
    except tokens.LinkError:
        return render(request, "prevention/link_refused.html", {"expired": False}, status=404)
    done = False
    if request.method == "POST":
        reminders.opt_out(token)
        done = True
    return render(request, "prevention/optout.html", {"done": done})
