"""Forms of the farm day: validation and Norwegian error messages (through gettext)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tunet.core.forms import DateInput

from .models import AttendanceStatus, MeetingAction, Severity


def _text(rows=3):
    return forms.Textarea(attrs={"class": "ds-input", "rows": rows})


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    hours = forms.DecimalField(
        label=pgettext_lazy("attendance", "Hours"),
        required=False,
        min_value=0,
        max_value=24,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "ds-input", "step": "0.5", "inputmode": "decimal"}),
    )


class ClosedDayForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the farm closed?"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "ds-input"}),
        help_text=_("For example a public holiday or bad weather."),
    )


class DayNoteForm(forms.Form):
    activities = forms.CharField(label=_("The day's activities"), required=False, widget=_text(2))
    note = forms.CharField(label=_("Note for the day"), required=False, widget=_text(2))


class AbsenceForm(forms.Form):
    """An absence known ahead of time: which participant, which day."""

    placement = forms.TypedChoiceField(
        label=_("Participant"), coerce=int, widget=forms.Select(attrs={"class": "ds-input"})
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Reason"), required=False, max_length=300, widget=forms.TextInput(attrs={"class": "ds-input"})
    )

    def __init__(self, *args, placements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.placements = {p.pk: p for p in placements}
        self.fields["placement"].choices = [(p.pk, str(p.participant)) for p in placements]

    def clean_placement(self):
        return self.placements[self.cleaned_data["placement"]]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date after today."))
        return day

    def add_error(self, field, error):
        # What the rules refuse (the participant does not come that day, the month is invoiced) is about
        # the date chosen, so it is shown at the date.
        if field is None and isinstance(error, str):
            field = "date"
        super().add_error(field, error)


class IncidentForm(forms.Form):
    placement = forms.TypedChoiceField(
        label=_("Participant"), coerce=int, widget=forms.Select(attrs={"class": "ds-input"})
    )
    occurred_at = forms.DateTimeField(
        label=_("When it happened"),
        widget=forms.DateTimeInput(attrs={"class": "ds-input", "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    severity = forms.ChoiceField(label=_("How serious"), choices=Severity.choices, widget=forms.RadioSelect)
    what_happened = forms.CharField(label=_("What happened?"), widget=_text(4))
    immediate_action = forms.CharField(label=_("What was done at once?"), required=False, widget=_text(3))

    def __init__(self, *args, placements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.placements = {p.pk: p for p in placements}
        self.fields["placement"].choices = [("", "–")] + [(p.pk, str(p.participant)) for p in placements]
        if not self.is_bound:
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))

    def clean_placement(self):
        return self.placements[self.cleaned_data["placement"]]

    def clean_occurred_at(self):
        when = self.cleaned_data["occurred_at"]
        if when > timezone.now():
            raise forms.ValidationError(_("An incident cannot have happened in the future."))
        return when


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("What was done to follow up?"), widget=_text(4))


class ScheduleForm(forms.Form):
    first = forms.DateField(label=_("First meeting"), widget=DateInput())
    count = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=12,
        initial=4,
        widget=forms.NumberInput(attrs={"class": "ds-input"}),
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=_text(6))


class MeetingActionForm(forms.ModelForm):
    class Meta:
        model = MeetingAction
        fields = ["text", "owner", "deadline"]
        widgets = {
            "text": forms.TextInput(attrs={"class": "ds-input"}),
            "owner": forms.TextInput(attrs={"class": "ds-input"}),
            "deadline": DateInput(),
        }

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate() - datetime.timedelta(days=1):
            raise forms.ValidationError(_("The deadline has already passed."))
        return deadline
