from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.no import orgnr


def clean_org_number(value):
    """Return the organisation number as nine digits, or raise a ValidationError that says why."""
    try:
        return orgnr.validate(value)
    except InvalidLength:
        raise ValidationError(_("An organisation number has nine digits."), code="length") from None
    except InvalidFormat:
        raise ValidationError(_("An organisation number may only contain digits."), code="format") from None
    except (InvalidChecksum, InvalidComponent):
        raise ValidationError(
            _("This is not a valid organisation number. Check that every digit is right."), code="checksum"
        ) from None


def validate_org_number(value):
    if value:
        clean_org_number(value)
