from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class CasesConfig(AppConfig):
    name = "jaganetral.cases"
    label = "cases"
    verbose_name = "Penanganan kasus"

    def ready(self) -> None:
        from jaganetral.cases import home, jobs, permissions  # noqa: F401 - registers jobs, permissions, scopes, home
        from jaganetral.cases.person_path import PersonState
        from jaganetral.cases.workflow import State
        from jaganetral.reference.clocks import default_book

        # the clock book (reference layer) names states of this app's workflow and person paths
        book = default_book()
        unknown = book.states() - {s.value for s in State}
        if unknown:
            raise ImproperlyConfigured(f"clocks.yaml names unknown case states: {sorted(unknown)}")
        unknown = book.person_states() - {s.value for s in PersonState}
        if unknown:
            raise ImproperlyConfigured(f"clocks.yaml names unknown person states: {sorted(unknown)}")
