from django.urls import path

from jaganetral.prevention.views import briefings, pledges

app_name = "prevention_staff"
urlpatterns = [
    path("ikrar/", pledges.campaign_list, name="campaigns"),
    path("ikrar/<int:pk>/", pledges.campaign_detail, name="campaign"),
    path("ikrar/<int:pk>/tautan/", pledges.campaign_links, name="links"),
    path("ikrar/<int:pk>/ingatkan/", pledges.campaign_remind, name="remind"),
    path("ikrar/<int:pk>/tutup/", pledges.campaign_close, name="close"),
    path("ikrar/<int:pk>/daftar.csv", pledges.campaign_export, name="export"),
    path("sosialisasi/", briefings.briefing_list, name="briefings"),
    path("sosialisasi/<int:pk>/", briefings.briefing_detail, name="briefing"),
]
