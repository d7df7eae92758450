"""Buying places: a buyer's request, the farms' answers (proposals), the agreement with its
versions and signatures, and the places each agreement reserves.

Capacity: a service offer has places per weekday (catalogue.OfferDay). An accepted proposal
reserves places on weekdays for a period (Reservation). capacity.py counts what is free and,
inside the accepting transaction, locks the offer's row so two buyers accepting at once cannot
both take the last place.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.accounts.models import Organisation
from tunet.catalogue.models import Farm, ServiceArea, ServiceOffer, TargetGroup, Weekday
from tunet.core.models import Municipality

# "Until terminated": the end of what an agreement that renews itself holds and runs.
OPEN_END = datetime.date(9999, 12, 31)


def weekday_labels(weekdays):
    return ", ".join(str(Weekday(day).label) for day in sorted(weekdays))


class PriceModel(models.TextChoices):
    PER_ATTENDED_DAY = "attended_day", _("Per attended day")
    PER_RESERVED_DAY = "reserved_day", _("Per reserved day")
    PER_PLACE_MONTH = "place_month", _("Per place per month")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Request(models.Model):
    """A buyer's need for places (forespørsel). The description must not carry personal data."""

    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="requests")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=150)
    service_area = models.CharField(_("service area"), max_length=30, choices=ServiceArea.choices)
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, verbose_name=_("target group"))
    places = models.PositiveSmallIntegerField(
        _("number of places"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    weekdays = models.JSONField(_("weekdays"), default=list)
    start = models.DateField(_("start"))
    months = models.PositiveSmallIntegerField(
        _("length in months"), validators=[MinValueValidator(1), MaxValueValidator(60)], default=12
    )
    transport_needed = models.BooleanField(_("transport needed"), default=False)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities")
    )
    near = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("near")
    )
    radius_km = models.PositiveSmallIntegerField(
        _("distance (km)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    answer_by = models.DateField(_("answers by"))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="request_places_positive"),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="request_status_known"),
            models.CheckConstraint(condition=Q(answer_by__lte=models.F("start")), name="request_answers_before_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def end(self):
        return add_months(self.start, self.months) - datetime.timedelta(days=1)

    @property
    def weekday_labels(self):
        return weekday_labels(self.weekdays)


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day.replace(year=year, month=month, day=min(day.day, last[month - 1]))


class Invitation(models.Model):
    """A farm asked to answer a request: by the buyer, or told because it matched."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="invitations")
    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "farm"], name="invitation_once")]

    def __str__(self):
        return f"{self.request} → {self.farm}"


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Sent to the buyer")
    DECLINED = "declined", _("Declined by the farm")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not chosen")


class Proposal(models.Model):
    """A farm's answer to a request: an offer of places, or a reasoned no."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="proposals")
    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="proposals")
    service_offer = models.ForeignKey(
        ServiceOffer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("service offer"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices)
    price_model = models.CharField(_("price model"), max_length=20, choices=PriceModel.choices, blank=True)
    price = models.DecimalField(_("price (NOK)"), max_digits=9, decimal_places=2, null=True, blank=True)
    places = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    weekdays = models.JSONField(_("weekdays"), default=list)
    transport = models.BooleanField(_("transport included"), default=False)
    note = models.TextField(_("note"), blank=True)
    decline_reason = models.TextField(_("why the farm says no"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "farm"], name="proposal_one_per_farm"),
            models.UniqueConstraint(fields=["request"], condition=Q(status="accepted"), name="proposal_one_accepted"),
            models.CheckConstraint(condition=Q(status__in=ProposalStatus.values), name="proposal_status_known"),
            models.CheckConstraint(
                condition=Q(status="declined")
                | (Q(service_offer__isnull=False) & Q(price__isnull=False) & Q(places__gte=1) & ~Q(price_model="")),
                name="proposal_offer_is_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="proposal_decline_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.farm} – {self.request}"

    @property
    def weekday_labels(self):
        return weekday_labels(self.weekdays)


# --- Agreements -------------------------------------------------------------------------------------


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Being agreed")
    ACTIVE = "active", _("Signed and in force")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled before signing")


class Agreement(models.Model):
    """The standard agreement between a buyer and a farm. Its contents live in versions."""

    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreements")
    farm = models.ForeignKey(Farm, on_delete=models.PROTECT, related_name="agreements")
    service_offer = models.ForeignKey(ServiceOffer, on_delete=models.PROTECT, related_name="agreements")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="agreement")
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    ends_on = models.DateField(_("ends (after notice)"), null=True, blank=True)
    notice_given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notice_given_at = models.DateTimeField(_("notice given"), null=True, blank=True)
    notice_note = models.TextField(_("why notice was given"), blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AgreementStatus.values), name="agreement_status_known"),
        ]

    def __str__(self):
        return f"{self.buyer} – {self.farm}"


class MeetingFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every three months")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Once a year")


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    REPLACED = "replaced", _("Replaced by a newer version")


class AgreementVersion(models.Model):
    """One version of an agreement's contents. Once both sides have signed it, it never changes:
    a change is a new version, signed again."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    renewal_years = models.PositiveSmallIntegerField(
        _("renewal (years)"),
        default=1,
        validators=[MaxValueValidator(5)],
        help_text=_("How long the agreement is renewed for at a time, unless it is ended. 0 means no renewal."),
    )
    places = models.JSONField(_("places per weekday"), default=dict)
    price_model = models.CharField(_("price model"), max_length=20, choices=PriceModel.choices)
    price = models.DecimalField(_("price (NOK)"), max_digits=9, decimal_places=2)
    transport = models.BooleanField(_("the farm drives the participants"), default=False)
    buyer_contact = models.CharField(_("buyer's contact"), max_length=200)
    farm_contact = models.CharField(_("farm's contact"), max_length=200)
    emergency_phone = models.CharField(_("emergency phone"), max_length=30)
    meeting_points = models.TextField(_("meeting points"))
    meeting_frequency = models.CharField(
        _("how often they meet"), max_length=20, choices=MeetingFrequency.choices, default=MeetingFrequency.QUARTERLY
    )
    responsibilities = models.TextField(_("responsibilities"))
    termination_months = models.PositiveSmallIntegerField(
        _("termination notice (months)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of an agreement")
        verbose_name_plural = _("versions of agreements")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_number_unique"),
            models.UniqueConstraint(
                fields=["agreement"], condition=Q(state="draft"), name="agreement_one_draft_version"
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="agreement_version_end_after_start"),
            models.CheckConstraint(condition=Q(price__gte=0), name="agreement_version_price_not_negative"),
        ]

    def __str__(self):
        return f"{self.agreement} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk).exclude(state=VersionState.DRAFT).exists():
            # Only the state may move on (signed -> replaced); the contents of a signed version never change.
            stored = type(self).objects.get(pk=self.pk)
            if any(
                getattr(stored, f.attname) != getattr(self, f.attname)
                for f in self._meta.concrete_fields
                if f.attname != "state"
            ):
                raise ValueError("A signed agreement version cannot be changed; make a new version.")
        super().save(*args, **kwargs)

    @property
    def weekdays(self):
        return sorted(int(day) for day, places in self.places.items() if places)

    @property
    def runs_until(self):
        """The last day this version can be in force: its end date, or, when it renews itself,
        open until the agreement is terminated; never after the day notice ends the agreement."""
        last = self.end if not self.renewal_years else OPEN_END
        return min(last, self.agreement.ends_on or OPEN_END)


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    FARM = "farm", _("Farm")


class Signature(models.Model):
    """An electronic approval of one version: who, for which side, when."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="signatures")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("signed"), default=timezone.now)

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "side", "user"], name="signature_once_per_person"),
        ]

    def __str__(self):
        return f"{self.user} ({self.side})"


class BuyerPolicy(models.Model):
    """A buyer organisation's rule for signing: whether two people must approve an agreement."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="buyer_policy")
    second_approver_required = models.BooleanField(_("two people approve each agreement"), default=False)

    class Meta:
        verbose_name = _("signing rule")
        verbose_name_plural = _("signing rules")

    def __str__(self):
        return str(self.organisation)


# --- Capacity ----------------------------------------------------------------------------------------


class Reservation(models.Model):
    """Places an agreement holds on a weekday of a service offer, for a period."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reservations")
    service_offer = models.ForeignKey(ServiceOffer, on_delete=models.CASCADE, related_name="reservations")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    places = models.PositiveSmallIntegerField(_("places"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "weekday"], name="reservation_one_per_weekday"),
            models.CheckConstraint(condition=Q(places__gte=1), name="reservation_places_positive"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="reservation_end_after_start"),
        ]
        indexes = [models.Index(fields=["service_offer", "weekday", "end"], name="reservation_capacity_idx")]

    def __str__(self):
        return f"{self.agreement}: {self.places} × {self.get_weekday_display()}"
