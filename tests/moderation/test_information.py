"""Every page type declares its information type; deadlines follow the province profile's rule and the
page's own dates (CM26 Art 13.1, TN26 Art 9.2), on dated 2026 cases checked by hand against the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.models import Page

from moderation.information import CA_MAU_2026, PROFILES, THAI_NGUYEN_2026, declared_type
from moderation.models import ModerationSettings

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=17, minute=0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


# The information type of each cms page type (CM26 Art 13.1 a–h). A page type missing here, or
# declaring nothing, fails the first test.
EXPECTED_TYPE = {
    "newspage": "news",
    "directionpage": "news",
    "announcementpage": "news",
    "workschedulepage": "news",
    "legaldisseminationpage": "dissemination",
    "legaldocumentpage": "legal",
    "procedurepage": "legal",
    "planpage": "plans",
    "projectpage": "plans",
    "budgetdisclosurepage": "plans",
    "statisticsreportpage": "statistics",
    "scienceprogrammepage": "science",
}

# Received Friday 05/06/2026 10:00; the pages' own dates are set in `dated_page`.
RECEIVED = at(2026, 6, 5, 10)

# Due times by hand (June 2026 has no public holiday; 01/06 is a Monday).
CA_MAU_DUE = {
    "news": None,  # a) continuous
    "dissemination": at(2026, 6, 10),  # b) 3 working days from receipt: 08, 09, 10/06
    "legal": at(2026, 6, 9),  # c) 2 working days from receipt
    "plans": at(2026, 6, 19),  # d) 10 working days from receipt
    "statistics": at(2026, 6, 15),  # đ) 10 working days from the publication date 01/06
    "science": at(2026, 6, 29),  # e) 20 working days from acceptance 01/06
    "other": at(2026, 6, 12),  # Law on Access to Information: 5 working days
}
# Under Thái Nguyên, news-type pages count from their event: the news item's event time (Fri 16:00),
# a direction item's date (05/06: its working hours from 08:00); announcements and work schedules
# carry no event date, so from receipt (Fri 10:00 + 8 working hours = Mon 09:00).
THAI_NGUYEN_NEWS_BY_TYPE = {
    "directionpage": at(2026, 6, 5, 16),
    "announcementpage": at(2026, 6, 8, 9),
    "workschedulepage": at(2026, 6, 8, 9),
}
THAI_NGUYEN_DUE = {
    "news": at(2026, 6, 8, 15),  # 9.2.a: event Fri 16:00 + 8 working hours = Mon 15:00
    "legal": at(2026, 6, 8),  # 9.2.b: 3 days from signing on 05/06
    "statistics": at(2026, 6, 30),  # 9.2.c: by the 30th of the month
    "dissemination": at(2026, 6, 12),
    "plans": at(2026, 6, 12),
    "science": at(2026, 6, 12),
    "other": at(2026, 6, 12),
}


def cms_page_models() -> list[type[Page]]:
    return [
        model
        for model in apps.get_app_config("cms").get_models()
        if issubclass(model, Page) and not model._meta.abstract
    ]


def dated_page(model: type[Page]) -> Page:
    """An unsaved page of the type with the dates its clock may start from."""
    page = model(title="Trang thử")
    values = {
        "publication_date": dt.date(2026, 6, 1),
        "acceptance_date": dt.date(2026, 6, 1),
        "issued_on": dt.date(2026, 6, 5),
        "event_time": at(2026, 6, 5, 16),
        "date": dt.date(2026, 6, 5),
    }
    field_names = {f.name for f in model._meta.get_fields()}
    for name, value in values.items():
        if name in field_names:
            setattr(page, name, value)
    return page


def test_every_cms_page_type_declares_its_information_type():
    missing = [m.__name__ for m in cms_page_models() if declared_type(m) is None]
    assert missing == []
    for model in cms_page_models():
        expected = EXPECTED_TYPE.get(model._meta.model_name, "other")
        assert declared_type(model) == expected, model.__name__
    # A ContentPage subclass cannot inherit a type it did not think about.
    from cms.models.base import ContentPage

    assert declared_type(ContentPage) is None


@pytest.mark.parametrize(
    "profile, expected", [(CA_MAU_2026, CA_MAU_DUE), (THAI_NGUYEN_2026, THAI_NGUYEN_DUE)]
)
def test_due_time_of_every_page_type_under_each_profile(profile, expected):
    rules = ModerationSettings.load()
    rules.profile = profile.key
    for model in cms_page_models():
        category = rules.category_for(model)
        due = rules.due_at(category, RECEIVED, dated_page(model))
        wanted = expected[category]
        if profile is THAI_NGUYEN_2026:
            wanted = THAI_NGUYEN_NEWS_BY_TYPE.get(model._meta.model_name, wanted)
        assert due == wanted, (profile.key, model.__name__, category, due)


def test_thai_nguyen_dated_cases():
    rules = ModerationSettings.load()
    rules.profile = THAI_NGUYEN_2026.key
    from cms.models import LegalDocumentPage, NewsPage, StatisticsReportPage

    # News within 8 working hours of the event (a news item with the event's day only: that day's hours).
    news = NewsPage(title="Tin", date=dt.date(2026, 6, 9))
    assert rules.due_at("news", at(2026, 6, 10, 9), news) == at(2026, 6, 9, 16)
    # A provincial legal document 3 days from signing, even when it reaches the board later.
    document = LegalDocumentPage(title="QĐ", issued_on=dt.date(2026, 6, 26))
    assert rules.due_at("legal", at(2026, 6, 27, 9), document) == at(2026, 6, 29)
    # A monthly statistics report by the 30th; February has none, so its last day.
    report = StatisticsReportPage(title="Báo cáo")
    assert rules.due_at("statistics", at(2026, 6, 10, 9), report) == at(2026, 6, 30)
    assert rules.due_at("statistics", at(2026, 2, 10, 9), report) == at(2026, 2, 28)


def test_ca_mau_is_the_default_profile_and_has_no_quota():
    assert ModerationSettings.load().profile == CA_MAU_2026.key
    assert not CA_MAU_2026.has_quota
    assert THAI_NGUYEN_2026.quota_department == 2 and THAI_NGUYEN_2026.quota_commune == 1
    assert set(PROFILES) == {"camau-2026", "thainguyen-2026"}
    for profile in PROFILES.values():
        assert set(profile.rules) >= {"news", "legal", "statistics", "other"}
        for rule in profile.rules.values():
            assert rule.describe()
