from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "jaganetral.reference"
    label = "reference"
    verbose_name = "Data referensi"
