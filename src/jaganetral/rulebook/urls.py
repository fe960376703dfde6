from django.urls import path

from jaganetral.rulebook import views

app_name = "rulebook"
urlpatterns = [
    path("cek/", views.check, name="check"),
    path("aturan/", views.rule_list, name="list"),
    path("aturan/versi/<str:version>/<str:code>/", views.rule_detail_versioned, name="detail_versioned"),
    path("aturan/<str:code>/", views.rule_detail, name="detail"),
]
