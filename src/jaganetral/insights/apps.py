from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "jaganetral.insights"
    label = "insights"
    verbose_name = "Statistik dan peta"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from jaganetral.insights import permissions, stats  # noqa: F401 - registers permissions and groups
        from jaganetral.insights.warmup import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="insights.warm_on_sign_in")
