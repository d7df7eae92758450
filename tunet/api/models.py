"""API clients: an organisation's integrations (a case system, an accounting program) and the record of
each write they make with an Idempotency-Key.

A client acts for its organisation with the least role that does its work (access.api_client_role),
through a membership that exists only in memory (clients.acting_membership); so every permission check
and every access-log row is the same as for a person. The access log needs a person: each client has its
own user, which cannot log in and whose name says which client it is.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.accounts.models import Organisation


class Scope(models.TextChoices):
    """What a client may do. Reading public data needs no client at all."""

    AGREEMENTS_READ = "agreements:read", _("Read requests, offers and agreements")
    PLACEMENTS_READ = "placements:read", _("Read placements and attendance")
    ATTENDANCE_WRITE = "attendance:write", _("Register attendance")
    INVOICES_READ = "invoices:read", _("Read invoice bases")


class ApiClient(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="api_clients"
    )
    # The person the access log names for the client's reads: inactive, no password, never a member.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client", editable=False
    )
    name = models.CharField(_("name"), max_length=100)
    # The public half of the key (tunet_<key>_<secret>); only a digest of the secret is stored.
    key = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="apiclient_expires_later"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_by__isnull=False), name="apiclient_revoked_by_someone"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def is_usable(self, now=None):
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    def scope_labels(self):
        return [Scope(scope).label for scope in self.scopes if scope in Scope.values]


class IdempotencyRecord(models.Model):
    """The first answer to a write sent with an Idempotency-Key: a repeat gets it again and changes nothing."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    # What was asked (method, path and body): the same key for another request is refused.
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_once_per_client")]

    def __str__(self):
        return f"{self.client_id}: {self.key}"
