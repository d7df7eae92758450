"""Forms of the approval body."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tunet.core.models import County

from .. import models
from .base import INPUT


def auditor_label(auditor):
    region = auditor.region_name or auditor.county_name or _("no county")
    return _("%(name)s – %(county)s – %(count)s open") % {
        "name": auditor.full_name,
        "county": region,
        "count": auditor.workload,
    }


class AssignForm(forms.Form):
    auditor = forms.TypedChoiceField(
        label=_("Auditor"),
        coerce=int,
        widget=forms.Select(attrs=INPUT),
        error_messages={"required": _("Choose an auditor.")},
        help_text=_("Each auditor is shown with their county and how many revisions they have open."),
    )

    def __init__(self, *args, auditors, **kwargs):
        super().__init__(*args, **kwargs)
        self.auditors = {auditor.pk: auditor for auditor in auditors}
        self.fields["auditor"].choices = [("", _("Choose an auditor"))] + [
            (auditor.pk, auditor_label(auditor)) for auditor in auditors
        ]

    def clean_auditor(self):
        return self.auditors[self.cleaned_data["auditor"]]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={**INPUT, "rows": 3}),
        error_messages={"required": _("Give the reason for revoking the approval.")},
        help_text=_("The farm sees the reason on its approval page."),
    )


class OverviewFilter(forms.Form):
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.all(),
        required=False,
        empty_label=_("All counties"),
        widget=forms.Select(attrs=INPUT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *models.ApprovalStatus.choices],
        required=False,
        widget=forms.Select(attrs=INPUT),
    )
