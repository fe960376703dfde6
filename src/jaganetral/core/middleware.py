from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse


class IndonesianFirstMiddleware:
    """Bahasa Indonesia unless the person chose English with the language switch.

    The browser's Accept-Language is ignored on purpose: many Indonesian officers run browsers in
    English, and the service speaks Indonesian first. Runs before LocaleMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


API_PREFIX = "/api/"
_API_MESSAGES = {
    400: "Permintaan tidak sah.",
    401: "Perlu token API yang sah.",
    403: "Tidak diizinkan.",
    404: "Tidak ditemukan.",
    405: "Metode HTTP ini tidak diizinkan untuk alamat ini.",
    413: "Permintaan terlalu besar.",
    415: "Jenis isi permintaan tidak didukung.",
    429: "Terlalu banyak permintaan. Coba lagi nanti.",
}


class ApiJsonErrorsMiddleware:
    """Every 4xx under /api/ is JSON ``{"detail": "..."}``, including the ones Django or
    django-ninja produce themselves (unknown path, wrong method, oversized body)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and 400 <= response.status_code < 500
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            detail = _API_MESSAGES.get(response.status_code, "Permintaan tidak dapat diproses.")
            replacement = JsonResponse({"detail": detail}, status=response.status_code)
            for header in ("Allow", "Retry-After", "WWW-Authenticate"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response
