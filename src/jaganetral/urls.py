from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from jaganetral.api import api

admin.site.site_header = _("JagaNetral: administrasi")
admin.site.site_title = "JagaNetral"
admin.site.index_title = _("Data referensi dan pengguna")

urlpatterns = [
    path("", include("jaganetral.core.urls")),
    path("akun/", include("jaganetral.accounts.urls")),
    path("", include("jaganetral.rulebook.urls")),
    path("lapor/", include("jaganetral.intake.urls")),
    path("petugas/laporan/", include("jaganetral.intake.staff_urls")),
    path("petugas/kasus/", include("jaganetral.cases.urls")),
    path("petugas/penyaringan/", include("jaganetral.screening.urls")),
    path("", include("jaganetral.insights.urls")),
    path("privasi/", include("jaganetral.privacy.urls")),
    path("petugas/privasi/", include("jaganetral.privacy.staff_urls")),
    path("", include("jaganetral.prevention.urls")),
    path("petugas/pencegahan/", include("jaganetral.prevention.staff_urls")),
    # The admin uses the staff login (lock-out and two-factor), never its own form.
    path("admin/login/", RedirectView.as_view(url=reverse_lazy("accounts:login"), query_string=True)),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
