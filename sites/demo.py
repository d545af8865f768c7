"""The demo province: Cà Mau after the 2025 reorganisation, with real names from public sources.

Departments and units follow the standard set of Decree 150/2025/NĐ-CP; communes and wards come
from the ``vietnam-provinces`` package (64 units of the new Cà Mau, data of 2025-10).
Contact lines are the agencies' official-email pattern; phone numbers are left for each agency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from .domains import strip_admin_prefix, suggest_label
from .models import Agency, ProvinceProfile

PROVINCE_CODENAME = "ca_mau"
PROVINCE_ADDRESS = "Số 2 Hùng Vương, phường An Xuyên, tỉnh Cà Mau"


@dataclass(frozen=True)
class AgencySeed:
    name: str
    label: str
    kind: str
    abbreviation: str = ""
    name_en: str = ""
    parent_label: str = ""


PORTAL = AgencySeed(
    name="Ủy ban nhân dân tỉnh Cà Mau",
    label="",
    kind=Agency.Kind.PROVINCE,
    abbreviation="UBND tỉnh",
    name_en="Ca Mau Provincial People's Committee",
)

# Provincial specialised agencies and units (Decree 150/2025/NĐ-CP, Art 9; Cà Mau 2025).
DEPARTMENTS = [
    AgencySeed(
        "Văn phòng Ủy ban nhân dân tỉnh",
        "vpubnd",
        Agency.Kind.DEPARTMENT,
        "VP UBND",
        "Office of the Provincial People's Committee",
    ),
    AgencySeed("Sở Nội vụ", "sonoivu", Agency.Kind.DEPARTMENT, "SNV", "Department of Home Affairs"),
    AgencySeed("Sở Tài chính", "sotaichinh", Agency.Kind.DEPARTMENT, "STC", "Department of Finance"),
    AgencySeed("Sở Tư pháp", "sotuphap", Agency.Kind.DEPARTMENT, "STP", "Department of Justice"),
    AgencySeed("Sở Xây dựng", "soxaydung", Agency.Kind.DEPARTMENT, "SXD", "Department of Construction"),
    AgencySeed(
        "Sở Công Thương", "socongthuong", Agency.Kind.DEPARTMENT, "SCT", "Department of Industry and Trade"
    ),
    AgencySeed(
        "Sở Nông nghiệp và Môi trường",
        "sonnmt",
        Agency.Kind.DEPARTMENT,
        "SNNMT",
        "Department of Agriculture and Environment",
    ),
    AgencySeed(
        "Sở Giáo dục và Đào tạo",
        "sogddt",
        Agency.Kind.DEPARTMENT,
        "SGDĐT",
        "Department of Education and Training",
    ),
    AgencySeed("Sở Y tế", "soyte", Agency.Kind.DEPARTMENT, "SYT", "Department of Health"),
    AgencySeed(
        "Sở Khoa học và Công nghệ",
        "sokhcn",
        Agency.Kind.DEPARTMENT,
        "SKHCN",
        "Department of Science and Technology",
    ),
    AgencySeed(
        "Sở Văn hóa, Thể thao và Du lịch",
        "sovhttdl",
        Agency.Kind.DEPARTMENT,
        "SVHTTDL",
        "Department of Culture, Sports and Tourism",
    ),
    AgencySeed(
        "Sở Dân tộc và Tôn giáo",
        "sodttg",
        Agency.Kind.DEPARTMENT,
        "SDTTG",
        "Department of Ethnic Minorities and Religions",
    ),
    AgencySeed("Thanh tra tỉnh", "thanhtra", Agency.Kind.DEPARTMENT, "TTT", "Provincial Inspectorate"),
    AgencySeed(
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "vpdbqhhdnd",
        Agency.Kind.PROVINCIAL_UNIT,
        "VP ĐĐBQH và HĐND",
        "Office of the National Assembly Delegation and Provincial People's Council",
    ),
    AgencySeed(
        "Ban Quản lý Khu kinh tế tỉnh",
        "bqlkkt",
        Agency.Kind.PROVINCIAL_UNIT,
        "BQL KKT",
        "Economic Zone Authority",
    ),
    AgencySeed(
        "Trung tâm Công nghệ thông tin và Truyền thông",
        "ict",
        Agency.Kind.SUBUNIT,
        "ICT",
        "Information and Communication Technology Centre",
        parent_label="sokhcn",
    ),
]

_WARD_KIND = {
    VietNamDivisionType.PHUONG: Agency.Kind.WARD,
    VietNamDivisionType.XA: Agency.Kind.COMMUNE,
    VietNamDivisionType.DAC_KHU: Agency.Kind.SPECIAL_ZONE,
}


def commune_seeds() -> list[AgencySeed]:
    """Every commune, ward and special zone of the province, from the vietnam-provinces data."""
    province = next(p for p in Province.iter_all() if p.codename == PROVINCE_CODENAME)
    seeds = []
    for ward in Ward.iter_all():
        if ward.province_code != province.code:
            continue
        seeds.append(
            AgencySeed(
                name=f"Ủy ban nhân dân {ward.division_type.value} {strip_admin_prefix(ward.name)}",
                label=suggest_label(ward.name),
                kind=_WARD_KIND[ward.division_type],
                abbreviation=ward.name,
            )
        )
    return seeds


def load_agencies(progress: Callable[[str], None] = lambda line: None) -> list[Agency]:
    """Create or update the demo province's agencies; rerunning changes nothing that is right."""
    with transaction.atomic():
        profile = ProvinceProfile.load()
        profile.name = "Cà Mau"
        profile.portal_name = "Cổng Thông tin điện tử tỉnh Cà Mau"
        profile.owner_name = "Ủy ban nhân dân tỉnh Cà Mau"
        profile.licence_line = (
            "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Cà Mau. "
            "Quản lý, vận hành: Văn phòng Ủy ban nhân dân tỉnh (QĐ 68/2026/QĐ-UBND)."
        )
        profile.save()

        agencies: list[Agency] = []
        by_label: dict[str, Agency] = {}
        for seed in [PORTAL, *DEPARTMENTS, *commune_seeds()]:
            parent = by_label.get(seed.parent_label) if seed.parent_label else None
            agency = Agency.objects.filter(kind=seed.kind, parent=parent, domain_label=seed.label).first()
            if agency is None:
                agency = Agency(kind=seed.kind, parent=parent, domain_label=seed.label)
            agency.name = seed.name
            agency.abbreviation = seed.abbreviation
            agency.name_en = seed.name_en
            if not agency.address:
                agency.address = (
                    f"{seed.abbreviation}, tỉnh Cà Mau"
                    if seed.kind in Agency.LOCAL_KINDS
                    else PROVINCE_ADDRESS
                )
            if not agency.email:
                agency.email = f"{seed.label or 'ubnd'}@camau.gov.vn"
            agency.full_clean()
            agency.save()
            agencies.append(agency)
            by_label[seed.label] = agency
        progress(f"{len(agencies)} agencies in the registry.")
        return agencies
