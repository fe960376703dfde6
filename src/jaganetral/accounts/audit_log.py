"""The audit log as administrators read it: filters (user, object, action, date), a page of the
newest rows, and a CSV export that is itself audited. CSV cells that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaganetral.core.models import AuditEvent

PAGE_ROWS = 200
EXPORT_ROWS = 50_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class AuditFilterForm(forms.Form):
    user = forms.CharField(label=_("Pengguna"), max_length=150, required=False)
    object = forms.CharField(
        label=_("Objek"),
        max_length=160,
        required=False,
        help_text=_("Jenis dan nomor, mis. cases.case:12, atau salah satunya"),
    )
    action = forms.CharField(label=_("Tindakan"), max_length=80, required=False, help_text=_("mis. cases."))
    since = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if isinstance(since, dt.date) and isinstance(until, dt.date) and since > until:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered(data: dict[str, object]) -> QuerySet[AuditEvent]:
    """The rows matching a valid filter form's data, newest first."""
    qs = AuditEvent.objects.select_related("actor")
    user = str(data.get("user") or "").strip()
    if user:
        qs = qs.filter(
            Q(actor__username__icontains=user)
            | Q(actor__first_name__icontains=user)
            | Q(actor__last_name__icontains=user)
        )
    obj = str(data.get("object") or "").strip()
    if obj:
        kind, _sep, key = obj.partition(":")
        if _sep:
            if kind.strip():
                qs = qs.filter(object_type__iexact=kind.strip())
            if key.strip():
                qs = qs.filter(object_id=key.strip())
        elif kind.isdigit():
            qs = qs.filter(object_id=kind)
        else:
            qs = qs.filter(object_type__icontains=kind)
    action = str(data.get("action") or "").strip()
    if action:
        qs = qs.filter(action__icontains=action)
    since = data.get("since")
    if isinstance(since, dt.date):
        qs = qs.filter(created_at__gte=_day_start(since))
    until = data.get("until")
    if isinstance(until, dt.date):
        qs = qs.filter(created_at__lt=_day_start(until + dt.timedelta(days=1)))
    return qs.order_by("-created_at", "-id")


def safe_cell(value: object) -> str:
    """A CSV cell no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(rows: Iterable[AuditEvent]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["waktu", "pengguna", "peran", "tindakan", "jenis_objek", "id_objek", "data"])
    for row in rows:
        actor = row.actor
        writer.writerow(
            [
                safe_cell(timezone.localtime(row.created_at).isoformat()),
                safe_cell(actor.username if actor else ""),
                safe_cell(actor.role if actor else ""),
                safe_cell(row.action),
                safe_cell(row.object_type),
                safe_cell(row.object_id),
                safe_cell(json.dumps(row.data, ensure_ascii=False, sort_keys=True)),
            ]
        )
    return buf.getvalue()
