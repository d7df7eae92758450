"""Checks for uploaded files, by their content and never by their name.

A renamed executable called "forsikring.pdf" is refused because its bytes are not a PDF; an image
is opened and verified with Pillow. Used by farm photos and by the document vault.
"""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF = "application/pdf"


def _is_pdf(upload):
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # The PDF header may be preceded by a few bytes of junk; the format allows it within the first KB.
    return b"%PDF-" in head


def _image_type(upload):
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return IMAGE_FORMATS.get(image_format)


def check_size(upload, max_bytes):
    if upload.size == 0:
        raise forms.ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes:
        raise forms.ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )


def check_image(upload, max_bytes):
    """The content type of a valid JPEG, PNG or WebP photo, or a ValidationError."""
    check_size(upload, max_bytes)
    content_type = _image_type(upload)
    if content_type is None:
        raise forms.ValidationError(_("The file is not a photo we can read. Use JPEG, PNG or WebP."), code="not_image")
    return content_type


def check_document(upload, max_bytes):
    """The content type of a PDF or a photo (JPEG, PNG, WebP), or a ValidationError."""
    check_size(upload, max_bytes)
    if _is_pdf(upload):
        return PDF
    content_type = _image_type(upload)
    if content_type is None:
        raise forms.ValidationError(
            _("The file is neither a PDF nor a photo. Upload a PDF, or a photo in JPEG, PNG or WebP."),
            code="not_document",
        )
    return content_type


def image_type_of(field_file):
    """The content type of a stored photo, read from its bytes (stored names carry no extension)."""
    with field_file.open("rb") as handle:
        return _image_type(handle) or "application/octet-stream"
