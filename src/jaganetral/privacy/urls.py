from django.urls import path

from jaganetral.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.notice, name="notice"),
    path("permintaan/", views.reporter_requests, name="reporter"),
]
