from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data under UU 27/2022: retention periods as data and the purge that applies them,
    data-subject requests (access, correction, erasure) and the privacy notice."""

    name = "jaganetral.privacy"
    label = "privacy"
    verbose_name = "Pelindungan data pribadi"

    def ready(self) -> None:
        from jaganetral.privacy import jobs, permissions  # noqa: F401 - registers jobs, permissions, scopes
