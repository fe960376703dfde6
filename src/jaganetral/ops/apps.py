from django.apps import AppConfig


class OpsConfig(AppConfig):
    """The commands that start everything (serve, worker, tick): the top of the house, free to
    import every app; nothing imports them."""

    name = "jaganetral.ops"
    label = "ops"
    verbose_name = "Operasi"
