from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "safeguard.scorecard"
    label = "scorecard"
