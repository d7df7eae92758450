from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "tunet.catalogue"
    verbose_name = "Gårder og tilbud"

    def ready(self):
        from . import signals

        signals.connect()
