from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tunet.core import uploads

from . import richtext
from .models import AUDIENCE_SLUGS, RESERVED_SLUGS, Audience, Chapter, Handbook, HandbookImage

INPUT = {"class": "ds-input"}


class HandbookForm(forms.ModelForm):
    class Meta:
        model = Handbook
        fields = ["title", "slug", "summary", "sort_order"]
        widgets = {
            "title": forms.TextInput(attrs=INPUT),
            "slug": forms.TextInput(attrs=INPUT),
            "summary": forms.Textarea(attrs={**INPUT, "rows": 3}),
            "sort_order": forms.NumberInput(attrs=INPUT),
        }
        help_texts = {"slug": _("Small letters, digits and hyphens, for example «psykisk-helse-og-rus».")}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("That name is used by Tunet itself. Choose another."))
        return slug


BODY_HELP = _(
    "HTML with these tags: p, h2–h4, ul/ol/li, strong, em, a, blockquote, img, figure/figcaption and tables. "
    'Link to another chapter with its address, for example <a href="/handbok/kapittel/bli-godkjent/">. '
    "Images come from the image library, each with its description. Anything else is removed when you save."
)


class ChapterForm(forms.ModelForm):
    """A chapter's text and audiences. Every save becomes a revision; `note` says what changed."""

    audiences = forms.MultipleChoiceField(
        label=_("Written for"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
        error_messages={"required": _("Choose at least one audience.")},
    )
    note = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=INPUT),
        help_text=_("Shown in the chapter's history."),
    )

    class Meta:
        model = Chapter
        fields = ["title", "key", "audiences", "body", "sort_order", "note"]
        widgets = {
            "title": forms.TextInput(attrs=INPUT),
            "key": forms.TextInput(attrs=INPUT),
            "body": forms.Textarea(attrs={**INPUT, "rows": 24, "spellcheck": "true"}),
            "sort_order": forms.NumberInput(attrs=INPUT),
        }
        help_texts = {
            "key": _("The chapter's fixed address, which other pages link to. Cannot be changed later."),
            "body": BODY_HELP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["key"]
            self.initial["audiences"] = list(self.instance.audiences)

    def clean_body(self):
        body = richtext.clean(self.cleaned_data["body"])
        if not richtext.plain_text(body) and "<img" not in body:
            raise forms.ValidationError(_("Write the chapter's text."))
        if richtext.images_without_alt(body):
            raise forms.ValidationError(_('Every image needs a description (alt="…") for those who cannot see it.'))
        wanted = richtext.image_ids(body)
        found = set(HandbookImage.objects.filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()
        if wanted - found:
            raise forms.ValidationError(_("The text shows an image that is not in the image library."))
        return body

    def _post_clean(self):
        # Before the model's own checks, which include "at least one audience".
        if "audiences" in self.cleaned_data:
            self.instance.audiences = self.cleaned_data["audiences"]
        super()._post_clean()


class ImageForm(forms.ModelForm):
    class Meta:
        model = HandbookImage
        fields = ["image", "alt_text"]
        widgets = {
            "image": forms.ClearableFileInput(attrs={**INPUT, "accept": "image/jpeg,image/png,image/webp"}),
            "alt_text": forms.TextInput(attrs=INPUT),
        }
        error_messages = {
            "image": {
                "invalid_image": _("The file is not a photo we can read. Use JPEG, PNG or WebP."),
                "empty": _("The file is empty."),
                "required": _("Choose an image to upload."),
            },
            "alt_text": {"required": _("Describe the image for those who cannot see it.")},
        }

    def clean_image(self):
        # Read once here, where the file is checked, and handed to the action with the rest: the image
        # encoded anew, without its metadata, under a name of our own.
        image, self.cleaned_data["content_type"] = uploads.clean_image(
            self.cleaned_data["image"], settings.PHOTO_MAX_BYTES
        )
        return image


class SearchForm(forms.Form):
    """The handbook search: words, and for whom. Field names are what the address shows (?q=…&for=kjoper)."""

    q = forms.CharField(
        label=_("Search the handbook"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**INPUT, "type": "search"}),
    )
    audience = forms.ChoiceField(
        label=_("Written for"),
        required=False,
        choices=[("", _("Everyone"))] + [(slug, audience.label) for slug, audience in AUDIENCE_SLUGS.items()],
        widget=forms.Select(attrs=INPUT),
    )

    def add_prefix(self, field_name):
        # The address says "for", a Python keyword; the form calls the field "audience".
        return "for" if field_name == "audience" else field_name

    def criteria(self):
        """(words, audience or None); what could not be read is left out."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        slug = data.get("audience") or ""
        return (data.get("q") or "").strip(), AUDIENCE_SLUGS.get(slug)


class QuizForm(forms.Form):
    """One lesson's quiz: a choice per question, the options in their order."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                coerce=int,
                choices=[(option.pk, option.text) for option in question.options.all()],
                widget=forms.RadioSelect(attrs={"class": "ds-input"}),
                error_messages={"required": _("Choose an answer."), "invalid_choice": _("Choose one of the answers.")},
            )

    def rows(self):
        """(question, bound field) pairs, in order."""
        return [(question, self[f"q{question.pk}"]) for question in self.questions]

    def choices(self):
        """{question id: option id} from a valid form."""
        return {question.pk: self.cleaned_data[f"q{question.pk}"] for question in self.questions}


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("It is on the certificate, for example IPT-7K3M-9QXD."),
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Write the code from the certificate.")},
    )

    def clean_code(self):
        raw = "".join(ch for ch in self.cleaned_data["code"].upper() if ch.isalnum())
        raw = raw.removeprefix("IPT")
        if len(raw) != 8:
            raise forms.ValidationError(
                _("A code has eight letters and digits after «IPT», for example IPT-7K3M-9QXD.")
            )
        return f"IPT-{raw[:4]}-{raw[4:]}"
