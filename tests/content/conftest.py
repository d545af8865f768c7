"""Builders for the information-item tests: publish pages under a site's home and fetch them by host."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from cms.models import Sector


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def get(host: str, path: str = "/", **params):
    return Client(HTTP_HOST=host).get(path, params)


@pytest.fixture
def home(portal):
    return portal.site.root_page.specific


@pytest.fixture
def sector(db):
    return Sector.objects.create(name="Khoa học và Công nghệ", slug="khoa-hoc-cong-nghe")


@pytest.fixture
def document(db):
    doc = Document(title="Báo cáo thuyết minh")
    doc.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    doc.save()
    return doc


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def image(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (200, 30, 40)).save(buffer, "JPEG")
    return Image.objects.create(title="Mũi Cà Mau", file=ImageFile(buffer, name="mui-ca-mau.jpg"))


def attachment(document, kind: str = "other"):
    return [("attachment", {"document": document, "title": "", "kind": kind})]


TODAY = dt.date(2026, 6, 1)
