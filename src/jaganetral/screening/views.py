"""Staff pages: review queue, finding decisions, ASN registry (search, import, edit), post import."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.screening import actions, selectors
from jaganetral.screening.models import FindingStatus

MAX_UPLOAD = 20 * 1024 * 1024
MAX_REASON = 2000


def _staff(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not selectors.can_screen(user):
        raise Http404
    return user


def _segments(text: str, evidence: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The post text cut into (piece, is_evidence) for highlighting; spans index the text."""
    spans = sorted(
        (int(e["start"]), int(e["end"]))
        for e in evidence
        if isinstance(e, dict) and 0 <= int(e.get("start", 0)) < int(e.get("end", 0)) <= len(text)
    )
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in spans:
        if s < pos:
            continue
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    findings = list(selectors.review_queue(user)[:200])
    return render(request, "screening/queue.html", {"findings": findings})


@login_required
def finding_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    finding = selectors.finding_for(user, pk)
    if finding is None:
        raise Http404
    error = ""
    if request.method == "GET":
        actions.record_access(actor=user, action="view_finding", object_type="Finding", object_id=finding.pk)
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        reason = request.POST.get("reason", "")
        try:
            if len(reason) > MAX_REASON:
                raise actions.ScreeningError(_("Alasan terlalu panjang (maks 2000 huruf)."))
            if decision == "confirm":
                actions.confirm_finding(finding, actor=user, reason=reason)
                messages.success(request, _("Temuan dikonfirmasi; bukti unggahan disimpan."))
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
            "segments": _segments(finding.post.text, finding.evidence),
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


@login_required
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    person = selectors.people(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            actions.update_person(
                person,
                actor=user,
                name=request.POST.get("name", "")[:300],
                position=request.POST.get("position", "")[:300],
            )
            messages.success(request, _("Data ASN disimpan."))
            return redirect("screening:person", pk=person.pk)
        except actions.ScreeningError as exc:
            error = str(exc)
    return render(
        request, "screening/person.html", {"person": person, "error": error}, status=400 if error else 200
    )


@login_required
def posts_import_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    if request.method != "POST":
        return render(request, "screening/posts_import.html", {})
    upload = request.FILES.get("file")
    error = ""
    status = 400
    if upload is None:
        error = _("Pilih berkas CSV tweet-harvest.")
    elif upload.size is None or upload.size > MAX_UPLOAD:
        error, status = _("Berkas terlalu besar (maks 20 MB)."), 413
    else:
        stream = io.TextIOWrapper(upload.open("rb"), encoding="utf-8-sig", errors="replace", newline="")
        try:
            reader = csv.DictReader(stream)
            fields = reader.fieldnames or []
            if "id_str" not in fields or "full_text" not in fields:
                error = _("Bukan CSV tweet-harvest: kolom id_str dan full_text wajib ada.")
            else:
                report = actions.import_posts(reader, actor=user)
                messages.success(
                    request,
                    _("%(c)d unggahan baru, %(s)d sudah ada, %(u)d dari akun tak terdaftar (tidak disimpan).")
                    % {"c": report.created, "s": report.skipped, "u": report.unregistered},
                )
                return redirect("screening:queue")
        except csv.Error:
            error = _("Berkas CSV rusak.")
    return render(request, "screening/posts_import.html", {"error": error}, status=status)
