from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tunet.core"
    verbose_name = "Felles"
