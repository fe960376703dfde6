from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jaganetral.core"
    label = "core"
    verbose_name = "JagaNetral"

    def ready(self) -> None:
        from django.utils.translation import gettext

        from jaganetral.lib import i18n

        i18n.install(gettext)  # the pure modules' messages now follow the request's language
