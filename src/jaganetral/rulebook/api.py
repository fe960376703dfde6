"""Public JSON API of the rulebook: the catalogue and the self-check."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from jaganetral.rulebook import selectors
from jaganetral.rulebook.models import Rule, RuleVersion
from jaganetral.rulebook.query import MAX_QUERY_CHARS, QueryError, clean_query

_TEXT = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]"
# What clean_query accepts, for the OpenAPI document: plain text with at least one letter.
QUERY_PATTERN = rf"^{_TEXT}*([^\W\d_]|[✌☝👆🤟🤘👍✊👊🫶🫰]){_TEXT}*$"

router = Router(tags=["aturan"])


class TextOut(Schema):
    id: str
    en: str


class SanctionOut(Schema):
    kind: str
    level: str
    label: str
    penalty: TextOut | None = None


class BasisOut(Schema):
    instrument: str
    article: str


class RuleOut(Schema):
    code: str
    version: str
    track: str
    title: TextOut
    explanation: TextOut
    instead: TextOut
    examples: list[str]
    evidence: list[str]
    sanction: SanctionOut
    basis: list[BasisOut]
    elections: list[str]
    related: list[str]
    sources: list[str]
    disputed: TextOut | None = None
    url: str


class RuleSummary(Schema):
    code: str
    track: str
    title: str
    title_en: str
    sanction: str
    url: str


class MatchOut(Schema):
    code: str
    score: float = Field(ge=0.0, le=1.0)
    title: str
    track: str


class CheckOut(Schema):
    verdict: Literal["violation", "allowed", "unclear"]
    matches: list[MatchOut]
    version: str


class RulesQuery(Schema):
    version: str | None = Field(None, max_length=30)
    track: Literal["etik", "disiplin", "pidana", "boleh"] | None = None
    q: str | None = Field(None, max_length=200)


def _version(name: str | None) -> RuleVersion:
    version = selectors.version_by_name(name) if name else selectors.current_version()
    if version is None:
        raise HttpError(
            404,
            _("Versi katalog %(version)s tidak ditemukan.") % {"version": repr(name)}
            if name
            else _("Katalog belum dimuat."),
        )
    return version


def _url(rule: Rule, version: RuleVersion) -> str:
    return f"/aturan/versi/{version.version}/{rule.code}/"


def _rule_out(rule: Rule, version: RuleVersion) -> RuleOut:
    data = rule.data
    sanction = data.get("sanction") or {}
    return RuleOut(
        code=rule.code,
        version=version.version,
        track=rule.track,
        title=TextOut(**data["title"]),
        explanation=TextOut(**data["explanation"]),
        instead=TextOut(**data["instead"]),
        examples=rule.examples,
        evidence=rule.evidence,
        sanction=SanctionOut(
            kind=rule.sanction_kind,
            level=rule.sanction_level,
            label=rule.sanction_label,
            penalty=TextOut(**sanction["penalty"]) if sanction.get("penalty") else None,
        ),
        basis=[BasisOut(**b) for b in rule.basis],
        elections=list(rule.elections),
        related=rule.related,
        sources=rule.sources,
        disputed=TextOut(**data["disputed"]) if data.get("disputed") else None,
        url=_url(rule, version),
    )


@router.get("/rules", response=list[RuleSummary], summary="Katalog aturan netralitas")
def list_rules(request: HttpRequest, filters: Query[RulesQuery]) -> list[RuleSummary]:
    version = _version(filters.version)
    return [
        RuleSummary(
            code=r.code,
            track=r.track,
            title=r.title,
            title_en=r.title_en,
            sanction=r.sanction_label,
            url=_url(r, version),
        )
        for r in selectors.rules(version, q=filters.q or "", track=filters.track or "")
    ]


@router.get(
    "/rules/check",
    response=CheckOut,
    summary="Cek Netralitas: apakah perbuatan ini boleh?",
    openapi_extra={
        "parameters": [
            {
                "in": "query",
                "name": "q",
                "required": True,
                "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS, "pattern": QUERY_PATTERN},
                "description": "pertanyaan bebas: paling sedikit satu huruf, tanpa karakter kendali",
            }
        ]
    },
)
def check_rules(request: HttpRequest, q: str | None = None) -> CheckOut:
    """The question is not stored or logged. Empty, non-text or longer than 2,000 characters: 422."""
    try:
        text = clean_query(q if q is not None else "")
    except QueryError as exc:
        raise HttpError(422, str(exc)) from None
    version = _version(None)
    result = selectors.check(version, text)
    return CheckOut(
        verdict=result.verdict,  # type: ignore[arg-type]
        matches=[MatchOut(code=m.code, score=m.score, title=m.title, track=m.track) for m in result.matches],
        version=version.version,
    )


@router.get("/rules/{code}", response=RuleOut, summary="Satu aturan, dengan dasar hukum dan sanksi")
def get_rule(request: HttpRequest, code: str, version: str | None = Query(None, max_length=30)) -> RuleOut:
    found = _version(version)
    rule = selectors.rule_by_code(found, code)
    if rule is None:
        raise HttpError(404, _("Aturan %(code)s tidak ditemukan.") % {"code": repr(code[:20])})
    return _rule_out(rule, found)
