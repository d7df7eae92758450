"""Forms of the approval scheme, with Norwegian errors (through gettext)."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.core import uploads
from tunet.core.forms import DateInput
from tunet.core.models import County

from . import models

INPUT = {"class": "ds-input"}

# --- Standards -------------------------------------------------------------------------------------


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


def _no_needs_measure(form, cleaned, value):
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
            uploads.check_image(photo, settings.PHOTO_MAX_BYTES)
        return photo

    def clean(self):
        cleaned = super().clean()
        _no_needs_measure(self, cleaned, cleaned.get("value"))
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
            self.content_type = uploads.check_document(upload, settings.DOCUMENT_MAX_BYTES)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("evidence") and not cleaned.get("file"):
            self.add_error("evidence", _("Choose or upload the document that shows the deviation is closed."))
        return cleaned


# --- Revision and deviations -------------------------------------------------------------------------


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
            _no_needs_measure(self, cleaned, value)
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
