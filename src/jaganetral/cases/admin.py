"""Read-only admin views of the case register: every write goes through the actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jaganetral.cases.models import Case, CaseAnchor, CaseAttachment, CaseEvent, Clock


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ("id", "number", "source", "state", "region", "election", "assignee", "created_at")
    list_filter = ("state", "source")
    search_fields = ("number",)


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnly):
    list_display = ("case", "seq", "at", "kind", "from_state", "to_state", "actor")
    list_filter = ("kind",)


@admin.register(Clock)
class ClockAdmin(ReadOnly):
    list_display = ("case", "name", "started_on", "due_on", "extended", "stopped_at", "overdue_marked_at")
    list_filter = ("name",)


@admin.register(CaseAttachment)
class CaseAttachmentAdmin(ReadOnly):
    list_display = ("case", "name", "kind", "size", "sha256", "shareable", "added_by", "added_at")
    list_filter = ("kind", "shareable")


@admin.register(CaseAnchor)
class CaseAnchorAdmin(ReadOnly):
    list_display = ("seq", "case_pk", "source", "at", "hash")
