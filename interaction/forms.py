"""Public forms: questions and petitions (HN19 Art 10.1, R58), draft comments, page feedback, ratings."""

from __future__ import annotations

import re

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from cms.models import LegalField
from sites.models import Agency

from .antiabuse import ProtectedForm
from .models import CitizenRequest, PageFeedback

MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# What the content says it is → the extensions its name may have.
ALLOWED_TYPES = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
}
# CCCD/căn cước (12 digits), old CMND (9 digits), passport (a letter and 7–8 digits) (R58).
ID_NUMBER = re.compile(r"^(\d{9}|\d{12}|[A-Z]\d{7,8})$")
PHONE = re.compile(r"^\+?[\d .()-]{8,20}$")

PRIVACY_NOTICE = _(
    "Your name, identity number, address, phone and email are used only to handle and answer this "
    "request. They are stored encrypted, never published, seen only by the officials handling it, and "
    "erased after the retention period; the question and answer texts may be published without them."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to three files, each at most 5 MB, whose content (not name) is PDF, JPEG, PNG, DOCX or ODT."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.odt"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("Attach at most %(n)d files.") % {"n": MAX_ATTACHMENTS})
        return [self._check(super(AttachmentsField, self).clean(f, initial)) for f in files]

    @staticmethod
    def _check(upload: UploadedFile) -> UploadedFile:
        name = upload.name or ""
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                _("“%(name)s” is larger than 5 MB.") % {"name": name[:80]}, code="too_large"
            )
        upload.seek(0)
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess(head)
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if kind is None or kind.mime not in ALLOWED_TYPES:
            raise ValidationError(
                _("“%(name)s” is not a PDF, JPEG, PNG, DOCX or ODT file.") % {"name": name[:80]},
                code="file_type",
            )
        if extension not in ALLOWED_TYPES[kind.mime]:
            raise ValidationError(
                _("“%(name)s” is named as .%(ext)s but its content is %(real)s.")
                % {"name": name[:80], "ext": extension or "?", "real": kind.extension.upper()},
                code="disguised",
            )
        upload.detected_type = kind.mime
        upload.detected_extension = extension
        return upload


def _text(label, max_length: int, required: bool = True, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required, **kwargs)


class CitizenRequestForm(ProtectedForm):
    """Hà Nam 2019 Art 10.1: an individual gives name, identity number and address; an organisation the
    representative's name and position and its head-office address. District is optional (abolished 2025)."""

    form_name = "request"

    asker_type = forms.ChoiceField(
        label=_("You are"),
        choices=CitizenRequest.AskerType.choices,
        widget=forms.RadioSelect,
        initial=CitizenRequest.AskerType.INDIVIDUAL,
    )
    asker_name = _text(_("Full name (the representative's, for an organisation)"), 200)
    organisation_name = _text(_("Organisation"), 255, required=False)
    representative_position = _text(_("Representative's position"), 200, required=False)
    id_number = _text(
        _("Citizen ID, ID card or passport number"),
        30,
        required=False,
        help_text=_("12-digit citizen ID, 9-digit ID card or passport number."),
    )
    address_street = _text(_("House number, street"), 255)
    address_ward = _text(_("Commune or ward"), 255)
    address_district = _text(_("District (if any)"), 255, required=False)
    address_province = _text(_("Province or city"), 255)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("Give it to receive the tracking code, updates and a private answer by email."),
    )
    phone = _text(_("Phone"), 30, required=False)
    requested_agency = forms.ModelChoiceField(
        label=_("Agency you are asking"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Let the portal decide"),
    )
    field = forms.ModelChoiceField(label=_("Field"), queryset=LegalField.objects.all(), required=False)
    title = _text(_("Title"), 255)
    body = _text(_("Your question"), 10_000, widget=forms.Textarea({"rows": 8}))
    attachments = AttachmentsField(
        label=_("Attachments (PDF, JPEG, PNG, DOCX, ODT; at most 3 files of 5 MB)")
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to the processing of my data")
    )

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["requested_agency"]
        else:
            self.fields["requested_agency"].queryset = agencies

    def clean_id_number(self) -> str:
        value = re.sub(r"[\s.-]", "", self.cleaned_data.get("id_number") or "").upper()
        if value and not ID_NUMBER.match(value):
            raise ValidationError(_("Give a 12-digit citizen ID, a 9-digit ID card or a passport number."))
        return value

    def clean_phone(self) -> str:
        value = (self.cleaned_data.get("phone") or "").strip()
        if value and not PHONE.match(value):
            raise ValidationError(_("Give a phone number with digits only, e.g. 0290 3831 234."))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("asker_type") == CitizenRequest.AskerType.ORGANISATION:
            for name in ("organisation_name", "representative_position"):
                if not cleaned.get(name):
                    self.add_error(name, _("Required for an organisation (HN19 Art 10.1.a)."))
        elif (
            cleaned.get("asker_type") == CitizenRequest.AskerType.INDIVIDUAL
            and not cleaned.get("id_number")
            and "id_number" not in self.errors
        ):
            self.add_error("id_number", _("Required for an individual (HN19 Art 10.1.b)."))
        return cleaned


class ConsultationCommentForm(ProtectedForm):
    form_name = "consultation"

    name = _text(_("Full name"), 200)
    organisation = _text(_("Organisation (optional)"), 255, required=False)
    email = forms.EmailField(label=_("Email"), max_length=254)
    article = _text(_("Article of the draft you comment on (optional)"), 100, required=False)
    text = _text(_("Your comment"), 10_000, widget=forms.Textarea({"rows": 6}))
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to the processing of my data")
    )


class PageFeedbackForm(ProtectedForm):
    form_name = "feedback"

    kind = forms.ChoiceField(label=_("Kind"), choices=PageFeedback.Kind.choices[:2])
    message = _text(_("Your comment or the error you found"), 5_000, widget=forms.Textarea({"rows": 5}))
    name = _text(_("Name (optional)"), 200, required=False)
    email = forms.EmailField(label=_("Email (optional, for a reply)"), max_length=254, required=False)
    page = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)
    request = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    consent = forms.BooleanField(label=_("I agree to the processing of the data I give here"), required=False)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("name") or cleaned.get("email")) and not cleaned.get("consent"):
            self.add_error(
                "consent", _("Agree to the processing of your name or email, or leave them empty.")
            )
        return cleaned


SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class RatingForm(ProtectedForm):
    form_name = "rating"

    interface = forms.TypedChoiceField(
        label=_("Interface"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    content = forms.TypedChoiceField(
        label=_("Content"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    quality = forms.TypedChoiceField(
        label=_("Quality"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    support = forms.TypedChoiceField(
        label=_("Support from the agency"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = _text(
        _("Comment (optional, no personal data)"), 2_000, required=False, widget=forms.Textarea({"rows": 3})
    )
