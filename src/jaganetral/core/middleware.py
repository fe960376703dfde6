from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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


def _language_of(request: HttpRequest) -> str:
    """The language LocaleMiddleware picks for ``request``: the one chosen with the language switch
    (its cookie), else the site's. The middleware below sit outside LocaleMiddleware, so they ask
    here rather than speak whatever language the thread served last."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    try:
        return translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
    except LookupError:
        return settings.LANGUAGE_CODE


API_PREFIX = "/api/"
_API_MESSAGES = {
    400: gettext_lazy("Permintaan tidak sah."),
    401: gettext_lazy("Perlu token API yang sah."),
    403: gettext_lazy("Tidak diizinkan."),
    404: gettext_lazy("Tidak ditemukan."),
    405: gettext_lazy("Metode HTTP ini tidak diizinkan untuk alamat ini."),
    413: gettext_lazy("Permintaan terlalu besar."),
    415: gettext_lazy("Jenis isi permintaan tidak didukung."),
    429: gettext_lazy("Terlalu banyak permintaan. Coba lagi nanti."),
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
            with translation.override(_language_of(request)):
                known = _API_MESSAGES.get(response.status_code)
                detail = str(known) if known is not None else _("Permintaan tidak dapat diproses.")
            replacement = JsonResponse({"detail": detail}, status=response.status_code)
            for header in ("Allow", "Retry-After", "WWW-Authenticate"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response


NUL_MESSAGE = gettext_lazy("Permintaan memuat karakter NUL (0x00) yang tidak sah: isi biner tidak diterima.")


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
            with translation.override(_language_of(request)):
                message = str(NUL_MESSAGE)
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": message}, status=422)  # as the API's other bad input
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
        return True
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())
    return False


REPORTER_API_PREFIX = "/api/v1/reports"
NO_STORE_EXEMPT = ("/static/",)


class NoStoreMiddleware:
    """Nothing the site answers is kept by a browser's or a proxy's cache (``Cache-Control:
    no-store``), static files aside: a shared or seized device must not show a reporter's status page
    from its cache. Answers that depend on the receipt header also say ``Vary: X-Receipt``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(NO_STORE_EXEMPT):
            return response
        response["Cache-Control"] = "no-store"
        if request.path.startswith(REPORTER_API_PREFIX):
            patch_vary_headers(response, ["X-Receipt"])
        return response
