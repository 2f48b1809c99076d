"""Removal of contact details from free text (questions, replies, notes) at purge time.

Over-matching is preferred to leaking: a number that looks like a phone number goes.
Amounts ("400.000 €") and dates ("01/09/2016") have too few digits to match.
"""

from __future__ import annotations

import re

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[phone]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# International: +32 / 0032, an optional "(0)", then 6 to 12 more digits with separators.
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[\s./-]?\(0\))?(?:[\s./-]?\d){6,12}(?!\d)")
# National (Belgian): 0 + a non-zero digit, 9 or 10 digits in all (02 123 45 67, 0470/12.34.56).
_PHONE_NATIONAL = re.compile(r"(?<![\w+])0[1-9](?:[\s./-]?\d){7,8}(?!\d)")


def anonymise(text: str) -> str:
    """The text with e-mail addresses and phone numbers replaced by neutral markers.

    Args:
        text: Any free text written by an applicant or a staff member.

    Returns:
        The same text, where every e-mail address reads ``[e-mail]`` and every phone
        number ``[phone]``.
    """
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _PHONE_INTL.sub(PHONE_MASK, text)
    return _PHONE_NATIONAL.sub(PHONE_MASK, text)
