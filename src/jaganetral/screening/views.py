"""Staff pages: review queue, finding decisions, ASN registry (search, import, edit), post import
with progress, detectors (monitor mode, comparison, switch)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.reference.models import Election
from jaganetral.screening import actions, selectors
from jaganetral.screening.models import (
    AsnPerson,
    Finding,
    FindingStatus,
    ImportFormat,
    ImportJob,
    Platform,
)

MAX_UPLOAD = 20 * 1024 * 1024
MAX_POSTS_UPLOAD = actions.MAX_POST_FILE_BYTES
POST_FILE_TYPES = (".csv", ".jsonl", ".ndjson")
MAX_REASON = 2000
MAX_FIELD = 300


def _staff(request: HttpRequest) -> User:
    user = policy.staff(request.user)
    if user is None or not selectors.can_screen(user):
        raise Http404
    return user


# what each kind of highlighted evidence is, in words an analyst reads (kinds from screening/nlp)
EVIDENCE_KINDS = {
    "support": _lazy("kata dukungan"),
    "attack": _lazy("kata serangan"),
    "number": _lazy("nomor urut"),
    "name": _lazy("nama peserta"),
    "alias": _lazy("nama peserta"),
    "party": _lazy("partai"),
    "hashtag": _lazy("tagar kampanye"),
    "tagname": _lazy("tagar kampanye"),
    "tagnum": _lazy("tagar nomor urut"),
    "slogan": _lazy("slogan kampanye"),
    "finger": _lazy("salam jari"),
    "account": _lazy("akun peserta"),
}
QUEUE_TEXT = 280  # characters of a post shown in the queue


def _kind_label(kind: object) -> str:
    kind = str(kind or "")
    if kind.startswith("account_"):
        return str(_("akun peserta (%(how)s)") % {"how": kind.removeprefix("account_")})
    label = EVIDENCE_KINDS.get(kind)
    return str(label) if label is not None else kind


def _spans(text: str, evidence: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    out = []
    for e in evidence:
        if not isinstance(e, dict):
            continue
        try:
            s, t = int(e.get("start", 0)), int(e.get("end", 0))
        except (TypeError, ValueError):
            continue
        if 0 <= s < t <= len(text):
            out.append((s, t, _kind_label(e.get("kind"))))
    return sorted(out)


def _segments(
    text: str, spans: list[tuple[int, int, str]], limit: int | None = None
) -> list[tuple[str, str]]:
    """The post text cut into (piece, reason) for highlighting; reason is "" outside evidence.
    ``spans`` from :func:`_spans`. With ``limit`` the text is cut after that many characters ("…")."""
    out: list[tuple[str, str]] = []
    pos = 0
    for s, e, label in spans:
        if s < pos:
            continue
        if s > pos:
            out.append((text[pos:s], ""))
        out.append((text[s:e], label or _("bukti")))
        pos = e
    if pos < len(text):
        out.append((text[pos:], ""))
    if limit is None:
        return out
    cut: list[tuple[str, str]] = []
    used = 0
    for piece, label in out:
        if used + len(piece) > limit:
            cut.append((piece[: max(limit - used, 0)] + "…", label))
            break
        cut.append((piece, label))
        used += len(piece)
    return cut


def _reasons(
    text: str, spans: list[tuple[int, int, str]], evidence: list[dict[str, Any]]
) -> list[tuple[str, str]]:
    """(reason, words) for every highlighted span, plus evidence that is not a span (an account
    mention or reply), in text order; each (reason, words) once."""
    seen: dict[tuple[str, str], None] = {}
    for start, end, label in spans:
        seen.setdefault((label, text[start:end]), None)
    for item in evidence:
        if isinstance(item, dict) and str(item.get("kind", "")).startswith("account_"):
            seen.setdefault((_kind_label(item.get("kind")), ""), None)
    return list(seen)


def _first_code(pair: object) -> str:
    """Screening names rules in pairs ("E2/D2"); the first code carries the title."""
    return str(pair).split("/", 1)[0]


def _rules(codes: list[Any], titles: dict[str, str]) -> list[tuple[str, str]]:
    """Rule pairs with the first code's title."""
    return [(str(pair), titles.get(_first_code(pair), "")) for pair in codes]


def _shown(
    finding: Finding, titles: dict[str, str], names: dict[tuple[int, str, int], str], limit: int | None = None
) -> dict[str, Any]:
    """What the queue and the finding page show of a finding: the post with its evidence
    highlighted, the reasons in words, the rules with their titles and the contestant by name."""
    text = finding.post.text
    spans = _spans(text, finding.evidence)
    return {
        "segments": _segments(text, spans, limit=limit),
        "reasons": _reasons(text, spans, finding.evidence),
        "rules": _rules(finding.rules, titles),
        "target": _target(finding, names),
    }


def _target(finding: Finding, names: dict[tuple[int, str, int], str]) -> str:
    if finding.target is None:
        return ""
    key = (finding.election_id, finding.target_kind, finding.target)
    name = names.get(key) or names.get((finding.election_id, "", finding.target), "")
    return f"{finding.target} ({name})" if name else str(finding.target)


@login_required
def finding_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    finding = selectors.finding_for(user, pk)
    if finding is None:
        raise Http404
    error = ""
    if request.method == "GET":
        actions.record_access(actor=user, action="view_finding", obj=finding)
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        reason = request.POST.get("reason", "")
        try:
            if len(reason) > MAX_REASON:
                raise actions.ScreeningError(_("Alasan terlalu panjang (maks 2000 huruf)."))
            if decision == "confirm":
                confirmed = actions.confirm_finding(finding, actor=user, reason=reason)
                messages.success(
                    request,
                    _(
                        "Temuan dikonfirmasi; bukti unggahan disimpan dan kasus temuan #%(case)s dibuka "
                        "untuk pengawas wilayahnya."
                    )
                    % {"case": confirmed.case_ref},
                )
            elif decision == "dismiss":
                actions.dismiss_finding(finding, actor=user, reason=reason)
                messages.success(request, _("Temuan ditolak."))
            elif decision == "snooze" and finding.post.account is not None:
                try:
                    days = int(request.POST.get("days", "7"))
                except ValueError:
                    raise actions.ScreeningError(_("Jumlah hari harus angka.")) from None
                actions.snooze_account(finding.post.account, actor=user, days=days)
                messages.success(request, _("Akun ditunda."))
            else:
                raise actions.ScreeningError(_("Keputusan tidak dikenal."))
            return redirect("screening:queue")
        except actions.ScreeningError as exc:
            error = str(exc)
    status = 400 if error else 200
    return render(
        request,
        "screening/finding.html",
        {
            "finding": finding,
            **_shown(
                finding,
                selectors.rule_titles([_first_code(p) for p in finding.rules]),
                selectors.contestant_names([finding]),
            ),
            "error": error,
            "queued": finding.status == FindingStatus.QUEUED,
        },
        status=status,
    )


@login_required
def people_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    query = request.GET.get("q", "")[:100].strip()
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors, status = [_("Pilih berkas CSV atau XLSX.")], 400
        elif upload.size is None or upload.size > MAX_UPLOAD:
            errors, status = [_("Berkas terlalu besar (maks 20 MB).")], 413
        elif not (upload.name or "").lower().endswith((".csv", ".xlsx")):
            errors, status = [_("Hanya berkas .csv atau .xlsx.")], 400
        else:
            try:
                report = actions.import_asn(actions.read_table(upload.name or "", upload.read()), actor=user)
            except actions.ScreeningError as exc:
                errors, status = [str(exc)], 400
            else:
                if report.errors:
                    errors, status = report.errors[:200], 400
                else:
                    messages.success(
                        request,
                        _("%(c)d ASN baru, %(u)d diperbarui.") % {"c": report.created, "u": report.updated},
                    )
                    return redirect("screening:people")
    if query:
        actions.record_access(actor=user, action="search_people", query=query)
    people = list(selectors.people(user, query)[:100])
    return render(
        request, "screening/people.html", {"people": people, "q": query, "errors": errors}, status=status
    )


def _person_page(
    request: HttpRequest,
    user: User,
    person: AsnPerson,
    *,
    form: dict[str, str] | None = None,
    error: str = "",
    account_form: dict[str, str] | None = None,
    account_error: str = "",
) -> HttpResponse:
    """The person page; after a refused submit it shows what was sent, with the reason."""
    if form is None:
        form = {
            "name": person.name,
            "position": person.position,
            "agency": person.agency.code if person.agency else "",
            "region": person.region_id or "",
        }
    return render(
        request,
        "screening/person.html",
        {
            "person": person,
            "accounts": list(person.accounts.all()),
            "form": form,
            "error": error,
            "account_form": account_form or {"platform": Platform.X, "handle": ""},
            "account_error": account_error,
            "agencies": selectors.agencies_for_person(user, person.agency),
            "regions": selectors.regions_for_person(user, person.region),
            "national": user.is_national,
            "platforms": Platform.choices,
        },
        status=400 if error or account_error else 200,
    )


def _person_or_404(user: User, pk: int) -> AsnPerson:
    person = selectors.person_for(user, pk)
    if person is None:
        raise Http404
    return person


@login_required
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    person = _person_or_404(user, pk)
    if request.method != "POST":
        actions.record_access(actor=user, action="view_person", obj=person)
        return _person_page(request, user, person)
    form = {key: request.POST.get(key, "")[:MAX_FIELD] for key in ("name", "position", "agency", "region")}
    try:
        actions.update_person(
            person,
            actor=user,
            name=form["name"],
            position=form["position"],
            agency=form["agency"] if "agency" in request.POST else None,
            region=form["region"] if "region" in request.POST else None,
        )
    except actions.ScreeningError as exc:
        person.refresh_from_db()
        return _person_page(request, user, person, form=form, error=str(exc))
    messages.success(request, _("Data ASN disimpan."))
    return redirect("screening:person", pk=person.pk)


@login_required
@require_POST
def person_account_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    person = _person_or_404(user, pk)
    account_form = {
        "platform": request.POST.get("platform", "")[:20],
        "handle": request.POST.get("handle", "")[:MAX_FIELD],
    }
    try:
        account = actions.add_account(
            person, actor=user, platform=account_form["platform"], handle=account_form["handle"]
        )
    except actions.ScreeningError as exc:
        return _person_page(request, user, person, account_form=account_form, account_error=str(exc))
    messages.success(
        request, _("Akun %(a)s ditambahkan.") % {"a": f"{account.get_platform_display()} @{account.handle}"}
    )
    return redirect("screening:person", pk=person.pk)


@login_required
@require_POST
def person_account_remove_view(request: HttpRequest, pk: int, account_pk: int) -> HttpResponse:
    user = _staff(request)
    person = _person_or_404(user, pk)
    account = person.accounts.filter(pk=account_pk).first()
    if account is None:
        raise Http404
    try:
        actions.remove_account(account, actor=user)
    except actions.ScreeningError as exc:
        return _person_page(request, user, person, account_error=str(exc))
    messages.success(
        request, _("Akun %(a)s dihapus dari pemantauan.") % {"a": f"{account.platform} @{account.handle}"}
    )
    return redirect("screening:person", pk=person.pk)


# the mapping fields on the import page: (our field, label); the file's column names are typed in
MAPPING_FIELDS = (
    ("id", _lazy("ID unggahan")),
    ("text", _lazy("Isi unggahan")),
    ("handle", _lazy("Nama akun")),
    ("url", _lazy("Tautan")),
    ("created_at", _lazy("Waktu unggah")),
    ("reply_to", _lazy("Membalas akun")),
)


def _sent_mapping(request: HttpRequest) -> dict[str, str]:
    return {key: request.POST.get(f"col_{key}", "")[:MAX_FIELD] for key, _label in MAPPING_FIELDS}


def _posts_import_page(
    request: HttpRequest, user: User, *, error: str = "", status: int = 200
) -> HttpResponse:
    sent = _sent_mapping(request)
    defaults = actions.post_mapping(ImportFormat.CSV)
    return render(
        request,
        "screening/posts_import.html",
        {
            "error": error,
            "formats": ImportFormat.choices,
            "platforms": Platform.choices,
            "chosen_format": request.POST.get("format", ImportFormat.TWEET_HARVEST),
            "chosen_platform": request.POST.get("platform", Platform.X),
            "mapping_fields": [
                {"key": key, "label": label, "value": sent[key], "default": defaults[key]}
                for key, label in MAPPING_FIELDS
            ],
            "jobs": list(selectors.import_jobs(user)[:10]),
            "max_mb": MAX_POSTS_UPLOAD // (1024 * 1024),
        },
        status=status,
    )


@login_required
def posts_import_view(request: HttpRequest) -> HttpResponse:
    """Upload a posts file. Small files are imported at once; larger ones by the worker, with a
    progress bar on the job page."""
    user = _staff(request)
    if request.method != "POST":
        return _posts_import_page(request, user)
    upload = request.FILES.get("file")
    file_format = request.POST.get("format", ImportFormat.TWEET_HARVEST)
    if upload is None:
        return _posts_import_page(
            request, user, error=_("Pilih berkas unggahan (CSV atau JSONL)."), status=400
        )
    if upload.size is None or upload.size > MAX_POSTS_UPLOAD:
        error = _("Berkas terlalu besar (maks %(mb)d MB).") % {"mb": MAX_POSTS_UPLOAD // (1024 * 1024)}
        return _posts_import_page(request, user, error=error, status=413)
    if not (upload.name or "").lower().endswith(POST_FILE_TYPES):
        return _posts_import_page(request, user, error=_("Hanya berkas .csv atau .jsonl."), status=400)
    if file_format not in ImportFormat.values:
        return _posts_import_page(request, user, error=_("Format berkas tidak dikenal."), status=400)
    background = upload.size > actions.INLINE_IMPORT_BYTES
    try:
        job = actions.start_post_import(
            upload.chunks(),
            actor=user,
            name=upload.name or "",
            file_format=file_format,
            platform=request.POST.get("platform", Platform.X),
            background=background,
            mapping=_sent_mapping(request),
        )
    except actions.ScreeningError as exc:
        return _posts_import_page(request, user, error=str(exc), status=400)
    if not background:
        actions.run_post_import(job.pk)
    return redirect("screening:import_job", pk=job.pk)


def _job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    job = selectors.import_job_for(_staff(request), pk)
    if job is None:
        raise Http404
    return job


@login_required
@require_GET
def import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "screening/import_job.html", {"job": _job_or_404(request, pk)})


@login_required
@require_GET
def import_job_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls (htmx) until the job has finished."""
    return render(request, "screening/_import_job.html", {"job": _job_or_404(request, pk)})


def _detectors_page(request: HttpRequest, user: User, *, error: str = "", status: int = 200) -> HttpResponse:
    elections = selectors.elections_with_findings(user)
    code = request.GET.get("pemilihan", "")[:60]
    election: Election | None = next((e for e in elections if e.code == code), None)
    if election is None and code and not error:
        error, status = _("Pemilihan tidak dikenal atau belum punya temuan di wilayah Anda."), 400
    election = election or (elections[0] if elections else None)
    comparisons = []
    if election is not None:
        for comparison in selectors.detector_comparisons(user, election):
            only_candidate, only_active = selectors.disagreements(
                user, election, comparison.active, comparison.candidate, limit=5
            )
            comparisons.append(
                {
                    "c": comparison,
                    "active_pct": _pct(comparison.active_agreement),
                    "candidate_pct": _pct(comparison.candidate_agreement),
                    "only_candidate": only_candidate,
                    "only_active": only_active,
                }
            )
    return render(
        request,
        "screening/detectors.html",
        {
            "detectors": list(selectors.detectors(user)),
            "builtin_active": selectors.active_detector() is None,
            "default_name": selectors.active_detector_name(),
            "elections": elections,
            "election": election,
            "comparisons": comparisons,
            "can_switch": selectors.can_switch_detector(user),
            "error": error,
        },
        status=status,
    )


def _pct(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


@login_required
@require_GET
def detectors_view(request: HttpRequest) -> HttpResponse:
    return _detectors_page(request, _staff(request))


@login_required
@require_POST
def detector_activate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Jadikan aktif": the monitor-mode detector becomes the one whose findings are reviewed."""
    user = _staff(request)
    detector = selectors.detector_for(user, pk)
    if detector is None:
        raise Http404
    if not selectors.can_switch_detector(user):
        raise PermissionDenied
    try:
        actions.activate_detector(detector, actor=user)
    except actions.ScreeningError as exc:
        return _detectors_page(request, user, error=str(exc), status=400)
    messages.success(request, _("Detektor %(name)s sekarang aktif.") % {"name": detector.name})
    url = reverse("screening:detectors")
    election = request.POST.get("pemilihan", "")[:60]
    return redirect(f"{url}?{urlencode({'pemilihan': election})}" if election else url)
