from django.urls import path

from jaganetral.cases import views
from jaganetral.cases.views import offices

app_name = "cases"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("serahkan/", views.bulk_assign_view, name="bulk_assign"),
    path("pindahkan/", views.bulk_transition_view, name="bulk_transition"),
    path("pemberitahuan/", views.notifications_view, name="notifications"),
    path("pemberitahuan/dibaca/", views.notifications_read_view, name="notifications_read"),
    path(
        "pemberitahuan/<int:notification_pk>/dibaca/",
        views.notification_read_view,
        name="notification_read",
    ),
    path("kantor/", offices.offices_view, name="offices"),
    path("kantor/<str:code>/", offices.office_view, name="office"),
    path("laporan-masuk/", views.incoming_view, name="incoming"),
    path("laporan-masuk/<int:report_pk>/buka/", views.register_view, name="register"),
    path("temuan/baru/", views.finding_view, name="finding"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/langkah/", views.transition_view, name="transition"),
    path("<int:pk>/dugaan/", views.allegation_view, name="allegation"),
    path("<int:pk>/perpanjang/", views.extend_view, name="extend"),
    path("<int:pk>/tugaskan/", views.assign_view, name="assign"),
    path("<int:pk>/tautkan/", views.link_view, name="link"),
    path("<int:pk>/klarifikasi/", views.clarification_view, name="clarification"),
    path("<int:pk>/kajian/", views.study_view, name="study"),
    path("<int:pk>/rekomendasi/", views.recommendation_view, name="recommendation"),
    path("<int:pk>/sanksi/", views.sanction_view, name="sanction"),
    path("<int:pk>/tanpa-tindak-lanjut/", views.ppk_no_action_view, name="ppk_no_action"),
    path("<int:pk>/tindak-lanjut-bkn/", views.escalation_view, name="escalation"),
    path("<int:pk>/tutup-terlapor/", views.close_person_view, name="close_person"),
    path("<int:pk>/terlapor/", views.person_details_view, name="person_details"),
    path("<int:pk>/informasi-awal/", views.initial_information_view, name="initial_information"),
    path(
        "<int:pk>/dokumen/klarifikasi-<int:record_pk>.pdf",
        views.clarification_pdf_view,
        name="clarification_pdf",
    ),
    path("<int:pk>/dokumen/sumpah-<int:record_pk>-<int:index>.pdf", views.oath_pdf_view, name="oath_pdf"),
    path("<int:pk>/dokumen/kajian-<int:study_pk>.pdf", views.study_pdf_view, name="study_pdf"),
    path("<int:pk>/dokumen/surat-<int:letter_pk>.pdf", views.letter_pdf_view, name="letter_pdf"),
    path("<int:pk>/dokumen/pemberitahuan-status/", views.status_notice_view, name="status_notice"),
    path("<int:pk>/dokumen/undangan-klarifikasi.pdf", views.invitation_pdf_view, name="invitation_pdf"),
    path("<int:pk>/dokumen/surat-penerusan.pdf", views.referral_pdf_view, name="referral_pdf"),
    path("<int:pk>/dokumen/paket-penerusan.zip", views.referral_zip_view, name="referral_zip"),
    path("<int:pk>/dokumen/formulir.pdf", views.form_pdf_view, name="form_pdf"),
    path("<int:pk>/lampiran/", views.attachments_view, name="attachments"),
    path("<int:pk>/lampiran/<uuid:uid>/", views.attachment_view, name="attachment"),
]
