"""Reads from the municipality and postcode register. None of it is personal data."""

from .models import PostalCode


def postal_code(code: str | None) -> PostalCode | None:
    """The postcode with its municipality and county, or None if there is no such postcode."""
    code = (code or "").strip()
    if len(code) != 4 or not code.isdigit():
        return None
    return PostalCode.objects.select_related("municipality__county").filter(code=code).first()
