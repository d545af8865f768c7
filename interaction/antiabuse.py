"""Spam and abuse control without third-party scripts (R43, R57): a signed, single-use time token, a
honeypot field, a small arithmetic question after repeated posts, and rate limits per address and per
identity number. Counts come from the database (a cache is only an accelerator, never a dependency)."""

from __future__ import annotations

import datetime as dt
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from accounts.network import client_ip

from .models import UsedFormToken, fingerprint

TOKEN_SALT = "interaction.form-token"
TOKEN_MAX_AGE = 3 * 60 * 60  # a long question may take a while to type


def address_fingerprint(request: HttpRequest) -> str:
    return fingerprint(client_ip(request) or "unknown", "address")


def recent_count(model: type[Model], request: HttpRequest, hours: int = 1) -> int:
    since = timezone.now() - dt.timedelta(hours=hours)
    time_field = "created_at" if any(f.name == "created_at" for f in model._meta.fields) else "received_at"
    return model._default_manager.filter(
        address_fingerprint=address_fingerprint(request), **{f"{time_field}__gte": since}
    ).count()


def _challenge_digest(nonce: str, answer: str) -> str:
    return salted_hmac(TOKEN_SALT, f"{nonce}:{answer.strip()}").hexdigest()


def issue_token(form_name: str, with_challenge: bool) -> tuple[str, str]:
    """A signed token for one form display, and the challenge question to show ('' when none)."""
    nonce = secrets.token_urlsafe(18)
    payload: dict[str, object] = {"f": form_name, "n": nonce, "t": int(time.time())}
    question = ""
    if with_challenge:
        a, b = secrets.randbelow(8) + 2, secrets.randbelow(8) + 2
        payload["c"] = _challenge_digest(nonce, str(a + b))
        question = _("How much is %(a)d + %(b)d?") % {"a": a, "b": b}
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True), str(question)


class ProtectedForm(forms.Form):
    """Base of every public form: time token, honeypot and, when the address posted often, a challenge."""

    form_name = "form"
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    # Visually hidden; people leave it empty, naive bots fill every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    challenge = forms.CharField(label=_("Security question"), required=False, max_length=10)

    def __init__(self, *args, with_challenge: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.with_challenge = with_challenge
        token, self.challenge_question = issue_token(self.form_name, with_challenge)
        self.fields["token"].initial = token
        if not self.is_bound:
            self.initial["token"] = token
        self.nonce = ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("The form could not be accepted."), code="honeypot")
        try:
            payload = signing.loads(cleaned.get("token") or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("The form was open too long. Please check your entries and send it again."), code="expired"
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form is incomplete or out of date. Please send it again."), code="bad_token"
            ) from None
        if not isinstance(payload, dict) or payload.get("f") != self.form_name or not payload.get("n"):
            raise forms.ValidationError(_("The form is incomplete or out of date. Please send it again."))
        if time.time() - float(payload.get("t", 0)) < settings.INTERACTION_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too fast. Please wait a moment and send it again."), code="too_fast"
            )
        if self.with_challenge:
            expected = payload.get("c")
            answer = cleaned.get("challenge") or ""
            if not expected or not constant_time_compare(
                expected, _challenge_digest(str(payload["n"]), answer)
            ):
                self.add_error(
                    "challenge", forms.ValidationError(_("The answer to the security question is wrong."))
                )
        self.nonce = str(payload["n"])
        return cleaned

    def consume_token(self) -> bool:
        """Mark the token used, inside the caller's transaction; False when it was used before (replay)."""
        try:
            with transaction.atomic():
                UsedFormToken.objects.create(nonce=self.nonce)
        except IntegrityError:
            return False
        return True
