from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jaganetral.core"
    label = "core"
    verbose_name = "JagaNetral"
