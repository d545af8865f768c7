from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from sites.models import Agency, AgencyGroup

from .models import AccountState
from .usernames import normalise_username


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class ConfirmForm(forms.Form):
    """An explicit confirmation for actions a stray click must not trigger."""

    confirm = forms.BooleanField(label=_("I confirm"), required=True)


class GroupChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, group: Group) -> str:
        return group.name  # provisioning names each role group "<agency> · <role>", one name everywhere


class GrantFields(forms.Form):
    """Every grant names who approved it and the assignment decision (R102)."""

    approved_by = forms.CharField(label=_("Approved by"), max_length=255)
    decision_reference = forms.CharField(
        label=_("Assignment decision"),
        max_length=255,
        help_text=_("Number and date of the decision or document assigning these duties."),
    )


class AgencyUserForm(GrantFields):
    """Create or edit an agency's user. No superuser, staff or permission fields exist here."""

    username = forms.CharField(label=_("Username"), max_length=150)
    # Family name first, as Vietnamese names are written and read.
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    groups = GroupChoiceField(
        label=_("Agency roles"), queryset=Group.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, groups, instance=None, may_change_email: bool = True, **kwargs):
        self.instance = instance
        initial = kwargs.pop("initial", {})
        if instance is not None:
            initial.update(
                username=instance.username,
                first_name=instance.first_name,
                last_name=instance.last_name,
                email=instance.email,
                groups=list(instance.groups.filter(pk__in=groups.values("pk"))),
            )
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["groups"].queryset = groups
        if instance is not None:
            # An existing user's password is theirs; a new role needs a new approval only.
            del self.fields["password1"], self.fields["password2"]
            self.fields["username"].disabled = True
            if not may_change_email:
                self.fields["email"].disabled = True
                self.fields["email"].help_text = _(
                    "Only the provincial administrators change an email address; the person is told "
                    "at the old one."
                )
            self.fields["approved_by"].required = False
            self.fields["decision_reference"].required = False

    def clean_username(self) -> str:
        if self.instance is not None:  # the name of an existing account is not editable here
            return self.instance.username
        return normalise_username(self.cleaned_data["username"])

    def clean(self):
        cleaned = super().clean()
        if self.instance is None and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif self.instance is None and cleaned.get("password1"):
            candidate = get_user_model()(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(cleaned["password1"], candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        if self.instance is not None and cleaned.get("groups") is not None:
            current = set(self.instance.groups.values_list("pk", flat=True))
            added = {group.pk for group in cleaned["groups"]} - current
            missing = [name for name in ("approved_by", "decision_reference") if not cleaned.get(name)]
            if added and missing:
                # One message, on the first empty field: the same sentence twice reads as two problems.
                self.add_error(missing[0], _("A new role needs its approval and decision."))
        return cleaned


class LockForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[c for c in AccountState.Reason.choices if c[0] != AccountState.Reason.COMPROMISED],
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("New password again"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif cleaned.get("password1"):
            try:
                password_validation.validate_password(cleaned["password1"], self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class UnlockForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class TransferForm(GrantFields):
    agency = forms.ModelChoiceField(label=_("New agency"), queryset=Agency.objects.with_site())
    role = forms.ChoiceField(label=_("Role"), choices=AgencyGroup.Role.choices)
