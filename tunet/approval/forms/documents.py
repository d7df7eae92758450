"""The upload form of the farm's vault."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.core import uploads

from .. import models
from .base import INPUT


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
        # The type the content check found goes to the action with the rest, never the browser's guess; a
        # photo is stored encoded anew, without its metadata.
        upload, self.cleaned_data["content_type"] = uploads.clean_document(
            self.cleaned_data["file"], settings.DOCUMENT_MAX_BYTES
        )
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
