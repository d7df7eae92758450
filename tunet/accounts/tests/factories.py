import factory
from stdnum.no import orgnr

from tunet.accounts.models import ROLES_BY_KIND, Membership, Organisation, OrganisationKind, Role, User

PASSWORD = "et-godt-passord-42"


def valid_org_number(n):
    """The n-th valid nine-digit organisation number from 910000000 upwards."""
    candidate = 910_000_000 + n * 100
    while not orgnr.is_valid(str(candidate)):
        candidate += 1
    return str(candidate)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@tunet.test")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Virksomhet {n}")
    kind = OrganisationKind.PROVIDER
    org_number = factory.Sequence(valid_org_number)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.FARMER


KIND_FOR_ROLE = {
    Role.FARMER: OrganisationKind.PROVIDER,
    Role.FARM_STAFF: OrganisationKind.PROVIDER,
    Role.CASE_WORKER: OrganisationKind.MUNICIPALITY,
    Role.NAV_ADVISER: OrganisationKind.NAV_OFFICE,
    Role.APPROVAL_OFFICER: OrganisationKind.APPROVAL_BODY,
    Role.AUDITOR: OrganisationKind.AUDITOR_FIRM,
    Role.COORDINATOR: OrganisationKind.REGIONAL_COORDINATOR,
    Role.ADMIN: OrganisationKind.MUNICIPALITY,
}
assert all(role in ROLES_BY_KIND[kind] for role, kind in KIND_FOR_ROLE.items())


def member(role, organisation=None, **user_fields):
    """A person with the role in an organisation of a fitting kind (a new one unless given)."""
    organisation = organisation or OrganisationFactory(kind=KIND_FOR_ROLE[role])
    return MembershipFactory(role=role, organisation=organisation, user=UserFactory(**user_fields))
