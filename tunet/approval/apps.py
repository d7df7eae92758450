from django.apps import AppConfig


class ApprovalConfig(AppConfig):
    name = "tunet.approval"
    verbose_name = "Godkjenning"
