"""A small approval scheme for tests: one standard in force, a farm with its farmer, an auditor
and an approval officer, and helpers that walk a farm through the cycle."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval import actions
from tunet.approval.models import AnswerValue, AppliesWhen, Item, VersionStatus
from tunet.approval.tests.factories import DocumentFactory, standard_with_version
from tunet.catalogue.tests.factories import FarmFactory


@dataclass
class Scheme:
    farm: object
    farmer: object
    auditor: object
    officer: object
    version: object


def scheme(items=3):
    version = standard_with_version(status=VersionStatus.PUBLISHED, sections=1, items=items)
    # One requirement for farms with animals: it does not apply to the test farm, which has none.
    Item.objects.create(
        section=version.sections.first(),
        code="DYR 1",
        requirement="Dyra er registrert.",
        applies_when=AppliesWhen.ANIMALS,
    )
    farm = FarmFactory()
    farmer = member(Role.FARMER, farm.provider)
    return Scheme(
        farm=farm,
        farmer=farmer,
        auditor=member(Role.AUDITOR),
        officer=member(Role.APPROVAL_OFFICER),
        version=version,
    )


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def answer_all(s, audit, no=0):
    """Answer every item Yes, except the first `no` ones, which get a No with a measure."""
    for i, answer in enumerate(audit.answers.order_by("item__position", "item_id")):
        if i < no:
            actions.do_save_answer(
                s.farmer,
                answer,
                value=AnswerValue.NO,
                comment="Mangler",
                measure="Skaff det",
                responsible="Kari",
                deadline=in_days(30),
            )
        else:
            actions.do_save_answer(s.farmer, answer, value=AnswerValue.YES)


def submitted_self_audit(s, no=0):
    audit = actions.do_start_self_audit(s.farmer, s.farm)
    answer_all(s, audit, no=no)
    return actions.do_submit_self_audit(s.farmer, audit)


def accepted_revision(s):
    revision = actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    actions.do_record_visit(s.auditor, revision, visit_date=timezone.localdate(), met="Kari", summary="Fint besøk")
    return actions.do_accept_revision(s.auditor, revision)


def close_all(s):
    for deviation in s.farm.deviations.filter(status="open"):
        actions.do_close_deviation(s.farmer, deviation, note="Ordnet", evidence=DocumentFactory(farm=s.farm))


def approved(s):
    submitted_self_audit(s, no=1)
    revision = accepted_revision(s)
    close_all(s)
    for deviation in s.farm.deviations.filter(status="closed"):
        actions.do_verify_deviation(s.auditor, deviation)
    return revision
