"""The choice of period and area on the statistics page."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from tunet.catalogue.models import ServiceArea
from tunet.core.forms import DateInput

from . import queries
from .queries import Filters

SELECT = {"class": "ds-input"}
LONGEST_PERIOD = datetime.timedelta(days=5 * 366)


class FilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    county = forms.ChoiceField(label=_("County"), required=False, widget=forms.Select(attrs=SELECT))
    municipality = forms.ChoiceField(label=_("Municipality"), required=False, widget=forms.Select(attrs=SELECT))
    service_area = forms.ChoiceField(
        label=_("Service area"),
        required=False,
        choices=[("", _("All service areas")), *ServiceArea.choices],
        widget=forms.Select(attrs=SELECT),
    )
    target_group = forms.ChoiceField(label=_("Target group"), required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, data, *, scope):
        self.default_start, self.default_end = queries.default_period()
        super().__init__(data or None, initial={"start": self.default_start, "end": self.default_end})
        counties = list(queries.counties_in(scope))
        all_label = _("The whole region") if scope.counties is not None else _("The whole country")
        self.fields["county"].choices = [("", all_label), *((c.number, c.name) for c in counties)]
        self.municipality_county = {m.number: m.county_id for m in queries.municipalities_in(scope)}
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *((m.number, m.name) for m in queries.municipalities_in(scope)),
        ]
        self.fields["target_group"].choices = [
            ("", _("All target groups")),
            *((str(g.pk), g.name) for g in queries.target_groups()),
        ]

    def clean(self):
        data = super().clean()
        if "start" in data and not data["start"]:
            data["start"] = self.default_start
        if "end" in data and not data["end"]:
            data["end"] = self.default_end
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end must be on or after the start."))
        elif start and end and end - start > LONGEST_PERIOD:
            self.add_error("start", _("Choose a period of at most five years."))
        municipality, county = data.get("municipality"), data.get("county")
        if municipality and county and self.municipality_county.get(municipality) != county:
            self.add_error("municipality", _("The municipality is not in the chosen county."))
        return data

    def filters(self):
        """The chosen filters when the form is valid, else the defaults (the whole scope, last year)."""
        if not self.is_bound or not self.is_valid():
            return Filters(start=self.default_start, end=self.default_end)
        data = self.cleaned_data
        return Filters(
            start=data["start"],
            end=data["end"],
            county=data["county"],
            municipality=data["municipality"],
            service_area=data["service_area"],
            target_group=int(data["target_group"]) if data["target_group"] else None,
        )
