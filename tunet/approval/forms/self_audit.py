"""Forms of the self-audit, and closing a deviation."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.core import uploads
from tunet.core.forms import DateInput

from .. import models
from .base import INPUT


def no_needs_measure(form, cleaned, value):
    """A "No" is a deviation: it needs the measure, who is responsible and a deadline not in the past."""
    if value != models.AnswerValue.NO:
        return
    for name, message in (
        ("measure", _("Describe the measure that will close the deviation.")),
        ("responsible", _("Write who is responsible for the measure.")),
        ("deadline", _("Choose the deadline for the measure.")),
    ):
        if not cleaned.get(name):
            form.add_error(name, message)
    deadline = cleaned.get("deadline")
    if deadline and deadline < timezone.localdate():
        form.add_error("deadline", _("The deadline cannot be in the past."))


class AnswerForm(forms.ModelForm):
    """One answer of the self-audit. The prefix keeps the ids apart when a page shows many."""

    class Meta:
        model = models.Answer
        fields = ["value", "comment", "evidence", "photo", "measure", "responsible", "deadline"]
        widgets = {
            "value": forms.RadioSelect(attrs={"class": "ds-input"}),
            "comment": forms.Textarea(attrs={**INPUT, "rows": 2}),
            "photo": forms.ClearableFileInput(attrs={**INPUT, "accept": "image/*", "capture": "environment"}),
            "measure": forms.Textarea(attrs={**INPUT, "rows": 2}),
            "responsible": forms.TextInput(attrs=INPUT),
            "deadline": DateInput(),
        }
        labels = {"evidence": _("Document that shows it"), "photo": _("Photo (you can take it with the phone)")}
        help_texts = {"measure": _("Only for «No»: what will be done, by whom and by when.")}

    def __init__(self, *args, farm, documents=None, **kwargs):
        """documents: the farm's documents read once for a page of many answers (else read here)."""
        kwargs.setdefault("prefix", f"a{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)
        self.fields["value"].required = True
        self.fields["value"].choices = models.AnswerValue.choices
        self.fields["value"].error_messages["required"] = _("Choose Yes, No or Not relevant.")
        evidence = self.fields["evidence"]
        evidence.queryset = models.Document.objects.filter(farm=farm)
        evidence.widget.attrs.update(INPUT)
        if documents is None:
            documents = list(evidence.queryset)
        evidence.choices = [("", _("No document"))] + [(document.pk, document.title) for document in documents]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a new upload, not the stored one
            photo, _content_type = uploads.clean_image(photo, settings.PHOTO_MAX_BYTES)
        return photo

    def clean(self):
        cleaned = super().clean()
        no_needs_measure(self, cleaned, cleaned.get("value"))
        return cleaned


class CloseDeviationForm(forms.Form):
    """The farm closes a deviation: what was done, and a document that shows it (chosen or new)."""

    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={**INPUT, "rows": 3}),
        error_messages={"required": _("Describe what was done to close the deviation.")},
    )
    evidence = forms.ModelChoiceField(
        label=_("A document already in the vault"),
        queryset=models.Document.objects.none(),
        required=False,
        widget=forms.Select(attrs=INPUT),
        empty_label=_("Choose a document"),
    )
    file = forms.FileField(
        label=_("Or upload a new document"),
        required=False,
        help_text=_("PDF or a photo (JPEG, PNG, WebP)."),
        widget=forms.ClearableFileInput(attrs={**INPUT, "accept": "application/pdf,image/*"}),
    )
    kind = forms.ChoiceField(
        label=_("Type of the new document"),
        choices=models.DocumentType.choices,
        initial=models.DocumentType.OTHER,
        widget=forms.Select(attrs=INPUT),
    )

    def __init__(self, *args, farm, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = models.Document.objects.filter(farm=farm)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            # The type the content check found goes to the action with the rest, never the browser's guess.
            upload, self.cleaned_data["content_type"] = uploads.clean_document(upload, settings.DOCUMENT_MAX_BYTES)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("evidence") and not cleaned.get("file"):
            self.add_error("evidence", _("Choose or upload the document that shows the deviation is closed."))
        return cleaned
