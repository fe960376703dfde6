"""The JSON API at /api/v1/. Every error is ``{"detail": "<message>"}`` with a 4xx status."""

from __future__ import annotations

import logging
from typing import Any

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


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "challenge": {"type": "object", "description": "tantangan proof-of-work (hanya pada 429)"},
    },
    "required": ["detail"],
}
# Every answer in 4xx an operation can give, with the reason (all are {"detail": "..."}).
ERRORS = {
    "400": "masukan ditolak (berkas, aturan formulir)",
    "401": "token API atau kode tanda terima tidak ada atau tidak sah",
    "403": "peran atau cakupan token tidak berwenang",
    "404": "tidak ada, atau di luar cakupan wilayah Anda (jawaban yang sama)",
    "405": "metode HTTP lain",
    "409": "keadaan tidak memungkinkan langkah ini",
    "413": "permintaan melebihi batas ukuran",
    "415": "jenis isi permintaan tidak didukung",
    "422": "masukan tidak sah menurut skema",
    "429": "batas laju terlampaui: selesaikan tantangan (X-Altcha) lalu ulangi",
}


class JagaNetralAPI(NinjaAPI):
    """django-ninja with every 4xx answer and the error body declared on every operation."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                if "parameters" in operation:  # a declaration in openapi_extra replaces the generated one
                    unique = {(p.get("in"), p.get("name")): p for p in operation["parameters"]}
                    operation["parameters"] = list(unique.values())
                responses = operation["responses"]
                for code, description in ERRORS.items():
                    responses.setdefault(
                        code,
                        {
                            "description": description,
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                            },
                        },
                    )
        return schema


api = JagaNetralAPI(
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

    def message(e: dict[str, Any]) -> str:
        # a pattern declared for the OpenAPI document is a regular expression: no reading for a person
        if e.get("type") == "string_pattern_mismatch":
            return str(_("bentuknya tidak sah"))
        return str(e.get("msg", invalid))

    problems = [f"{_field(e.get('loc', ()))}: {message(e)}" for e in exc.errors]
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
