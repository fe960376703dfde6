"""The staff member's own notifications about cases."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jaganetral.cases import actions, selectors
from jaganetral.cases.views.pages import _case_pk, _staff


@login_required
@require_POST
def notifications_read_view(request: HttpRequest) -> HttpResponse:
    actions.mark_notifications_read(actor=_staff(request))
    if request.POST.get("kembali") == "pemberitahuan":
        return redirect("cases:notifications")
    return redirect("cases:queue")


NOTIFICATIONS_PER_PAGE = 50


@login_required
def notifications_view(request: HttpRequest) -> HttpResponse:
    """The actor's own notifications, unread first, paged."""
    user = _staff(request)
    raw = request.GET.get("halaman", "1")
    number = int(raw) if raw.isdigit() and len(raw) < 7 else 1
    paginator = Paginator(selectors.notifications_for(user), NOTIFICATIONS_PER_PAGE)
    page = paginator.get_page(number)
    context = {"page": page, "unread": selectors.unread_count(user)}
    return render(request, "cases/notifications.html", context)


@login_required
@require_POST
def notification_read_view(request: HttpRequest, notification_pk: int) -> HttpResponse:
    user = _staff(request)
    actions.mark_notification_read(actor=user, notification_id=_case_pk(notification_pk))
    return redirect("cases:notifications")
