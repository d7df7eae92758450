"""Farms, their service offers, and the reference lists the catalogue filters on."""

import datetime
import os
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.accounts.models import Organisation
from tunet.core.models import Municipality, PostalCode


class ServiceArea(models.TextChoices):
    EDUCATION = "education", _("Upbringing and education")
    WORK = "work", _("Work and rehabilitation")
    HEALTH = "health", _("Health and care")
    INTEGRATION = "integration", _("Integration")
    CORRECTIONAL = "correctional", _("Correctional services")
    PREVENTION = "prevention", _("Prevention")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Season(models.TextChoices):
    ALL_YEAR = "all_year", _("All year")
    SPRING = "spring", _("Spring")
    SUMMER = "summer", _("Summer")
    AUTUMN = "autumn", _("Autumn")
    WINTER = "winter", _("Winter")


class ReferenceItem(models.Model):
    """A short list the approval body keeps (names are data, in Norwegian)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class TargetGroup(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Animal(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("animal")
        verbose_name_plural = _("animals")


class Activity(ReferenceItem):
    season = models.CharField(_("season"), max_length=20, choices=Season.choices, default=Season.ALL_YEAR)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")


class Language(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class FarmQuerySet(models.QuerySet):
    def listed(self, today: datetime.date | None = None) -> "FarmQuerySet":
        """The farms the catalogue lists: those with a valid approval (Farm.is_listed() for one farm).

        Read from the farm's listed_until, which the approval writes, so no join to the approvals.
        The catalogue search's SQL (search/sql.py) writes the same condition by hand."""
        return self.filter(listed_until__gte=today or timezone.localdate())


class Farm(models.Model):
    """The farm a provider runs. What the public sees once the farm is approved."""

    provider = models.OneToOneField(
        Organisation, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="farm"
    )
    name = models.CharField(_("name of the farm"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the farm is like and what a day there can be like.")
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.ForeignKey(
        PostalCode, verbose_name=_("postcode"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="farms"
    )
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(57.5), MaxValueValidator(71.5)])
    longitude = models.FloatField(_("longitude"), validators=[MinValueValidator(4.0), MaxValueValidator(31.5)])
    animals = models.ManyToManyField(Animal, verbose_name=_("animals"), blank=True, related_name="farms")
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    indoor_space = models.BooleanField(_("indoor space for participants"), default=False)
    transport_offered = models.BooleanField(_("transport to and from the farm"), default=False)
    what_to_bring = models.TextField(
        _("what participants bring"),
        blank=True,
        help_text=_(
            "Shown on the participants' own pages. For example «Clothes for the weather, boots and a packed lunch»."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The last day the farm may be listed: its approval's valid-until while the approval is
    # approved, else empty. Written only by the approval (approval.models: Approval.save() and
    # sync_listings()), so that the catalogue's search reads the farm alone, without a join.
    listed_until = models.DateField(null=True, blank=True, editable=False)

    objects = FarmQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("farm")
        verbose_name_plural = _("farms")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="farm_position_idx"),
            # The catalogue lists farms by name, 20 to a page: read in name order, stop after 20.
            models.Index(fields=["name", "id"], name="farm_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=57.5, latitude__lte=71.5, longitude__gte=4.0, longitude__lte=31.5),
                name="farm_position_in_norway",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # An edit of the profile must not write back the listed_until it read: the approval may
        # have changed it meanwhile.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "listed_until"
            ]
        super().save(*args, **kwargs)

    def is_listed(self, today: datetime.date | None = None) -> bool:
        """Whether the catalogue lists the farm: the rule of Farm.objects.listed(), for a farm in memory."""
        return self.listed_until is not None and self.listed_until >= (today or timezone.localdate())


class ServiceOffer(models.Model):
    """One service a farm offers: for whom, what, on which weekdays and how many places."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(_("name of the offer"), max_length=200)
    service_area = models.CharField(_("service area"), max_length=30, choices=ServiceArea.choices)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), related_name="offers")
    activities = models.ManyToManyField(Activity, verbose_name=_("activities"), blank=True, related_name="offers")
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True, related_name="offers")
    description = models.TextField(_("description"), blank=True)
    price_indication = models.CharField(
        _("price indication"),
        max_length=200,
        blank=True,
        help_text=_("For example «1 400 kr per day per place»."),
    )
    is_active = models.BooleanField(_("shown in the catalogue"), default=True)

    class Meta:
        ordering = ["farm", "title"]
        verbose_name = _("service offer")
        verbose_name_plural = _("service offers")
        constraints = [
            models.CheckConstraint(condition=Q(service_area__in=ServiceArea.values), name="offer_service_area_known"),
        ]

    def __str__(self):
        return self.title


class OfferDay(models.Model):
    """A weekday an offer runs, its hours and its places."""

    offer = models.ForeignKey(ServiceOffer, on_delete=models.CASCADE, related_name="days")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    places = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    opens = models.TimeField(_("from"))
    closes = models.TimeField(_("to"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("day")
        verbose_name_plural = _("days")
        constraints = [
            models.UniqueConstraint(fields=["offer", "weekday"], name="offerday_one_per_weekday"),
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6), name="offerday_weekday_valid"),
            models.CheckConstraint(condition=Q(places__gte=1), name="offerday_places_positive"),
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="offerday_closes_after_opens"),
        ]
        indexes = [models.Index(fields=["weekday", "offer"], name="offerday_weekday_idx")]

    def __str__(self):
        return f"{self.weekday_label} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def weekday_label(self):
        # get_weekday_display() rebuilds its lookup table on every call; the catalogue calls it often.
        return Weekday(self.weekday).label


def farm_photo_path(instance, filename):
    # Never the uploader's name (it can name a person or a place): uploads.clean_image gives a random one.
    return f"farms/{instance.farm_id}/{secrets.token_hex(16)}{os.path.splitext(filename)[1][:5]}"


class FarmPhoto(models.Model):
    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=farm_photo_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=250,
        help_text=_("What the photo shows, for those who cannot see it. For example «Two sheep in the pasture»."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [models.CheckConstraint(condition=~Q(alt_text=""), name="farmphoto_alt_text_required")]

    def __str__(self):
        return self.alt_text


class FarmChange(models.Model):
    """One saved change to a farm's profile or offers: who, when, what (field: [before, after])."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    summary = models.CharField(_("what"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("change history")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"
