from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "tunet.learning"
    verbose_name = "Håndbok og Inn på tunet-skolen"
