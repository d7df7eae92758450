import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tunet.accounts.forms import OrganisationForm
from tunet.accounts.models import Organisation, OrganisationKind
from tunet.accounts.validators import clean_org_number

from .factories import OrganisationFactory


@pytest.mark.parametrize("value", ["974760673", "974 760 673", "921000006"])
def test_valid_org_numbers_are_accepted(value):
    assert clean_org_number(value) == value.replace(" ", "")


@pytest.mark.parametrize(
    ("value", "code"),
    [("97476067", "length"), ("9747606731", "length"), ("97476067x", "format"), ("974760674", "checksum")],
)
def test_invalid_org_numbers_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as refused:
        clean_org_number(value)
    assert refused.value.code == code


@pytest.mark.django_db
def test_form_says_in_norwegian_what_is_wrong_and_keeps_what_was_typed():
    organisation = OrganisationFactory()
    form = OrganisationForm(
        data={"name": "Ny gård", "org_number": "974 760 674", "street_address": "Gata 1", "postal_code": "3727"},
        instance=organisation,
    )
    assert not form.is_valid()
    assert form.errors["org_number"] == [
        "Dette er ikke et gyldig organisasjonsnummer. Sjekk at alle sifrene er riktige."
    ]
    assert form["street_address"].value() == "Gata 1"


@pytest.mark.django_db
def test_form_stores_the_number_without_spaces_and_fills_in_the_municipality_from_the_postcode():
    organisation = OrganisationFactory()
    form = OrganisationForm(
        data={"name": "Ny gård", "org_number": "974 760 673", "street_address": "Gata 1", "postal_code": "3727"},
        instance=organisation,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["org_number"] == "974760673"
    assert form.cleaned_data["postal_code"].municipality.name == "Skien"


@pytest.mark.django_db
def test_unknown_postcode_is_refused():
    form = OrganisationForm(data={"name": "Ny gård", "postal_code": "0000"}, instance=OrganisationFactory())
    assert not form.is_valid()
    assert "0000" in form.errors["postal_code"][0]


@pytest.mark.django_db
def test_database_refuses_malformed_and_duplicate_numbers():
    OrganisationFactory(org_number="974760673")
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Kopi", kind=OrganisationKind.PROVIDER, org_number="974760673")


@pytest.mark.django_db
def test_several_organisations_may_lack_a_number():
    OrganisationFactory(org_number="")
    OrganisationFactory(org_number="")
    assert Organisation.objects.filter(org_number="").count() == 2
