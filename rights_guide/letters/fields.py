"""Readers for a letter's identity fields: a mainland mobile number, an ID number, a time.

They use the shared ``Reader`` (rights_guide.reading) and add the checks
the issuing authorities define: the mobile number's prefix, the resident
ID number's birth date and check character. Full-width digits are read as
digits; other scripts' digits are refused. Incident times are read by the
evidence log's reader (``read_incident_time``, re-exported here).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from rights_guide.evidence.record import read_incident_time
from rights_guide.reading import Reader, ascii_digits

__all__ = ["id_number_is_valid", "read_id_number", "read_incident_time", "read_phone"]

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
PHONE_SEPARATORS = re.compile(r"[\s\-()（）]")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"
ID_NUMBER = re.compile(r"^[0-9]{17}[0-9X]$")


def read_phone(reader: Reader, data: Mapping, key: str, name: str) -> str | None:
    """A mainland mobile number: 11 digits starting 13–19; spaces, dashes and +86 are tolerated."""
    value = reader.line(data, key, name, max_length=40, required=False)
    if not value:
        return None
    digits = PHONE_SEPARATORS.sub("", ascii_digits(value))
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
            break
    if not MOBILE.match(digits):
        reader.error(name, "invalid_phone")
        return None
    return digits


def id_number_is_valid(value: str, *, today: datetime.date) -> bool:
    """An 18-character resident ID: a real birth date and the ISO 7064 MOD 11-2 check character."""
    if not ID_NUMBER.match(value):
        return False
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not datetime.date(1900, 1, 1) <= born <= today:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARACTERS[total % 11] == value[17]


def read_id_number(
    reader: Reader, data: Mapping, key: str, name: str, *, today: datetime.date
) -> str | None:
    value = reader.line(data, key, name, max_length=40, required=False)
    if not value:
        return None
    value = ascii_digits(value).replace(" ", "").upper()
    if not id_number_is_valid(value, today=today):
        reader.error(name, "invalid_id_number")
        return None
    return value
