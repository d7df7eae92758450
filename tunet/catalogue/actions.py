"""Every change a provider makes to its farm, each in one transaction with one permission check,
and each kept in the farm's change history (who, when, what).

The actions take plain data, as the forms clean it (SearchForm aside, each form's cleaned_data is
exactly what its action takes: rules.submitted() passes it on)."""

from collections.abc import Iterable
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Model
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership, User
from tunet.core.models import PostalCode

from .forms import FarmForm, OfferForm
from .models import Activity, Animal, Farm, FarmChange, FarmPhoto, Language, OfferDay, ServiceOffer, TargetGroup

# What the history compares: the profile form's own fields (animals as a list of names) and the
# municipality the postcode sets.
FARM_HISTORY_FIELDS = [name for name in FarmForm.Meta.fields if name != "animals"] + ["municipality"]


def _snapshot(instance: Model, fields: list[str], many: Iterable[str] = ()) -> dict[str, Any]:
    data = model_to_dict(instance, fields=fields) if instance.pk else dict.fromkeys(fields)
    for name in many:
        data[name] = sorted(str(item) for item in getattr(instance, name).all()) if instance.pk else []
    return {
        key: value if isinstance(value, (int, float, bool, list, type(None))) else str(value)
        for key, value in data.items()
    }


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}


def _record_change(
    actor: User, farm: Farm, summary: str, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, list[Any]]:
    changes = _diff(before, after)
    if changes or not before:
        FarmChange.objects.create(farm=farm, actor=actor, summary=summary[:200], changes=changes)
    return changes


def _set_profile(farm: Farm, postal_code: PostalCode, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(farm, name, value)
    farm.postal_code = postal_code
    farm.municipality = postal_code.municipality  # the postcode decides the municipality


@transaction.atomic
def do_create_farm(
    membership: Membership, *, postal_code: PostalCode, animals: Iterable[Animal] = (), **fields: Any
) -> Farm:
    """The provider's first farm profile. A provider has one farm. fields: FarmForm's other fields."""
    access.require(access.has_perm(membership, access.Perm.EDIT_FARM, membership.organisation))
    farm = Farm(provider=membership.organisation)
    _set_profile(farm, postal_code, fields)
    farm.save()
    farm.animals.set(animals)
    _record_change(
        membership.user, farm, _("Farm profile created"), {}, _snapshot(farm, FARM_HISTORY_FIELDS, ["animals"])
    )
    return farm


@transaction.atomic
def do_update_farm(
    membership: Membership, farm: Farm, *, postal_code: PostalCode, animals: Iterable[Animal] = (), **fields: Any
) -> Farm:
    """A change to the farm's profile. fields: FarmForm's other fields."""
    access.require(access.can_edit_farm(membership, farm))
    before = _snapshot(Farm.objects.get(pk=farm.pk), FARM_HISTORY_FIELDS, ["animals"])
    _set_profile(farm, postal_code, fields)
    farm.save()
    farm.animals.set(animals)
    _record_change(
        membership.user, farm, _("Farm profile changed"), before, _snapshot(farm, FARM_HISTORY_FIELDS, ["animals"])
    )
    return farm


OFFER_MANY = ["target_groups", "activities", "languages", "days"]
OFFER_HISTORY_FIELDS = [name for name in OfferForm.Meta.fields if name not in OFFER_MANY]


@transaction.atomic
def do_save_offer(
    membership: Membership,
    farm: Farm,
    offer: ServiceOffer,
    *,
    days: Iterable[dict[str, Any]],
    target_groups: Iterable[TargetGroup],
    activities: Iterable[Activity] = (),
    languages: Iterable[Language] = (),
    **fields: Any,
) -> ServiceOffer:
    """Create (an offer not yet saved) or change a service offer and its weekdays. days: dicts of
    weekday, places, opens, closes; fields: OfferForm's other fields."""
    access.require(access.can_edit_farm(membership, farm))
    is_new = offer.pk is None
    before = {} if is_new else _snapshot(ServiceOffer.objects.get(pk=offer.pk), OFFER_HISTORY_FIELDS, OFFER_MANY)
    for name, value in fields.items():
        setattr(offer, name, value)
    offer.farm = farm
    offer.save()
    offer.target_groups.set(target_groups)
    offer.activities.set(activities)
    offer.languages.set(languages)
    offer.days.all().delete()
    OfferDay.objects.bulk_create(OfferDay(offer=offer, **day) for day in days)
    summary = _("Offer «%(title)s» created") if is_new else _("Offer «%(title)s» changed")
    _record_change(
        membership.user,
        farm,
        summary % {"title": offer.title},
        before,
        _snapshot(offer, OFFER_HISTORY_FIELDS, OFFER_MANY),
    )
    return offer


@transaction.atomic
def do_delete_offer(membership: Membership, offer: ServiceOffer) -> None:
    access.require(access.can_edit_farm(membership, offer.farm))
    before = _snapshot(offer, OFFER_HISTORY_FIELDS, OFFER_MANY)
    farm, title = offer.farm, offer.title
    offer.delete()
    FarmChange.objects.create(
        farm=farm,
        actor=membership.user,
        summary=(_("Offer «%(title)s» deleted") % {"title": title})[:200],
        changes={key: [value, None] for key, value in before.items()},
    )


@transaction.atomic
def do_add_photo(membership: Membership, farm: Farm, *, image: File, alt_text: str) -> FarmPhoto:
    access.require(access.can_edit_farm(membership, farm))
    photo = FarmPhoto(farm=farm, alt_text=alt_text, sort_order=farm.photos.count())
    photo.image = image  # as a form does: the width and height follow the file
    photo.save()
    FarmChange.objects.create(
        farm=farm,
        actor=membership.user,
        summary=(_("Photo added: %(alt)s") % {"alt": photo.alt_text})[:200],
        changes={},
    )
    return photo


@transaction.atomic
def do_delete_photo(membership: Membership, photo: FarmPhoto) -> None:
    access.require(access.can_edit_farm(membership, photo.farm))
    FarmChange.objects.create(
        farm=photo.farm,
        actor=membership.user,
        summary=(_("Photo deleted: %(alt)s") % {"alt": photo.alt_text})[:200],
        changes={},
    )
    name, storage = photo.image.name, photo.image.storage
    # The file goes once the row is surely gone.
    transaction.on_commit(lambda: storage.delete(name))  # type: ignore[arg-type]  # a saved photo has a name
    photo.delete()
