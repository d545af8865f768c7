"""Django's timeuntil/timesince (a consultation's time left, on public pages) speak Vietnamese: the
upstream `vi` catalogue lacks their current forms, the project's overrides supply them."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.timesince import timeuntil


@pytest.mark.parametrize(
    ("ahead", "expected"),
    [
        (timedelta(days=24, hours=1), "3 tuần, 3 ngày"),
        (timedelta(days=400), "1 năm, 1 tháng"),
        (timedelta(hours=5, minutes=3), "5 giờ, 3 phút"),
    ],
)
def test_time_left_is_in_vietnamese(ahead, expected):
    now = timezone.now()
    with translation.override("vi"):
        assert (
            timeuntil(now + ahead, now).replace("\xa0", " ") == expected
        )  # Django joins with no-break spaces
