from django.apps import AppConfig


class PreventionConfig(AppConfig):
    """Prevention: neutrality pledge campaigns with certificates, briefings with before/after quizzes
    drawn from the rulebook, and anonymous friendly reminders between colleagues."""

    name = "jaganetral.prevention"
    label = "prevention"
    verbose_name = "Pencegahan"

    def ready(self) -> None:
        from jaganetral.prevention import permissions  # noqa: F401 - registers permissions and scopes
