"""The demo handbook and IPT school: loading twice changes nothing, the links resolve, the farmer has the certificate."""

import re

import pytest
from django.urls import reverse

from tunet.demo import accounts as accounts_demo
from tunet.demo import handbook as demo_handbook
from tunet.demo import learning as demo
from tunet.learning import queries
from tunet.learning.models import Audience, Certificate, Chapter, ChapterRevision, Lesson, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data():
    accounts_demo.load()
    demo.load()


def _counts():
    return [m.objects.count() for m in (Chapter, ChapterRevision, Lesson, Question, Certificate)]


def test_the_demo_loads_twice_without_change(demo_data):
    before = _counts()
    demo.load()
    assert _counts() == before
    assert before[0] == len(demo_handbook.CHAPTERS)
    assert before[2] == 4


def test_the_demo_handbook_covers_the_themes_and_its_links_resolve(demo_data, client):
    keys = set(Chapter.objects.values_list("key", flat=True))
    for key in (
        "samspill-kjoper-tilbyder",
        "hva-kjopere-ser-etter",
        "typer-garder",
        "bli-godkjent",
        "aktiviteter-gjennom-aret",
        "en-vanlig-dag",
        "deltakerne-forteller",
        "aktivitetsplikt",
        "kvalifiseringsprogrammet",
    ):
        assert key in keys
    for chapter in Chapter.objects.all():
        for target in re.findall(r'href="/handbok/kapittel/([a-z0-9-]+)/"', chapter.body):
            assert target in keys, (chapter.key, target)
        assert client.get(reverse("learning:chapter", args=[chapter.key])).status_code == 200
    for audience in Audience:
        assert Chapter.objects.filter(Chapter.for_audience(audience)).exists(), audience


def test_the_demo_farmer_has_completed_the_course(demo_data):
    from tunet.accounts.models import Organisation

    solbakken = Organisation.objects.get(name="Solbakken gård")
    completions = queries.course_completions_for(solbakken)
    assert [(c.user.email, c.code) for c in completions] == [("gardbruker@tunet.example", demo.COMPLETED_CODE)]
