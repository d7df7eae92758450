"""Forms of the participant's pages and of the case worker's page that manages access, with Norwegian
errors (through gettext). The participant-facing ones use plain words: short labels, no jargon."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.accounts.forms import NewPasswordForm
from tunet.core.forms import DateInput

from .models import CONSENTS, FACES, QUESTIONS, AbsenceReason, ConsentFrom

__all__ = ["NewPasswordForm"]  # the invitation page's form is the accounts one

INPUT = {"class": "ds-input"}
CHECKBOX = {"class": "ds-input"}


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={**INPUT, "rows": rows, "cols": 30})


# --- The case worker -----------------------------------------------------------------------------------


class OwnLoginForm(forms.Form):
    email = forms.EmailField(
        label=_("The participant's e-mail address"),
        widget=forms.EmailInput(attrs={**INPUT, "autocomplete": "off"}),
        error_messages={"required": _("Write the e-mail address."), "invalid": _("Write a valid e-mail address.")},
    )


class RelativeForm(forms.Form):
    full_name = forms.CharField(
        label=_("The relative's name"),
        max_length=150,
        widget=forms.TextInput(attrs=INPUT),
        error_messages={"required": _("Write the relative's name.")},
    )
    relation = forms.CharField(
        label=_("Relation to the participant"),
        max_length=100,
        required=False,
        help_text=_("For example mother, brother, guardian."),
        widget=forms.TextInput(attrs=INPUT),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={**INPUT, "autocomplete": "off"}),
        help_text=_("The invitation goes here."),
        error_messages={"required": _("Write the e-mail address."), "invalid": _("Write a valid e-mail address.")},
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={**INPUT, "type": "tel"})
    )
    sees_days = forms.BooleanField(label=CONSENTS["sees_days"], required=False, widget=forms.CheckboxInput(CHECKBOX))
    reports_absence = forms.BooleanField(
        label=CONSENTS["reports_absence"], required=False, widget=forms.CheckboxInput(CHECKBOX)
    )
    sees_goals = forms.BooleanField(label=CONSENTS["sees_goals"], required=False, widget=forms.CheckboxInput(CHECKBOX))
    may_be_contacted = forms.BooleanField(
        label=CONSENTS["may_be_contacted"], required=False, widget=forms.CheckboxInput(CHECKBOX)
    )
    sees_records = forms.BooleanField(
        label=CONSENTS["sees_records"], required=False, widget=forms.CheckboxInput(CHECKBOX)
    )
    shows_protected_address = forms.BooleanField(
        label=_("The relative may see the protected pick-up address"),
        required=False,
        widget=forms.CheckboxInput(CHECKBOX),
    )
    consent_from = forms.ChoiceField(
        label=_("Who gave the consent"),
        choices=ConsentFrom.choices,
        widget=forms.RadioSelect(attrs=CHECKBOX),
        error_messages={"required": _("Choose who gave the consent.")},
    )
    consent_on = forms.DateField(
        label=_("Date of the consent"),
        widget=DateInput(),
        error_messages={"required": _("Give the date of the consent."), "invalid": _("Give a valid date.")},
    )

    CONSENT_FIELDS = list(CONSENTS)

    def __init__(self, *args: object, protected: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["consent_on"].initial = timezone.localdate()
        if not protected:
            del self.fields["shows_protected_address"]

    def consent_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.CONSENT_FIELDS]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not any(data.get(name) for name in self.CONSENT_FIELDS):
            raise forms.ValidationError(_("Choose at least one thing the consent covers."))
        consent_on = data.get("consent_on")
        if isinstance(consent_on, datetime.date) and consent_on > timezone.localdate():
            self.add_error("consent_on", _("The consent cannot be given after today."))
        return data


class CheckInPlanForm(forms.Form):
    every_months = forms.TypedChoiceField(
        label=_("How often the participant is asked «How is it going?»"),
        coerce=int,
        choices=[(1, _("Every month")), (2, _("Every second month")), (3, _("Every third month")), (0, _("Never"))],
        widget=forms.Select(attrs=INPUT),
    )


# --- The participant or relative ----------------------------------------------------------------------


class AbsenceForm(forms.Form):
    days = forms.MultipleChoiceField(
        label=_("Which days will you not come?"),
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        error_messages={"required": _("Choose at least one day.")},
    )
    reason = forms.ChoiceField(
        label=_("Why? You do not have to say."),
        choices=[("", _("I do not want to say")), *AbsenceReason.choices],
        required=False,
        widget=forms.RadioSelect(attrs=CHECKBOX),
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["days"].choices = choices  # type: ignore[attr-defined]


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=_text(4),
        error_messages={"required": _("Write a message."), "max_length": _("Write at most 2000 characters.")},
    )


class CheckInForm(forms.Form):
    comment = forms.CharField(label=_("Do you want to say more?"), required=False, max_length=2000, widget=_text(3))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        faces = forms.TypedChoiceField(
            coerce=int, choices=FACES, widget=forms.RadioSelect, error_messages={"required": _("Choose a face.")}
        )
        for name, question in QUESTIONS.items():
            field = faces.__deepcopy__({})
            field.label = question
            self.fields[name] = field
        self.order_fields([*QUESTIONS, "comment"])

    def questions(self) -> list[forms.BoundField]:
        return [self[name] for name in QUESTIONS]


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("What is wrong?"),
        max_length=2000,
        widget=_text(4),
        error_messages={"required": _("Write what is wrong.")},
    )
