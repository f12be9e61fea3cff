from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "safeguard.training"
    label = "training"
