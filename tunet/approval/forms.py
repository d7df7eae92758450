"""Forms of the approval scheme, with Norwegian errors (through gettext)."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.core import uploads

from . import models

INPUT = {"class": "ds-input"}

# --- Standards -------------------------------------------------------------------------------------


class VersionNotesForm(forms.ModelForm):
    class Meta:
        model = models.StandardVersion
        fields = ["notes"]
        labels = {"notes": _("What changed in this version")}
        help_texts = {"notes": _("Farms and auditors read this when the version is put in force.")}
        widgets = {"notes": forms.Textarea(attrs={**INPUT, "rows": 5})}


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
            "requirement": forms.Textarea(attrs={**INPUT, "rows": 3}),
            "guidance": forms.Textarea(attrs={**INPUT, "rows": 4}),
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


# --- Documents -------------------------------------------------------------------------------------


class DocumentForm(forms.ModelForm):
    """A document for the farm's vault: a PDF or a photo, checked by its content and never by its name."""

    class Meta:
        model = models.Document
        fields = ["kind", "title", "file", "valid_until"]
        widgets = {
            "kind": forms.Select(attrs=INPUT),
            "title": forms.TextInput(attrs=INPUT),
            "file": forms.ClearableFileInput(
                attrs={**INPUT, "accept": "application/pdf,image/jpeg,image/png,image/webp"}
            ),
            "valid_until": forms.DateInput(attrs={**INPUT, "type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "title": _("For example «Forsikringsbevis 2025». Leave it empty to use the type of document."),
            "valid_until": _("The date the document must be renewed by, if it has one. You are warned a month before."),
        }
        error_messages = {
            "kind": {
                "required": _("Choose the type of document."),
                "invalid_choice": _("Choose the type of document."),
            },
            "file": {"required": _("Choose the file to upload."), "empty": _("The file is empty.")},
            "valid_until": {"invalid": _("Write the date as dd.mm.yyyy.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = uploads.check_document(upload, settings.DOCUMENT_MAX_BYTES)
        return upload

    def clean_valid_until(self):
        valid_until = self.cleaned_data.get("valid_until")
        if valid_until and valid_until < timezone.localdate():
            raise forms.ValidationError(_("The date has passed. Upload a document that is still valid."))
        return valid_until

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title") and cleaned.get("kind"):
            cleaned["title"] = str(models.DocumentType(cleaned["kind"]).label)
            self.instance.title = cleaned["title"]
        # A browser never keeps a chosen file when the page comes back with errors: say so at the file.
        if self.errors and not self.has_error("file", "required"):
            self.add_error("file", _("Choose the file again."))
        return cleaned


# --- Self-audit ------------------------------------------------------------------------------------


# --- Revision and deviations -------------------------------------------------------------------------
