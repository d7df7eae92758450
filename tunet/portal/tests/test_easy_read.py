"""Easy-read (lettlest): every page a participant or a relative sees has a LIX of at most 35, measured
over the rendered text of the page's main content, with the data a real page shows.

LIX = words per sentence + the share of long words (more than six letters) in per cent. A heading, a
list item, a label or a button ends a sentence as a full stop does: that is how they are read.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tunet.care.models import Goal, GoalNote
from tunet.care.tests.factories import deal_with_staff, participant, placed
from tunet.daily.models import ClosedDay
from tunet.portal import actions
from tunet.portal.models import CheckIn, Message

from .factories import own_login, relative

pytestmark = pytest.mark.django_db

LIMIT = 35
BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "label", "legend", "button", "option", "td", "th", "a"}
SKIPPED = {"script", "style", "svg"}


class _MainText(HTMLParser):
    """The text of <main>, with a sentence break where a block ends."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif tag in SKIPPED:
            self.skip += 1
        elif self.depth and tag in BLOCKS:
            self.parts.append(". ")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        elif tag in SKIPPED:
            self.skip -= 1
        elif self.depth and tag in BLOCKS:
            self.parts.append(". ")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def main_text(html):
    parser = _MainText()
    parser.feed(html)
    return " ".join(parser.parts)


def lix(text):
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
    sentences = [s for s in re.split(r"[.!?:]+", text) if re.search(r"[^\W\d_]", s)]
    long_words = [w for w in words if len(w.replace("-", "")) > 6]
    return len(words) / max(len(sentences), 1) + 100 * len(long_words) / max(len(words), 1)


def test_lix_is_measured_as_the_formula_says():
    # 9 words, 2 sentences, 2 long words («sommeren», «gårdsdagene»): 4.5 + 22.2
    assert round(lix("Vi er på gården. Om sommeren liker jeg gårdsdagene."), 1) == 26.7


@pytest.fixture
def world(client):
    deal = deal_with_staff()
    deal.farm.name = "Solbakken gård"
    deal.farm.contact_name = "Ola Solbakken"
    deal.farm.contact_phone = "412 34 567"
    deal.farm.what_to_bring = "Klær etter været og gode sko."
    deal.farm.save()
    person = participant(
        deal.buyer, first_name="Solveig", last_name="Testrud", allergies="Nøtter", fears="Store hunder"
    )
    placement = placed(deal, person, weekdays=(1, 3), start=timezone.localdate() - datetime.timedelta(days=40))
    goal = Goal.objects.create(
        placement=placement, title="Være ute to timer hver dag", shared=True, created_by=deal.buyer.user
    )
    GoalNote.objects.create(goal=goal, text="Du matet hønene i dag.", shared=True, by=deal.farmer.user)
    own = own_login(person)
    kin = relative(person, consents=("sees_days", "reports_absence", "sees_goals", "may_be_contacted", "sees_records"))
    days = [timezone.localdate() + datetime.timedelta(days=n) for n in range(1, 15)]
    farm_days = [d for d in days if d.weekday() in (1, 3)]
    ClosedDay.objects.create(farm=deal.farm, date=farm_days[-1], reason="Ferie", created_by=deal.farmer.user)
    actions.do_report_absence(own, days=[(placement, farm_days[0])], reason="sick")
    Message.objects.create(
        placement=placement, author=deal.farmer.user, author_label="Solbakken gård", text="Hei! Vi baker brød."
    )
    actions.do_write_message(kin, placement, text="Hun kommer litt seint i dag.")
    CheckIn.objects.create(
        placement=placement,
        period=(timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1),
        enjoys=5,
        feels_safe=4,
        masters=4,
        recommends=5,
        answered_by=own.user,
    )
    client.force_login(deal.farmer.user)
    client.get(reverse("care:participant", args=[person.pk]))
    return {"person": person, "own": own, "relative": kin, "deal": deal}


PAGES = ["overview", "farm_days", "absence", "goals", "contact", "looks", "records", "messages", "check_in"]


@pytest.mark.parametrize("who", ["own", "relative"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_of_my_pages_is_easy_to_read(client, world, who, name):
    client.force_login(world[who].user)
    client.get(reverse("portal:looks", args=[world["person"].pk]))  # the person's own read is listed too
    response = client.get(reverse(f"portal:{name}", args=[world["person"].pk]))
    assert response.status_code == 200
    text = main_text(response.content.decode())
    assert lix(text) <= LIMIT, f"LIX {lix(text):.1f} on {name} for {who}: {text}"


def test_the_choice_of_pages_and_the_empty_page_are_easy_to_read(client, world):
    second = participant(world["deal"].buyer, first_name="Arne", last_name="Prøvesen")
    relative(second).delete()
    grant = world["relative"]
    from tunet.portal.models import PortalAccess

    PortalAccess.objects.create(
        participant=second,
        kind="relative",
        user=grant.user,
        full_name=grant.full_name,
        email=grant.email,
        sees_days=True,
        consent_from="guardian",
        consent_on=timezone.localdate(),
        recorded_by=second.created_by,
    )
    client.force_login(grant.user)
    for user in (grant.user, own_login(participant(world["deal"].buyer)).user):
        client.force_login(user)
        response = client.get(reverse("portal:home"), follow=True)
        assert lix(main_text(response.content.decode())) <= LIMIT
    from tunet.accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert lix(main_text(client.get(reverse("portal:home")).content.decode())) <= LIMIT


def test_the_invitation_pages_are_easy_to_read(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_record_relative(
            world["deal"].buyer,
            world["person"],
            full_name="Per Testrud",
            email="per@example.org",
            consent_from="participant",
            consent_on=timezone.localdate(),
            sees_days=True,
        )
    token = re.search(r"/invitasjon/(\S+)/", mail.outbox[-1].body).group(1)
    url = reverse("portal:invitation", args=[token])
    client.logout()
    for response in (
        client.get(url),
        client.post(url, {"password1": "kort", "password2": "annet"}),
        client.get(reverse("portal:invitation", args=["ugyldig"])),
    ):
        text = main_text(response.content.decode())
        assert lix(text) <= LIMIT, f"LIX {lix(text):.1f}: {text}"
    assert lix(mail.outbox[-1].body) <= LIMIT
