"""The search's filter form, with Norwegian parameter names in the URL, and the Criteria it gives."""

import copy
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..models import ServiceArea, Weekday
from .lists import Place, find_place, lookups

RADIUS_CHOICES = [(10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km"), (100, "100 km")]
ANIMALS_ANY = "med"
ANIMALS_NONE = "uten"


def _frozen(value):
    """A hashable stand-in for a widget's value, attributes or choices (lazy labels as text)."""
    if isinstance(value, dict):
        return tuple((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value if value is None or isinstance(value, bool | int | float) else str(value)


class Remembered:
    """A widget that keeps its HTML for the same name, value, attributes, choices and language.

    Django renders every option through a template: the municipality list (357 options) took
    about a third of the catalogue page's time. The HTML is Django's own, only not made twice.
    """

    rendered: dict[tuple, str] = {}
    MAX_REMEMBERED = 2000
    MAX_VALUE_LENGTH = 100  # what people type in is kept only while it is short

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, str) and len(value) > self.MAX_VALUE_LENGTH:
            return super().render(name, value, attrs, renderer)
        # Choices from the reference lists carry the stamp of that reading; hashing 357 of them
        # on every render would cost about as much as rendering them.
        stamp = getattr(self, "choices_stamp", None)
        key = (
            type(self), name, _frozen(value), _frozen(self.attrs), _frozen(attrs),
            stamp if stamp is not None else _frozen(getattr(self, "choices", None)),
            self.is_required, self.is_localized, get_language(), renderer,
        )  # fmt: skip
        html = self.rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            if len(self.rendered) >= self.MAX_REMEMBERED:
                self.rendered.clear()
            self.rendered[key] = html
        return html


class RememberedSelect(Remembered, forms.Select):
    pass


class RememberedTextInput(Remembered, forms.TextInput):
    pass


class RememberedCheckbox(Remembered, forms.CheckboxInput):
    pass


class WeekdayOptions(Remembered, forms.CheckboxSelectMultiple):
    """The weekdays side by side, each box in its label."""

    template_name = "catalogue/widgets/weekday_options.html"


class SharedChoiceField(forms.ChoiceField):
    """A choice field whose choices and widget every copy shares. Django deep-copies a form's fields
    for each form, and a widget's copy checks all its choices again: the 357 municipalities took
    2 ms a search. Neither the choices nor the widget are changed after the fields are prepared."""

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


def _fields(choices):
    any_ = [("", _("All"))]
    fields = {
        "omrade": (_("Service area"), any_ + list(ServiceArea.choices)),
        "malgruppe": (_("Target group"), any_ + [(code, name) for _id, code, name in choices["target_groups"]]),
        "fylke": (_("County"), any_ + choices["counties"]),
        "kommune": (
            _("Municipality"),
            any_ + [(number, name) for number, name, *_rest in choices["municipalities"]],
        ),
        "dyr": (
            _("Animals"),
            [
                ("", _("No matter")),
                (ANIMALS_ANY, _("With animals")),
                (ANIMALS_NONE, _("Without animals")),
                (_("Which animals"), [(code, name) for _id, code, name in choices["animals"]]),
            ],
        ),
    }
    fields = {
        name: SharedChoiceField(
            label=label, required=False, choices=options, widget=RememberedSelect(attrs={"class": "ds-input"})
        )
        for name, (label, options) in fields.items()
    }
    for field in fields.values():
        field.widget.choices_stamp = choices["stamp"]
    return fields


def list_fields() -> dict[str, forms.Field]:
    """The form's list fields, made once per reading of the reference lists and kept with the lookups."""
    made = lookups()
    if "fields" not in made:
        made["fields"] = _fields(made["choices"])
    return made["fields"]


@dataclass(frozen=True)
class Criteria:
    service_area: str | None = None
    target_group: str | None = None
    county: str | None = None
    municipality: str | None = None
    place: Place | None = None
    radius_km: int = 30
    animals: str | None = None
    transport: bool = False
    weekdays: tuple | list = ()

    @property
    def filters_offers(self) -> bool:
        return bool(self.service_area or self.target_group or self.weekdays)


class SearchForm(forms.Form):
    # The list fields come from list_fields() in __init__; these only hold their place in the form.
    omrade = malgruppe = fylke = kommune = SharedChoiceField(required=False)
    sted = forms.CharField(
        label=_("Near"),
        required=False,
        max_length=100,
        help_text=_("A municipality, a post town or a postcode."),
        widget=RememberedTextInput,
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        required=False,
        coerce=int,
        choices=RADIUS_CHOICES,
        empty_value=30,  # type: ignore[arg-type]  # the stubs want a str; Django returns it as it is
        initial=30,
        widget=RememberedSelect,
    )
    dyr = SharedChoiceField(required=False)
    transport = forms.BooleanField(label=_("Transport offered"), required=False, widget=RememberedCheckbox)
    dag = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), required=False, coerce=int, choices=Weekday.choices, widget=WeekdayOptions
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The declared list fields hold the place in the form's order; the prepared ones replace them.
        for name, field in list_fields().items():
            self.fields[name] = copy.deepcopy(field)
        for name, field in self.fields.items():
            if name not in {"dag", "transport"}:
                field.widget.attrs.setdefault("class", "ds-input")

    def clean_sted(self):
        text = " ".join(self.cleaned_data["sted"].split())
        if not text:
            return None
        place = find_place(text)
        if place is None:
            raise forms.ValidationError(
                _("We do not know the place «%(place)s». Write a municipality, a post town or a postcode."),
                params={"place": text},
            )
        return place

    def criteria(self) -> Criteria:
        """The valid filters as a Criteria, ignoring fields with errors."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return Criteria(
            service_area=data.get("omrade") or None,
            target_group=data.get("malgruppe") or None,
            county=data.get("fylke") or None,
            municipality=data.get("kommune") or None,
            place=data.get("sted"),
            radius_km=data.get("radius") or 30,
            animals=data.get("dyr") or None,
            transport=bool(data.get("transport")),
            weekdays=sorted(set(data.get("dag") or [])),
        )
