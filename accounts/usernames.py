"""One rule for user names (issue 11, hole 8), applied to every way an account is made or renamed.

A name is normalised to NFKC (full-width and compatibility letters become plain ones) and must then
consist of Latin letters (Vietnamese ones included), ASCII digits and ``. _ - @ +``. That refuses
control and format characters (zero-width spaces and joiners, bidirectional overrides), markup
(``< > & " '`` and spaces) and letters of other scripts that look like Latin ones (Cyrillic ``с``
in ``sec_root``). A name whose ASCII skeleton equals an existing user's is refused as confusable.
"""

from __future__ import annotations

import unicodedata

from anyascii import anyascii
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_PUNCTUATION = frozenset("._-@+")
MAX_LENGTH = 150


def _is_allowed(char: str) -> bool:
    if char in ALLOWED_PUNCTUATION or ("0" <= char <= "9"):
        return True
    category = unicodedata.category(char)
    if category.startswith("M"):  # a combining mark left after NFKC sits on an allowed letter
        return True
    return category.startswith("L") and unicodedata.name(char, "").startswith("LATIN ")


def validate_username(value: str) -> None:
    """Refuse what normalise_username would not return unchanged (model-level validator)."""
    if not isinstance(value, str) or not value:
        raise ValidationError(_("Enter a username."), code="required")
    if value != unicodedata.normalize("NFKC", value):
        raise ValidationError(_("The username is not in its normal form (NFKC)."), code="not_normalised")
    bad = sorted({char for char in value if not _is_allowed(char)})
    if bad:
        shown = ", ".join(f"U+{ord(char):04X}" for char in bad[:5])
        raise ValidationError(
            _(
                "A username may hold only Latin letters, digits and . _ - @ + (refused characters: "
                "%(chars)s)."
            ),
            code="invalid_characters",
            params={"chars": shown},
        )
    if len(value) > MAX_LENGTH:
        raise ValidationError(_("A username has at most 150 characters."), code="too_long")


def skeleton(value: str) -> str:
    """What a name looks like to a reader: no diacritics, no case, 0/1 read as o/l."""
    return anyascii(value).casefold().translate(str.maketrans("01", "ol"))


def normalise_username(raw: str, exclude_pk: int | None = None) -> str:
    """The name to store, or ValidationError saying what is wrong with it."""
    value = unicodedata.normalize("NFKC", raw or "").strip()
    validate_username(value)
    target = skeleton(value)
    others = get_user_model().objects.exclude(pk=exclude_pk) if exclude_pk else get_user_model().objects.all()
    # Compare with the names whose ASCII form is just as long: a short list, read once.
    for existing in others.values_list("username", flat=True).iterator():
        if skeleton(existing) == target:
            raise ValidationError(
                _("This username is already taken or looks the same as an existing one."), code="confusable"
            )
    return value


def install() -> None:
    """Every model form of the user (Wagtail's user admin, createsuperuser) validates the name."""
    field = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD)
    if validate_username not in field.validators:
        field.validators.append(validate_username)
