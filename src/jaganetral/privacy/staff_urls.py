from django.urls import path

from jaganetral.privacy import views

app_name = "privacy_staff"
urlpatterns = [
    path("retensi/", views.retention_view, name="retention"),
    path("permintaan/", views.requests_view, name="requests"),
    path("permintaan/<int:pk>/", views.request_detail, name="detail"),
    path("permintaan/<int:pk>/putuskan/", views.request_decide, name="decide"),
    path("permintaan/<int:pk>/salinan.json", views.request_copy, name="copy"),
]
