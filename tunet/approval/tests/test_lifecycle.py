"""Every change of state of an approval, the ones people make and the ones time makes."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval import actions, lifecycle, tasks
from tunet.approval.models import (
    Answer,
    AnswerValue,
    ApprovalStatus,
    Deviation,
    DeviationStatus,
    RevisionStatus,
    SelfAuditStatus,
)
from tunet.approval.tests.factories import DocumentFactory
from tunet.approval.tests.scheme import accepted_revision, answer_all, approved, close_all, in_days, scheme
from tunet.approval.tests.scheme import submitted_self_audit as submitted
from tunet.catalogue.models import Farm
from tunet.core.models import Notification

pytestmark = pytest.mark.django_db


def test_a_self_audit_covers_the_items_that_apply_to_the_farm():
    s = scheme(items=3)
    audit = actions.do_start_self_audit(s.farmer, s.farm)
    codes = set(audit.answers.values_list("item__code", flat=True))
    assert len(codes) == 3
    assert "DYR 1" not in codes
    assert list(audit.versions.all()) == [s.version]


def test_starting_twice_gives_the_same_draft():
    s = scheme()
    assert actions.do_start_self_audit(s.farmer, s.farm) == actions.do_start_self_audit(s.farmer, s.farm)


def test_another_farm_cannot_start_or_answer_the_self_audit():
    s = scheme()
    other = member(Role.FARMER)
    with pytest.raises(PermissionDenied):
        actions.do_start_self_audit(other, s.farm)
    audit = actions.do_start_self_audit(s.farmer, s.farm)
    with pytest.raises(PermissionDenied):
        actions.do_save_answer(other, audit.answers.first(), value=AnswerValue.YES)


def test_a_no_cannot_be_stored_without_its_measure():
    s = scheme()
    answer = actions.do_start_self_audit(s.farmer, s.farm).answers.first()
    answer.value = AnswerValue.NO
    with pytest.raises(IntegrityError):
        answer.save()


def test_an_incomplete_self_audit_cannot_be_submitted():
    s = scheme()
    audit = actions.do_start_self_audit(s.farmer, s.farm)
    with pytest.raises(actions.NotAllowed):
        actions.do_submit_self_audit(s.farmer, audit)


def test_submitting_turns_each_no_into_a_deviation_once():
    s = scheme(items=3)
    audit = actions.do_start_self_audit(s.farmer, s.farm)
    answer_all(s, audit, no=2)
    actions.do_submit_self_audit(s.farmer, audit)
    actions.do_submit_self_audit(s.farmer, audit)  # a double submit
    audit.refresh_from_db()
    assert audit.status == SelfAuditStatus.SUBMITTED
    deviations = Deviation.objects.filter(farm=s.farm)
    assert deviations.count() == 2
    assert {d.responsible for d in deviations} == {"Kari"}
    assert all(d.deadline == in_days(30) for d in deviations)


def test_a_submitted_self_audit_is_frozen():
    s = scheme()
    audit = submitted(s)
    with pytest.raises(actions.NotAllowed):
        actions.do_save_answer(
            s.farmer, audit.answers.first(), value=AnswerValue.NO, measure="x", responsible="y", deadline=in_days(3)
        )


def test_publishing_a_new_version_does_not_touch_an_audit_under_way():
    from tunet.approval.models import VersionStatus
    from tunet.approval.tests.factories import standard_with_version

    s = scheme(items=2)
    audit = actions.do_start_self_audit(s.farmer, s.farm)
    s.version.status = VersionStatus.RETIRED
    s.version.save()
    standard_with_version(standard=s.version.standard, number=2, items=5)
    assert audit.answers.count() == 2
    assert list(audit.versions.all()) == [s.version]


def test_the_farm_is_approved_for_two_years_when_audit_revision_and_deviations_are_done():
    s = scheme()
    submitted(s, no=1)
    revision = accepted_revision(s)
    s.farm.approval.refresh_from_db()
    assert revision.status == RevisionStatus.ACCEPTED
    assert s.farm.approval.status == ApprovalStatus.PENDING  # a deviation is still open
    close_all(s)
    s.farm.approval.refresh_from_db()
    assert s.farm.approval.status == ApprovalStatus.PENDING  # closed, not yet verified
    deviation = Deviation.objects.get(farm=s.farm)
    actions.do_verify_deviation(s.auditor, deviation)
    approval = s.farm.approval
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.APPROVED
    assert approval.valid_until == lifecycle.two_years_from(datetime.date.today())
    assert Farm.objects.listed().filter(pk=s.farm.pk).exists()
    event = approval.events.first()
    assert (event.from_status, event.to_status, event.actor) == ("pending", "approved", s.auditor.user)


def test_only_the_assigned_auditor_records_the_revision():
    s = scheme()
    submitted(s)
    revision = actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    stranger = member(Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        actions.do_record_visit(stranger, revision, visit_date=datetime.date.today(), met="", summary="")
    with pytest.raises(PermissionDenied):
        actions.do_assign_auditor(s.farmer, s.farm, s.auditor.user)


def test_assigning_tells_the_auditor_and_the_farm(django_capture_on_commit_callbacks):
    s = scheme()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    assert Notification.objects.filter(user=s.auditor.user).count() == 1
    assert Notification.objects.filter(user=s.farmer.user).count() == 1
    assert {m.to[0] for m in mail.outbox} == {s.auditor.user.email, s.farmer.user.email}


def test_a_farm_has_one_revision_under_way():
    s = scheme()
    actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    with pytest.raises(actions.NotAllowed):
        actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)


def test_the_revision_is_accepted_only_after_the_visit():
    s = scheme()
    submitted(s)
    revision = actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    with pytest.raises(actions.NotAllowed):
        actions.do_accept_revision(s.auditor, revision)


def test_correcting_an_answer_to_no_records_a_deviation():
    s = scheme()
    audit = submitted(s)
    revision = actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    answer = audit.answers.first()
    actions.do_review_answer(
        s.auditor,
        revision,
        answer,
        verdict="corrected",
        corrected_value=AnswerValue.NO,
        note="Ingen plan",
        measure="Skriv planen",
        responsible="Kari",
        deadline=in_days(20),
    )
    deviation = Deviation.objects.get(farm=s.farm)
    assert (deviation.revision, deviation.item, deviation.description) == (revision, answer.item, "Ingen plan")


def test_closing_needs_evidence_and_a_reopened_deviation_is_open_again():
    s = scheme()
    submitted(s, no=1)
    revision = accepted_revision(s)
    deviation = Deviation.objects.get(farm=s.farm)
    with pytest.raises(actions.NotAllowed):
        actions.do_close_deviation(s.farmer, deviation, note="Ordnet", evidence=None)
    with pytest.raises(actions.NotAllowed):  # a document of another farm
        actions.do_close_deviation(s.farmer, deviation, note="Ordnet", evidence=DocumentFactory())
    actions.do_close_deviation(s.farmer, deviation, note="Ordnet", evidence=DocumentFactory(farm=s.farm))
    actions.do_reopen_deviation(s.auditor, deviation, note="Dokumentet mangler underskrift", deadline=in_days(10))
    deviation.refresh_from_db()
    assert (deviation.status, deviation.deadline) == (DeviationStatus.OPEN, in_days(10))
    assert revision.farm.approval.status == ApprovalStatus.PENDING


def test_a_deviation_past_its_deadline_suspends_and_closing_it_restores():
    s = scheme()
    approved(s)
    valid_until = s.farm.approval.valid_until
    # A deviation found after approval, at a new revision.
    new_revision = actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    deviation = actions.do_record_deviation(
        s.auditor,
        new_revision,
        description="Brannslukker ikke kontrollert",
        measure="Kontroller",
        responsible="Kari",
        deadline=in_days(5),
    )
    with time_machine.travel(in_days(6)):
        result = tasks.run_daily.call()
        assert result["suspended"] == 1
        tasks.run_daily.call()  # a second run changes nothing
    approval = s.farm.approval
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.SUSPENDED
    assert "Brannslukker" in approval.reason
    assert approval.events.filter(to_status=ApprovalStatus.SUSPENDED).count() == 1
    assert approval.events.first().actor is None
    assert not Farm.objects.listed().filter(pk=s.farm.pk).exists()
    actions.do_close_deviation(s.farmer, deviation, note="Kontrollert", evidence=DocumentFactory(farm=s.farm))
    actions.do_verify_deviation(s.auditor, deviation)
    approval.refresh_from_db()
    assert (approval.status, approval.valid_until) == (ApprovalStatus.APPROVED, valid_until)


def test_an_expired_approval_lapses_and_needs_a_new_revision():
    s = scheme()
    approved(s)
    valid_until = s.farm.approval.valid_until
    with time_machine.travel(valid_until + datetime.timedelta(days=1)):
        assert tasks.run_daily.call()["lapsed"] == 1
        s.farm.approval.refresh_from_db()
        assert s.farm.approval.status == ApprovalStatus.LAPSED
        submitted(s)  # a new self-audit alone does not bring it back
        s.farm.approval.refresh_from_db()
        assert s.farm.approval.status == ApprovalStatus.LAPSED
        accepted_revision(s)
        s.farm.approval.refresh_from_db()
        assert s.farm.approval.status == ApprovalStatus.APPROVED
        assert s.farm.approval.valid_until > valid_until


def test_the_approval_body_revokes_with_a_reason_and_nothing_brings_it_back():
    s = scheme()
    revision = approved(s)
    with pytest.raises(actions.NotAllowed):
        actions.do_revoke_approval(s.officer, s.farm, "  ")
    with pytest.raises(PermissionDenied):
        actions.do_revoke_approval(s.auditor, s.farm, "Nei")
    actions.do_revoke_approval(s.officer, s.farm, "Alvorlige brudd på dyrevelferd")
    s.farm.approval.refresh_from_db()
    assert s.farm.approval.status == ApprovalStatus.REVOKED
    assert s.farm.approval.reason == "Alvorlige brudd på dyrevelferd"
    lifecycle.reconsider(s.farm, s.auditor.user, renew=True)
    s.farm.approval.refresh_from_db()
    assert s.farm.approval.status == ApprovalStatus.REVOKED
    assert revision.farm_id == s.farm.pk


def test_reminders_go_once_each(django_capture_on_commit_callbacks):
    s = scheme()
    approved(s)
    valid_until = s.farm.approval.valid_until
    new_revision = actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    actions.do_record_deviation(
        s.auditor,
        new_revision,
        description="Mangler førstehjelpsskrin",
        measure="Kjøp",
        responsible="Kari",
        deadline=in_days(20),
    )
    Notification.objects.all().delete()
    keys = lambda: set(Notification.objects.filter(user=s.farmer.user).values_list("key", flat=True))  # noqa: E731
    with time_machine.travel(in_days(7)):  # the deadline is 13 days away
        tasks.run_daily.call()
        tasks.run_daily.call()
    assert [k for k in keys() if "soon" in k]
    assert len(keys()) == 1
    with time_machine.travel(in_days(21)):
        tasks.run_daily.call()
    assert any("passed" in k for k in keys())
    deviation = Deviation.objects.get(farm=s.farm, status=DeviationStatus.OPEN)
    actions.do_close_deviation(s.farmer, deviation, note="Kjøpt", evidence=DocumentFactory(farm=s.farm))
    actions.do_verify_deviation(s.auditor, deviation)
    s.farm.approval.refresh_from_db()
    assert s.farm.approval.status == ApprovalStatus.APPROVED
    for days, warning in ((89, "90"), (29, "30")):
        with time_machine.travel(valid_until - datetime.timedelta(days=days)):
            tasks.run_daily.call()
        assert any(k.endswith(f"-{warning}") and k.startswith("approval-") for k in keys())
    assert any(k.startswith("self-audit-") for k in keys())  # a year has passed since the self-audit
    assert Answer.objects.exists()


def test_the_daily_command_enqueues_the_daily_task_for_the_worker(settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("daily_tasks")
    queued = DBTaskResult.objects.get(task_path="tunet.approval.tasks.run_daily")
    assert queued.status == "READY"


def listed_until(farm):
    return Farm.objects.values_list("listed_until", flat=True).get(pk=farm.pk)


def test_the_farm_carries_its_listing_through_every_change_of_the_approval():
    s = scheme()
    assert listed_until(s.farm) is None
    approved(s)
    valid_until = s.farm.approval.valid_until
    assert listed_until(s.farm) == valid_until
    lifecycle.set_status(s.farm.approval, ApprovalStatus.SUSPENDED, None, "Avvik etter fristen")
    assert listed_until(s.farm) is None
    lifecycle.set_status(s.farm.approval, ApprovalStatus.APPROVED, None, "")
    assert listed_until(s.farm) == valid_until
    # Expiry needs no write: listed_until is the last listed day, as listed() says.
    assert Farm.objects.listed(valid_until).exists()
    assert not Farm.objects.listed(valid_until + datetime.timedelta(days=1)).exists()
    s.farm.approval.delete()
    assert listed_until(s.farm) is None


def test_the_daily_task_puts_right_a_listing_written_around_save():
    s = scheme()
    approved(s)
    type(s.farm.approval).objects.filter(farm=s.farm).update(status=ApprovalStatus.REVOKED)
    assert listed_until(s.farm) is not None  # update() does not call save()
    assert tasks.run_daily.call()["listings_put_right"] == 1
    assert listed_until(s.farm) is None
    assert tasks.run_daily.call()["listings_put_right"] == 0


def test_an_edit_of_the_farm_does_not_write_back_the_listing_it_read():
    s = scheme()
    approved(s)
    farm = Farm.objects.get(pk=s.farm.pk)  # read by the farmer's edit form
    lifecycle.set_status(s.farm.approval, ApprovalStatus.REVOKED, None, "Trukket tilbake")
    farm.description = "Ny beskrivelse"
    farm.save()
    assert listed_until(farm) is None
    assert Farm.objects.get(pk=farm.pk).description == "Ny beskrivelse"


def test_approvals_deleted_in_bulk_unlist_their_farms():
    s = scheme()
    approved(s)
    type(s.farm.approval).objects.filter(farm=s.farm).delete()
    assert listed_until(s.farm) is None
