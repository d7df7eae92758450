"""Summaries the statistics read instead of the raw rows, refreshed by the daily task (tasks.py).

Attendance is the one table that grows with every farm day in the country (some 30 million rows over
five years at national scale); every figure of it is a sum over agreements and months. So the daily
task adds it up per agreement and month, and the statistics read a few hundred thousand rows at most
instead. An agreement fixes everything the figures are broken down and filtered by: the farm (county,
municipality), the buyer, the service offer (service area) and the request (target group); each row
keeps a copy of them, so the figures read this one table without a join.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tunet.accounts.models import Organisation
from tunet.catalogue.models import TargetGroup
from tunet.core.models import County, Municipality
from tunet.purchasing.models import Agreement


class AttendanceMonth(models.Model):
    """Registered farm days of one agreement's placements in one month, by attendance."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))  # its first day
    # Copied from the agreement when the row is added up, for filtering without joins.
    buyer = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    service_area = models.CharField(max_length=30)
    target_group = models.ForeignKey(TargetGroup, on_delete=models.SET_NULL, null=True, related_name="+")
    present = models.PositiveIntegerField(default=0)
    absent_notice = models.PositiveIntegerField(default=0)
    no_show = models.PositiveIntegerField(default=0)
    sent_home = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attendance in a month")
        verbose_name_plural = _("attendance by month")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "month"], name="attendance_month_once"),
            models.CheckConstraint(condition=Q(month__day=1), name="attendance_month_first_day"),
        ]
        # The country reads a period's months; a region or a county its own; a buyer its own.
        indexes = [
            models.Index(fields=["month"], name="attendance_month_idx"),
            models.Index(fields=["county", "month"], name="attendance_month_county_idx"),
            models.Index(fields=["buyer", "month"], name="attendance_month_buyer_idx"),
        ]

    def __str__(self):
        return f"{self.agreement_id} {self.month:%Y-%m}"
