"""Participants and their placements on agreements.

A participant is registered by the buyer with the minimum the farm day needs, and no diagnosis.
Every read of a participant's data goes through access.py and writes an access-log row. A
protected participant's address and contact details are shown only to the people named for it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.accounts.models import Organisation
from tunet.core.models import PostalCode
from tunet.purchasing.models import Agreement, weekday_labels


class Participant(models.Model):
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="participants")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    national_id = models.CharField(_("national identity number"), max_length=11, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    street_address = models.CharField(_("pick-up address"), max_length=200, blank=True)
    postal_code = models.ForeignKey(
        PostalCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("postcode")
    )
    emergency_name = models.CharField(_("emergency contact"), max_length=150, blank=True)
    emergency_phone = models.CharField(_("emergency contact's phone"), max_length=30, blank=True)
    allergies = models.TextField(_("allergies"), blank=True)
    fears = models.TextField(_("fears and what calms"), blank=True)
    mobility = models.TextField(_("mobility"), blank=True)
    other_needs = models.TextField(_("other adaptations"), blank=True)
    protected = models.BooleanField(
        _("protected"),
        default=False,
        help_text=_("For example a protected address: address and contact details are shown only to named people."),
    )
    named_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("named people")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "id"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_national_id(self):
        """Shown as the birth date and five stars: enough to tell two people apart, no more."""
        return f"{self.national_id[:6]}*****" if self.national_id else ""


class PlacementStatus(models.TextChoices):
    REFERRED = "referred", _("Referred, waiting for the farm")
    DECLINED = "declined", _("Declined by the farm")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class EndReason(models.TextChoices):
    WORK = "work", _("Work")
    EDUCATION = "education", _("Education")
    OTHER_MEASURE = "other_measure", _("Another measure")
    MOVED = "moved", _("Moved")
    HEALTH = "health", _("Health")
    OWN_WISH = "own_wish", _("Own wish")
    OTHER = "other", _("Other")


class Placement(models.Model):
    """One participant on one agreement (a referral until the farm accepts): weekdays, start,
    planned end. Placements never take more places on a weekday than the agreement has."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="placements")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="placements")
    weekdays = models.JSONField(_("weekdays"), default=list)
    start = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlacementStatus.choices, default=PlacementStatus.REFERRED
    )
    referral_note = models.TextField(_("what the farm should know"), blank=True)
    decline_reason = models.TextField(_("why the farm says no"), blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.TextField(_("note on the ending"), blank=True)
    pickup_order = models.PositiveSmallIntegerField(_("pick-up order"), default=0)
    pickup_time = models.TimeField(_("pick-up time"), null=True, blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(_("referred"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["pickup_order", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PlacementStatus.values), name="placement_status_known"),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_end__gte=models.F("start")),
                name="placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="placement_ended_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="placement_decline_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["agreement", "status"], name="placement_agreement_idx")]

    def __str__(self):
        return f"{self.participant} – {self.agreement}"

    @property
    def weekday_labels(self):
        return weekday_labels(self.weekdays)

    def is_on(self, day):
        """Whether the participant comes to the farm on this date."""
        return (
            self.status == PlacementStatus.ACTIVE
            and day.weekday() in self.weekdays
            and self.start <= day
            and (self.planned_end is None or day <= self.planned_end)
            and (self.ended_on is None or day <= self.ended_on)
        )
