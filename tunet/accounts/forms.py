from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from tunet.core.forms import PostalCodeField

from . import access
from .models import Organisation, User
from .validators import clean_org_number


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "ds-input"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "ds-input"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong. Check both and try again."),
        "inactive": _("This account is deactivated. Ask the administrator in your organisation."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].lower()


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "ds-input"}),
    )


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone"]
        widgets = {
            "full_name": forms.TextInput(attrs={"class": "ds-input", "autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"class": "ds-input", "autocomplete": "tel", "type": "tel"}),
        }


class OrganisationForm(forms.ModelForm):
    """The organisation's own details. The postcode fills in post town and municipality."""

    postal_code = PostalCodeField(required=False)

    # Wide enough for a number typed in groups ("974 760 673"); stored as nine digits.
    org_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=20,
        help_text=_("Nine digits, from the Central Coordinating Register for Legal Entities."),
        widget=forms.TextInput(attrs={"class": "ds-input", "inputmode": "numeric"}),
    )

    class Meta:
        model = Organisation
        fields = ["name", "org_number", "street_address", "postal_code", "email", "phone"]
        widgets = {
            "name": forms.TextInput(attrs={"class": "ds-input", "autocomplete": "organization"}),
            "street_address": forms.TextInput(attrs={"class": "ds-input", "autocomplete": "street-address"}),
            "email": forms.EmailInput(attrs={"class": "ds-input", "autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"class": "ds-input", "type": "tel", "autocomplete": "tel"}),
        }

    def clean_org_number(self):
        value = "".join(self.cleaned_data["org_number"].split())
        return clean_org_number(value) if value else ""


class MemberForm(forms.Form):
    """Add a person to an organisation with a role. A new person gets an e-mail to choose a password."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"class": "ds-input", "autocomplete": "off"})
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"class": "ds-input", "autocomplete": "off"})
    )
    role = forms.ChoiceField(label=_("Role"), widget=forms.Select(attrs={"class": "ds-input"}))
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=100,
        help_text=_("For example «daglig leder» or «saksbehandler helse og omsorg». Optional."),
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in access.roles_for(organisation)]

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class NewPasswordForm(forms.Form):
    """The password for a new login, checked with the same validators as every password."""

    password1 = forms.CharField(
        label=_("Make a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"class": "ds-input", "autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
        error_messages={"required": _("Write a password.")},
    )
    password2 = forms.CharField(
        label=_("Write the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"class": "ds-input", "autocomplete": "new-password"}),
        error_messages={"required": _("Write the password again.")},
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(str(first), self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
