"""People, organisations, memberships with roles, and the access log.

Who may do what is decided in access.py, never here and never in views.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.core.models import County, Municipality, PostalCode

from .validators import validate_org_number


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("Users must have an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Logs in with e-mail; belongs to organisations through memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_case_insensitive"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()


class OrganisationKind(models.TextChoices):
    PROVIDER = "provider", _("Provider (farm)")
    MUNICIPALITY = "municipality", _("Municipality")
    NAV_OFFICE = "nav_office", _("NAV office")
    APPROVAL_BODY = "approval_body", _("Approval body")
    AUDITOR_FIRM = "auditor_firm", _("Auditor firm")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")


class Organisation(models.Model):
    """Any party that works in Tunet: a farm business, a municipality, a NAV office, ..."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    # Nine digits with a valid MOD11 check digit (Enhetsregisteret). A district (bydel) or a
    # NAV office may work under its parent's number, so it is optional.
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Nine digits, from the Central Coordinating Register for Legal Entities."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Where the organisation is, or which municipality it is."),
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("The region a regional coordinator follows."),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.ForeignKey(
        PostalCode,
        verbose_name=_("postcode"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"], condition=~Q(org_number=""), name="organisation_org_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(org_number="") | Q(org_number__regex=r"^[0-9]{9}$"),
                name="organisation_org_number_nine_digits",
            ),
            models.CheckConstraint(condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_known"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_buyer(self):
        return self.kind in {OrganisationKind.MUNICIPALITY, OrganisationKind.NAV_OFFICE}

    def formatted_org_number(self):
        if len(self.org_number) != 9:
            return self.org_number
        return f"{self.org_number[:3]} {self.org_number[3:6]} {self.org_number[6:]}"


class Role(models.TextChoices):
    """A person's role in one organisation. What each role may do is in access.ROLE_PERMISSIONS."""

    ADMIN = "admin", _("Administrator")
    FARMER = "farmer", _("Farmer")
    FARM_STAFF = "farm_staff", _("Farm staff")
    CASE_WORKER = "case_worker", _("Case worker")
    NAV_ADVISER = "nav_adviser", _("NAV adviser")
    APPROVAL_OFFICER = "approval_officer", _("Approval officer")
    AUDITOR = "auditor", _("Auditor")
    COORDINATOR = "coordinator", _("Regional coordinator")


# Which roles make sense in which kind of organisation. Administrator fits every kind.
ROLES_BY_KIND = {
    OrganisationKind.PROVIDER: [Role.FARMER, Role.FARM_STAFF, Role.ADMIN],
    OrganisationKind.MUNICIPALITY: [Role.CASE_WORKER, Role.ADMIN],
    OrganisationKind.NAV_OFFICE: [Role.NAV_ADVISER, Role.ADMIN],
    OrganisationKind.APPROVAL_BODY: [Role.APPROVAL_OFFICER, Role.ADMIN],
    OrganisationKind.AUDITOR_FIRM: [Role.AUDITOR, Role.ADMIN],
    OrganisationKind.REGIONAL_COORDINATOR: [Role.COORDINATOR, Role.ADMIN],
}


class Membership(models.Model):
    """One person's role in one organisation. A person may have several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    title = models.CharField(_("title"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_known"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"


class AccessLogEntry(models.Model):
    """One read of a person's personal data: who, in which organisation, whose data, what, when.

    Rows are only ever added (see access.log_access); nothing in the app changes or deletes them.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    # Kept as text so the log still reads well if the subject is later anonymised.
    subject_label = models.CharField(_("whose data"), max_length=200)
    action = models.CharField(_("what"), max_length=200)
    path = models.CharField(_("address"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["subject_type", "subject_id", "-at"], name="accesslog_subject_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} – {self.subject_label}: {self.action}"


class Invitation(models.Model):
    """A single-use link sent by e-mail that lets a person in: to set a password for a new account, or
    to attach what they were invited to (a participant's pages, later an organisation) to their own.

    Only a digest of the token is stored, so the table gives no way in; see accounts.invitations.
    """

    email = models.EmailField(_("e-mail address"))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(used_by__isnull=False), name="invitation_used_by_someone"
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.created_at:%Y-%m-%d})"

    def is_open(self, now=None):
        return self.used_at is None and self.expires_at > (now or timezone.now())


class MemberInvitation(models.Model):
    """An organisation's invitation to a person to work in it with a role. The person becomes a member
    only by accepting it (accounts.actions.do_join); until then nothing of theirs is shown or changed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="member_invitations")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    title = models.CharField(_("title"), max_length=100, blank=True)
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="member_invitation")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to an organisation")
        verbose_name_plural = _("invitations to organisations")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="member_invitation_role_known"),
        ]

    def __str__(self):
        return f"{self.email} – {self.get_role_display()}, {self.organisation}"
