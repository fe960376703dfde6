from __future__ import annotations

from django.contrib import admin

from jaganetral.reference.models import Agency, CalendarOverride, Contestant, Election, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "timezone", "decree")
    list_filter = ("level", "timezone")
    search_fields = ("code", "name")
    readonly_fields = ("code", "level", "parent", "decree")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")
    autocomplete_fields = ("region",)


class ContestantInline(admin.TabularInline):
    model = Contestant
    extra = 0
    fields = ("number", "kind", "name", "aliases", "parties", "coalition", "hashtags", "slogans", "accounts")


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region", "voting_day", "day_count", "cuti_bersama_is_working")
    list_filter = ("kind", "day_count")
    search_fields = ("code", "name")
    autocomplete_fields = ("region",)
    inlines = [ContestantInline]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "date"
