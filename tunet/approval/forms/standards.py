"""Forms of the standards' drafts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import models
from .base import INPUT

# The textareas of the standards ask for 30 columns: at the default 40, a textarea's natural width
# widens the form grid past a 360 px phone screen.


class VersionNotesForm(forms.ModelForm):
    class Meta:
        model = models.StandardVersion
        fields = ["notes"]
        labels = {"notes": _("What changed in this version")}
        help_texts = {"notes": _("Farms and auditors read this when the version is put in force.")}
        widgets = {"notes": forms.Textarea(attrs={**INPUT, "rows": 5, "cols": 30})}


class SectionForm(forms.ModelForm):
    class Meta:
        model = models.Section
        fields = ["title"]
        labels = {"title": _("Title of the section")}
        error_messages = {"title": {"required": _("Give the section a title.")}}
        widgets = {"title": forms.TextInput(attrs=INPUT)}


class ItemForm(forms.ModelForm):
    """A requirement of a draft: its code is unique within the version."""

    class Meta:
        model = models.Item
        fields = ["section", "code", "requirement", "guidance", "applies_when", "document_type"]
        labels = {"section": _("Section")}
        help_texts = {
            "code": _("For example «HMS 2.3». Unique within the version."),
            "guidance": _("How a farm can meet the requirement, and what the auditor looks for."),
            "applies_when": _("The farm's profile decides whether the requirement applies to it."),
            "document_type": _("The type of document in the vault that shows the requirement is met, if any."),
        }
        error_messages = {
            "code": {"required": _("Give the requirement a code, for example «HMS 2.3».")},
            "requirement": {"required": _("Write the requirement.")},
        }
        widgets = {
            "section": forms.Select(attrs=INPUT),
            "code": forms.TextInput(attrs=INPUT),
            "requirement": forms.Textarea(attrs={**INPUT, "rows": 3, "cols": 30}),
            "guidance": forms.Textarea(attrs={**INPUT, "rows": 4, "cols": 30}),
            "applies_when": forms.Select(attrs=INPUT),
            "document_type": forms.Select(attrs=INPUT),
        }

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["section"].queryset = version.sections.order_by("position", "id")
        self.fields["section"].empty_label = None
        self.fields["document_type"].choices = [("", _("No particular document")), *models.DocumentType.choices]

    def clean_code(self):
        code = " ".join(self.cleaned_data["code"].split())
        taken = models.Item.objects.filter(version=self.version, code__iexact=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Another requirement in this version already has the code %(code)s."), params={"code": code}
            )
        return code
