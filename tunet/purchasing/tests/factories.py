"""Agreements for tests, made the way people make them: a request, an offer, the buyer accepts."""

from dataclasses import dataclass

from tunet.purchasing import actions
from tunet.purchasing.tests.scene import buyer, farm_with_offer, proposal, request_for


@dataclass
class Deal:
    """An accepted offer: the agreement with its first draft, and the people on each side."""

    agreement: object
    buyer: object  # the case worker who accepted (a membership)
    farmer: object  # the farm's farmer (a membership)
    farm: object
    offer: object

    @property
    def draft(self):
        return self.agreement.versions.get(state="draft")


def accepted_agreement(*, places=2, offer_places=4, buyer_membership=None):
    """An agreement draft for `places` places on Tuesdays and Thursdays, reserved on a listed farm."""
    case_worker = buyer_membership or buyer()
    farm, offer, farmer = farm_with_offer(places=offer_places)
    # The draft takes the farm's contact and emergency phone from its profile; an agreement needs them.
    farm.contact_name, farm.contact_phone, farm.contact_email = "Kari Bonde", "912 34 567", "kari@gard.test"
    farm.save(update_fields=["contact_name", "contact_phone", "contact_email"])
    request = request_for(case_worker, places=places)
    agreement = actions.do_accept_proposal(case_worker, proposal(request, farm, offer, farmer))
    return Deal(agreement=agreement, buyer=case_worker, farmer=farmer, farm=farm, offer=offer)


def signed_agreement(**kwargs):
    """As accepted_agreement, signed by both sides (version 1 in force)."""
    deal = accepted_agreement(**kwargs)
    draft = deal.draft
    actions.do_sign_agreement(deal.buyer, draft)
    actions.do_sign_agreement(deal.farmer, draft)
    deal.agreement.refresh_from_db()
    return deal
