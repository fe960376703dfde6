"""Duplicate hints: a case already open in the actor's scope that names the same civil servant
(NIP), the same social-media account, or tells nearly the same story. Only a hint, with a link:
the supervisor decides whether to link the cases (as duplicate or related)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from jaganetral.accounts.models import User
from jaganetral.cases.models import Case, CaseEvent, CaseReportedPerson
from jaganetral.cases.selectors import cases_for

MAX_HINTS = 8
TEXT_CANDIDATES = 300  # the most recent cases of the region compared by text
SIMILAR = 82  # rapidfuzz token-set ratio from which two stories count as similar
_SOCIAL = re.compile(
    r"^(?:www\.|m\.|mobile\.)?(instagram\.com|facebook\.com|fb\.com|tiktok\.com|x\.com|twitter\.com|"
    r"youtube\.com|threads\.net)$"
)


@dataclass
class Hint:
    case: Case
    reasons: list[str] = field(default_factory=list)


def account_of(url: str) -> str:
    """``instagram.com/camat.tahunan`` for any link to that account or one of its posts; "" for
    links that are not to a known social network."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    match = _SOCIAL.match(host)
    if not match:
        return ""
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return ""
    site = match.group(1).replace("twitter.com", "x.com").replace("fb.com", "facebook.com")
    first = segments[0].lstrip("@").lower()
    if first in ("p", "reel", "watch", "share", "status", "posts", "video", "story.php", "permalink.php"):
        return ""
    return f"{site}/{first}"


def _case_accounts(case: Case) -> set[str]:
    urls: list[str] = []
    if case.report_id and case.report is not None:
        urls.extend(link.url for link in case.report.links.all())
    first = CaseEvent.objects.filter(case=case, kind="opened_from_screening").first()
    if first is not None and isinstance(first.data.get("url"), str):
        urls.append(first.data["url"])
    return {a for a in (account_of(u) for u in urls) if a}


def hints(
    actor: User,
    *,
    nips: Iterable[str] = (),
    accounts: Iterable[str] = (),
    text: str = "",
    region: str = "",
    exclude: int | None = None,
) -> list[Hint]:
    """Cases in the actor's scope that look like the same matter, with why."""
    scope = cases_for(actor)
    if exclude is not None:
        scope = scope.exclude(pk=exclude)
    found: dict[int, Hint] = {}

    def add(case: Case, reason: str) -> None:
        hint = found.setdefault(case.pk, Hint(case))
        if reason not in hint.reasons:
            hint.reasons.append(reason)

    clean_nips = {n for n in (re.sub(r"[\s.\-]", "", x or "") for x in nips) if len(n) == 18 and n.isdigit()}
    if clean_nips:
        same = CaseReportedPerson.objects.filter(case__in=scope.values("pk"), nip__in=clean_nips)
        for person in same.select_related("case")[:MAX_HINTS]:
            add(person.case, _("ASN dengan NIP yang sama: %(name)s") % {"name": person.name})
    wanted = {a for a in accounts if a}
    if wanted:
        q = Q()
        for account in wanted:
            site, handle = account.split("/", 1)
            q |= Q(report__links__url__icontains=f"{site.split('.')[0]}") & Q(
                report__links__url__icontains=f"/{handle}"
            )
            q |= Q(events__kind="opened_from_screening", events__data__url__icontains=f"/{handle}")
        for case in scope.filter(q).distinct()[:50]:
            same_accounts = _case_accounts(case) & wanted
            for account in sorted(same_accounts):
                add(case, _("Akun yang sama: %(account)s") % {"account": account})
    text = (text or "").strip()
    if len(text) >= 40:
        recent = scope.filter(region_id=region) if region else scope
        for case in recent.order_by("-created_at").only("pk", "summary", "number", "state")[:TEXT_CANDIDATES]:
            if fuzz.token_set_ratio(text[:2000], case.summary[:2000]) >= SIMILAR:
                add(case, _("Uraian yang mirip"))
    return list(found.values())[:MAX_HINTS]


def hints_for_case(actor: User, case: Case) -> list[Hint]:
    """Hints for an open case (its people, its accounts, its story), itself and its linked cases
    left out."""
    linked = set(case.links_out.values_list("other_id", flat=True)) | set(
        case.links_in.values_list("case_id", flat=True)
    )
    out = hints(
        actor,
        nips=[p.nip for p in case.reported.all() if p.nip],
        accounts=_case_accounts(case),
        text=case.summary,
        region=case.region_id,
        exclude=case.pk,
    )
    return [h for h in out if h.case.pk not in linked]
