"""Forms of the auditor's revision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.core.forms import DateInput

from .. import models
from .base import INPUT
from .self_audit import no_needs_measure


class VisitForm(forms.ModelForm):
    class Meta:
        model = models.Revision
        fields = ["visit_date", "met", "summary"]
        widgets = {
            "visit_date": DateInput(),
            "met": forms.TextInput(attrs=INPUT),
            "summary": forms.Textarea(attrs={**INPUT, "rows": 4}),
        }
        help_texts = {"met": _("Who from the farm took part.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit_date"].required = True
        self.fields["visit_date"].error_messages["required"] = _("Write the date of the visit.")

    def clean_visit_date(self):
        visit_date = self.cleaned_data["visit_date"]
        if visit_date > timezone.localdate():
            raise forms.ValidationError(_("The visit cannot be in the future."))
        return visit_date


class ReviewForm(forms.Form):
    """The auditor confirms an answer or corrects it; corrected to «No», it needs a measure."""

    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=models.ReviewVerdict.choices, widget=forms.RadioSelect(attrs={"class": "ds-input"})
    )
    corrected_value = forms.ChoiceField(
        label=_("Correct answer"),
        choices=[("", "—"), *models.AnswerValue.choices],
        required=False,
        widget=forms.Select(attrs=INPUT),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={**INPUT, "rows": 2}))
    measure = forms.CharField(label=_("Measure"), required=False, widget=forms.Textarea(attrs={**INPUT, "rows": 2}))
    responsible = forms.CharField(label=_("Responsible"), required=False, widget=forms.TextInput(attrs=INPUT))
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())

    def __init__(self, *args, answer, **kwargs):
        kwargs.setdefault("prefix", f"r{answer.pk}")
        self.answer = answer
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("verdict") == models.ReviewVerdict.CORRECTED:
            value = cleaned.get("corrected_value")
            if not value:
                self.add_error("corrected_value", _("Choose the correct answer."))
            elif value == self.answer.value:
                self.add_error("corrected_value", _("The correct answer is the farm's own: choose «Confirmed»."))
            no_needs_measure(self, cleaned, value)
        return cleaned


class DeviationForm(forms.ModelForm):
    """A deviation the auditor records at the revision."""

    class Meta:
        model = models.Deviation
        fields = ["item", "description", "measure", "responsible", "deadline"]
        widgets = {
            "item": forms.Select(attrs=INPUT),
            "description": forms.Textarea(attrs={**INPUT, "rows": 2}),
            "measure": forms.Textarea(attrs={**INPUT, "rows": 2}),
            "responsible": forms.TextInput(attrs=INPUT),
            "deadline": DateInput(),
        }
        labels = {"item": _("Requirement")}
        error_messages = {
            "description": {"required": _("Describe what is not met.")},
            "measure": {"required": _("Describe the measure that will close the deviation.")},
            "responsible": {"required": _("Write who is responsible for the measure.")},
            "deadline": {"required": _("Choose the deadline for the measure.")},
        }

    def __init__(self, *args, items, **kwargs):
        kwargs.setdefault("prefix", "deviation")
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].empty_label = _("No particular requirement")

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline


class VerifyForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={**INPUT, "rows": 2}))


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is reopened"),
        widget=forms.Textarea(attrs={**INPUT, "rows": 2}),
        error_messages={"required": _("Tell the farm why the deviation is reopened.")},
    )
    deadline = forms.DateField(label=_("New deadline"), required=False, widget=DateInput())
