"""Every change a provider makes to its farm, each in one transaction with one permission check,
and each kept in the farm's change history (who, when, what)."""

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from tunet.accounts import access

from .forms import FarmForm, OfferForm
from .models import Farm, FarmChange, OfferDay

# What the history compares: the profile form's own fields (animals as a list of names) and the
# municipality the postcode sets.
FARM_HISTORY_FIELDS = [name for name in FarmForm.Meta.fields if name != "animals"] + ["municipality"]


def _snapshot(instance, fields, many=()):
    data = model_to_dict(instance, fields=fields) if instance.pk else dict.fromkeys(fields)
    for name in many:
        data[name] = sorted(str(item) for item in getattr(instance, name).all()) if instance.pk else []
    return {
        key: value if isinstance(value, (int, float, bool, list, type(None))) else str(value)
        for key, value in data.items()
    }


def _diff(before, after):
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}


def record_change(actor, farm, summary, before, after):
    changes = _diff(before, after)
    if changes or not before:
        FarmChange.objects.create(farm=farm, actor=actor, summary=summary[:200], changes=changes)
    return changes


@transaction.atomic
def do_create_farm(membership, form):
    """The provider's first farm profile. A provider has one farm."""
    access.require(access.has_perm(membership, access.Perm.EDIT_FARM, membership.organisation))
    farm = form.save(commit=False)
    farm.provider = membership.organisation
    farm.save()
    form.save_m2m()
    record_change(
        membership.user, farm, _("Farm profile created"), {}, _snapshot(farm, FARM_HISTORY_FIELDS, ["animals"])
    )
    return farm


@transaction.atomic
def do_update_farm(membership, farm, form):
    access.require(access.can_edit_farm(membership, farm))
    before = _snapshot(Farm.objects.get(pk=farm.pk), FARM_HISTORY_FIELDS, ["animals"])
    farm = form.save()
    record_change(
        membership.user, farm, _("Farm profile changed"), before, _snapshot(farm, FARM_HISTORY_FIELDS, ["animals"])
    )
    return farm


OFFER_MANY = ["target_groups", "activities", "languages", "days"]
OFFER_HISTORY_FIELDS = [name for name in OfferForm.Meta.fields if name not in OFFER_MANY]


@transaction.atomic
def do_save_offer(membership, farm, form):
    """Create or change a service offer and its weekdays."""
    access.require(access.can_edit_farm(membership, farm))
    is_new = form.instance.pk is None
    before = (
        {}
        if is_new
        else _snapshot(type(form.instance).objects.get(pk=form.instance.pk), OFFER_HISTORY_FIELDS, OFFER_MANY)
    )
    offer = form.save(commit=False)
    offer.farm = farm
    offer.save()
    form.save_m2m()
    offer.days.all().delete()
    OfferDay.objects.bulk_create(OfferDay(offer=offer, **day) for day in form.cleaned_data["days"])
    summary = _("Offer «%(title)s» created") if is_new else _("Offer «%(title)s» changed")
    record_change(
        membership.user,
        farm,
        summary % {"title": offer.title},
        before,
        _snapshot(offer, OFFER_HISTORY_FIELDS, OFFER_MANY),
    )
    return offer


@transaction.atomic
def do_delete_offer(membership, offer):
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
def do_add_photo(membership, farm, form):
    access.require(access.can_edit_farm(membership, farm))
    photo = form.save(commit=False)
    photo.farm = farm
    photo.sort_order = farm.photos.count()
    photo.save()
    FarmChange.objects.create(
        farm=farm,
        actor=membership.user,
        summary=(_("Photo added: %(alt)s") % {"alt": photo.alt_text})[:200],
        changes={},
    )
    return photo


@transaction.atomic
def do_delete_photo(membership, photo):
    access.require(access.can_edit_farm(membership, photo.farm))
    FarmChange.objects.create(
        farm=photo.farm,
        actor=membership.user,
        summary=(_("Photo deleted: %(alt)s") % {"alt": photo.alt_text})[:200],
        changes={},
    )
    # The file goes once the row is surely gone.
    transaction.on_commit(lambda name=photo.image.name, storage=photo.image.storage: storage.delete(name))
    photo.delete()
