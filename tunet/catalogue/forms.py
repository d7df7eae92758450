from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tunet.core import uploads
from tunet.core.forms import PostalCodeField

from .models import Farm, FarmPhoto, ServiceOffer, Weekday

INPUT = {"class": "ds-input"}
CHECKBOX = {"class": "ds-input"}


class FarmForm(forms.ModelForm):
    """The farm's profile. The postcode fills in the municipality; the map sets the position."""

    postal_code = PostalCodeField(required=False)
    website = forms.URLField(
        label=_("website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={**INPUT, "autocomplete": "url"}),
    )

    class Meta:
        model = Farm
        fields = [
            "name",
            "description",
            "street_address",
            "postal_code",
            "latitude",
            "longitude",
            "animals",
            "step_free_access",
            "accessible_toilet",
            "indoor_space",
            "transport_offered",
            "what_to_bring",
            "contact_name",
            "contact_phone",
            "contact_email",
            "website",
        ]
        widgets = {
            "name": forms.TextInput(attrs=INPUT),
            "description": forms.Textarea(attrs={**INPUT, "rows": 6}),
            "street_address": forms.TextInput(attrs={**INPUT, "autocomplete": "street-address"}),
            "latitude": forms.NumberInput(attrs={**INPUT, "step": "0.00001"}),
            "longitude": forms.NumberInput(attrs={**INPUT, "step": "0.00001"}),
            "animals": forms.CheckboxSelectMultiple(attrs=CHECKBOX),
            "step_free_access": forms.CheckboxInput(attrs=CHECKBOX),
            "accessible_toilet": forms.CheckboxInput(attrs=CHECKBOX),
            "indoor_space": forms.CheckboxInput(attrs=CHECKBOX),
            "transport_offered": forms.CheckboxInput(attrs=CHECKBOX),
            "what_to_bring": forms.Textarea(attrs={**INPUT, "rows": 3}),
            "contact_name": forms.TextInput(attrs={**INPUT, "autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={**INPUT, "type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={**INPUT, "autocomplete": "email"}),
        }
        help_texts = {
            "latitude": _("Click on the map to move the farm's marker, or write the position."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without a position, the farm is placed at its postcode's point (or municipality's centre).
        self.fields["latitude"].required = False
        self.fields["longitude"].required = False

    def clean(self):
        cleaned = super().clean()
        postal_code = cleaned.get("postal_code")
        if postal_code is None:
            self.add_error("postal_code", _("Write the farm's postcode, so that we know its municipality."))
            return cleaned
        if cleaned.get("latitude") is None or cleaned.get("longitude") is None:
            cleaned["latitude"], cleaned["longitude"] = postal_code.latitude, postal_code.longitude
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        postal_code = self.cleaned_data.get("postal_code")
        if postal_code is not None:
            self.instance.municipality = postal_code.municipality


class OfferForm(forms.ModelForm):
    """A service offer with its weekdays: places and hours per day, empty for days it does not run."""

    class Meta:
        model = ServiceOffer
        fields = [
            "title",
            "service_area",
            "target_groups",
            "activities",
            "description",
            "price_indication",
            "languages",
            "is_active",
        ]
        widgets = {
            "title": forms.TextInput(attrs=INPUT),
            "service_area": forms.Select(attrs=INPUT),
            "target_groups": forms.CheckboxSelectMultiple(attrs=CHECKBOX),
            "activities": forms.CheckboxSelectMultiple(attrs=CHECKBOX),
            "description": forms.Textarea(attrs={**INPUT, "rows": 4}),
            "price_indication": forms.TextInput(attrs=INPUT),
            "languages": forms.CheckboxSelectMultiple(attrs=CHECKBOX),
            "is_active": forms.CheckboxInput(attrs=CHECKBOX),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {day.weekday: day for day in self.instance.days.all()} if self.instance.pk else {}
        self.weekday_rows = []
        for weekday, label in Weekday.choices:
            day = existing.get(weekday)
            places = forms.IntegerField(
                label=_("Places on %(day)s") % {"day": label.lower()},
                required=False,
                min_value=1,
                max_value=100,
                initial=day.places if day else None,
                widget=forms.NumberInput(attrs={**INPUT, "inputmode": "numeric"}),
            )
            opens = forms.TimeField(
                label=_("From (%(day)s)") % {"day": label.lower()},
                required=False,
                initial=day.opens if day else "09:00",
                widget=forms.TimeInput(attrs={**INPUT, "type": "time"}, format="%H:%M"),
            )
            closes = forms.TimeField(
                label=_("To (%(day)s)") % {"day": label.lower()},
                required=False,
                initial=day.closes if day else "15:00",
                widget=forms.TimeInput(attrs={**INPUT, "type": "time"}, format="%H:%M"),
            )
            self.fields[f"places_{weekday}"] = places
            self.fields[f"opens_{weekday}"] = opens
            self.fields[f"closes_{weekday}"] = closes
            self.weekday_rows.append(
                (label, self[f"places_{weekday}"], self[f"opens_{weekday}"], self[f"closes_{weekday}"])
            )

    def clean(self):
        cleaned = super().clean()
        days = []
        for weekday, label in Weekday.choices:
            places = cleaned.get(f"places_{weekday}")
            if not places:
                continue
            opens, closes = cleaned.get(f"opens_{weekday}"), cleaned.get(f"closes_{weekday}")
            if not opens or not closes:
                self.add_error(f"opens_{weekday}", _("Write when the day starts and ends."))
            elif closes <= opens:
                self.add_error(
                    f"closes_{weekday}", _("The day must end after it starts (%(day)s).") % {"day": label.lower()}
                )
            else:
                days.append({"weekday": weekday, "places": places, "opens": opens, "closes": closes})
        if not days and not self.errors:
            raise forms.ValidationError(_("Give the number of places for at least one weekday."))
        # The days are the offer's data; the boxes each was typed in are not (do_save_offer takes the rest).
        for weekday, _label in Weekday.choices:
            for name in (f"places_{weekday}", f"opens_{weekday}", f"closes_{weekday}"):
                cleaned.pop(name, None)
        cleaned["days"] = days
        return cleaned


class PhotoForm(forms.ModelForm):
    """A photo of the farm. Checked by its content, not its name; the description is required."""

    class Meta:
        model = FarmPhoto
        fields = ["image", "alt_text"]
        error_messages = {
            "image": {
                "invalid_image": _("The file is not a photo we can read. Use JPEG, PNG or WebP."),
                "empty": _("The file is empty."),
                "required": _("Choose a photo to upload."),
            },
            "alt_text": {"required": _("Describe what the photo shows, for those who cannot see it.")},
        }
        widgets = {
            "image": forms.ClearableFileInput(attrs={**INPUT, "accept": "image/jpeg,image/png,image/webp"}),
            "alt_text": forms.TextInput(attrs=INPUT),
        }

    def clean_image(self):
        # What is stored is the photo encoded anew, without its metadata, under a name of our own.
        clean, _content_type = uploads.clean_image(self.cleaned_data["image"], settings.PHOTO_MAX_BYTES)
        return clean
