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
            # A participant waits for, or holds, at most one place on an agreement at a time: a
            # second click on "refer" cannot make a second referral.
            models.UniqueConstraint(
                fields=["participant", "agreement"],
                condition=Q(status__in=["referred", "active"]),
                name="placement_one_open_per_agreement",
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


# --- Changes the farm proposes and the buyer decides ------------------------------------------------


class ChangeKind(models.TextChoices):
    EXTEND = "extend", _("Extend")
    END = "end", _("End")
    CHANGE_WEEKDAYS = "change_weekdays", _("Change weekdays")


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the buyer")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class PlacementChange(models.Model):
    """A change to an active placement that the farm proposes, with a reason, and the buyer decides."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=20, choices=ChangeKind.choices)
    reason = models.TextField(_("reason"))
    new_end = models.DateField(_("new end"), null=True, blank=True)
    new_weekdays = models.JSONField(_("new weekdays"), default=list, blank=True)
    end_reason = models.CharField(_("why it ends"), max_length=20, choices=EndReason.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("the buyer's note"), blank=True)

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ChangeKind.values), name="placement_change_kind_known"),
            models.CheckConstraint(condition=Q(status__in=ChangeStatus.values), name="placement_change_status_known"),
            models.CheckConstraint(condition=~Q(reason=""), name="placement_change_has_reason"),
            models.CheckConstraint(
                condition=~Q(kind="extend") | Q(new_end__isnull=False), name="placement_change_extend_has_end"
            ),
            models.CheckConstraint(
                condition=~Q(kind="end") | (Q(new_end__isnull=False) & ~Q(end_reason="")),
                name="placement_change_end_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(decided_at__isnull=False), name="placement_change_decided_at"
            ),
            # One open proposal per placement: the buyer decides one thing at a time, and a second
            # click on "send" cannot make a second proposal.
            models.UniqueConstraint(
                fields=["placement"], condition=Q(status="proposed"), name="placement_change_one_open"
            ),
        ]

    def __str__(self):
        return f"{self.placement}: {self.get_kind_display()}"

    @property
    def new_weekday_labels(self):
        return weekday_labels(self.new_weekdays)


# --- Risk assessment and goals ------------------------------------------------------------------------


class RiskAssessment(models.Model):
    """The standard's risk assessment for one participant on one farm, kept by the farm. Each save
    keeps the earlier text as a revision, so what was known when can be read later."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="risk_assessments")
    farm = models.ForeignKey("catalogue.Farm", on_delete=models.PROTECT, related_name="+")
    hazards = models.TextField(_("what can go wrong"))
    measures = models.TextField(_("what the farm does about it"))
    reviewed_with = models.CharField(_("reviewed with"), max_length=200, blank=True)
    reviewed_on = models.DateField(_("reviewed on"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        constraints = [
            models.UniqueConstraint(fields=["participant", "farm"], name="risk_assessment_one_per_farm"),
        ]

    def __str__(self):
        return f"{self.participant} – {self.farm}"


class RiskAssessmentRevision(models.Model):
    """A risk assessment as it read before a later save replaced it."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="revisions")
    hazards = models.TextField(_("what can go wrong"))
    measures = models.TextField(_("what the farm does about it"))
    reviewed_with = models.CharField(_("reviewed with"), max_length=200, blank=True)
    reviewed_on = models.DateField(_("reviewed on"))
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(_("saved"))

    class Meta:
        ordering = ["-saved_at", "-id"]

    def __str__(self):
        return f"{self.assessment} ({self.saved_at:%Y-%m-%d})"


class GoalStatus(models.TextChoices):
    WORKING = "working", _("Working on it")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("No longer a goal")


class Goal(models.Model):
    """What the stay is meant to achieve, followed up in meetings with progress notes."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("how we will know"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.WORKING)
    # Shown on the participant's own pages (and to relatives whose consent covers goals).
    shared = models.BooleanField(_("shown to the participant"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=GoalStatus.values), name="goal_status_known"),
            models.CheckConstraint(condition=~Q(title=""), name="goal_has_title"),
        ]

    def __str__(self):
        return self.title


class GoalNote(models.Model):
    """A progress note on a goal: what happened, by whom, when."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"))
    shared = models.BooleanField(_("shown to the participant"), default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="goal_note_has_text")]

    def __str__(self):
        return f"{self.goal}: {self.text[:40]}"
