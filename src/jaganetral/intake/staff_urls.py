from django.urls import path

from jaganetral.intake import views

app_name = "intake_staff"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/tanya/", views.ask_view, name="ask"),
    path("<int:pk>/minta-identitas/", views.request_access_view, name="request_access"),
    path("<int:pk>/identitas/", views.open_identity_view, name="open_identity"),
    path("<int:pk>/bukti/<uuid:uid>/", views.evidence_view, name="evidence"),
    path("akses/", views.access_list_view, name="access_list"),
    path("akses/<int:pk>/putuskan/", views.access_decide_view, name="access_decide"),
]
