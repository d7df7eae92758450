from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from tunet.accounts import access
from tunet.accounts.models import AccessLogEntry, Role

from .factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_log_access_records_who_organisation_whose_data_what_and_when():
    reader = member(Role.CASE_WORKER)
    # Until participants exist, any model instance stands in for "whose data".
    subject = UserFactory(full_name="Åse Deltaker")
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with time_machine.travel(moment, tick=False):
        entry = access.log_access(reader.user, reader, subject, "Viste kontaktopplysninger", path="/deltaker/1/")
    entry.refresh_from_db()
    assert entry.actor == reader.user
    assert entry.organisation == reader.organisation
    assert entry.subject_type == ContentType.objects.get_for_model(subject)
    assert entry.subject_id == str(subject.pk)
    assert entry.subject == subject
    assert entry.subject_label == "Åse Deltaker"
    assert entry.action == "Viste kontaktopplysninger"
    assert entry.path == "/deltaker/1/"
    assert entry.at == moment


def test_access_log_for_lists_only_that_persons_reads_newest_first():
    reader = member(Role.FARMER)
    subject, someone_else = UserFactory(), UserFactory()
    with time_machine.travel(datetime(2026, 1, 1, tzinfo=UTC), tick=False):
        access.log_access(reader.user, reader, subject, "first")
    with time_machine.travel(datetime(2026, 2, 1, tzinfo=UTC), tick=False):
        access.log_access(reader.user, reader, subject, "second")
    access.log_access(reader.user, reader, someone_else, "other")
    assert [entry.action for entry in access.access_log_for(subject)] == ["second", "first"]


def test_log_access_without_a_membership_still_records_the_person():
    reader = UserFactory()
    entry = access.log_access(reader, None, UserFactory(), "Viste")
    assert entry.organisation is None
    assert AccessLogEntry.objects.count() == 1
