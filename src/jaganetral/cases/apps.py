from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "jaganetral.cases"
    label = "cases"
    verbose_name = "Penanganan kasus"

    def ready(self) -> None:
        import jaganetral.cases.jobs  # noqa: F401 - registers the periodic jobs
