from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "jaganetral.screening"
    label = "screening"
    verbose_name = "Penyaringan media sosial"

    def ready(self) -> None:
        from jaganetral.screening import home, jobs, permissions  # noqa: F401 - registers jobs, permissions, scopes, home
