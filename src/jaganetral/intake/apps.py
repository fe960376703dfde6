from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "jaganetral.intake"
    label = "intake"
    verbose_name = "Pelaporan"

    def ready(self) -> None:
        from jaganetral.intake import home, jobs, permissions  # noqa: F401 - registers jobs, permissions, scopes, home
