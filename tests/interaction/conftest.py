"""The portal and two wards with their people, a field, and helpers to fill the public forms as a person."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from cms.models import LegalField
from sites.models import AgencyGroup
from tests.conftest import group_of

PORTAL = "camau.localhost"
AN_XUYEN = "anxuyen.camau.localhost"
TAN_THANH = "tanthanh.camau.localhost"


@pytest.fixture(autouse=True)
def instant_forms(settings, tmp_path):
    """People take seconds to fill a form; tests do not wait. Attachments go to a private temp folder."""
    settings.INTERACTION_FORM_MIN_SECONDS = 0
    settings.INTERACTION_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(portal, two_wards, make_user):
    an_xuyen, tan_thanh = two_wards
    return SimpleNamespace(
        portal=portal,
        an_xuyen=an_xuyen,
        tan_thanh=tan_thanh,
        field=LegalField.objects.create(name="Đất đai"),
        portal_head=make_user("truongban.camau", group_of(portal, AgencyGroup.Role.BOARD)),
        ax_editor=make_user("btv.anxuyen", group_of(an_xuyen, AgencyGroup.Role.EDITORS)),
        ax_head=make_user("truongban.anxuyen", group_of(an_xuyen, AgencyGroup.Role.BOARD)),
        tt_editor=make_user("btv.tanthanh", group_of(tan_thanh, AgencyGroup.Role.EDITORS)),
        tt_head=make_user("truongban.tanthanh", group_of(tan_thanh, AgencyGroup.Role.BOARD)),
    )


TOKEN = re.compile(r'name="token" value="([^"]+)"')


def token_from(response) -> str:
    match = TOKEN.search(response.content.decode())
    assert match, "the form carries no token"
    return match[1]


def individual(**extra) -> dict:
    data = {
        "asker_type": "individual",
        "asker_name": "Nguyễn Thị Hồng Nhung",
        "id_number": "096185001234",
        "address_street": "Số 12 đường Phan Ngọc Hiển",
        "address_ward": "Phường An Xuyên",
        "address_province": "Tỉnh Cà Mau",
        "email": "hongnhung.camau@example.vn",
        "phone": "0290 3831 234",
        "title": "Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "body": "Gia đình tôi có thửa đất ở ổn định từ năm 1995, chưa được cấp giấy chứng nhận. "
        "Xin hỏi hồ sơ gồm những gì và nộp ở đâu?",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


def ask(client, host: str, section: str = "hoi-dap", **fields):
    """Open the form as a visitor would (which gives the token), then send it."""
    form = client.get(f"/{section}/gui/", HTTP_HOST=host)
    assert form.status_code == 200
    data = individual(**fields)
    data.setdefault("token", token_from(form))
    return client.post(f"/{section}/gui/", data, HTTP_HOST=host)
