import unicodedata

import pytest
from django.core.exceptions import ValidationError

from sites.domains import suggest_label, validate_hostname, validate_label


@pytest.mark.parametrize(
    "name, label",
    [
        ("Phường Phan Đình Phùng", "phandinhphung"),
        ("Xã Nhơn Mỹ", "nhonmy"),
        ("Phường An Xuyên", "anxuyen"),
        ("Xã Đất Mũi", "datmui"),
        ("Đặc khu Phú Quốc", "phuquoc"),
        ("Ủy ban nhân dân xã Đầm Dơi", "damdoi"),
        ("Sở Tài chính", "sotaichinh"),
    ],
)
def test_label_is_the_name_without_diacritics_prefix_or_spaces(name, label):
    assert suggest_label(name) == label


def test_decomposed_unicode_gives_the_same_label():
    assert suggest_label(unicodedata.normalize("NFD", "Phường Phan Đình Phùng")) == "phandinhphung"


@pytest.mark.parametrize(
    "label, code",
    [
        ("sở-tài-chính", "diacritics"),
        ("so tai chinh", "spaces"),
        ("SoTaiChinh", "uppercase"),
        ("-sotaichinh", "invalid"),
        ("so_tai_chinh", "invalid"),
        ("", "empty"),
        ("a" * 64, "too_long"),
    ],
)
def test_invalid_labels_are_refused_with_a_reason(label, code):
    with pytest.raises(ValidationError) as error:
        validate_label(label)
    assert error.value.code == code
    if label:
        assert label[:20] in error.value.messages[0] or code == "too_long"


def test_valid_labels_pass():
    for label in ("sotaichinh", "sotttt", "phandinhphung", "so-tai-chinh", "phuong2"):
        validate_label(label)


def test_hostname_must_sit_under_the_province_domain():
    validate_hostname("sotaichinh.thainguyen.gov.vn", "thainguyen.gov.vn")
    validate_hostname("ict.sotttt.soctrang.gov.vn", "soctrang.gov.vn")
    with pytest.raises(ValidationError) as error:
        validate_hostname("sotaichinh.gov.vn", "thainguyen.gov.vn")
    assert error.value.code == "wrong_suffix"
    with pytest.raises(ValidationError) as error:
        validate_hostname("so tai chinh.thainguyen.gov.vn", "thainguyen.gov.vn")
    assert error.value.code == "spaces"
