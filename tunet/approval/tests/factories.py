import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from tunet.accounts.tests.factories import UserFactory
from tunet.approval.models import (
    AppliesWhen,
    Document,
    DocumentType,
    Item,
    Section,
    Standard,
    StandardVersion,
    VersionStatus,
)
from tunet.catalogue.tests.factories import FarmFactory


def _pdf_bytes():
    """A real one-page PDF: the vault parses what it is given."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = _pdf_bytes()


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    code = factory.Sequence(lambda n: f"standard-{n}")
    name = factory.Sequence(lambda n: f"Standard {n}")
    sort_order = factory.Sequence(lambda n: n)


class StandardVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardVersion

    standard = factory.SubFactory(StandardFactory)
    number = 1
    status = VersionStatus.DRAFT


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(StandardVersionFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Seksjon {n}")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda n: n)
    code = factory.Sequence(lambda n: f"K {n}")
    requirement = factory.Sequence(lambda n: f"Krav nummer {n} er oppfylt.")
    guidance = "Slik viser du det."
    applies_when = AppliesWhen.ALWAYS


def standard_with_version(*, status=VersionStatus.PUBLISHED, number=1, sections=2, items=3, standard=None, **fields):
    """A standard (new unless given) with one version of sections × items requirements."""
    standard = standard or StandardFactory(**fields)
    version = StandardVersionFactory(
        standard=standard,
        number=number,
        status=status,
        published_at=None if status == VersionStatus.DRAFT else timezone.now(),
    )
    for s in range(sections):
        section = SectionFactory(version=version, position=s, title=f"{standard.name} seksjon {s + 1}")
        for i in range(items):
            ItemFactory(section=section, position=i, code=f"{standard.code[:8]} {s + 1}.{i + 1}")
    return version


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    farm = factory.SubFactory(FarmFactory)
    kind = DocumentType.INSURANCE
    title = factory.Sequence(lambda n: f"Forsikringsbevis {n}")
    file = factory.LazyFunction(lambda: SimpleUploadedFile("forsikring.pdf", PDF_BYTES))
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    original_name = "forsikring.pdf"
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    uploaded_by = factory.SubFactory(UserFactory)
