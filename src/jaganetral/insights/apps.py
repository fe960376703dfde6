from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "jaganetral.insights"
    label = "insights"
    verbose_name = "Statistik dan peta"

    def ready(self) -> None:
        from jaganetral.insights import permissions, stats  # noqa: F401 - registers permissions and groups
