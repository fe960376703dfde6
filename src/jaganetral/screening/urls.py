from django.urls import path

from jaganetral.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("temuan/<int:pk>/", views.finding_view, name="finding"),
    path("asn/", views.people_view, name="people"),
    path("asn/<int:pk>/", views.person_view, name="person"),
    path("unggahan/impor/", views.posts_import_view, name="posts_import"),
]
