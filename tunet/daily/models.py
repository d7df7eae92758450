"""The farm day and what follows from it: attendance, closed days, the day's note, incidents,
follow-up meetings with their actions, and the monthly invoice basis.

Attendance is per placement per date (one row, changed in place), so a second tap or a
double-submitted form can never count a day twice. A sent invoice basis keeps the lines and the
total it was sent with, so what the buyer received never changes afterwards.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tunet.care.models import Placement
from tunet.catalogue.models import Farm
from tunet.purchasing.models import Agreement


class AttendanceStatus(models.TextChoices):
    # A context of their own: «Closed» and «Present» mean other things elsewhere in the app.
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    ABSENT_NOTICE = "absent_notice", pgettext_lazy("attendance", "Absence reported")
    NO_SHOW = "no_show", pgettext_lazy("attendance", "Did not come")
    SENT_HOME = "sent_home", pgettext_lazy("attendance", "Sent home")
    CLOSED = "closed", pgettext_lazy("attendance", "Closed")


class Attendance(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="attendance")
    date = models.DateField(_("date"))
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)
    hours = models.DecimalField(
        pgettext_lazy("attendance", "hours"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="attendance_once_per_day"),
            models.CheckConstraint(condition=Q(status__in=AttendanceStatus.values), name="attendance_status_known"),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | (Q(hours__gte=0) & Q(hours__lte=24)), name="attendance_hours_in_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.placement_id} {self.date}: {self.status}"


class ClosedDay(models.Model):
    """A day the farm is closed (a holiday, bad weather): nobody comes and nothing is billed."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    reason = models.CharField(_("why the farm is closed"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["farm", "date"], name="closed_day_once")]

    def __str__(self):
        return f"{self.farm} {self.date}"


class DayNote(models.Model):
    """What the farm did that day, and anything worth remembering, for the whole group."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="day_notes")
    date = models.DateField(_("date"))
    activities = models.TextField(_("the day's activities"), blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("day note")
        verbose_name_plural = _("day notes")
        constraints = [models.UniqueConstraint(fields=["farm", "date"], name="day_note_once")]

    def __str__(self):
        return f"{self.farm} {self.date}"


# --- Incidents ------------------------------------------------------------------------------------------


class Severity(models.TextChoices):
    LOW = "low", _("Minor")
    MEDIUM = "medium", _("Moderate")
    HIGH = "high", _("Serious")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Waiting for follow-up")
    FOLLOWED_UP = "followed_up", _("Followed up")


class Incident(models.Model):
    """Something that happened to a participant at the farm, reported to the buyer."""

    farm = models.ForeignKey(Farm, on_delete=models.PROTECT, related_name="incidents")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="incidents")
    occurred_at = models.DateTimeField(_("when it happened"))
    severity = models.CharField(_("how serious"), max_length=10, choices=Severity.choices)
    what_happened = models.TextField(_("what happened"))
    immediate_action = models.TextField(_("what was done at once"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(severity__in=Severity.values), name="incident_severity_known"),
            models.CheckConstraint(condition=Q(status__in=IncidentStatus.values), name="incident_status_known"),
            models.CheckConstraint(condition=~Q(what_happened=""), name="incident_has_description"),
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(follow_up="") & Q(followed_up_at__isnull=False)),
                name="incident_followed_up_has_text",
            ),
        ]

    def __str__(self):
        return f"{self.farm}: {self.occurred_at:%Y-%m-%d}"


# --- Follow-up meetings ---------------------------------------------------------------------------------


class FollowUpMeeting(models.Model):
    """A meeting point between the farm and the buyer (and the participant, if it is about one)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="meetings")
    placement = models.ForeignKey(
        Placement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("about the participant"),
    )
    scheduled_on = models.DateField(_("date"))
    held = models.BooleanField(_("held"), default=False)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up meeting")
        verbose_name_plural = _("follow-up meetings")
        ordering = ["scheduled_on", "id"]
        constraints = [
            # Scheduling twice from the agreement's frequency must not give two meetings on one date.
            models.UniqueConstraint(
                fields=["agreement", "scheduled_on"], condition=Q(placement__isnull=True), name="meeting_once_per_date"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.scheduled_on}"


class MeetingAction(models.Model):
    meeting = models.ForeignKey(FollowUpMeeting, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("what is to be done"), max_length=300)
    owner = models.CharField(_("who does it"), max_length=150)
    deadline = models.DateField(_("deadline"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["deadline", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="meeting_action_has_text")]

    def __str__(self):
        return self.text


# --- The invoice basis ----------------------------------------------------------------------------------


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent to the buyer")


class InvoiceBasis(models.Model):
    """One agreement's month. While a draft it is computed afresh from attendance; when sent, the
    lines and total are frozen here and never recomputed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="invoice_bases")
    month = models.DateField(_("month"))
    status = models.CharField(_("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    lines = models.JSONField(default=dict, blank=True)
    total = models.DecimalField(_("total (NOK)"), max_digits=12, decimal_places=2, null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice basis")
        verbose_name_plural = _("invoice bases")
        ordering = ["-month", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "month"], name="invoice_basis_once_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="invoice_basis_month_first_day"),
            models.CheckConstraint(condition=Q(status__in=InvoiceStatus.values), name="invoice_basis_status_known"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(sent_at__isnull=False) & Q(total__isnull=False)),
                name="invoice_basis_sent_is_frozen",
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.month:%Y-%m}"
