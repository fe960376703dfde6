from django.urls import path

from jaganetral.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("masuk/kode/", views.login_token_view, name="login_token"),
    path("2fa/", views.two_factor_view, name="two_factor"),
    path("keluar/", views.logout_view, name="logout"),
    path("", views.dashboard_view, name="dashboard"),
    path("audit/", views.audit_view, name="audit"),
]
