"""Demo data for public interaction: on the portal and two wards, questions in every state (one overdue,
one forwarded, one answered publicly, one privately, one violating, one out of scope), petitions, draft
consultations (one open, one closed with its report), page feedback and ratings.

Run by `load_demo` through CONG_DEMO_STEPS; rerunnable (a site that already has its demo rows is skipped).
The askers are invented; their emails go nowhere (the dummy email backend during loading).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import LegalField
from sites.models import Agency, AgencyGroup
from sites.publishing import publish

from . import workflow
from .models import (
    CitizenRequest,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ModerationStatus,
    PageFeedback,
    SiteRating,
    initials,
)
from .provisioning import ensure_sections

DEMO_SITES = ["", "anxuyen", "tanthanh"]
FIELDS = ["Đất đai", "Hộ tịch", "Giáo dục", "Y tế", "Lao động, việc làm", "Thuế", "Giao thông vận tải"]

ASKERS = [
    ("Nguyễn Văn Hùng", "096085001122", "Số 15 đường Trần Hưng Đạo"),
    ("Trần Thị Mai", "096190004455", "Ấp Cái Su"),
    ("Lê Hoàng Phúc", "096201007788", "Số 8 đường Nguyễn Trãi"),
    ("Phạm Thị Thu Hà", "096178003344", "Khóm 5"),
    ("Võ Minh Tuấn", "096092006677", "Số 120 đường Lý Thường Kiệt"),
    ("Đặng Ngọc Ánh", "096305002211", "Ấp Tân Hiệp"),
    ("Huỳnh Văn Lợi", "096188009900", "Số 3 đường Phan Ngọc Hiển"),
    ("Bùi Thị Kim Loan", "096195005566", "Khóm 2"),
]

# (outcome, field, days ago, title, question, answer)
QUESTIONS = [
    (
        "received",
        "Hộ tịch",
        0,
        "Đăng ký lại khai sinh khi mất bản chính",
        "Tôi bị mất bản chính giấy khai sinh, sổ hộ tịch lưu ở phường cũng đã hư hỏng. Xin hỏi tôi có được "
        "đăng ký lại khai sinh không và cần giấy tờ gì?",
        "",
    ),
    (
        "forwarded",
        "Giáo dục",
        1,
        "Chế độ miễn học phí cho con hộ cận nghèo",
        "Con tôi học lớp 10 trường công lập, gia đình thuộc hộ cận nghèo năm 2026. Xin hỏi cháu có được miễn "
        "học phí không, nộp hồ sơ ở đâu?",
        "",
    ),
    (
        "overdue",
        "Đất đai",
        14,
        "Thời gian giải quyết hồ sơ tách thửa đất ở",
        "Tôi nộp hồ sơ tách thửa đất ở tại Bộ phận một cửa từ tháng trước nhưng chưa nhận được kết quả. Xin "
        "hỏi thời hạn giải quyết là bao nhiêu ngày?",
        "",
    ),
    (
        "approving",
        "Y tế",
        3,
        "Thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
        "Con tôi được 2 tuổi, thẻ bảo hiểm y tế sắp hết hạn. Xin hỏi có phải làm thủ tục gia hạn không?",
        "Trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế miễn phí; thẻ có giá trị đến ngày trẻ đủ 72 tháng tuổi, "
        "gia đình không phải làm thủ tục gia hạn trước thời điểm đó.",
    ),
    (
        "public",
        "Đất đai",
        9,
        "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "Gia đình tôi sử dụng đất ở ổn định từ năm 1998, không tranh chấp, chưa được cấp giấy chứng nhận. "
        "Xin hỏi hồ sơ gồm những gì và nộp ở đâu?",
        "Hồ sơ gồm: đơn đăng ký đất đai, tài sản gắn liền với đất theo Mẫu số 04/ĐK; giấy tờ về quyền sử "
        "dụng đất (nếu có); sơ đồ thửa đất. Hồ sơ nộp tại Bộ phận một cửa của Ủy ban nhân dân cấp xã nơi có "
        "đất hoặc Chi nhánh Văn phòng đăng ký đất đai.",
    ),
    (
        "public",
        "Lao động, việc làm",
        12,
        "Điều kiện hưởng trợ cấp thất nghiệp",
        "Tôi nghỉ việc sau 14 tháng đóng bảo hiểm thất nghiệp. Xin hỏi tôi có được hưởng trợ cấp không?",
        "Người lao động được hưởng trợ cấp thất nghiệp khi đã đóng bảo hiểm thất nghiệp từ đủ 12 tháng trở lên "
        "trong 24 tháng trước khi chấm dứt hợp đồng, đã nộp hồ sơ tại trung tâm dịch vụ việc làm trong 03 "
        "tháng kể từ ngày chấm dứt hợp đồng và chưa tìm được việc làm sau 15 ngày.",
    ),
    (
        "private",
        "Thuế",
        8,
        "Hoàn thuế thu nhập cá nhân năm 2025",
        "Tôi nộp thừa thuế thu nhập cá nhân năm 2025. Xin hướng dẫn thủ tục hoàn thuế cho trường hợp của tôi.",
        "Ông/bà lập tờ khai quyết toán thuế mẫu 02/QTT-TNCN, đề nghị hoàn số thuế nộp thừa vào tài khoản "
        "ngân hàng đứng tên mình và nộp qua Cổng Dịch vụ công quốc gia; hồ sơ được giải quyết trong 06 ngày "
        "làm việc.",
    ),
    (
        "violating",
        "",
        5,
        "Bài viết có nội dung xúc phạm cán bộ",
        "(nội dung có lời lẽ xúc phạm danh dự cá nhân, đã được ẩn)",
        "",
    ),
    (
        "out_of_scope",
        "Giao thông vận tải",
        6,
        "Cấp đổi giấy phép lái xe quốc tế",
        "Xin hỏi thủ tục cấp giấy phép lái xe quốc tế IDP cho người đi công tác nước ngoài?",
        "",
    ),
]

PETITIONS = [
    (
        "received",
        "Giao thông vận tải",
        0,
        "Đèn tín hiệu giao thông tại ngã tư bị hỏng",
        "Đèn tín hiệu tại ngã tư đường Trần Hưng Đạo – Nguyễn Trãi không hoạt động từ 3 ngày nay, gây mất an "
        "toàn giao thông vào giờ tan trường.",
        "",
    ),
    (
        "overdue",
        "Đất đai",
        18,
        "Công trình xây dựng lấn chiếm hành lang kênh",
        "Một hộ dân đang xây dựng nhà kiên cố lấn chiếm hành lang bảo vệ kênh xáng, đề nghị chính quyền kiểm tra.",
        "",
    ),
    (
        "public",
        "Y tế",
        10,
        "Đề nghị phun thuốc phòng sốt xuất huyết tại khóm 5",
        "Khóm 5 có nhiều trường hợp sốt xuất huyết trong tháng, đề nghị ngành y tế phun thuốc diệt muỗi.",
        "Trung tâm Y tế đã phối hợp với Ủy ban nhân dân phường tổ chức phun hóa chất diệt muỗi tại khóm 5 "
        "ngày 12 và 19 trong tháng, đồng thời ra quân vệ sinh môi trường, diệt lăng quăng.",
    ),
]


def load(progress: Callable[[str], None] = lambda line: None) -> None:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for site in Site.objects.all():
            ensure_sections(site)
        fields = {name: LegalField.objects.get_or_create(name=name)[0] for name in FIELDS}
        added = 0
        for label in DEMO_SITES:
            agency = _agency(label)
            if agency is None or agency.site_id is None:
                continue
            if CitizenRequest.objects.filter(site=agency.site).exists():
                continue
            with transaction.atomic():
                people = _people(agency, label or "camau")
                added += _requests(agency, people, fields, label)
                _consultations(agency, label)
                _feedback(agency)
                _ratings(agency)
    progress(
        f"  interaction: {added} demo questions and petitions added" if added else "  interaction: up to date"
    )


def _agency(label: str) -> Agency | None:
    if not label:
        return Agency.objects.filter(kind=Agency.Kind.PROVINCE).first()
    return Agency.objects.filter(domain_label=label, parent=None).first()


def _people(agency: Agency, stem: str) -> dict:
    """An editor and a board head (as in the moderation demo; no password: sign in as the admin)."""
    people = {}
    for key, role, name in (
        ("editor", AgencyGroup.Role.EDITORS, "Biên tập viên"),
        ("head", AgencyGroup.Role.BOARD, "Trưởng ban"),
    ):
        user, created = get_user_model().objects.get_or_create(
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


def _new(
    kind: str, agency: Agency, index: int, title: str, body: str, field, days_ago: int
) -> CitizenRequest:
    name, id_number, street = ASKERS[index % len(ASKERS)]
    received = timezone.now() - dt.timedelta(days=days_ago, hours=3)
    item = CitizenRequest(
        kind=kind,
        site=agency.site,
        agency=agency,
        field=field,
        asker_type="individual",
        asker_name=name,
        id_number=id_number,
        address_street=street,
        address_ward=agency.name.replace("Ủy ban nhân dân ", "").title()
        if not agency.is_portal
        else "Phường An Xuyên",
        address_province="Tỉnh Cà Mau",
        email=f"nguoidan{index + 1}@example.vn",
        phone=f"0918{index:03d}456",
        public_name=initials(name),
        consent_at=received,
        title=title,
        body=body,
        received_at=received,
    )
    item.save()
    workflow.received(item)
    return item


def _requests(agency: Agency, people: dict, fields: dict, label: str) -> int:
    other = Agency.objects.filter(
        domain_label="tanthanh" if label != "tanthanh" else "anxuyen", parent=None
    ).first()
    count = 0
    for kind, rows in ((CitizenRequest.Kind.QUESTION, QUESTIONS), (CitizenRequest.Kind.PETITION, PETITIONS)):
        for index, (outcome, field_name, days, title, body, answer) in enumerate(rows):
            item = _new(kind, agency, index + count, title, body, fields.get(field_name), days)
            count += 1
            head, editor = people["head"], people["editor"]
            if outcome == "received":
                continue
            if outcome == "forwarded" and other and other.site_id:
                workflow.forward(
                    item, head, agency=other, reason=f"Nội dung thuộc thẩm quyền của {other.name}."
                )
                continue
            if outcome == "violating":
                workflow.mark_violating(
                    item, head, reason="Nội dung có lời lẽ xúc phạm danh dự, nhân phẩm (HN19 Điều 5)."
                )
                continue
            if outcome == "out_of_scope":
                workflow.mark_out_of_scope(
                    item,
                    head,
                    reason="Thủ tục thuộc thẩm quyền của Bộ Công an (Cục Cảnh sát giao thông); "
                    "đề nghị ông/bà liên hệ cơ quan này.",
                )
                continue
            workflow.classify(item, head, category="competence", field=fields.get(field_name))
            if outcome == "overdue":
                continue
            visibility = "private" if outcome == "private" else "public"
            bases = (
                [
                    {
                        "document_type": "Luật",
                        "number": "31/2024/QH15",
                        "issued_on": "18/01/2024",
                        "authority": "Quốc hội",
                        "summary": "Luật Đất đai",
                    }
                ]
                if field_name == "Đất đai"
                else []
            )
            workflow.submit_answer(item, editor, answer=answer, legal_bases=bases, visibility=visibility)
            if outcome == "approving":
                continue
            item = workflow.approve(item, head)
            # Answered a few days after receipt, within the deadline.
            answered = item.received_at + dt.timedelta(days=max(days - 3, 1))
            CitizenRequest.objects.filter(pk=item.pk).update(answered_at=answered)
            if item.answer_page_id:
                type(item.answer_page.specific).objects.filter(pk=item.answer_page_id).update(
                    answered_at=answered
                )
    return count


def _consultations(agency: Agency, label: str) -> None:
    index = ConsultationIndexPage.objects.descendant_of(agency.site.root_page).first()
    if index is None:
        return
    now = timezone.now()
    place = "tỉnh Cà Mau" if agency.is_portal else agency.name.replace("Ủy ban nhân dân ", "")
    drafts = [
        (
            f"Dự thảo Quy định quản lý chợ truyền thống trên địa bàn {place}",
            "du-thao-quy-dinh-quan-ly-cho",
            now - dt.timedelta(days=5),
            now + dt.timedelta(days=25),
            False,
        ),
        (
            f"Dự thảo Kế hoạch phát triển không gian xanh đô thị {place} giai đoạn 2026–2030",
            "du-thao-ke-hoach-khong-gian-xanh",
            now - dt.timedelta(days=60),
            now - dt.timedelta(days=30),
            True,
        ),
    ]
    for title, slug, opens, closes, report in drafts:
        if Page.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = ConsultationPage(
            title=title,
            slug=slug,
            drafting_agency="Văn phòng " + agency.name,
            prepared_for=agency.name,
            summary="<p>Dự thảo gồm 4 chương, 22 điều, quy định về phân cấp quản lý, bố trí ngành hàng, "
            "phòng cháy chữa cháy và vệ sinh an toàn thực phẩm tại chợ.</p>",
            opens_at=opens,
            closes_at=closes,
            receiving_unit="Văn phòng " + agency.name,
            receiving_address="Số 2 đường Hùng Vương, " + place,
            receiving_email=f"vanphong@{agency.site.hostname}".replace(".localhost", ".gov.vn"),
            comments_summary="<p>Nhận được 3 ý kiến của tổ chức và cá nhân; 2 ý kiến đề nghị làm rõ trách nhiệm "
            "của ban quản lý chợ.</p>"
            if report
            else "",
            explanation="<p>Cơ quan soạn thảo tiếp thu, bổ sung Điều 9 về trách nhiệm của ban quản lý chợ; giải "
            "trình ý kiến về phí dịch vụ do thuộc thẩm quyền của Hội đồng nhân dân tỉnh.</p>"
            if report
            else "",
            live=False,
        )
        index.add_child(instance=page)
        publish(page)
        comments = [
            (
                "Nguyễn Thị Lan",
                "Hợp tác xã Thương mại Phường 7",
                "Điều 9",
                "Đề nghị quy định rõ trách nhiệm của ban quản lý chợ trong việc kiểm tra an toàn thực phẩm.",
                ModerationStatus.APPROVED,
            ),
            (
                "Trần Quốc Việt",
                "",
                "Điều 15",
                "Đề nghị bổ sung quy định về bố trí chỗ để xe cho người đi chợ.",
                ModerationStatus.APPROVED,
            ),
            (
                "Lý Văn Sang",
                "",
                "",
                "Đề nghị giảm phí thuê sạp cho tiểu thương khó khăn.",
                ModerationStatus.PENDING,
            ),
        ]
        for name, organisation, article, text, status in comments:
            ConsultationComment.objects.create(
                page=page,
                name=name,
                public_name=initials(name),
                organisation=organisation,
                email="gopy@example.vn",
                article=article,
                text=text,
                status=status,
                created_at=opens + dt.timedelta(days=2),
                consent_at=opens + dt.timedelta(days=2),
            )


def _feedback(agency: Agency) -> None:
    pages = list(Page.objects.live().descendant_of(agency.site.root_page).filter(depth__gt=2)[:2])
    rows = [
        (
            PageFeedback.Kind.ERROR,
            "Số điện thoại của bộ phận một cửa trên trang này không đúng, gọi không được.",
        ),
        (PageFeedback.Kind.COMMENT, "Đề nghị đăng thêm biểu mẫu đơn để người dân tải về."),
    ]
    for page, (kind, message) in zip(pages, rows, strict=False):
        PageFeedback.objects.create(
            site=agency.site, page=page, page_url=page.url or "", kind=kind, message=message
        )


def _ratings(agency: Agency) -> None:
    rng = random.Random(agency.pk)
    today = timezone.localdate()
    for months_back in range(3):
        year, month = today.year, today.month - months_back
        while month < 1:
            year, month = year - 1, month + 12
        for _ in range(rng.randint(8, 15)):
            SiteRating.objects.create(
                site=agency.site,
                month=f"{year}-{month:02d}",
                interface=rng.randint(3, 5),
                content=rng.randint(3, 5),
                quality=rng.randint(2, 5),
                support=rng.randint(2, 5),
            )
