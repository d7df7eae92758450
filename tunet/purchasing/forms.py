"""Forms of buying places, with Norwegian errors (through gettext)."""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.no import fodselsnummer

from tunet.catalogue.models import ServiceOffer, Weekday
from tunet.core.forms import DateInput
from tunet.core.models import Municipality

from .models import AgreementVersion, BuyerPolicy, PriceModel, Proposal, Request
from .rules import CONTENT_FIELDS

INPUT = {"class": "ds-input"}
RADII = [(10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km"), (100, "100 km")]
ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{6}\s?\d{5}(?!\d)")


class WeekdaysField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=Weekday.choices,
            coerce=int,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
            **kwargs,
        )


def refuse_personal_data(text):
    """The description goes to many farms: refuse what looks like a national identity number."""
    for candidate in ELEVEN_DIGITS.findall(text or ""):
        if fodselsnummer.is_valid(candidate.replace(" ", "")):
            raise forms.ValidationError(
                _("Remove the national identity number. A request goes to many farms and must not identify anyone.")
            )
    return text


# --- Requests and offers -------------------------------------------------------------------------------


class RequestForm(forms.ModelForm):
    """The buyer's need. The area is either chosen municipalities or a distance from a place."""

    weekdays = WeekdaysField(label=_("Weekdays"), error_messages={"required": _("Choose at least one weekday.")})
    radius_km = forms.TypedChoiceField(
        label=_("Distance"),
        choices=[("", _("Choose a distance")), *RADII],
        coerce=int,
        required=False,
        widget=forms.Select(attrs=INPUT),
    )

    class Meta:
        model = Request
        fields = [
            "title", "service_area", "target_group", "places", "weekdays", "start", "months", "transport_needed",
            "municipalities", "near", "radius_km", "answer_by", "description",
        ]  # fmt: skip
        widgets = {
            "title": forms.TextInput(attrs=INPUT),
            "service_area": forms.Select(attrs=INPUT),
            "target_group": forms.Select(attrs=INPUT),
            "places": forms.NumberInput(attrs={**INPUT, "min": 1, "max": 50}),
            "start": DateInput(),
            "months": forms.NumberInput(attrs={**INPUT, "min": 1, "max": 60}),
            "municipalities": forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
            "near": forms.Select(attrs=INPUT),
            "answer_by": DateInput(),
            "description": forms.Textarea(attrs={**INPUT, "rows": 5, "cols": 30}),
        }
        labels = {"near": _("From")}
        help_texts = {
            "title": _("A short name the farms will see, for example «Dagtilbud for personer med demens»."),
            "description": _(
                "What the participants need and what a good offer looks like. Do not write names, birth dates, "
                "diagnoses or anything else that can identify a person: the request goes to many farms."
            ),
            "answer_by": _("The last day farms can answer."),
            "municipalities": _("Farms in these municipalities are matched."),
        }
        error_messages = {
            "title": {"required": _("Give the request a short title.")},
            "places": {"required": _("Write how many places you need.")},
            "start": {"required": _("Choose when the places should start.")},
            "answer_by": {"required": _("Choose the last day for answers.")},
        }

    def __init__(self, *args, buyer, **kwargs):
        super().__init__(*args, **kwargs)
        nearby = Municipality.objects.order_by("name")
        county = buyer.municipality.county_id if buyer.municipality_id else buyer.county_id
        if county:
            nearby = nearby.filter(county_id=county)
        self.fields["municipalities"].queryset = nearby
        self.fields["near"].queryset = Municipality.objects.order_by("name")
        self.fields["near"].empty_label = _("Choose a municipality")
        self.fields["target_group"].empty_label = _("Choose a target group")
        self.fields["service_area"].choices = [
            ("", _("Choose a service area")),
            *self.fields["service_area"].choices[1:],
        ]
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("start", today + datetime.timedelta(days=42))
            self.initial.setdefault("answer_by", today + datetime.timedelta(days=14))
            if buyer.municipality_id:
                self.initial.setdefault("municipalities", [buyer.municipality_id])

    def clean_description(self):
        return refuse_personal_data(self.cleaned_data.get("description", ""))

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        chosen = cleaned.get("municipalities")
        near, radius = cleaned.get("near"), cleaned.get("radius_km")
        if chosen and near:
            self.add_error("near", _("Choose either municipalities or a distance from a place, not both."))
        elif not chosen and not (near and radius):
            self.add_error("municipalities", _("Choose the municipalities, or a place and a distance."))
        elif near and not radius:
            self.add_error("radius_km", _("Choose how far from the place."))
        cleaned["radius_km"] = radius or None
        start, answer_by = cleaned.get("start"), cleaned.get("answer_by")
        if start and start < today:
            self.add_error("start", _("The start cannot be in the past."))
        if answer_by and answer_by < today:
            self.add_error("answer_by", _("The last day for answers cannot be in the past."))
        if start and answer_by and answer_by > start:
            self.add_error("answer_by", _("Answers must come before the places start."))
        return cleaned


class ProposalForm(forms.ModelForm):
    """The farm's offer: which of its offers, the price, the places and days it can give."""

    weekdays = WeekdaysField(label=_("Weekdays"), error_messages={"required": _("Choose the weekdays you offer.")})

    class Meta:
        model = Proposal
        fields = ["service_offer", "price_model", "price", "places", "weekdays", "transport", "note"]
        widgets = {
            "service_offer": forms.Select(attrs=INPUT),
            "price_model": forms.Select(attrs=INPUT),
            "price": forms.NumberInput(attrs={**INPUT, "min": 0, "step": "1"}),
            "places": forms.NumberInput(attrs={**INPUT, "min": 1, "max": 50}),
            "note": forms.Textarea(attrs={**INPUT, "rows": 3, "cols": 30}),
        }
        help_texts = {"price": _("In kroner, without VAT, per unit of the price model.")}
        error_messages = {
            "price": {"required": _("Write the price.")},
            "places": {"required": _("Write how many places you offer.")},
            "service_offer": {"required": _("Choose which of your offers this is.")},
            "price_model": {"required": _("Choose the price model.")},
        }

    def __init__(self, *args, farm, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.buying = request
        self.fields["service_offer"].queryset = ServiceOffer.objects.filter(farm=farm, is_active=True).prefetch_related(
            "days"
        )
        self.fields["service_offer"].empty_label = _("Choose an offer")
        for name in ("price_model", "price", "places"):
            self.fields[name].required = True
        self.fields["price_model"].choices = [("", _("Choose a price model")), *PriceModel.choices]
        if not self.is_bound:
            self.initial.setdefault("places", request.places)
            self.initial.setdefault("weekdays", request.weekdays)
            self.initial.setdefault("transport", request.transport_needed and farm.transport_offered)

    def clean_price(self):
        price = self.cleaned_data["price"]
        if price is not None and price < 0:
            raise forms.ValidationError(_("The price cannot be negative."))
        return price

    def clean_places(self):
        # Accepting reserves what is offered: more than asked would hold places nobody needs.
        places = self.cleaned_data["places"]
        if places is not None and places > self.buying.places:
            raise forms.ValidationError(
                _("The buyer asks for %(asked)s places. Offer at most that many.") % {"asked": self.buying.places}
            )
        return places

    def clean(self):
        cleaned = super().clean()
        offer, weekdays = cleaned.get("service_offer"), cleaned.get("weekdays")
        if offer and weekdays:
            runs = {day.weekday for day in offer.days.all()}
            missing = [Weekday(day).label.lower() for day in weekdays if day not in runs]
            if missing:
                self.add_error(
                    "weekdays",
                    _("The offer does not run on %(days)s. Add the day to the offer first, or choose other days.")
                    % {"days": ", ".join(missing)},
                )
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you say no"),
        widget=forms.Textarea(attrs={**INPUT, "rows": 3, "cols": 30}),
        error_messages={"required": _("Tell the buyer why you say no.")},
        help_text=_("For example «full on Tuesdays until the summer». It helps the buyer plan."),
    )


# --- Agreements ----------------------------------------------------------------------------------------


# The textareas ask for 30 columns: at the default 40, a textarea's natural width widens the form
# past a 360 px phone screen.


class AgreementForm(forms.ModelForm):
    """The contents of a draft agreement: the standard agreement's terms and the places per weekday."""

    class Meta:
        model = AgreementVersion
        fields = [
            "start", "end", "renewal_years", "termination_months", "price_model", "price", "transport",
            "buyer_contact", "farm_contact", "emergency_phone", "meeting_points", "meeting_frequency",
            "responsibilities",
        ]  # fmt: skip
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "renewal_years": forms.NumberInput(attrs={**INPUT, "min": 0, "max": 5, "inputmode": "numeric"}),
            "termination_months": forms.NumberInput(attrs={**INPUT, "min": 1, "max": 12, "inputmode": "numeric"}),
            "price_model": forms.Select(attrs=INPUT),
            "price": forms.NumberInput(attrs={**INPUT, "min": 0, "step": "0.01"}),
            "transport": forms.CheckboxInput(attrs={"class": "ds-input"}),
            "buyer_contact": forms.TextInput(attrs=INPUT),
            "farm_contact": forms.TextInput(attrs=INPUT),
            "emergency_phone": forms.TextInput(attrs={**INPUT, "inputmode": "tel", "autocomplete": "off"}),
            "meeting_points": forms.Textarea(attrs={**INPUT, "rows": 3, "cols": 30}),
            "meeting_frequency": forms.Select(attrs=INPUT),
            "responsibilities": forms.Textarea(attrs={**INPUT, "rows": 6, "cols": 30}),
        }
        help_texts = {
            "price": _("In kroner, without VAT, per unit of the price model."),
            "buyer_contact": _("Name, phone and e-mail of the buyer's contact person."),
            "farm_contact": _("Name, phone and e-mail of the farm's contact person."),
            "emergency_phone": _("A number that answers whenever participants are on the farm."),
            "meeting_points": _("Where and when the farm, the buyer and the participants meet to follow up."),
            "termination_months": _("Months of notice either side must give to end the agreement."),
        }
        error_messages = {
            "start": {"required": _("Choose when the agreement starts.")},
            "end": {"required": _("Choose when the agreement ends.")},
            "price": {"required": _("Write the price.")},
            "buyer_contact": {"required": _("Write who the buyer's contact person is.")},
            "farm_contact": {"required": _("Write who the farm's contact person is.")},
            "emergency_phone": {"required": _("Write the emergency phone number.")},
            "meeting_points": {"required": _("Write how and where you meet to follow up.")},
            "responsibilities": {"required": _("Write what each side is responsible for.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        places = self.instance.places or {}
        self.weekday_fields = []
        for weekday, label in Weekday.choices:
            name = f"places_{weekday}"
            self.fields[name] = forms.IntegerField(
                label=_("Places on %(day)s") % {"day": label.lower()},
                required=False,
                min_value=0,
                max_value=50,
                initial=places.get(str(weekday)) or None,
                widget=forms.NumberInput(attrs={**INPUT, "min": 0, "max": 50, "inputmode": "numeric"}),
            )
            self.weekday_fields.append((label, self[name]))

    def clean_price(self):
        price = self.cleaned_data["price"]
        if price is not None and price < 0:
            raise forms.ValidationError(_("The price cannot be negative."))
        return price

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            # An error on «end» also keeps the database's own check from adding an English one.
            self.add_error("end", _("The agreement must end after it starts."))
        places = {str(day): cleaned[f"places_{day}"] for day in Weekday.values if cleaned.get(f"places_{day}")}
        if not places and not any(name.startswith("places_") for name in self.errors):
            raise forms.ValidationError(_("Give the number of places for at least one weekday."))
        cleaned["places"] = places
        return cleaned

    def terms(self):
        """The draft's new contents, for actions.do_update_draft: the cleaned terms without the
        per-weekday fields they were gathered from."""
        return {name: self.cleaned_data[name] for name in CONTENT_FIELDS}


class SignForm(forms.Form):
    """The confirmation step before signing. `contents` is the fingerprint of the version the person
    read, so a change made by the other side meanwhile is not signed unread."""

    confirm = forms.BooleanField(
        widget=forms.CheckboxInput(attrs={"class": "ds-input"}),
        error_messages={"required": _("Tick the box to confirm that you have read and approve the agreement.")},
    )
    contents = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = _("I have read the agreement and approve it on behalf of %(org)s") % {
            "org": organisation.name
        }


class NewVersionForm(forms.Form):
    note = forms.CharField(
        label=_("What should change"),
        max_length=300,
        widget=forms.Textarea(attrs={**INPUT, "rows": 3, "cols": 30}),
        help_text=_("For example «one more place on Thursdays from August». Both sides see it."),
        error_messages={"required": _("Write what should change, so the other side knows why.")},
    )


class SigningRuleForm(forms.ModelForm):
    class Meta:
        model = BuyerPolicy
        fields = ["second_approver_required"]
        widgets = {"second_approver_required": forms.CheckboxInput(attrs={"class": "ds-input"})}
        labels = {"second_approver_required": _("Two people must approve each agreement")}
        help_texts = {
            "second_approver_required": _(
                "The agreement is signed for the organisation only when two different people with the right to "
                "buy places have approved it."
            )
        }


class NoticeForm(forms.Form):
    note = forms.CharField(
        label=_("Why the agreement is terminated"),
        widget=forms.Textarea(attrs={**INPUT, "rows": 3, "cols": 30}),
        error_messages={"required": _("Write why the agreement is terminated, so the other side knows.")},
    )
