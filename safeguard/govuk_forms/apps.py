from django.apps import AppConfig


class GovukFormsConfig(AppConfig):
    name = "safeguard.govuk_forms"
    label = "govuk_forms"
