"""The approval scheme in the demo: each farm's approval has a history, Solbakken gård has a
revision under way with a deviation to close, Nordre Li has a self-audit half done, and the
auditor has farms on the worklist. Idempotent: a farm that already has a self-audit is left alone."""

import datetime

from django.db import transaction
from django.utils import timezone

from tunet.accounts.models import Membership, Role
from tunet.approval import actions
from tunet.approval.models import Answer, AnswerValue, Approval, ApprovalEvent, ApprovalStatus, SelfAudit
from tunet.catalogue.models import Farm

HISTORY = "Overført fra ordningens papirarkiv da Tunet ble tatt i bruk."


def _membership(email, role):
    return Membership.objects.select_related("organisation", "user").get(user__email=email, role=role)


def _answer_all(farmer, audit, no_codes=(), upto=None):
    answers = list(audit.answers.select_related("item").order_by("item__version__standard__sort_order", "item_id"))
    for answer in answers[:upto]:
        if answer.item.code in no_codes:
            actions.do_save_answer(
                farmer,
                answer,
                value=AnswerValue.NO,
                comment="Planen er fra 2019 og nevner ikke dagens deltakere.",
                measure="Oppdatere beredskapsplanen og gå gjennom den med de ansatte.",
                responsible="Ola Solbakken",
                deadline=timezone.localdate() + datetime.timedelta(days=20),
            )
        else:
            actions.do_save_answer(farmer, answer, value=AnswerValue.YES)


@transaction.atomic
def load(organisations):
    today = timezone.localdate()
    # Every approval gets the event that brought it to its state, once.
    events = [
        ApprovalEvent(
            approval=approval,
            from_status=ApprovalStatus.PENDING,
            to_status=approval.status,
            valid_until=approval.valid_until,
            reason=approval.reason or HISTORY,
            at=timezone.now() - datetime.timedelta(days=400),
        )
        for approval in Approval.objects.filter(events__isnull=True).exclude(status=ApprovalStatus.PENDING)
    ]
    ApprovalEvent.objects.bulk_create(events)

    if SelfAudit.objects.exists():
        return
    officer = _membership("godkjenning@tunet.example", Role.APPROVAL_OFFICER)
    auditor = _membership("revisor@tunet.example", Role.AUDITOR)

    # Solbakken gård: self-audit submitted with one «Nei», visit recorded, the deviation open.
    farmer = _membership("gardbruker@tunet.example", Role.FARMER)
    farm = Farm.objects.get(provider=organisations["solbakken"])
    audit = actions.do_start_self_audit(farmer, farm)
    first_code = audit.answers.order_by("item__version__standard__sort_order", "item_id").first().item.code
    _answer_all(farmer, audit, no_codes={first_code})
    actions.do_submit_self_audit(farmer, audit)
    SelfAudit.objects.filter(pk=audit.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=30))
    revision = actions.do_assign_auditor(officer, farm, auditor.user)
    actions.do_record_visit(
        auditor,
        revision,
        visit_date=today - datetime.timedelta(days=14),
        met="Ola Solbakken og Marte Lien",
        summary="God orden på tunet og i fjøset. Beredskapsplanen må oppdateres; ellers er kravene oppfylt.",
    )

    # Nordre Li: this year's self-audit half done.
    farmer2 = _membership("gardbruker2@tunet.example", Role.FARMER)
    farm2 = Farm.objects.get(provider=organisations["nordre-li"])
    audit2 = actions.do_start_self_audit(farmer2, farm2)
    _answer_all(farmer2, audit2, upto=Answer.objects.filter(self_audit=audit2).count() // 2)

    # Farms waiting for approval get the auditor, so the worklist has more than one farm.
    for pending in Farm.objects.filter(approval__status=ApprovalStatus.PENDING).order_by("name")[:3]:
        actions.do_assign_auditor(officer, pending, auditor.user)
