from django.apps import AppConfig


class MashConfig(AppConfig):
    name = "safeguard.mash"
    label = "mash"
    verbose_name = "MASH"
