from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jaganetral.accounts"
    label = "accounts"
    verbose_name = "Akun"

    def ready(self) -> None:
        from jaganetral.accounts import permissions  # noqa: F401 - registers the audit permission
