"""Checks for uploaded files, by their content and never by their name, and the clean copy that is
stored instead of what was uploaded.

A renamed executable called "forsikring.pdf" is refused because its bytes are not a PDF: a PDF must
parse as one (pypdf), a mention of "%PDF-" is not enough. An image is opened with Pillow, refused when
it claims more than IMAGE_MAX_PIXELS (a few bytes can claim a picture too big to open), and encoded
anew: what is stored has no EXIF (GPS position, device), comments or other metadata, and a random name
of our own with the extension of the format found. Used by farm photos, handbook images, evidence
photos and the document vault.
"""

from __future__ import annotations

import io
import secrets
import warnings
from typing import IO, Any

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}
PDF = "application/pdf"

# What Pillow raises for a file that is not a readable image, or one too big to open.
_NOT_AN_IMAGE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def random_name(content_type: str) -> str:
    """A stored file's name: random, with the extension of the type its content was found to be."""
    return f"{secrets.token_hex(16)}.{EXTENSIONS.get(content_type, 'bin')}"


def _is_pdf(upload: Any) -> bool:
    """Whether the file parses as a PDF with at least one page (the header alone proves nothing)."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # The PDF header may be preceded by a few bytes of junk; the format allows it within the first KB.
    if b"%PDF-" not in head:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(upload, strict=False)
            return len(reader.pages) > 0 and reader.pages[0].mediabox is not None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        return False
    finally:
        upload.seek(0)


def _too_many_pixels(size: tuple[int, int]) -> bool:
    return size[0] * size[1] > settings.IMAGE_MAX_PIXELS


def _pixel_error() -> forms.ValidationError:
    return forms.ValidationError(
        _("The photo has too many pixels (at most %(megapixels)s million). Make it smaller and try again."),
        params={"megapixels": settings.IMAGE_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def _image_type(upload: Any) -> str | None:
    """The content type of a valid JPEG, PNG or WebP, or None; a ValidationError when it claims more pixels
    than IMAGE_MAX_PIXELS (checked from the header, before anything is decoded)."""
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if _too_many_pixels(image.size):
                    raise _pixel_error()
                image_format = image.format
                image.verify()
    except Image.DecompressionBombWarning:
        raise _pixel_error() from None
    except Image.DecompressionBombError:
        raise _pixel_error() from None
    except _NOT_AN_IMAGE:
        return None
    finally:
        upload.seek(0)
    return IMAGE_FORMATS.get(image_format or "")


def _reencoded(upload: Any, content_type: str) -> ContentFile[bytes]:
    """The image drawn anew in its own format, turned the way it was taken, without any metadata."""
    upload.seek(0)
    with Image.open(upload) as original:
        original.load()
        image = ImageOps.exif_transpose(original) or original
        image_format = original.format or "PNG"
        # Only what drawing needs survives: EXIF, XMP, ICC profiles, comments and text chunks do not.
        image.info = {key: value for key, value in image.info.items() if key == "transparency"}
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buffer = io.BytesIO()
        options: dict[str, Any] = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
        image.save(buffer, format=image_format, **options)
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=random_name(content_type))


def check_size(upload: Any, max_bytes: int) -> None:
    if upload.size == 0:
        raise forms.ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes:
        raise forms.ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )


def check_image(upload: Any, max_bytes: int) -> str:
    """The content type of a valid JPEG, PNG or WebP photo, or a ValidationError."""
    check_size(upload, max_bytes)
    content_type = _image_type(upload)
    if content_type is None:
        raise forms.ValidationError(_("The file is not a photo we can read. Use JPEG, PNG or WebP."), code="not_image")
    return content_type


def clean_image(upload: Any, max_bytes: int) -> tuple[File[Any], str]:
    """What to store for an uploaded photo: the photo encoded anew without metadata, under a random name,
    and its content type; or a ValidationError."""
    content_type = check_image(upload, max_bytes)
    return _reencoded(upload, content_type), content_type


def check_document(upload: Any, max_bytes: int) -> str:
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


def clean_document(upload: Any, max_bytes: int) -> tuple[File[Any], str]:
    """What to store for an uploaded document: a PDF as it is, a photo encoded anew (clean_image); with the
    content type; or a ValidationError."""
    content_type = check_document(upload, max_bytes)
    if content_type == PDF:
        return upload, content_type
    return _reencoded(upload, content_type), content_type


def stored_image_type(handle: IO[bytes]) -> str:
    """The content type of a stored image, read from its header (stored names are not trusted)."""
    try:
        with Image.open(handle) as image:
            content_type = IMAGE_FORMATS.get(image.format or "")
    except _NOT_AN_IMAGE:
        content_type = None
    finally:
        handle.seek(0)
    return content_type or "application/octet-stream"


def image_type_of(field_file: Any) -> str:
    """The content type of a stored photo, read from its bytes (stored names carry no extension)."""
    with field_file.open("rb") as handle:
        return _image_type(handle) or "application/octet-stream"
