from django.apps import AppConfig


class OpsConfig(AppConfig):
    """The commands that start everything (serve, web, worker, tick) and keep it (backup, restore),
    and the operations' periodic jobs: the top of the house, free to import every app; nothing
    imports them."""

    name = "jaganetral.ops"
    label = "ops"
    verbose_name = "Operasi"

    def ready(self) -> None:
        from jaganetral.ops import jobs  # noqa: F401 - registers the periodic jobs
