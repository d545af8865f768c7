import unicodedata

import pytest
from django.core.exceptions import ValidationError

from sites.models import Agency


def test_hostnames_follow_the_province_levels(portal, make_agency):
    department = make_agency("Sở Khoa học và Công nghệ", "sokhcn", Agency.Kind.DEPARTMENT)
    centre = make_agency("Trung tâm CNTT&TT", "ict", Agency.Kind.SUBUNIT, parent=department)
    assert portal.hostname == "camau.localhost"
    assert department.hostname == "sokhcn.camau.localhost"
    assert centre.hostname == "ict.sokhcn.camau.localhost"
    assert centre.site.hostname == "ict.sokhcn.camau.localhost"


def test_a_clashing_label_is_refused_naming_the_other_agency(make_agency):
    make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    clash = Agency(name="Ủy ban nhân dân xã An Xuyên", domain_label="anxuyen", kind=Agency.Kind.COMMUNE)
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    message = " ".join(error.value.message_dict["domain_label"])
    assert "anxuyen.camau.localhost" in message
    assert "phường An Xuyên" in message


@pytest.mark.parametrize("label", ["an xuyên", "AnXuyen", "an xuyen"])
def test_bad_labels_are_refused_on_the_model(db, label):
    agency = Agency(name="Ủy ban nhân dân phường An Xuyên", domain_label=label, kind=Agency.Kind.WARD)
    with pytest.raises(ValidationError) as error:
        agency.full_clean()
    assert "domain_label" in error.value.message_dict


def test_sub_unit_needs_a_parent_and_merged_agency_a_successor(db):
    orphan = Agency(name="Trung tâm", domain_label="ict", kind=Agency.Kind.SUBUNIT)
    merged = Agency(name="Xã cũ", domain_label="xacu", kind=Agency.Kind.COMMUNE, status=Agency.Status.MERGED)
    with pytest.raises(ValidationError) as error:
        orphan.full_clean()
    assert "parent" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        merged.full_clean()
    assert "successor" in error.value.message_dict


def test_only_one_portal_agency(portal):
    second = Agency(name="Another portal", kind=Agency.Kind.PROVINCE)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "kind" in error.value.message_dict


def test_names_are_stored_nfc(db):
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân phường Tân Thành")
    agency = Agency.objects.create(name=decomposed, domain_label="tanthanh", kind=Agency.Kind.WARD)
    agency.refresh_from_db()
    assert agency.name == unicodedata.normalize("NFC", decomposed)
    assert agency.name != decomposed
