from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "safeguard.reports"
    label = "reports"
