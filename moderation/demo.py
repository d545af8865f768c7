"""Demo moderation data: items in review, overdue, returned, rejected and published on a few sites, and on
An Xuyên's site an approved correction, an approved withdrawal and a pending take-down request (R45).

Run by `load_demo` through CONG_DEMO_STEPS; rerunnable (items are found by slug and left as they are).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Page

from sites.models import Agency, AgencyGroup

from .forms import ChecklistForm
from .models import SLACategory, Submission
from .workflow import decide

# (site label or "" for the portal, username stem) — a department, two communes and the portal.
DEMO_SITES = ["", "anxuyen", "tanthanh", "sokhcn"]


@dataclass(frozen=True)
class DemoItem:
    slug: str
    title: str
    category: str
    days_ago: int
    outcome: str  # in_review | returned | restarted | rejected | published
    reasons: tuple[str, ...] = ()
    comment: str = ""


ITEMS = [
    DemoItem(
        "ke-hoach-chuyen-doi-so-2026",
        "Kế hoạch chuyển đổi số năm 2026",
        SLACategory.PLANS,
        1,
        "in_review",
    ),
    DemoItem(
        "quyet-dinh-cong-bo-thu-tuc-hanh-chinh",
        "Quyết định công bố danh mục thủ tục hành chính được chuẩn hóa",
        SLACategory.LEGAL,
        12,
        "in_review",
    ),
    DemoItem(
        "tuyen-truyen-luat-dat-dai",
        "Tuyên truyền, phổ biến Luật Đất đai sửa đổi",
        SLACategory.DISSEMINATION,
        3,
        "returned",
        comment="Đề nghị bổ sung số, ký hiệu văn bản và ngày ban hành.",
    ),
    DemoItem(
        "lich-tiep-cong-dan-thang",
        "Lịch tiếp công dân định kỳ của lãnh đạo",
        SLACategory.OTHER,
        2,
        "restarted",
        comment="Bổ sung địa điểm tiếp công dân.",
    ),
    DemoItem(
        "thong-tin-chua-ro-nguon",
        "Thông tin về dự án khu dân cư chưa được công bố",
        SLACategory.PLANS,
        4,
        "rejected",
        reasons=("b", "d"),
        comment="Thông tin chưa được phép công khai và chưa rõ nguồn.",
    ),
    DemoItem(
        "bao-cao-thong-ke-thang",
        "Báo cáo thống kê tình hình kinh tế - xã hội tháng",
        SLACategory.STATISTICS,
        2,
        "published",
    ),
]


def load_moderation_demo(progress: Callable[[str], None] = lambda line: None) -> None:
    standard_page = import_string(_model_path(settings.CONG_STANDARD_PAGE_MODEL))
    created = 0
    # The demo people's addresses are made up: their notifications go nowhere.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        created = _load(standard_page)
        created += _load_corrections()
    # (A rerun prints no "created": the process test checks reruns add nothing.)
    progress(
        f"  moderation: {created} demo items added" if created else "  moderation: demo items up to date"
    )


def _load(standard_page) -> int:
    created = 0
    for label in DEMO_SITES:
        agency = _agency(label)
        if agency is None or agency.site_id is None:
            continue
        with transaction.atomic():
            people = _people(agency, label or "camau")
            parent = agency.site.root_page
            for item in ITEMS:
                if Page.objects.child_of(parent).filter(slug=item.slug).exists():
                    continue
                _create_item(standard_page, parent, item, people)
                created += 1
    return created


CORRECTIONS_SITE = "anxuyen"


def _load_corrections() -> int:
    """Three requests on live news of one ward: a correction and a withdrawal approved by the board
    head, a take-down the board has not decided yet. Skipped when the site already has requests."""
    from . import corrections
    from .models import CorrectionRequest

    agency = _agency(CORRECTIONS_SITE)
    if agency is None or agency.site_id is None:
        return 0
    if CorrectionRequest.objects.filter(site_id=agency.site_id).exists():
        return 0
    people = _people(agency, CORRECTIONS_SITE)
    Kind, Party = CorrectionRequest.Kind, CorrectionRequest.Party
    requests = [
        # (slug of a live page of the site, kind, who asked, reference, reason, public note, decision)
        (
            "hop-dan-khom-2",
            Kind.CORRECTION,
            Party.PROVIDER,
            "Công văn số 215/UBND-VP ngày 18/11/2026 của Ủy ban nhân dân phường An Xuyên",
            "Tin ghi sai chiều dài tuyến hẻm được nâng cấp.",
            "Tuyến hẻm bê tông khóm 2 được nâng cấp dài 540 m, không phải 450 m như tin đã đăng.",
            "Đồng ý đính chính theo đề nghị của Văn phòng.",
        ),
        (
            "bao-cao-thong-ke-thang",
            Kind.WITHDRAWAL,
            Party.AUTHORITY,
            "Thông báo số 98/TB-UBND ngày 21/11/2026",
            "Báo cáo dùng số liệu ước tính, đã được thay thế bằng số liệu chính thức.",
            "Báo cáo này đã được thay thế bởi báo cáo số liệu chính thức theo Thông báo số 98/TB-UBND "
            "ngày 21/11/2026; nội dung được giữ lại để tra cứu.",
            "Thu hồi, giữ lại để tra cứu.",
        ),
        (
            "ra-quan-lam-sach-kenh-rach",
            Kind.TAKEDOWN,
            Party.PUBLIC,
            "Phản ánh của công dân qua Cổng ngày 24/11/2026",
            "Ảnh trong tin có hình ảnh và thông tin cá nhân của người dân chưa được che.",
            "Thông tin được gỡ bỏ để bảo vệ dữ liệu cá nhân.",
            "",  # waiting for the board
        ),
    ]
    created = 0
    with transaction.atomic():
        for slug, kind, party, reference, reason, note, decision in requests:
            page = Page.objects.live().descendant_of(agency.site.root_page).filter(slug=slug).first()
            if page is None:
                continue
            request = corrections.file_request(
                page,
                people["editor"],
                kind=kind,
                requested_by_party=party,
                reference=reference,
                reason=reason,
                public_note=note,
            )
            if decision:
                corrections.decide(request, people["head"], "approve", decision)
            created += 1
    return created


def _model_path(label: str) -> str:
    app_label, model_name = label.split(".")
    return f"{app_label}.models.{model_name}"


def _agency(label: str) -> Agency | None:
    if not label:
        return Agency.objects.filter(kind=Agency.Kind.PROVINCE).first()
    return Agency.objects.filter(domain_label=label, parent=None).first()


def _people(agency: Agency, stem: str) -> dict[str, object]:
    """A contributor, an editor and a board head for the site (no password: log in as the admin)."""
    users = get_user_model()
    people = {}
    for key, role, name in (
        ("contributor", AgencyGroup.Role.EDITORS, "Cộng tác viên"),
        ("editor", AgencyGroup.Role.EDITORS, "Biên tập viên"),
        ("head", AgencyGroup.Role.BOARD, "Trưởng ban"),
    ):
        user, created = users.objects.get_or_create(
            username=f"{stem}.{key}",
            defaults={
                "email": f"{stem}.{key}@camau.gov.vn",
                "first_name": name,
                "last_name": agency.name[:100],
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(AgencyGroup.objects.get(agency=agency, role=role).group)
        people[key] = user
    return people


def _create_item(model, parent: Page, item: DemoItem, people: dict) -> None:
    page = model(title=item.title, slug=item.slug, live=False, summary=item.title)
    parent.add_child(instance=page)
    page.save_revision(user=people["contributor"])
    workflow = page.get_workflow()
    state = workflow.start(page, people["contributor"])
    submission = Submission.objects.get(workflow_state=state)
    submission.category = item.category
    submission.channel = Submission.Channel.DOCUMENT_SYSTEM
    submission.source_reference = f"CV-{item.slug[:20]}"
    submission.received_at = timezone.now() - dt.timedelta(days=item.days_ago)
    submission.save()

    if item.outcome == "in_review":
        return
    if item.outcome in ("returned", "restarted"):
        decide(
            state.current_task_state.specific, people["editor"], "return", comment=item.comment, notify=False
        )
        if item.outcome == "restarted":
            # The contributor withdraws it and submits it afresh: the return still counts in the report.
            state.refresh_from_db()
            state.cancel(user=people["contributor"])
            page.save_revision(user=people["contributor"])
            workflow.start(page, people["contributor"])
        return
    checklist = dict.fromkeys(ChecklistForm.CHECKS, True)
    decide(state.current_task_state.specific, people["editor"], "approve", checklist=checklist, notify=False)
    state.refresh_from_db()
    if item.outcome == "rejected":
        decide(
            state.current_task_state.specific,
            people["head"],
            "reject",
            comment=item.comment,
            reasons=item.reasons,
            notify=False,
        )
    else:
        decide(state.current_task_state.specific, people["head"], "approve", notify=False)
