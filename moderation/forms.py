"""The editorial board's forms: return, reject (with regulated reasons), the verification checklist; the
requests to correct, withdraw or take down a live page (R45) and the decision on them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models.corrections import CorrectionRequest
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


class CorrectionRequestForm(forms.ModelForm):
    class Meta:
        model = CorrectionRequest
        fields = ["kind", "requested_by_party", "reference", "reason", "public_note", "emergency"]
        widgets = {
            "kind": forms.RadioSelect,
            "reason": forms.Textarea({"rows": 3}),
            "public_note": forms.Textarea({"rows": 3}),
        }
        help_texts = {
            "public_note": _(
                "Shown on the public page: the corrected information for a correction, the reason readers "
                "see for a withdrawal or take-down."
            ),
            "emergency": _(
                "Board members only: the page is taken down now, without a second decision; it is logged."
            ),
        }
        error_messages = {
            "reason": {"required": _("State the reason for the request.")},
            "kind": {"required": _("Choose a correction, a withdrawal or a take-down.")},
            "requested_by_party": {"required": _("Say who asked for it.")},
        }

    def __init__(self, *args, may_act_at_once: bool = False, withdrawn: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Radios without a "---------" one; lifting a withdrawal is offered only on a withdrawn page.
        self.fields["kind"].choices = [
            choice
            for choice in CorrectionRequest.Kind.choices
            if withdrawn or choice[0] != CorrectionRequest.Kind.REINSTATEMENT
        ]
        if not may_act_at_once:
            del self.fields["emergency"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if (
            kind in (CorrectionRequest.Kind.CORRECTION, CorrectionRequest.Kind.WITHDRAWAL)
            and not (data.get("public_note") or "").strip()
        ):
            self.add_error("public_note", _("Write the note the public will read on the page."))
        if data.get("emergency") and kind != CorrectionRequest.Kind.TAKEDOWN:
            self.add_error("emergency", _("Only a take-down can be carried out at once."))
        if not (data.get("reason") or "").strip() and "reason" not in self.errors:
            self.add_error("reason", _("State the reason for the request."))
        return data


class CorrectionDecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    note = forms.CharField(label=_("Decision note"), widget=forms.Textarea({"rows": 2}), required=False)
