from django.urls import path

from jaganetral.screening import queue_views, views

app_name = "screening"
urlpatterns = [
    path("", queue_views.queue_view, name="queue"),
    path("massal/", queue_views.bulk_view, name="bulk"),
    path("temuan/<int:pk>/", views.finding_view, name="finding"),
    path("asn/", views.people_view, name="people"),
    path("asn/<int:pk>/", views.person_view, name="person"),
    path("asn/<int:pk>/akun/", views.person_account_add_view, name="person_account_add"),
    path(
        "asn/<int:pk>/akun/<int:account_pk>/hapus/",
        views.person_account_remove_view,
        name="person_account_remove",
    ),
    path("unggahan/impor/", views.posts_import_view, name="posts_import"),
    path("unggahan/impor/<int:pk>/", views.import_job_view, name="import_job"),
    path("unggahan/impor/<int:pk>/kemajuan/", views.import_job_progress_view, name="import_job_progress"),
    path("detektor/", views.detectors_view, name="detectors"),
    path("detektor/<int:pk>/aktifkan/", views.detector_activate_view, name="detector_activate"),
]
