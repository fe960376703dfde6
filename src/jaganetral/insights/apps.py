from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "jaganetral.insights"
    label = "insights"
    verbose_name = "Statistik dan peta"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from jaganetral.insights import permissions, stats  # noqa: F401 - registers permissions and groups
        from jaganetral.insights.views import warm_dashboard

        user_logged_in.connect(warm_dashboard, dispatch_uid="insights.warm_dashboard")
