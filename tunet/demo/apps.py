from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tunet.demo"
    verbose_name = "Demodata"
