from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from jaganetral.core import challenge as challenge_lib


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def challenge(request: HttpRequest) -> JsonResponse:
    """A fresh proof-of-work challenge for the forms' script and API clients (never cached)."""
    return JsonResponse(challenge_lib.issue())
