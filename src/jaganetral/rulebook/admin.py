from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from jaganetral.rulebook.models import Rule, RuleVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    """Loaded versions are history: they are viewed here, changed only by loading a new file."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(RuleVersion)
class RuleVersionAdmin(ReadOnlyAdmin):
    list_display = ("version", "title", "is_current", "loaded_at", "source_file")


@admin.register(Rule)
class RuleAdmin(ReadOnlyAdmin):
    list_display = ("code", "version", "track", "title", "sanction_kind", "sanction_level")
    list_filter = ("version", "track")
    search_fields = ("code", "title", "title_en")
