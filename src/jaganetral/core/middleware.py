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


NUL_MESSAGE = "Permintaan memuat karakter NUL (0x00) yang tidak sah: isi biner tidak diterima."


class RefuseNulBytesMiddleware:
    """A query string or form field carrying a NUL character (0x00) is bad input: PostgreSQL text
    cannot hold it (SQLite would store it silently), so it is refused before any view reads it (400
    on pages, 422 under /api/ like the API's other invalid input) instead of failing as a 500 deep
    in a query. Multipart uploads are left to their forms (Django's form fields refuse NUL
    themselves) so that views keep control of their upload handlers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": NUL_MESSAGE}, status=422)  # as the API's other bad input
            return HttpResponse(NUL_MESSAGE, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
        return True
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())
    return False
