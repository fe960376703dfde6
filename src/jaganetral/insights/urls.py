from django.urls import path

from jaganetral.insights import exports, riskviews, views

app_name = "insights"
urlpatterns = [
    path("petugas/statistik/", views.dashboard_view, name="dashboard"),
    path("petugas/statistik/risiko/", riskviews.risk_view, name="risk"),
    path("petugas/statistik/kasus/", views.cases_view, name="cases"),
    path("petugas/statistik/ekspor.<str:fmt>", exports.export_view, name="export"),
    path("statistik/", views.public_view, name="public"),
]
