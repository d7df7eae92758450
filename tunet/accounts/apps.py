from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tunet.accounts"
    verbose_name = "Brukere og virksomheter"
