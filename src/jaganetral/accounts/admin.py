from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from jaganetral.accounts.models import ApiToken, RolePolicy, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "role", "region_scope", "agency", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "last_name", "email")
    autocomplete_fields = ("region_scope", "agency")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Peran dan cakupan"), {"fields": ("role", "region_scope", "agency")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Peran dan cakupan"), {"fields": ("role", "region_scope", "agency")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "prefix",
        "name",
        "user",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
    search_fields = ("user__username", "name")

    def has_add_permission(self, request: object) -> bool:
        return False  # tokens are issued with `jaganetral users create ... --token`


@admin.register(RolePolicy)
class RolePolicyAdmin(admin.ModelAdmin):
    list_display = ("role", "require_two_factor")
