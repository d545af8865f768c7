"""Domain-naming rules for the portal and its component sites (R3–R6).

A label is the province's name for one level of a host: Vietnamese without diacritics
(``đ`` → ``d``), lowercase, no spaces. Communes use their full name without the administrative
prefix (``Phường Phan Đình Phùng`` → ``phandinhphung``); departments may use an abbreviation.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sites.text import fold, nfc

__all__ = ["fold", "nfc", "strip_admin_prefix", "suggest_label", "validate_hostname", "validate_label"]

LABEL_MAX_LENGTH = 63  # RFC 1035
_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")

# Administrative prefixes dropped when a commune-level label is suggested (R5).
_ADMIN_PREFIXES = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "ubnd",
    "đặc khu",
    "thị trấn",
    "phường",
    "xã",
)


def strip_admin_prefix(name: str) -> str:
    """``Ủy ban nhân dân xã Đầm Dơi`` → ``Đầm Dơi``."""
    name = nfc(name).strip()
    stripped = True
    while stripped:
        stripped = False
        for prefix in _ADMIN_PREFIXES:
            if name.lower().startswith(prefix + " "):
                name = name[len(prefix) + 1 :].strip()
                stripped = True
    return name


def suggest_label(name: str, *, drop_prefix: bool = True) -> str:
    """Suggest a domain label from a Vietnamese name: ``Xã Nhơn Mỹ`` → ``nhonmy``."""
    base = strip_admin_prefix(name) if drop_prefix else nfc(name)
    return re.sub(r"[^a-z0-9]", "", fold(base))


def validate_label(label: str) -> None:
    """Raise ValidationError naming exactly what is wrong with a domain label."""
    if not label:
        raise ValidationError(_("The domain label is empty."), code="empty")
    if any(ch.isspace() for ch in label):
        raise ValidationError(
            _("The domain label “%(label)s” contains spaces; write it without spaces.") % {"label": label},
            code="spaces",
        )
    if fold(label) != label.lower():
        raise ValidationError(
            _("The domain label “%(label)s” contains Vietnamese diacritics; use “%(suggestion)s” instead.")
            % {"label": label, "suggestion": suggest_label(label, drop_prefix=False)},
            code="diacritics",
        )
    if label != label.lower():
        raise ValidationError(
            _("The domain label “%(label)s” contains upper-case letters; use “%(lower)s”.")
            % {"label": label, "lower": label.lower()},
            code="uppercase",
        )
    if len(label) > LABEL_MAX_LENGTH:
        raise ValidationError(
            _("The domain label is longer than %(max)d characters.") % {"max": LABEL_MAX_LENGTH},
            code="too_long",
        )
    if not _LABEL_RE.match(label):
        raise ValidationError(
            _("The domain label “%(label)s” may only contain the letters a–z, digits and inner hyphens.")
            % {"label": label},
            code="invalid",
        )


def validate_hostname(hostname: str, province_domain: str) -> None:
    """A component host must be made of valid labels and end with the province domain (R4)."""
    suffix = "." + province_domain
    if not hostname.endswith(suffix):
        raise ValidationError(
            _("The host “%(host)s” must end with “%(suffix)s”.") % {"host": hostname, "suffix": suffix},
            code="wrong_suffix",
        )
    for label in hostname[: -len(suffix)].split("."):
        validate_label(label)
