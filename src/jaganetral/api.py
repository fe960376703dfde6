"""The JSON API at /api/v1/. Every error is ``{"detail": "<message>"}`` with a 4xx status."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from jaganetral.accounts.api import router as accounts_router
from jaganetral.cases.api import router as cases_router
from jaganetral.cases.person_api import router as case_persons_router
from jaganetral.insights import stats as insights_stats
from jaganetral.insights.api import router as insights_router
from jaganetral.insights.filters import Filters
from jaganetral.intake.api import ChallengeRequired
from jaganetral.intake.api import router as intake_router
from jaganetral.prevention import figures as prevention_figures
from jaganetral.reference.api import router as reference_router
from jaganetral.rulebook.api import router as rulebook_router
from jaganetral.screening.api import router as screening_router

log = logging.getLogger(__name__)


class _PhoneSwagger(Swagger):
    """django-ninja's Swagger UI page with a viewport, so it fits a phone like every public page."""

    template = "core/api_docs.html"


api = NinjaAPI(
    title="JagaNetral API",
    version="1",
    description='Pengawasan netralitas ASN. Kesalahan selalu berbentuk {"detail": "..."}.',
    urls_namespace="api",
    docs_url="/docs",
    docs=_PhoneSwagger(),
)


def _field(loc: list[object] | tuple[object, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "header", "form", "file")]
    return ".".join(p for p in parts if not p.startswith("function-")) or "input"


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    invalid = _("tidak sah")
    problems = [f"{_field(e.get('loc', ()))}: {e.get('msg', invalid)}" for e in exc.errors]
    detail = _("Masukan tidak sah. %(problems)s") % {"problems": "; ".join(problems)}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Perlu token API yang sah.")}, status=401)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Tidak ditemukan.")}, status=404)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("Tidak diizinkan.")}, status=403)


@api.exception_handler(ChallengeRequired)
def on_challenge(request: HttpRequest, exc: ChallengeRequired) -> HttpResponse:
    body = {"detail": str(exc), "challenge": exc.challenge}
    return api.create_response(request, body, status=429)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


api.add_router("/", reference_router)
api.add_router("/", rulebook_router)
api.add_router("/", accounts_router)
api.add_router("/", intake_router)
api.add_router("/", cases_router)
api.add_router("/", case_persons_router)
api.add_router("/", insights_router)


def _prevention_group(name: str) -> insights_stats.GroupFn:
    """A prevention figure as an insights group: the same filters (``region``, ``election``), the
    raw counts (the public view of /api/v1/stats/public hides small ones, and what stands beside
    them, itself)."""
    fn = prevention_figures.GROUPS[name]

    def group(user: object, f: Filters) -> list[dict[str, object]]:
        return fn(user, {"region": f.region, "election": f.election}, suppress=False)

    return group


for _name in prevention_figures.GROUPS:
    insights_stats.register_group(_name, _prevention_group(_name), unit=gettext_lazy("orang"), public=True)
api.add_router("/", screening_router)
