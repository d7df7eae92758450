from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import LONGEST_DAYS
from .models import Scope


class ClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the client is, so you know it again: «Fagsystemet», «Regnskapet»."),
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the client may do"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
        error_messages={"required": _("Choose what the client may do.")},
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=LONGEST_DAYS,
        initial=365,
        help_text=_("At most two years. Make a new client before it expires."),
        widget=forms.NumberInput(attrs={"class": "ds-input", "inputmode": "numeric"}),
    )
