from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "tunet.insights"
    verbose_name = "Statistikk"
