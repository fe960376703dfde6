from django.urls import path

from jaganetral.prevention.views import briefings, pledges, reminders

app_name = "prevention"
urlpatterns = [
    path("ikrar/cek/", pledges.verify, name="verify"),
    path("ikrar/<str:token>/", pledges.pledge, name="pledge"),
    path("ikrar/<str:token>/sertifikat.pdf", pledges.pledge_certificate, name="certificate"),
    path("kuis/<str:token>/", briefings.quiz, name="quiz"),
    path("ingatkan/", reminders.remind, name="remind"),
    path("ingatkan/berhenti/<str:token>/", reminders.optout, name="optout"),
]
