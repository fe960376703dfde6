from django.urls import path

from jaganetral.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.report_form, name="form"),
    path("batas-waktu/", views.window_preview, name="window"),
    path("status/", views.status_view, name="status"),
    path("status/balas/", views.status_reply, name="reply"),
    path("status/bukti/", views.status_evidence, name="evidence"),
    path("status/identitas/", views.status_identity, name="identity"),
    path("status/surel/", views.status_notify, name="notify"),
    path("status/surel/hapus/", views.status_notify_remove, name="notify_remove"),
    path("status/tanda-terima/", views.status_pdf, name="pdf"),
    path("status/selesai/", views.status_done, name="done"),
]
