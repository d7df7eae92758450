from django import forms
from django.utils.translation import gettext_lazy as _

from . import queries


class PostalCodeField(forms.CharField):
    """A postcode typed as four digits; cleans to the PostalCode (with municipality) or None."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Postcode"))
        kwargs.setdefault("max_length", 4)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"class": "ds-input", "inputmode": "numeric", "autocomplete": "postal-code"}),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return getattr(value, "code", value)

    def clean(self, value):
        code = super().clean(value).strip()
        if not code:
            return None
        found = queries.postal_code(code)
        if found is None:
            raise forms.ValidationError(
                _("We do not know the postcode %(code)s. Check that it has four digits."), params={"code": code}
            )
        return found


class DateInput(forms.DateInput):
    """The browser's own date picker (type=date), which needs the value as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "ds-input", **(attrs or {})}, format="%Y-%m-%d")


def posted(request):
    """The form data of a POST (even an empty one, so that a form sent with nothing chosen is bound and
    says what is missing), or None on GET."""
    return request.POST if request.method == "POST" else None
