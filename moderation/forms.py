"""The editorial decisions' forms: return, reject (with regulated reasons), the verification checklist."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models.settings import reason_choices


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What is missing or needs clarifying"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Say what the submitter must add or clarify.")},
    )


class RejectForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Reasons (CM26 Art 14.4)"),
        widget=forms.CheckboxSelectMultiple,
        choices=reason_choices,
        required=False,
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea({"rows": 3}), required=False)

    def clean_reasons(self) -> list[str]:
        reasons = self.cleaned_data.get("reasons") or []
        if not reasons:
            raise ValidationError(
                _("A rejection needs at least one reason from the regulated list (CM26 Art 14.4)."),
                code="no_reason",
            )
        return reasons


class ChecklistForm(forms.Form):
    """The verification step's checklist (CM26 Art 12.3.a, 14.1; R40): every point must be ticked."""

    source_verified = forms.BooleanField(label=_("The origin of the information is verified"))
    lawful = forms.BooleanField(label=_("It is lawful and follows the province's information policy"))
    accurate = forms.BooleanField(label=_("It is accurate and complete"))
    not_confidential = forms.BooleanField(label=_("It is not a state secret and may be made public"))
    right_field = forms.BooleanField(label=_("It is within the providing unit's field"))
    format_ok = forms.BooleanField(label=_("It meets the required technical standards and format"))
    comment = forms.CharField(
        label=_("Verification note"), widget=forms.Textarea({"rows": 2}), required=False
    )

    CHECKS = ("source_verified", "lawful", "accurate", "not_confidential", "right_field", "format_ok")

    @classmethod
    def is_complete(cls, data: dict) -> bool:
        return all(str(data.get(name, "")).lower() in {"true", "on", "1"} for name in cls.CHECKS)
