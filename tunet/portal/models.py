"""The participant's own pages («Mine sider»): who may come in for a participant, and what they may see.

A participant may get a login of their own. A relative (pårørende) may get one only with recorded
consent: the buyer's case worker records who the relative is, what the participant (or their guardian)
consented to and when. Withdrawing the consent ends the access at once. Each person reaches the pages
through a PortalAccess row; accounts.access decides what each row lets them see.

Messages, check-ins and correction requests are what participants and relatives write here.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.accounts.models import Invitation
from tunet.care.models import Participant, Placement


class AccessKind(models.TextChoices):
    SELF = "self", _("The participant")
    RELATIVE = "relative", _("Relative")


class ConsentFrom(models.TextChoices):
    PARTICIPANT = "participant", _("The participant")
    GUARDIAN = "guardian", _("The participant's guardian")


# What a relative's consent can cover: the field on PortalAccess, and what it means.
CONSENTS = {
    "sees_days": _("See the farm days"),
    "reports_absence": _("Report absence"),
    "sees_goals": _("See the goals that are shared"),
    "may_be_contacted": _("Be contacted by the farm, and write messages"),
    "sees_records": _("See what Tunet stores and who has seen it"),
}


class PortalAccess(models.Model):
    """One person's way in to one participant's pages: the participant themselves, or a relative with
    the consent recorded here. A person may be a relative for several participants."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="portal_access")
    kind = models.CharField(_("who"), max_length=20, choices=AccessKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="portal_access"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    relation = models.CharField(
        _("relation to the participant"), max_length=100, blank=True, help_text=_("For example mother, brother.")
    )
    sees_days = models.BooleanField(CONSENTS["sees_days"], default=False)
    reports_absence = models.BooleanField(CONSENTS["reports_absence"], default=False)
    sees_goals = models.BooleanField(CONSENTS["sees_goals"], default=False)
    may_be_contacted = models.BooleanField(CONSENTS["may_be_contacted"], default=False)
    sees_records = models.BooleanField(CONSENTS["sees_records"], default=False)
    shows_protected_address = models.BooleanField(
        _("may see the protected address"),
        default=False,
        help_text=_("Only for a protected participant: the relative may see the pick-up address."),
    )
    consent_from = models.CharField(_("consent given by"), max_length=20, choices=ConsentFrom.choices, blank=True)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    invitation = models.ForeignKey(Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("access to my pages")
        verbose_name_plural = _("access to my pages")
        ordering = ["kind", "full_name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AccessKind.values), name="portal_access_kind_known"),
            # A relative's access rests on a recorded consent: who gave it, and when.
            models.CheckConstraint(
                condition=Q(kind="self") | (~Q(consent_from="") & Q(consent_on__isnull=False)),
                name="portal_access_relative_has_consent",
            ),
            # One open way in per person and participant: a second click on «invite» adds nothing.
            models.UniqueConstraint(
                "participant",
                Lower("email"),
                condition=Q(withdrawn_at__isnull=True),
                name="portal_access_one_open_per_email",
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(kind="self", withdrawn_at__isnull=True),
                name="portal_access_one_own_login",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.participant}"

    @property
    def is_self(self):
        return self.kind == AccessKind.SELF

    @property
    def is_open(self):
        return self.withdrawn_at is None

    def covers(self, consent):
        """Whether this way in lets its person see or do consent (a key of CONSENTS)."""
        return self.is_open and (self.is_self or bool(getattr(self, consent)))

    @property
    def consents(self):
        """The labels of what the consent covers, for the case worker's list."""
        return [label for name, label in CONSENTS.items() if getattr(self, name)]


class AbsenceReason(models.TextChoices):
    SICK = "sick", _("I am ill")
    APPOINTMENT = "appointment", _("I have an appointment")
    TIME_OFF = "time_off", _("I have time off")
    OTHER = "other", _("Something else")


class Message(models.Model):
    """A message about practical things in the thread of one placement: the participant, relatives who
    may be contacted, the farm and the buyer's case worker read it. No health details by e-mail: a
    notification only says there is a new message."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Who wrote it, as the readers should see it («Solbakken gård», «Mor»), kept as written.
    author_label = models.CharField(_("from"), max_length=200)
    text = models.TextField(_("message"), max_length=2000)
    at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="message_has_text")]
        indexes = [models.Index(fields=["placement", "at"], name="message_placement_idx")]

    def __str__(self):
        return f"{self.author_label}: {self.text[:40]}"


FACES = [
    (1, _("Very bad")),
    (2, _("Bad")),
    (3, _("So-so")),
    (4, _("Good")),
    (5, _("Very good")),
]

# The check-in's questions: the field, and the question in easy-read words.
QUESTIONS = {
    "enjoys": _("Do you like the days at the farm?"),
    "feels_safe": _("Do you feel safe at the farm?"),
    "masters": _("Do you feel you can do the work?"),
    "recommends": _("Would you tell a friend to come here?"),
}


def _face(label):
    return models.PositiveSmallIntegerField(
        label, choices=FACES, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class CheckIn(models.Model):
    """«How is it going?»: the participant's answers for one period of a placement (a month, or the
    interval the case worker chose), given by the participant or by a relative on their behalf."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="check_ins")
    period = models.DateField(_("period"), help_text=_("The first day of the period the answers are for."))
    enjoys = _face(QUESTIONS["enjoys"])
    feels_safe = _face(QUESTIONS["feels_safe"])
    masters = _face(QUESTIONS["masters"])
    recommends = _face(QUESTIONS["recommends"])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_relative = models.BooleanField(_("answered by a relative"), default=False)
    at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-period", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "period"], name="check_in_once_per_period"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"check_in_{name}_face"
                )
                for name in QUESTIONS
            ],
        ]

    def __str__(self):
        return f"{self.placement} {self.period:%Y-%m}"

    @property
    def answers(self):
        return [(QUESTIONS[name], getattr(self, name), dict(FACES)[getattr(self, name)]) for name in QUESTIONS]


class CheckInPlan(models.Model):
    """How often the placement's check-in is asked for, when not every month (the default)."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="check_in_plan")
    every_months = models.PositiveSmallIntegerField(
        _("how often (months)"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
        help_text=_("0 means no check-in."),
    )

    def __str__(self):
        return f"{self.placement}: {self.every_months}"


class CorrectionRequest(models.Model):
    """The participant (or a relative who may see the records) asks the case worker to correct what
    Tunet stores about them."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="correction_requests")
    text = models.TextField(_("what is wrong"), max_length=2000)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-asked_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_request_has_text")]

    def __str__(self):
        return f"{self.participant} {self.asked_at:%Y-%m-%d}"
