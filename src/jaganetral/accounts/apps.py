from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jaganetral.accounts"
    label = "accounts"
    verbose_name = "Akun"
