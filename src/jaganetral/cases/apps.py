from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class CasesConfig(AppConfig):
    name = "jaganetral.cases"
    label = "cases"
    verbose_name = "Penanganan kasus"

    def ready(self) -> None:
        from jaganetral.cases import jobs, permissions  # noqa: F401 - registers jobs, permissions, scopes
        from jaganetral.cases.workflow import State
        from jaganetral.reference.clocks import default_book

        unknown = default_book().states() - {s.value for s in State}
        if unknown:  # the clock book (reference layer) names states of this app's workflow
            raise ImproperlyConfigured(f"clocks.yaml names unknown case states: {sorted(unknown)}")
