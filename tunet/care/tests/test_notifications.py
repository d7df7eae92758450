"""Notifications about participants go by e-mail too: they carry no personal or health details, only a
link to the page in Tunet, which logs the read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import AccessLogEntry
from tunet.care import actions
from tunet.care.models import ChangeKind
from tunet.core.models import Notification

from .factories import TUESDAY, deal_with_staff, participant, placed

pytestmark = pytest.mark.django_db

SECRET = "Kari Hemmelig har fått mer angst og ny medisin"


def _everything_told(mailoutbox):
    told = [f"{n.title}\n{n.body}" for n in Notification.objects.all()]
    told += [f"{mail.subject}\n{mail.body}" for mail in mailoutbox]
    return "\n".join(told)


def test_the_farms_reason_and_the_buyers_answer_stay_in_tunet(mailoutbox, django_capture_on_commit_callbacks):
    deal = deal_with_staff()
    person = participant(deal.buyer, first_name="Kari", last_name="Hemmelig")
    placement = placed(deal, person, planned_end=timezone.localdate() + datetime.timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=True):
        change = actions.do_propose_change(
            deal.farmer,
            placement,
            ChangeKind.EXTEND,
            SECRET,
            new_end=timezone.localdate() + datetime.timedelta(days=200),
        )
        actions.do_decide_change(deal.buyer, change, approve=False, note=f"Nei, {SECRET.lower()}")
    told = _everything_told(mailoutbox)
    about = Notification.objects.filter(url=reverse("care:placement", args=[placement.pk]))
    assert {n.user for n in about} >= {deal.buyer.user, deal.farmer.user}
    for detail in ("Kari", "Hemmelig", "angst", "medisin"):
        assert detail not in told


def test_ending_a_placement_tells_the_farm_no_reason(mailoutbox, django_capture_on_commit_callbacks):
    deal = deal_with_staff()
    person = participant(deal.buyer, first_name="Kari", last_name="Hemmelig")
    placement = placed(deal, person)
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_end_placement(deal.buyer, placement, "health", timezone.localdate(), SECRET)
    told = _everything_told(mailoutbox)
    assert mailoutbox
    for detail in ("Kari", "Hemmelig", "angst", "Helse", "helse"):
        assert detail not in told


def test_every_care_notification_names_no_participant(mailoutbox, django_capture_on_commit_callbacks):
    deal = deal_with_staff()
    person = participant(deal.buyer, first_name="Kari", last_name="Hemmelig")
    start = deal.agreement.versions.get().start
    with django_capture_on_commit_callbacks(execute=True):
        referral = actions.do_refer_participant(deal.buyer, person, deal.agreement, [TUESDAY], start, note=f"{SECRET}.")
        actions.do_decline_referral(deal.farmer, referral, f"{SECRET}.")
        again = actions.do_refer_participant(deal.buyer, person, deal.agreement, [TUESDAY], start)
        actions.do_accept_referral(deal.farmer, again)
    told = _everything_told(mailoutbox)
    for detail in ("Kari", "Hemmelig", "angst"):
        assert detail not in told


def test_the_link_in_a_notification_leads_to_a_page_that_logs_the_read(client, django_capture_on_commit_callbacks):
    deal = deal_with_staff()
    person = participant(deal.buyer)
    placement = placed(deal, person)
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_propose_change(deal.farmer, placement, ChangeKind.CHANGE_WEEKDAYS, SECRET, new_weekdays=[TUESDAY, 3])
    notification = Notification.objects.get(user=deal.buyer.user, url=reverse("care:placement", args=[placement.pk]))
    client.force_login(deal.buyer.user)
    # The list of notifications shows nothing about the person, so reading it needs no log row.
    assert SECRET not in client.get(reverse("core:notifications")).content.decode()
    opened = client.post(reverse("core:notification_open", args=[notification.pk]), follow=True)
    assert SECRET in opened.content.decode()
    assert AccessLogEntry.objects.filter(subject_id=str(person.pk), actor=deal.buyer.user).exists()
