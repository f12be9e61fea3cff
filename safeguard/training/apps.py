from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "safeguard.training"
    label = "training"

    def ready(self) -> None:
        from safeguard.training import checks  # noqa: F401 - registers the checks
