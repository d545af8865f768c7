"""Workflow emails: the project's, in the reader's language, to the people who can act on that site only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from sites.models import AgencyGroup
from sites.notifications import render
from tests.conftest import group_of

from .conftest import draft_page, submit

# Phrases of Wagtail's own workflow emails, which must not be sent.
ENGLISH_WORKFLOW_MAIL = ("has been submitted", "Hello", "Dear", "You can preview")


@override_settings(WAGTAILADMIN_BASE_URL="http://camau.localhost:8000")
def test_a_submission_mails_only_the_sites_reviewers_in_vietnamese_never_every_superuser(
    wards, superuser, make_user, client, django_capture_on_commit_callbacks
):
    make_user("bbt.tanthanh", group_of(wards.tan_thanh, AgencyGroup.Role.BOARD))
    page = draft_page(wards.an_xuyen.site.root_page, "Thông báo lịch tiếp dân", "lich-tiep-dan")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, wards.contributor, page)
    assert response.status_code == 302
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {wards.editor.email, wards.contributor2.email, wards.head.email, wards.deputy.email}
    [message] = mail.outbox
    assert message.subject == "Cần xử lý: “Thông báo lịch tiếp dân”"
    assert f"http://anxuyen.camau.localhost:8000/admin/pages/{page.pk}/edit/" in message.body
    assert not any(phrase in message.body for phrase in ENGLISH_WORKFLOW_MAIL)


@pytest.mark.parametrize("template", ["moderation/email/decision", "moderation/email/deadline"])
def test_templates_render_without_english_left(template, db):
    context = {"title": "Tin A", "decision": "", "user": "Nguyễn Văn A", "task": "Phê duyệt", "due": None}
    subject, body = render(template, context, "vi")
    assert "\n" not in subject
    for word in ("Your submission", "Overdue", "Due soon", "Site:", "Received"):
        assert word not in subject + body
