"""Factories for the main page types and the agency users (issue 18): one way for a test to build them.

A page factory takes ``parent=`` (the page it goes under), adds the page there and publishes a revision
as the page's ``owner`` (none by default), the way the fixtures did by hand; ``live=False`` leaves a
draft instead: not live, one revision awaiting review. Every default is a plausible Vietnamese value, so
a test names only what its assertions are about. Fixtures publish directly (the autouse
``_fixtures_publish_directly`` in conftest.py); under the editorial gate, publish through the workflow.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from cms.models import (
    AnnouncementPage,
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalField,
    NewsPage,
    ProcedurePage,
)
from sites.models import Agency, AgencyGroup
from sites.publishing import publish

PASSWORD = "a-long-test-password"


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page under ``parent``, published (or, with ``live=False``, saved as a draft revision)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    # Left empty, Wagtail derives it from the title (Vietnamese letters kept) as the admin does.
    slug = ""

    @factory.post_generation
    def publish(page, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        if page.live:
            publish(page, page.owner)  # the demo loader's way too (sites.publishing)
        else:
            page.save_revision(user=page.owner)


class NewsPageFactory(PublishedPageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Tin tức thử nghiệm số {n}")
    date = dt.date(2026, 5, 1)


class AnnouncementPageFactory(PublishedPageFactory):
    class Meta:
        model = AnnouncementPage

    title = factory.Sequence(lambda n: f"Thông báo thử nghiệm số {n}")
    date = dt.date(2026, 5, 1)


class LegalDocumentPageFactory(PublishedPageFactory):
    """A decision of the provincial People's Committee (the document types are seeded by a migration)."""

    class Meta:
        model = LegalDocumentPage

    title = factory.Sequence(lambda n: f"Quyết định thử nghiệm số {n}")
    number = factory.Sequence(lambda n: f"{n + 1}/2026/QĐ-UBND")
    document_type = factory.LazyFunction(lambda: DocumentType.objects.get(name="Quyết định"))
    issuer = factory.LazyFunction(
        lambda: IssuingAuthority.objects.get_or_create(name="Ủy ban nhân dân tỉnh Cà Mau")[0]
    )
    issued_on = dt.date(2026, 5, 12)
    summary = factory.LazyAttribute(lambda page: page.title)


class ProcedurePageFactory(PublishedPageFactory):
    class Meta:
        model = ProcedurePage

    title = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    code = factory.Sequence(lambda n: f"1.{n + 1:06d}")
    field = factory.LazyFunction(lambda: LegalField.objects.get_or_create(name="Công nghệ thông tin")[0])
    administrative_level = ProcedurePage.Level.PROVINCE
    implementing_agency = "Sở Khoa học và Công nghệ"
    steps = factory.LazyFunction(
        lambda: [
            (
                "step",
                {"description": "<p>Nộp hồ sơ</p>", "responsible": "Bộ phận một cửa", "time_limit": ""},
            )
        ]
    )
    submission_methods = "<p>Trực tuyến</p>"
    dossier = factory.LazyFunction(
        lambda: [("item", {"name": "Đơn đề nghị", "originals": 1, "copies": 0, "note": ""})]
    )
    processing_time = "10 ngày làm việc"
    applicants = "Tổ chức, cá nhân"


class UserFactory(DjangoModelFactory):
    """A user with the test password and an address at camau.gov.vn; ``groups=[…]`` adds groups."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@camau.gov.vn")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args: Any, **kwargs: Any):
        # create_user hashes the password and normalises the username and address, as sign-up does.
        return cls._get_manager(model_class).create_user(*args, **kwargs)

    @factory.post_generation
    def groups(user, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            user.groups.add(*extracted)


class AgencyUserFactory(UserFactory):
    """A member of one of an agency's role groups: ``AgencyUserFactory(agency=ward, role="board")``."""

    agency: Agency | None = None
    role = AgencyGroup.Role.EDITORS

    @classmethod
    def _create(cls, model_class, *args: Any, agency: Agency, role: str, **kwargs: Any):
        user = super()._create(model_class, *args, **kwargs)
        user.groups.add(AgencyGroup.objects.get(agency=agency, role=role).group)
        return user
