from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "tunet.portal"
    verbose_name = _("My pages for participants and relatives")
