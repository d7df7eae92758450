"""Each app declares its own header links and start-page tasks; core gathers them in order."""

import pytest
from django.urls import reverse

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.core import menu

pytestmark = pytest.mark.django_db


def test_every_declared_entry_leads_to_a_page():
    membership = member(Role.FARMER)
    items, tasks = menu._declared()
    assert {item.url.split(":")[0] for item in items} >= {"daily", "catalogue", "approval", "purchasing", "care"}
    for entry in (*items, *tasks):
        assert reverse(entry.url, args=entry.args(membership))


def test_the_header_shows_each_role_its_own_links_in_the_apps_order():
    farmer = member(Role.FARMER)
    assert [str(item["label"]) for item in menu.menu_for(farmer)] == [
        "I dag",
        "Min gård",
        "Godkjenning",
        "Innkjøp",
        "Deltakere",
        "Min virksomhet",
    ]
    auditor = member(Role.AUDITOR)
    assert [item["url"] for item in menu.menu_for(auditor)] == [
        reverse("approval:worklist"),
        reverse("accounts:organisation", args=[auditor.organisation_id]),
    ]
    assert menu.menu_for(None) == []


def test_start_tasks_follow_the_state_of_things():
    buyer = member(Role.CASE_WORKER, phone="")
    urls = [task["url"] for task in menu.tasks_for(buyer)]
    assert urls[:2] == [reverse("purchasing:request_new"), reverse("catalogue:catalogue")]
    assert reverse("accounts:profile") in urls
    buyer.user.phone = "41234567"
    assert reverse("accounts:profile") not in [task["url"] for task in menu.tasks_for(buyer)]
    assert menu.tasks_for(None) == []
