from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class CasesConfig(AppConfig):
    name = "jaganetral.cases"
    label = "cases"
    verbose_name = "Penanganan kasus"

    def ready(self) -> None:
        from jaganetral.cases import home, jobs, permissions  # noqa: F401 - registers jobs, permissions, scopes, home
        from jaganetral.intake import signals

        # intake (a lower layer) tells of its events by signal; case handling notifies the staff
        signals.report_submitted.connect(_on_report_submitted, dispatch_uid="cases.notify.new_report")
        signals.reporter_replied.connect(_on_reporter_replied, dispatch_uid="cases.notify.reporter_reply")
        signals.access_decided.connect(_on_access_decided, dispatch_uid="cases.notify.access_decision")
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


def _on_report_submitted(sender: object, *, report: object, **kwargs: object) -> None:
    from jaganetral.cases.actions import notify

    notify.new_report(report)  # type: ignore[arg-type]


def _on_reporter_replied(sender: object, *, report: object, **kwargs: object) -> None:
    from jaganetral.cases.actions import notify

    notify.reporter_reply(report)  # type: ignore[arg-type]


def _on_access_decided(sender: object, *, access_request: object, **kwargs: object) -> None:
    from jaganetral.cases.actions import notify

    notify.access_decision(access_request)  # type: ignore[arg-type]
