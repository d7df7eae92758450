"""Standards as data: the versions in force, drafting, editing and publishing, and who may do it."""

import pytest
from django.urls import reverse

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval import actions, forms, queries
from tunet.approval.actions import standards as standard_actions
from tunet.approval.models import (
    AppliesWhen,
    DocumentType,
    Item,
    Revision,
    Section,
    StandardVersion,
    VersionStatus,
)
from tunet.catalogue.tests.factories import FarmFactory

from .factories import standard_with_version

pytestmark = pytest.mark.django_db


# --- The versions in force ---------------------------------------------------------------------------


def test_versions_in_force_are_the_published_ones_in_order_with_contents(django_assert_num_queries):
    second = standard_with_version(name="B", sort_order=2, sections=2, items=2)
    first = standard_with_version(name="A", sort_order=1, sections=1, items=3)
    standard_with_version(standard=first.standard, number=2, status=VersionStatus.DRAFT)
    standard_with_version(standard=second.standard, number=0, status=VersionStatus.RETIRED)
    standard_with_version(name="Bare utkast", status=VersionStatus.DRAFT)

    with django_assert_num_queries(4):
        versions = queries.versions_in_force()
        contents = [
            (v.standard.name, [(s.title, [i.code for i in s.items.all()]) for s in v.sections.all()], v.items.all())
            for v in versions
        ]
    assert [name for name, _sections, _items in contents] == ["A", "B"]
    assert [len(items) for _title, items in contents[1][1]] == [2, 2]
    # All items of a version, section by section, in the order the farm answers them.
    assert [i.code for i in contents[1][2]] == [code for _title, codes in contents[1][1] for code in codes]


# --- Who may keep the standards ----------------------------------------------------------------------------


@pytest.fixture
def world():
    farm = FarmFactory()
    officer = member(Role.APPROVAL_OFFICER)
    auditor = member(Role.AUDITOR)
    Revision.objects.create(farm=farm, auditor=auditor.user, assigned_by=officer.user)
    in_force = standard_with_version(code="hms", name="HMS")
    draft = standard_with_version(standard=in_force.standard, number=2, status=VersionStatus.DRAFT)
    return {
        "in_force": in_force,
        "draft": draft,
        "actors": {
            "anonymous": None,
            "own_farmer": member(Role.FARMER, farm.provider).user,
            "other_farmer": member(Role.FARMER, FarmFactory().provider).user,
            "case_worker": member(Role.CASE_WORKER).user,
            "approval_officer": officer.user,
            "assigned_auditor": auditor.user,
            "other_auditor": member(Role.AUDITOR).user,
        },
    }


def standards_urls(world):
    draft = world["draft"]
    section = draft.sections.first()
    item = draft.items.first()
    v = ["hms", draft.number]
    return [
        ("get", reverse("approval:standards")),
        ("get", reverse("approval:standard", args=["hms"])),
        ("get", reverse("approval:standard_version", args=["hms", 1])),
        ("post", reverse("approval:draft_new", args=["hms"])),
        ("get", reverse("approval:version_notes", args=v)),
        ("post", reverse("approval:version_notes", args=v)),
        ("get", reverse("approval:version_publish", args=v)),
        ("post", reverse("approval:version_publish", args=v)),
        ("get", reverse("approval:section_new", args=v)),
        ("post", reverse("approval:section_new", args=v)),
        ("get", reverse("approval:section_edit", args=[*v, section.pk])),
        ("post", reverse("approval:section_edit", args=[*v, section.pk])),
        ("get", reverse("approval:section_delete", args=[*v, section.pk])),
        ("post", reverse("approval:section_delete", args=[*v, section.pk])),
        ("post", reverse("approval:section_move", args=[*v, section.pk])),
        ("get", reverse("approval:item_new", args=v)),
        ("post", reverse("approval:item_new", args=v)),
        ("get", reverse("approval:item_edit", args=[*v, item.pk])),
        ("post", reverse("approval:item_edit", args=[*v, item.pk])),
        ("get", reverse("approval:item_delete", args=[*v, item.pk])),
        ("post", reverse("approval:item_delete", args=[*v, item.pk])),
        ("post", reverse("approval:item_move", args=[*v, item.pk])),
    ]


@pytest.mark.parametrize(
    "actor", ["anonymous", "own_farmer", "other_farmer", "case_worker", "assigned_auditor", "other_auditor"]
)
def test_only_the_approval_body_sees_or_changes_the_standards(client, world, actor):
    user = world["actors"][actor]
    if user:
        client.force_login(user)
    before = (StandardVersion.objects.count(), Section.objects.count(), Item.objects.count())
    for method, url in standards_urls(world):
        response = getattr(client, method)(url, {"title": "Kapret", "notes": "Kapret", "direction": "up"})
        assert response.status_code == (302 if actor == "anonymous" else 403), (actor, method, url)
        if actor == "anonymous":
            assert response.url.startswith(reverse("accounts:login"))
    assert (StandardVersion.objects.count(), Section.objects.count(), Item.objects.count()) == before
    world["draft"].refresh_from_db()
    assert world["draft"].status == VersionStatus.DRAFT
    assert world["draft"].notes == ""


def test_the_approval_body_reaches_every_standards_page(client, world):
    client.force_login(world["actors"]["approval_officer"])
    for method, url in standards_urls(world):
        if method == "get":
            response = client.get(url)
            assert response.status_code in (200, 302), url
            if response.status_code == 302:
                assert response.url == reverse("approval:standard_version", args=["hms", 1])


# --- Drafting, editing and publishing ---------------------------------------------------------------------


@pytest.fixture
def officer():
    return member(Role.APPROVAL_OFFICER)


def contents(version):
    return [
        (
            s.position,
            s.title,
            [(i.code, i.requirement, i.guidance, i.applies_when, i.document_type) for i in s.items.all()],
        )
        for s in version.sections.order_by("position").prefetch_related("items")
    ]


def test_a_new_draft_is_an_exact_copy_of_the_version_in_force_numbered_one_higher(officer):
    in_force = standard_with_version(sections=3, items=4)
    in_force.items.filter(code__endswith="1.2").update(
        applies_when=AppliesWhen.ANIMALS, document_type=DocumentType.INSURANCE
    )
    retired = standard_with_version(standard=in_force.standard, number=0, status=VersionStatus.RETIRED, sections=1)

    draft = actions.do_draft_version(officer, in_force.standard)

    assert (draft.number, draft.status, draft.notes) == (2, VersionStatus.DRAFT, "")
    assert contents(draft) == contents(in_force)
    assert all(item.version_id == draft.pk for item in Item.objects.filter(section__version=draft))
    # The copy is its own: the version in force and older ones are untouched.
    assert Item.objects.filter(version=in_force).count() == 12
    assert contents(retired) != contents(draft)


def test_drafting_twice_gives_the_same_draft(officer):
    in_force = standard_with_version()
    first = actions.do_draft_version(officer, in_force.standard)
    second = actions.do_draft_version(officer, in_force.standard)
    assert first == second
    assert StandardVersion.objects.filter(standard=in_force.standard, status=VersionStatus.DRAFT).count() == 1


def test_a_draft_made_in_the_same_moment_by_someone_else_is_the_one_returned(officer, monkeypatch):
    in_force = standard_with_version()
    theirs = standard_with_version(standard=in_force.standard, number=2, status=VersionStatus.DRAFT, sections=0)
    # Our first look missed their draft (it was committed just after); the database constraint catches it.
    real_draft_of = standard_actions._draft_of
    looks = []

    def first_look_misses(standard):
        looks.append(standard)
        return None if len(looks) == 1 else real_draft_of(standard)

    monkeypatch.setattr(standard_actions, "_draft_of", first_look_misses)
    assert actions.do_draft_version(officer, in_force.standard) == theirs
    assert len(looks) == 2
    assert StandardVersion.objects.filter(standard=in_force.standard).count() == 2


def test_publishing_replaces_the_version_in_force_and_records_who_and_when(officer):
    in_force = standard_with_version()
    draft = actions.do_draft_version(officer, in_force.standard)
    published = actions.do_publish_version(officer, draft)
    in_force.refresh_from_db()
    assert published.status == VersionStatus.PUBLISHED
    assert published.published_by == officer.user
    assert published.published_at is not None
    assert in_force.status == VersionStatus.RETIRED
    assert queries.versions_in_force() == [published]


def test_publishing_twice_is_harmless(client, officer):
    in_force = standard_with_version(code="gk")
    draft = actions.do_draft_version(officer, in_force.standard)
    client.force_login(officer.user)
    url = reverse("approval:version_publish", args=["gk", draft.number])
    assert client.post(url).status_code == 302
    response = client.post(url, follow=True)
    assert "ikke lenger et utkast" in response.content.decode()
    assert list(StandardVersion.objects.filter(standard=in_force.standard).values_list("number", "status")) == [
        (2, VersionStatus.PUBLISHED),
        (1, VersionStatus.RETIRED),
    ]


def test_an_empty_draft_cannot_be_published(officer):
    draft = standard_with_version(status=VersionStatus.DRAFT, sections=1, items=0)
    with pytest.raises(actions.NotAllowed):
        actions.do_publish_version(officer, draft)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


@pytest.mark.parametrize("status", [VersionStatus.PUBLISHED, VersionStatus.RETIRED])
def test_published_and_replaced_versions_cannot_be_changed(officer, status):
    version = standard_with_version(status=status)
    section = version.sections.first()
    item = version.items.first()
    before = contents(version)
    changes = [
        lambda: actions.do_save_version_notes(officer, version, "Endret i smug"),
        lambda: actions.do_save_section(officer, version, title="Ny"),
        lambda: actions.do_save_section(officer, version, section, title="Nytt navn"),
        lambda: actions.do_delete_section(officer, section),
        lambda: actions.do_move_section(officer, section, 1),
        lambda: actions.do_save_item(officer, version, item, **valid_item_form(version, instance=item).cleaned_data),
        lambda: actions.do_delete_item(officer, item),
        lambda: actions.do_move_item(officer, item, 1),
        lambda: actions.do_publish_version(officer, version),
    ]
    for change in changes:
        with pytest.raises(actions.NotAllowed):
            change()
    version.refresh_from_db()
    assert (version.status, version.notes) == (status, "")
    assert contents(version) == before


def test_editing_a_published_version_through_the_pages_is_refused_with_a_reason(client, officer):
    version = standard_with_version(code="ipt")
    client.force_login(officer.user)
    response = client.get(reverse("approval:section_new", args=["ipt", 1]), follow=True)
    assert "Bare et utkast kan endres" in response.content.decode()
    response = client.post(reverse("approval:section_new", args=["ipt", 1]), {"title": "Ny"})
    assert response.status_code == 302
    assert not version.sections.filter(title="Ny").exists()


def valid_item_form(version, instance=None, **data):
    section = version.sections.first()
    fields = {
        "section": section.pk,
        "code": "NY 9.9",
        "requirement": "Et nytt krav.",
        "guidance": "",
        "applies_when": AppliesWhen.TRANSPORT,
        "document_type": "",
        **data,
    }
    form = forms.ItemForm(fields, instance=instance or Item(), version=version)
    assert form.is_valid(), form.errors
    return form


def test_the_draft_is_edited_section_by_section_and_item_by_item(client, officer):
    draft = standard_with_version(code="hms", status=VersionStatus.DRAFT, sections=2, items=2)
    first, second = draft.sections.order_by("position")
    client.force_login(officer.user)
    v = ["hms", draft.number]

    assert client.post(reverse("approval:section_new", args=v), {"title": "Brann"}).status_code == 302
    fire = draft.sections.get(title="Brann")
    assert fire.position == 2
    assert client.post(reverse("approval:section_move", args=[*v, fire.pk]), {"direction": "up"}).status_code == 302
    assert [s.title for s in draft.sections.order_by("position")] == [first.title, "Brann", second.title]

    response = client.post(
        reverse("approval:item_new", args=v),
        {
            "section": fire.pk,
            "code": "HMS 9.1",
            "requirement": "Slukkere er kontrollert.",
            "guidance": "Se etikett.",
            "applies_when": AppliesWhen.ALWAYS,
            "document_type": DocumentType.FIRE_INSPECTION,
        },
    )
    assert response.status_code == 302
    item = Item.objects.get(code="HMS 9.1")
    assert (item.version, item.section, item.position, item.document_type) == (
        draft,
        fire,
        0,
        DocumentType.FIRE_INSPECTION,
    )

    # Moving it to another section puts it last there.
    response = client.post(
        reverse("approval:item_edit", args=[*v, item.pk]),
        {
            "section": first.pk,
            "code": "HMS 9.1",
            "requirement": "Slukkere er kontrollert i år.",
            "guidance": "",
            "applies_when": AppliesWhen.ANIMALS,
            "document_type": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.section, item.position, item.requirement, item.applies_when) == (
        first,
        2,
        "Slukkere er kontrollert i år.",
        AppliesWhen.ANIMALS,
    )
    assert client.post(reverse("approval:item_move", args=[*v, item.pk]), {"direction": "up"}).status_code == 302
    assert [i.code for i in first.items.order_by("position")][1] == "HMS 9.1"

    assert client.post(reverse("approval:version_notes", args=v), {"notes": "Nytt om brann."}).status_code == 302
    draft.refresh_from_db()
    assert draft.notes == "Nytt om brann."

    assert "Ja, slett" in client.get(reverse("approval:item_delete", args=[*v, item.pk])).content.decode()
    assert client.post(reverse("approval:item_delete", args=[*v, item.pk])).status_code == 302
    assert not Item.objects.filter(pk=item.pk).exists()
    assert [i.position for i in first.items.order_by("position")] == [0, 1]

    shown = client.get(reverse("approval:section_delete", args=[*v, second.pk])).content.decode()
    assert "og dens 2 krav" in shown
    assert client.post(reverse("approval:section_delete", args=[*v, second.pk])).status_code == 302
    assert [s.title for s in draft.sections.order_by("position")] == [first.title, "Brann"]
    assert [s.position for s in draft.sections.order_by("position")] == [0, 1]


def test_a_code_is_unique_within_the_version_and_the_form_keeps_what_was_typed(client, officer):
    draft = standard_with_version(code="hms", status=VersionStatus.DRAFT, sections=1, items=1)
    taken = draft.items.get()
    client.force_login(officer.user)
    response = client.post(
        reverse("approval:item_new", args=["hms", draft.number]),
        {
            "section": taken.section_id,
            "code": taken.code.lower(),
            "requirement": "Skrevet med omhu.",
            "applies_when": AppliesWhen.ALWAYS,
            "document_type": "",
        },
    )
    shown = response.content.decode()
    assert response.status_code == 200
    assert "har allerede koden" in shown
    assert "Skrevet med omhu." in shown
    assert draft.items.count() == 1


@pytest.mark.parametrize("count", [1, 6])
def test_the_standards_list_takes_the_same_number_of_queries_for_few_and_many(
    client, officer, count, django_assert_num_queries
):
    for n in range(count):
        version = standard_with_version(sections=2, items=2)
        standard_with_version(standard=version.standard, number=2, status=VersionStatus.DRAFT, sections=1, items=n)
    client.force_login(officer.user)
    # The page frame (session, user, memberships, notifications), the standards, their current versions.
    with django_assert_num_queries(6):
        response = client.get(reverse("approval:standards"))
    assert response.content.decode().count("Versjon 2") == count


@pytest.mark.parametrize("size", [(1, 2), (4, 6)])
def test_a_version_page_takes_the_same_number_of_queries_for_small_and_large(
    client, officer, size, django_assert_num_queries
):
    sections, items = size
    standard_with_version(code="gk", sections=sections, items=items, status=VersionStatus.DRAFT)
    client.force_login(officer.user)
    # The page frame, the standard and its versions, the version, its sections, their items, all its items.
    with django_assert_num_queries(10):
        assert client.get(reverse("approval:standard_version", args=["gk", 1])).status_code == 200
