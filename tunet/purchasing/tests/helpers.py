"""What the purchasing tests share: logging in, the agreement form's data, what people were told."""

from django.urls import reverse

from tunet.core.models import Notification
from tunet.purchasing import actions, forms
from tunet.purchasing.models import Reservation


def as_(client, membership):
    client.force_login(membership.user)
    return client


def form_data(version, **changes):
    """The edit form's fields as the page fills them in for this version, with changes."""
    data = {
        "start": version.start.isoformat(),
        "end": version.end.isoformat(),
        "renewal_years": version.renewal_years,
        "termination_months": version.termination_months,
        "price_model": version.price_model,
        "price": str(version.price),
        "buyer_contact": version.buyer_contact,
        "farm_contact": version.farm_contact,
        "emergency_phone": version.emergency_phone or "900 00 000",
        "meeting_points": version.meeting_points,
        "meeting_frequency": version.meeting_frequency,
        "responsibilities": version.responsibilities,
        **{f"places_{day}": places for day, places in version.places.items()},
    }
    if version.transport:
        data["transport"] = "on"
    data.update(changes)
    return data


def edit(membership, version, **changes):
    form = forms.AgreementForm(form_data(version, **changes), instance=version)
    assert form.is_valid(), form.errors
    return actions.do_update_draft(membership, version, **form.terms())


def told(user, agreement):
    """How many notifications about the agreement the person has had (whatever the language)."""
    return Notification.objects.filter(user=user, url=reverse("purchasing:agreement", args=[agreement.pk])).count()


def reserved(agreement):
    return dict(Reservation.objects.filter(agreement=agreement).values_list("weekday", "places"))
