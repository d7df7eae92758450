"""Forms for participants and placements, with Norwegian errors (through gettext)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as NumberError
from stdnum.no import fodselsnummer

from tunet.accounts.models import User
from tunet.core.forms import DateInput, PostalCodeField
from tunet.purchasing.forms import WeekdaysField
from tunet.purchasing.models import Agreement, AgreementStatus

from .models import ChangeKind, EndReason, GoalStatus, Participant, RiskAssessment

INPUT = {"class": "ds-input"}


def _text(rows=3):
    # 30 columns: at the default 40 a textarea widens the form past a 360 px phone screen.
    return forms.Textarea(attrs={**INPUT, "rows": rows, "cols": 30})


# A protected participant's address and contact details: shown, and changed, only by named people.
CONTACT_FIELDS = ("phone", "email", "street_address", "postal_code", "emergency_name", "emergency_phone")


class ParticipantForm(forms.ModelForm):
    """The minimum the farm day needs, and no diagnosis. The national identity number is optional;
    once stored it is never shown in full again, not even here: leave it empty to keep it.

    contact=False (a protected participant, for someone not named for them) leaves out the address
    and contact fields, so their values never reach the browser and a save keeps them as they are;
    protection=False (someone who may not lift the protection) leaves out «Protected» the same way."""

    postal_code = PostalCodeField(required=False)
    national_id = forms.CharField(
        label=_("National identity number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={**INPUT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    forget_national_id = forms.BooleanField(label=_("Remove the stored national identity number"), required=False)

    class Meta:
        model = Participant
        fields = [
            "first_name", "last_name", "birth_year", "national_id", "phone", "email", "street_address",
            "postal_code", "emergency_name", "emergency_phone", "allergies", "fears", "mobility", "other_needs",
            "protected",
        ]  # fmt: skip
        help_texts = {
            "allergies": _("Food, animals, pollen, medicines: what the farm must avoid."),
            "fears": _("For example animals, machines or being alone, and what helps."),
            "mobility": _("Walking, stairs, getting in and out of a car, what help is needed."),
            "other_needs": _("What else matters on the farm. Write no diagnosis."),
        }
        error_messages = {
            "first_name": {"required": _("Write the first name.")},
            "last_name": {"required": _("Write the last name.")},
            "birth_year": {"required": _("Write the year of birth.")},
        }
        widgets = {
            "first_name": forms.TextInput(attrs={**INPUT, "autocomplete": "off"}),
            "last_name": forms.TextInput(attrs={**INPUT, "autocomplete": "off"}),
            "birth_year": forms.NumberInput(attrs={**INPUT, "inputmode": "numeric"}),
            "phone": forms.TextInput(attrs={**INPUT, "type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={**INPUT, "autocomplete": "off"}),
            "street_address": forms.TextInput(attrs={**INPUT, "autocomplete": "off"}),
            "emergency_name": forms.TextInput(attrs=INPUT),
            "emergency_phone": forms.TextInput(attrs={**INPUT, "type": "tel"}),
            "allergies": _text(2),
            "fears": _text(2),
            "mobility": _text(2),
            "other_needs": _text(2),
        }

    def __init__(self, *args, contact=True, protection=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not contact:
            for name in CONTACT_FIELDS:
                del self.fields[name]
        if not protection:
            del self.fields["protected"]
        self.contact = contact
        stored = self.instance.national_id
        # The stored number never goes back to the browser.
        self.initial["national_id"] = ""
        if stored:
            self.fields["national_id"].help_text = _(
                "Stored as %(masked)s. Leave empty to keep it, or write a new one."
            ) % {"masked": self.instance.masked_national_id}
        else:
            self.fields["national_id"].help_text = _("Optional. Eleven digits.")
            del self.fields["forget_national_id"]

    def clean_national_id(self):
        value = "".join(ch for ch in self.cleaned_data["national_id"] if not ch.isspace())
        if not value:
            return ""
        try:
            return fodselsnummer.validate(value)
        except NumberError:
            raise forms.ValidationError(
                _("This is not a valid national identity number. Check the eleven digits.")
            ) from None

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Write a year of birth between 1900 and this year."))
        return year

    def clean(self):
        cleaned = super().clean()
        number, year = cleaned.get("national_id"), cleaned.get("birth_year")
        if number and year and fodselsnummer.get_birth_date(number).year != year:
            self.add_error("national_id", _("The number does not match the year of birth."))
        if not number:
            # Empty keeps what is stored, unless the person chose to remove it.
            cleaned["national_id"] = "" if cleaned.get("forget_national_id") else self.instance.national_id
            self.instance.national_id = cleaned["national_id"]
        return cleaned


class ReferralForm(forms.Form):
    agreement = forms.ModelChoiceField(
        label=_("Agreement"),
        queryset=Agreement.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs=INPUT),
        error_messages={"required": _("Choose the agreement.")},
    )
    weekdays = WeekdaysField(label=_("Weekdays"), error_messages={"required": _("Choose at least one weekday.")})
    start = forms.DateField(label=_("Start"), widget=DateInput(), error_messages={"required": _("Give the first day.")})
    planned_end = forms.DateField(label=_("Planned end"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("What the farm should know"),
        required=False,
        widget=_text(4),
        help_text=_("What helps the first days go well. Write no diagnosis."),
    )

    def __init__(self, *args, buyer, time_limited=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_limited = time_limited
        self.fields["agreement"].queryset = Agreement.objects.filter(
            buyer=buyer, status=AgreementStatus.ACTIVE
        ).select_related("buyer", "farm")
        if time_limited:
            self.fields["planned_end"].required = True
            self.fields["planned_end"].help_text = _("A NAV placement is time-limited.")
            self.fields["planned_end"].error_messages["required"] = _(
                "A NAV placement is time-limited: give its planned end."
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end cannot be before the start."))
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the farm says no"),
        widget=_text(3),
        error_messages={"required": _("Tell the buyer why you say no.")},
    )


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why it ends"),
        choices=[("", _("Choose a reason")), *EndReason.choices],
        widget=forms.Select(attrs=INPUT),
        error_messages={"required": _("Choose why the placement ends.")},
    )
    day = forms.DateField(label=_("Last day"), widget=DateInput(), error_messages={"required": _("Give the last day.")})
    note = forms.CharField(label=_("Note"), required=False, widget=_text(3))


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What should change"),
        choices=[("", _("Choose")), *ChangeKind.choices],
        widget=forms.Select(attrs=INPUT),
        error_messages={"required": _("Choose what should change.")},
    )
    reason = forms.CharField(label=_("Why"), widget=_text(3), error_messages={"required": _("Tell the buyer why.")})
    new_end = forms.DateField(
        label=_("New end or last day"),
        required=False,
        widget=DateInput(),
        help_text=_("For an extension or an end."),
    )
    new_weekdays = WeekdaysField(label=_("New weekdays"), required=False, help_text=_("For a change of weekdays."))
    end_reason = forms.ChoiceField(
        label=_("Why it ends"),
        choices=[("", _("Choose a reason")), *EndReason.choices],
        required=False,
        widget=forms.Select(attrs=INPUT),
        help_text=_("For an end."),
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in (ChangeKind.EXTEND, ChangeKind.END) and not cleaned.get("new_end"):
            self.add_error("new_end", _("Give the date."))
        if kind == ChangeKind.END and not cleaned.get("end_reason"):
            self.add_error("end_reason", _("Choose why the placement ends."))
        if kind == ChangeKind.CHANGE_WEEKDAYS and not cleaned.get("new_weekdays"):
            self.add_error("new_weekdays", _("Choose at least one weekday."))
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Do not approve"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Note to the farm"), required=False, widget=_text(2))


class NamedPeopleForm(forms.Form):
    people: "forms.ModelMultipleChoiceField[User]" = forms.ModelMultipleChoiceField(
        label=_("Named people"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=INPUT),
        help_text=_("Only these people see the address and contact details. Nobody can name themselves."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = candidates
        self.fields["people"].label_from_instance = lambda user: user.full_name or user.email


class RiskAssessmentForm(forms.ModelForm):
    class Meta:
        model = RiskAssessment
        fields = ["hazards", "measures", "reviewed_with", "reviewed_on"]
        help_texts = {
            "hazards": _("Animals, machines, traffic in the yard, weather, getting lost, allergies, the drive."),
            "measures": _("Who does what, and what the participant is not to do alone."),
            "reviewed_with": _("For example the participant, a relative or the case worker."),
        }
        error_messages = {
            "hazards": {"required": _("Write what can go wrong.")},
            "measures": {"required": _("Write what the farm does about it.")},
            "reviewed_on": {"required": _("Give the date it was reviewed.")},
        }
        widgets = {
            "hazards": _text(5),
            "measures": _text(5),
            "reviewed_with": forms.TextInput(attrs=INPUT),
            "reviewed_on": DateInput(),
        }


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Goal"),
        max_length=200,
        widget=forms.TextInput(attrs=INPUT),
        error_messages={"required": _("Write the goal.")},
    )
    description = forms.CharField(label=_("How we will know"), required=False, widget=_text(3))
    shared = forms.BooleanField(
        label=_("Show the goal on the participant's own pages"), required=False, widget=forms.CheckboxInput(INPUT)
    )


class GoalNoteForm(forms.Form):
    text = forms.CharField(label=_("Progress note"), widget=_text(3), error_messages={"required": _("Write the note.")})
    shared = forms.BooleanField(required=False)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, widget=forms.Select(attrs=INPUT))
