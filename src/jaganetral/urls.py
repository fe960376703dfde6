from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from jaganetral.accounts.views import admin_login_view
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
    path("admin/login/", admin_login_view),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
