from django.urls import path

from jaganetral.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("tantangan", views.challenge, name="challenge"),
]
