"""Demo step (settings.CONG_DEMO_STEPS): administrative procedures (thủ tục hành chính, R30).

Twenty-three procedures citizens and businesses actually come to a portal for, at provincial level
(Sở Tài chính, Sở Xây dựng, Sở Nông nghiệp và Môi trường, Sở Giáo dục và Đào tạo) and commune level
(Phường An Xuyên, Phường Tân Thành), each with every component of Decree 63/2010/NĐ-CP Art 8.2: name,
sequence of steps, method of submission, dossier (components and number of sets), time limit,
applicants, implementing agency, result, fees, forms, requirements and legal basis. The legal bases
are real laws and decrees, imported as legal-document pages so each procedure links to them; the
procedure codes follow the national catalogue (Cơ sở dữ liệu quốc gia về TTHC) and each procedure
links to its entry on the National Public Service Portal. A production site imports this catalogue
from the national system (R120) instead.

Rerunnable: pages are found by slug and updated, forms by title.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.models import Page

from sites.models import Agency
from sites.publishing import publish_child

from .demo import attach_text_files
from .legal_import import LegalDocumentImporter, read_rows
from .models import LegalDocumentIndexPage, LegalDocumentPage, LegalField, ProcedureAttachment
from .models.legal import ProcedurePage, normalize_number
from .models.legal_listing import ProcedureIndexPage

LEGAL_BASES_FILE = Path(__file__).resolve().parent / "demo_data" / "procedure_legal_documents.json"
NATIONAL_PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="
INDEX_SLUG = "thu-tuc-hanh-chinh"
INDEX_TITLE = "Thủ tục hành chính"

ONE_STOP = (
    "<p>Nộp hồ sơ trực tiếp tại Bộ phận Một cửa ({where}); qua dịch vụ bưu chính công ích; "
    "hoặc trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn){online}.</p>"
)
RESPONSIBILITIES = (
    "<p><strong>Người nộp hồ sơ</strong> chịu trách nhiệm về tính chính xác, trung thực của thông tin "
    "khai báo. <strong>Bộ phận Một cửa</strong> kiểm tra, hướng dẫn bổ sung hồ sơ một lần, cấp giấy "
    "tiếp nhận và hẹn trả kết quả. <strong>{handler}</strong> thẩm định và trình ký trong thời hạn; "
    "trường hợp quá hạn phải có văn bản xin lỗi và hẹn lại ngày trả kết quả (Điều 19 Nghị định "
    "61/2018/NĐ-CP).</p>"
)


@dataclass
class ProcedureSeed:
    slug: str
    title: str
    code: str
    field: str
    site: str  # domain label of the agency carrying it out
    level: str
    agency: str  # cơ quan thực hiện, as published
    handler: str  # the unit that examines the dossier
    steps: list[tuple[str, str, str]]  # (step, responsible, time limit)
    dossier: list[tuple[str, int, int, str]]  # (document, originals, copies, note)
    time: str
    applicants: str
    result: str
    fees: str
    requirements: str
    bases: list[str]  # document numbers
    service_level: str = ProcedurePage.ServiceLevel.PARTIAL
    legacy_level: int | None = 3
    sets: int = 1
    forms: list[tuple[str, list[str]]] = field(default_factory=list)  # (form title, its lines)


def _commune_steps(handler: str, days: str) -> list[tuple[str, str, str]]:
    return [
        (
            "Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã hoặc trực tuyến; "
            "công chức tiếp nhận kiểm tra, hướng dẫn hoàn thiện hồ sơ một lần nếu chưa đầy đủ.",
            "Bộ phận Một cửa",
            "Trong ngày tiếp nhận",
        ),
        ("Thẩm định hồ sơ, kiểm tra thông tin trên cơ sở dữ liệu chuyên ngành.", handler, days),
        ("Trình Chủ tịch Ủy ban nhân dân cấp xã ký kết quả.", handler, "0,5 ngày làm việc"),
        (
            "Trả kết quả tại Bộ phận Một cửa, qua bưu chính hoặc bản điện tử.",
            "Bộ phận Một cửa",
            "Theo giấy hẹn",
        ),
    ]


def _province_steps(handler: str, days: str) -> list[tuple[str, str, str]]:
    return [
        (
            "Tổ chức, cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh hoặc trực tuyến "
            "trên Cổng Dịch vụ công quốc gia; bộ phận tiếp nhận kiểm tra tính đầy đủ của hồ sơ.",
            "Trung tâm Phục vụ hành chính công tỉnh",
            "Trong ngày tiếp nhận",
        ),
        ("Thẩm định hồ sơ; kiểm tra thực địa khi cần.", handler, days),
        ("Lãnh đạo Sở xem xét, ký kết quả.", "Lãnh đạo Sở", "01 ngày làm việc"),
        (
            "Trả kết quả tại Trung tâm, qua bưu chính công ích hoặc bản điện tử.",
            "Trung tâm Phục vụ hành chính công tỉnh",
            "Theo giấy hẹn",
        ),
    ]


HO_TICH = ["60/2014/QH13", "123/2015/NĐ-CP", "04/2020/TT-BTP"]
CHUNG_THUC = ["23/2015/NĐ-CP"]
DOANH_NGHIEP = ["59/2020/QH14", "168/2025/NĐ-CP"]
DAT_DAI = ["31/2024/QH15", "101/2024/NĐ-CP"]
XAY_DUNG = ["50/2014/QH13", "62/2020/QH14", "175/2024/NĐ-CP"]
ID_CARD = ("Căn cước/Căn cước công dân hoặc giấy tờ tùy thân có ảnh của người yêu cầu", 1, 0, "Xuất trình")
WARD = "Ủy ban nhân dân phường"
FREE = "<p>Miễn lệ phí.</p>"


def _ward(label: str, name: str, **kwargs) -> dict:
    return {"site": label, "level": ProcedurePage.Level.COMMUNE, "agency": f"{WARD} {name}", **kwargs}


def procedure_seeds() -> list[ProcedureSeed]:
    seeds: list[ProcedureSeed] = []
    for label, name in (("anxuyen", "An Xuyên"), ("tanthanh", "Tân Thành")):
        ward = {"site": label, "level": ProcedurePage.Level.COMMUNE, "agency": f"{WARD} {name}"}
        judicial = "Công chức Tư pháp - Hộ tịch"
        seeds += [
            ProcedureSeed(
                slug="dang-ky-khai-sinh",
                title="Đăng ký khai sinh",
                code="1.001193",
                field="Hộ tịch",
                handler=judicial,
                steps=_commune_steps(judicial, "Ngay trong ngày làm việc"),
                dossier=[
                    ("Tờ khai đăng ký khai sinh (theo mẫu)", 1, 0, ""),
                    (
                        "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh",
                        1,
                        0,
                        "",
                    ),
                    ID_CARD,
                    ("Giấy chứng nhận kết hôn của cha, mẹ (nếu có)", 1, 0, "Xuất trình"),
                ],
                time="Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.",
                applicants="Cha, mẹ, ông, bà hoặc người thân thích khác, cá nhân, tổ chức đang nuôi dưỡng trẻ em.",
                result="Giấy khai sinh (bản chính) và bản điện tử; số định danh cá nhân của trẻ được cấp đồng thời.",
                fees="<p>Miễn lệ phí đăng ký khai sinh đúng hạn (Điều 11 Luật Hộ tịch). Cấp bản sao trích lục: theo mức do Hội đồng nhân dân tỉnh quy định.</p>",
                requirements="<p>Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh con.</p>",
                bases=HO_TICH,
                service_level=ProcedurePage.ServiceLevel.FULL,
                legacy_level=4,
                forms=[
                    (
                        "Tờ khai đăng ký khai sinh",
                        [
                            "Họ, chữ đệm, tên người được khai sinh",
                            "Ngày, tháng, năm sinh",
                            "Nơi sinh",
                            "Giới tính",
                            "Dân tộc, quốc tịch",
                            "Họ tên, năm sinh, nơi cư trú của cha, mẹ",
                        ],
                    )
                ],
                **ward,
            ),
            ProcedureSeed(
                slug="dang-ky-ket-hon",
                title="Đăng ký kết hôn",
                code="1.000894",
                field="Hộ tịch",
                handler=judicial,
                steps=_commune_steps(judicial, "Ngay trong ngày làm việc"),
                dossier=[
                    (
                        "Tờ khai đăng ký kết hôn (theo mẫu), hai bên nam, nữ có thể khai chung một tờ khai",
                        1,
                        0,
                        "",
                    ),
                    ID_CARD,
                    (
                        "Giấy xác nhận tình trạng hôn nhân (nếu không đăng ký thường trú tại nơi đăng ký kết hôn)",
                        1,
                        0,
                        "",
                    ),
                ],
                time="Ngay trong ngày tiếp nhận hồ sơ; nếu cần xác minh thì không quá 05 ngày làm việc.",
                applicants="Nam, nữ đủ điều kiện kết hôn theo Luật Hôn nhân và gia đình.",
                result="Giấy chứng nhận kết hôn (01 bản chính cho mỗi bên).",
                fees=FREE,
                requirements="<p>Hai bên nam, nữ phải có mặt khi đăng ký kết hôn; nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do hai bên tự nguyện quyết định.</p>",
                bases=HO_TICH,
                legacy_level=3,
                forms=[
                    (
                        "Tờ khai đăng ký kết hôn",
                        [
                            "Họ, chữ đệm, tên bên nữ và bên nam",
                            "Ngày, tháng, năm sinh",
                            "Dân tộc, quốc tịch",
                            "Nơi cư trú",
                            "Số giấy tờ tùy thân",
                            "Kết hôn lần thứ",
                        ],
                    )
                ],
                **ward,
            ),
            ProcedureSeed(
                slug="dang-ky-khai-tu",
                title="Đăng ký khai tử",
                code="1.000656",
                field="Hộ tịch",
                handler=judicial,
                steps=_commune_steps(judicial, "Ngay trong ngày làm việc"),
                dossier=[
                    ("Tờ khai đăng ký khai tử (theo mẫu)", 1, 0, ""),
                    ("Giấy báo tử hoặc giấy tờ thay thế giấy báo tử do cơ quan có thẩm quyền cấp", 1, 0, ""),
                    ID_CARD,
                ],
                time="Ngay trong ngày tiếp nhận hồ sơ; nếu cần xác minh thì không quá 03 ngày làm việc.",
                applicants="Vợ, chồng, con, cha, mẹ hoặc người thân thích khác của người chết.",
                result="Trích lục khai tử (bản chính).",
                fees="<p>Miễn lệ phí đăng ký khai tử đúng hạn.</p>",
                requirements="<p>Trong thời hạn 15 ngày kể từ ngày có người chết, người thân có trách nhiệm đi đăng ký khai tử.</p>",
                bases=HO_TICH,
                service_level=ProcedurePage.ServiceLevel.FULL,
                legacy_level=4,
                forms=[
                    (
                        "Tờ khai đăng ký khai tử",
                        [
                            "Họ, chữ đệm, tên người chết",
                            "Ngày, giờ, nơi chết",
                            "Nguyên nhân chết",
                            "Số giấy báo tử",
                            "Quan hệ của người đi khai với người chết",
                        ],
                    )
                ],
                **ward,
            ),
        ]
    anxuyen = {"site": "anxuyen", "level": ProcedurePage.Level.COMMUNE, "agency": f"{WARD} An Xuyên"}
    tanthanh = {"site": "tanthanh", "level": ProcedurePage.Level.COMMUNE, "agency": f"{WARD} Tân Thành"}
    judicial = "Công chức Tư pháp - Hộ tịch"
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị"
    seeds += [
        ProcedureSeed(
            slug="xac-nhan-tinh-trang-hon-nhan",
            title="Cấp Giấy xác nhận tình trạng hôn nhân",
            code="1.004873",
            field="Hộ tịch",
            handler=judicial,
            steps=_commune_steps(judicial, "03 ngày làm việc"),
            dossier=[("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)", 1, 0, ""), ID_CARD],
            time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Công dân Việt Nam cư trú trên địa bàn phường.",
            result="Giấy xác nhận tình trạng hôn nhân, có giá trị 06 tháng kể từ ngày cấp.",
            fees="<p>Lệ phí theo Nghị quyết của Hội đồng nhân dân tỉnh về phí, lệ phí.</p>",
            requirements="<p>Người đã có vợ, chồng nhưng đã ly hôn hoặc người kia đã chết phải xuất trình giấy tờ chứng minh.</p>",
            bases=HO_TICH,
            **anxuyen,
        ),
        ProcedureSeed(
            slug="chung-thuc-ban-sao-tu-ban-chinh",
            title="Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
            code="2.000815",
            field="Chứng thực",
            handler=judicial,
            steps=[
                (
                    "Người yêu cầu nộp bản chính và bản sao cần chứng thực tại Bộ phận Một cửa.",
                    "Bộ phận Một cửa",
                    "Ngay khi tiếp nhận",
                ),
                (
                    "Đối chiếu bản sao với bản chính, ghi lời chứng, ký, đóng dấu và ghi vào sổ chứng thực.",
                    judicial,
                    "Trong ngày làm việc",
                ),
            ],
            dossier=[
                ("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", 1, 0, "Xuất trình"),
                ("Bản sao cần chứng thực", 0, 1, ""),
            ],
            time="Trong ngày cơ quan tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ.",
            applicants="Cá nhân, tổ chức có yêu cầu.",
            result="Bản sao được chứng thực từ bản chính.",
            fees="<p>2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa 200.000 đồng/bản.</p>",
            requirements="<p>Bản chính không thuộc các trường hợp tại Điều 22 Nghị định 23/2015/NĐ-CP (bị tẩy xóa, sửa chữa, hư hỏng, cũ nát không xác định được nội dung …).</p>",
            bases=CHUNG_THUC,
            service_level=ProcedurePage.ServiceLevel.FULL,
            legacy_level=4,
            **anxuyen,
        ),
        ProcedureSeed(
            slug="chung-thuc-chu-ky",
            title="Chứng thực chữ ký trong các giấy tờ, văn bản",
            code="2.000884",
            field="Chứng thực",
            handler=judicial,
            steps=[
                (
                    "Người yêu cầu xuất trình giấy tờ tùy thân và giấy tờ cần chứng thực chữ ký; ký trước mặt người thực hiện chứng thực.",
                    "Bộ phận Một cửa",
                    "Ngay khi tiếp nhận",
                ),
                (
                    "Kiểm tra giấy tờ, ghi lời chứng, ký, đóng dấu và ghi vào sổ chứng thực.",
                    judicial,
                    "Trong ngày làm việc",
                ),
            ],
            dossier=[ID_CARD, ("Giấy tờ, văn bản mà mình sẽ ký", 1, 0, "")],
            time="Trong ngày cơ quan tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ.",
            applicants="Cá nhân có yêu cầu.",
            result="Giấy tờ, văn bản được chứng thực chữ ký.",
            fees="<p>10.000 đồng/trường hợp.</p>",
            requirements="<p>Người yêu cầu tại thời điểm chứng thực phải minh mẫn, nhận thức và làm chủ được hành vi của mình.</p>",
            bases=CHUNG_THUC,
            **tanthanh,
        ),
        ProcedureSeed(
            slug="dang-ky-thanh-lap-ho-kinh-doanh",
            title="Đăng ký thành lập hộ kinh doanh",
            code="2.000575",
            field="Thành lập và hoạt động của hộ kinh doanh",
            handler=economy,
            steps=_commune_steps(economy, "03 ngày làm việc"),
            dossier=[
                ("Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)", 1, 0, ""),
                (
                    "Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu các thành viên cùng đăng ký)",
                    0,
                    1,
                    "",
                ),
                ("Bản sao văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh (nếu có)", 0, 1, ""),
            ],
            time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ.",
            result="Giấy chứng nhận đăng ký hộ kinh doanh.",
            fees="<p>Lệ phí theo Nghị quyết của Hội đồng nhân dân tỉnh; miễn lệ phí khi nộp hồ sơ trực tuyến.</p>",
            requirements="<p>Ngành, nghề đăng ký kinh doanh không bị cấm; tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi cấp xã.</p>",
            bases=DOANH_NGHIEP,
            service_level=ProcedurePage.ServiceLevel.FULL,
            legacy_level=4,
            forms=[
                (
                    "Giấy đề nghị đăng ký hộ kinh doanh",
                    [
                        "Tên hộ kinh doanh",
                        "Địa chỉ trụ sở",
                        "Ngành, nghề kinh doanh",
                        "Vốn kinh doanh",
                        "Số lượng lao động",
                        "Thông tin chủ hộ kinh doanh",
                    ],
                )
            ],
            **anxuyen,
        ),
        ProcedureSeed(
            slug="thay-doi-noi-dung-dang-ky-ho-kinh-doanh",
            title="Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
            code="2.000720",
            field="Thành lập và hoạt động của hộ kinh doanh",
            handler=economy,
            steps=_commune_steps(economy, "03 ngày làm việc"),
            dossier=[
                ("Thông báo thay đổi nội dung đăng ký hộ kinh doanh (theo mẫu)", 1, 0, ""),
                ("Bản sao biên bản họp thành viên hộ gia đình về việc thay đổi (nếu có)", 0, 1, ""),
            ],
            time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Hộ kinh doanh đã đăng ký trên địa bàn.",
            result="Giấy chứng nhận đăng ký hộ kinh doanh (cấp đổi).",
            fees="<p>Lệ phí theo Nghị quyết của Hội đồng nhân dân tỉnh; miễn lệ phí khi nộp hồ sơ trực tuyến.</p>",
            requirements="<p>Thông báo trong thời hạn 10 ngày kể từ ngày có thay đổi.</p>",
            bases=DOANH_NGHIEP,
            service_level=ProcedurePage.ServiceLevel.FULL,
            legacy_level=4,
            **tanthanh,
        ),
        ProcedureSeed(
            slug="cap-giay-phep-xay-dung-nha-o-rieng-le",
            title="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            code="1.009794",
            field="Hoạt động xây dựng",
            handler=economy,
            steps=_commune_steps(economy, "13 ngày làm việc"),
            dossier=[
                (
                    "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP)",
                    1,
                    0,
                    "",
                ),
                ("Bản sao giấy tờ chứng minh quyền sử dụng đất", 0, 1, ""),
                (
                    "02 bộ bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng, móng và đấu nối hạ tầng",
                    2,
                    0,
                    "",
                ),
                ("Cam kết bảo đảm an toàn đối với công trình liền kề (nếu có)", 1, 0, ""),
            ],
            time="15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Hộ gia đình, cá nhân là chủ đầu tư xây dựng nhà ở riêng lẻ.",
            result="Giấy phép xây dựng kèm bản vẽ được đóng dấu.",
            fees="<p>Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 75.000 đồng/giấy phép (mức của Hội đồng nhân dân tỉnh).</p>",
            requirements="<p>Phù hợp với quy hoạch chi tiết xây dựng được duyệt; bảo đảm an toàn cho công trình và công trình lân cận; thiết kế đáp ứng quy chuẩn kỹ thuật.</p>",
            bases=XAY_DUNG,
            sets=2,
            forms=[
                (
                    "Đơn đề nghị cấp giấy phép xây dựng",
                    [
                        "Tên chủ đầu tư",
                        "Địa điểm xây dựng: lô đất, diện tích, địa chỉ",
                        "Loại và cấp công trình",
                        "Diện tích xây dựng, tổng diện tích sàn",
                        "Chiều cao, số tầng",
                        "Đơn vị thiết kế",
                    ],
                )
            ],
            **anxuyen,
        ),
        ProcedureSeed(
            slug="cap-giay-chung-nhan-quyen-su-dung-dat-lan-dau",
            title="Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
            code="1.012756",
            field="Đất đai",
            handler="Công chức Địa chính và Văn phòng đăng ký đất đai",
            steps=_commune_steps("Công chức Địa chính và Văn phòng đăng ký đất đai", "17 ngày làm việc"),
            dossier=[
                ("Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK)", 1, 0, ""),
                (
                    "Một trong các giấy tờ về quyền sử dụng đất quy định tại Điều 137 Luật Đất đai (nếu có)",
                    0,
                    1,
                    "",
                ),
                ("Mảnh trích đo bản đồ địa chính thửa đất (nếu có)", 1, 0, ""),
                ("Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ miễn, giảm (nếu có)", 0, 1, ""),
            ],
            time="20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (không tính thời gian xác minh, niêm yết công khai).",
            applicants="Hộ gia đình, cá nhân, cộng đồng dân cư đang sử dụng đất.",
            result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất; cập nhật cơ sở dữ liệu đất đai.",
            fees="<p>Lệ phí cấp Giấy chứng nhận và phí thẩm định hồ sơ theo Nghị quyết của Hội đồng nhân dân tỉnh; tiền sử dụng đất (nếu có) theo thông báo của cơ quan thuế.</p>",
            requirements="<p>Đất không có tranh chấp, được Ủy ban nhân dân cấp xã xác nhận sử dụng ổn định, phù hợp quy hoạch sử dụng đất.</p>",
            bases=DAT_DAI,
            forms=[
                (
                    "Đơn đăng ký đất đai, tài sản gắn liền với đất",
                    [
                        "Người sử dụng đất",
                        "Thửa đất số, tờ bản đồ số",
                        "Diện tích, mục đích, thời hạn sử dụng",
                        "Nguồn gốc sử dụng",
                        "Tài sản gắn liền với đất",
                    ],
                )
            ],
            **tanthanh,
        ),
        ProcedureSeed(
            slug="dang-ky-thuong-tru",
            title="Đăng ký thường trú",
            code="1.004194",
            field="Đăng ký, quản lý cư trú",
            handler="Công an phường",
            steps=_commune_steps("Công an phường", "07 ngày làm việc"),
            dossier=[
                ("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", 1, 0, ""),
                ("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", 0, 1, ""),
            ],
            time="07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Công dân Việt Nam có chỗ ở hợp pháp trên địa bàn.",
            result="Thông tin thường trú được cập nhật vào Cơ sở dữ liệu về cư trú; thông báo kết quả cho người đăng ký.",
            fees="<p>20.000 đồng; 10.000 đồng khi nộp hồ sơ trực tuyến.</p>",
            requirements="<p>Có chỗ ở hợp pháp thuộc quyền sở hữu của mình, hoặc được chủ hộ, chủ sở hữu chỗ ở hợp pháp đồng ý.</p>",
            bases=["68/2020/QH14"],
            service_level=ProcedurePage.ServiceLevel.FULL,
            legacy_level=4,
            **{**anxuyen, "agency": "Công an phường An Xuyên"},
        ),
        ProcedureSeed(
            slug="tro-cap-xa-hoi-hang-thang",
            title="Trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng",
            code="1.001776",
            field="Bảo trợ xã hội",
            handler="Công chức Văn hóa - Xã hội",
            steps=_commune_steps(
                "Công chức Văn hóa - Xã hội", "07 ngày làm việc (họp Hội đồng xét duyệt, niêm yết 02 ngày)"
            ),
            dossier=[
                ("Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a–1đ Nghị định 20/2021/NĐ-CP)", 1, 0, ""),
                ("Bản sao giấy tờ xác định đối tượng (giấy xác nhận khuyết tật …)", 0, 1, ""),
            ],
            time="Không quá 22 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (cấp xã 15 ngày).",
            applicants="Người cao tuổi, người khuyết tật, trẻ em không có nguồn nuôi dưỡng và các đối tượng bảo trợ xã hội khác.",
            result="Quyết định trợ cấp xã hội hàng tháng.",
            fees=FREE,
            requirements="<p>Thuộc đối tượng quy định tại Điều 5 Nghị định 20/2021/NĐ-CP.</p>",
            bases=["20/2021/NĐ-CP"],
            **tanthanh,
        ),
    ]
    # Provincial level: departments of the province.
    business = "Phòng Đăng ký kinh doanh, Sở Tài chính"
    construction = "Phòng Quản lý xây dựng, Sở Xây dựng"
    land = "Văn phòng Đăng ký đất đai tỉnh"
    finance = {
        "site": "sotaichinh",
        "level": ProcedurePage.Level.PROVINCE,
        "agency": "Sở Tài chính tỉnh Cà Mau",
    }
    building = {
        "site": "soxaydung",
        "level": ProcedurePage.Level.PROVINCE,
        "agency": "Sở Xây dựng tỉnh Cà Mau",
    }
    environment = {
        "site": "sonnmt",
        "level": ProcedurePage.Level.PROVINCE,
        "agency": "Sở Nông nghiệp và Môi trường tỉnh Cà Mau",
    }
    education = {
        "site": "sogddt",
        "level": ProcedurePage.Level.PROVINCE,
        "agency": "Sở Giáo dục và Đào tạo tỉnh Cà Mau",
    }
    company_dossier = [
        ("Giấy đề nghị đăng ký doanh nghiệp (theo mẫu)", 1, 0, ""),
        ("Điều lệ công ty", 1, 0, ""),
        ("Bản sao giấy tờ pháp lý của cá nhân là chủ sở hữu, người đại diện theo pháp luật", 0, 1, ""),
    ]
    seeds += [
        ProcedureSeed(
            slug="dang-ky-thanh-lap-doanh-nghiep-tu-nhan",
            title="Đăng ký thành lập doanh nghiệp tư nhân",
            code="2.001610",
            field="Thành lập và hoạt động doanh nghiệp",
            handler=business,
            steps=_province_steps(business, "03 ngày làm việc"),
            dossier=[
                ("Giấy đề nghị đăng ký doanh nghiệp tư nhân (theo mẫu)", 1, 0, ""),
                ("Bản sao giấy tờ pháp lý của chủ doanh nghiệp tư nhân", 0, 1, ""),
            ],
            time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Cá nhân thành lập doanh nghiệp tư nhân.",
            result="Giấy chứng nhận đăng ký doanh nghiệp.",
            fees="<p>Lệ phí đăng ký doanh nghiệp 50.000 đồng; miễn lệ phí khi đăng ký qua mạng điện tử. Phí công bố nội dung đăng ký doanh nghiệp 100.000 đồng.</p>",
            requirements="<p>Ngành, nghề không bị cấm đầu tư kinh doanh; tên doanh nghiệp đặt đúng quy định tại Điều 37–41 Luật Doanh nghiệp; mỗi cá nhân chỉ được quyền thành lập một doanh nghiệp tư nhân.</p>",
            bases=DOANH_NGHIEP,
            service_level=ProcedurePage.ServiceLevel.FULL,
            legacy_level=4,
            **finance,
        ),
        ProcedureSeed(
            slug="dang-ky-thanh-lap-cong-ty-tnhh-mot-thanh-vien",
            title="Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
            code="2.001199",
            field="Thành lập và hoạt động doanh nghiệp",
            handler=business,
            steps=_province_steps(business, "03 ngày làm việc"),
            dossier=company_dossier,
            time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Tổ chức, cá nhân là chủ sở hữu công ty.",
            result="Giấy chứng nhận đăng ký doanh nghiệp.",
            fees="<p>Lệ phí đăng ký doanh nghiệp 50.000 đồng; miễn lệ phí khi đăng ký qua mạng điện tử. Phí công bố nội dung đăng ký doanh nghiệp 100.000 đồng.</p>",
            requirements="<p>Hồ sơ hợp lệ; tên doanh nghiệp đặt đúng quy định; đã nộp đủ phí, lệ phí.</p>",
            bases=DOANH_NGHIEP,
            service_level=ProcedurePage.ServiceLevel.FULL,
            legacy_level=4,
            forms=[
                (
                    "Giấy đề nghị đăng ký doanh nghiệp",
                    [
                        "Tên công ty bằng tiếng Việt, tiếng nước ngoài, viết tắt",
                        "Địa chỉ trụ sở chính",
                        "Ngành, nghề kinh doanh (mã ngành cấp 4)",
                        "Vốn điều lệ",
                        "Người đại diện theo pháp luật",
                        "Thông tin đăng ký thuế",
                    ],
                )
            ],
            **finance,
        ),
        ProcedureSeed(
            slug="thay-doi-nguoi-dai-dien-theo-phap-luat",
            title="Đăng ký thay đổi người đại diện theo pháp luật của công ty trách nhiệm hữu hạn, công ty cổ phần",
            code="2.002003",
            field="Thành lập và hoạt động doanh nghiệp",
            handler=business,
            steps=_province_steps(business, "03 ngày làm việc"),
            dossier=[
                ("Thông báo thay đổi nội dung đăng ký doanh nghiệp (theo mẫu)", 1, 0, ""),
                ("Nghị quyết, quyết định và bản sao biên bản họp về việc thay đổi", 0, 1, ""),
            ],
            time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Doanh nghiệp có trụ sở chính trên địa bàn tỉnh.",
            result="Giấy chứng nhận đăng ký doanh nghiệp (cập nhật thông tin người đại diện).",
            fees="<p>Lệ phí 50.000 đồng; miễn khi đăng ký qua mạng điện tử.</p>",
            requirements="<p>Đăng ký trong thời hạn 10 ngày kể từ ngày có thay đổi.</p>",
            bases=DOANH_NGHIEP,
            service_level=ProcedurePage.ServiceLevel.FULL,
            legacy_level=4,
            **finance,
        ),
        ProcedureSeed(
            slug="cap-giay-phep-xay-dung-cong-trinh-cap-i-ii",
            title="Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II (công trình không theo tuyến)",
            code="1.009972",
            field="Hoạt động xây dựng",
            handler=construction,
            steps=_province_steps(construction, "18 ngày làm việc"),
            dossier=[
                ("Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)", 1, 0, ""),
                ("Bản sao giấy tờ chứng minh quyền sử dụng đất", 0, 1, ""),
                (
                    "Bản sao quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định của cơ quan chuyên môn về xây dựng",
                    0,
                    1,
                    "",
                ),
                ("02 bộ bản vẽ thiết kế xây dựng triển khai sau thiết kế cơ sở", 2, 0, ""),
            ],
            time="20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Chủ đầu tư xây dựng công trình (tổ chức, cá nhân).",
            result="Giấy phép xây dựng.",
            fees="<p>Lệ phí cấp giấy phép xây dựng công trình: 150.000 đồng/giấy phép (mức của Hội đồng nhân dân tỉnh).</p>",
            requirements="<p>Phù hợp quy hoạch; thiết kế được thẩm định theo quy định; có biện pháp bảo đảm an toàn, phòng cháy, chữa cháy và bảo vệ môi trường.</p>",
            bases=XAY_DUNG,
            sets=2,
            **building,
        ),
        ProcedureSeed(
            slug="cap-chung-chi-hanh-nghe-hoat-dong-xay-dung",
            title="Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III",
            code="1.009928",
            field="Hoạt động xây dựng",
            handler=construction,
            steps=_province_steps(construction, "18 ngày (gồm sát hạch)"),
            dossier=[
                ("Đơn đề nghị cấp chứng chỉ hành nghề (theo mẫu)", 1, 0, ""),
                ("Ảnh màu cỡ 4x6 cm nền trắng chụp trong 06 tháng", 2, 0, ""),
                ("Văn bằng chuyên môn và bản khai kinh nghiệm công tác chuyên môn", 0, 1, ""),
            ],
            time="20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Cá nhân là công dân Việt Nam, người nước ngoài hoạt động xây dựng hợp pháp tại Việt Nam.",
            result="Chứng chỉ hành nghề hoạt động xây dựng.",
            fees="<p>Lệ phí cấp chứng chỉ hành nghề 300.000 đồng/chứng chỉ; phí sát hạch theo quy định của Bộ Tài chính.</p>",
            requirements="<p>Có trình độ chuyên môn và kinh nghiệm phù hợp hạng đề nghị; đạt yêu cầu sát hạch.</p>",
            bases=XAY_DUNG,
            **building,
        ),
        ProcedureSeed(
            slug="dang-ky-bien-dong-chuyen-nhuong-quyen-su-dung-dat",
            title="Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế",
            code="1.012757",
            field="Đất đai",
            handler=land,
            steps=_province_steps(land, "08 ngày làm việc"),
            dossier=[
                ("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", 1, 0, ""),
                ("Hợp đồng, văn bản về chuyển nhượng, tặng cho, thừa kế đã công chứng, chứng thực", 1, 0, ""),
                ("Bản gốc Giấy chứng nhận đã cấp", 1, 0, ""),
            ],
            time="10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất.",
            result="Giấy chứng nhận được xác nhận thay đổi hoặc cấp mới; cập nhật cơ sở dữ liệu đất đai.",
            fees="<p>Lệ phí trước bạ, thuế thu nhập cá nhân theo thông báo của cơ quan thuế; phí thẩm định hồ sơ theo Nghị quyết của Hội đồng nhân dân tỉnh.</p>",
            requirements="<p>Có Giấy chứng nhận; đất không có tranh chấp, không bị kê biên; trong thời hạn sử dụng đất (Điều 45 Luật Đất đai).</p>",
            bases=DAT_DAI,
            **environment,
        ),
        ProcedureSeed(
            slug="cap-lai-giay-chung-nhan-bi-mat",
            title="Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất",
            code="1.012770",
            field="Đất đai",
            handler=land,
            steps=_province_steps(land, "08 ngày làm việc, sau 15 ngày niêm yết"),
            dossier=[
                ("Đơn đề nghị cấp lại Giấy chứng nhận (theo mẫu)", 1, 0, ""),
                (
                    "Giấy xác nhận của Ủy ban nhân dân cấp xã về việc niêm yết thông báo mất Giấy chứng nhận",
                    1,
                    0,
                    "",
                ),
            ],
            time="10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            applicants="Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất bị mất Giấy chứng nhận.",
            result="Giấy chứng nhận cấp lại; Giấy chứng nhận bị mất bị hủy.",
            fees="<p>Lệ phí cấp lại Giấy chứng nhận theo Nghị quyết của Hội đồng nhân dân tỉnh.</p>",
            requirements="<p>Đã niêm yết thông báo mất Giấy chứng nhận tại trụ sở Ủy ban nhân dân cấp xã ít nhất 15 ngày.</p>",
            bases=DAT_DAI,
            **environment,
        ),
        ProcedureSeed(
            slug="cap-ban-sao-van-bang-tu-so-goc",
            title="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            code="1.005092",
            field="Văn bằng, chứng chỉ",
            handler="Phòng Quản lý chất lượng, Sở Giáo dục và Đào tạo",
            steps=_province_steps(
                "Phòng Quản lý chất lượng, Sở Giáo dục và Đào tạo",
                "Ngay trong ngày hoặc ngày làm việc tiếp theo",
            ),
            dossier=[("Đơn đề nghị cấp bản sao từ sổ gốc (theo mẫu)", 1, 0, ""), ID_CARD],
            time="Ngay trong ngày tiếp nhận; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo.",
            applicants="Người được cấp bản chính văn bằng, chứng chỉ hoặc người đại diện hợp pháp.",
            result="Bản sao văn bằng, chứng chỉ từ sổ gốc.",
            fees="<p>Theo quy định về phí cấp bản sao từ sổ gốc.</p>",
            requirements="<p>Sổ gốc cấp văn bằng, chứng chỉ còn lưu tại cơ quan.</p>",
            bases=CHUNG_THUC,
            service_level=ProcedurePage.ServiceLevel.FULL,
            legacy_level=4,
            **education,
        ),
    ]
    return seeds


def load(progress: Callable[[str], None] = lambda line: None) -> None:
    portal = Agency.objects.filter(kind=Agency.Kind.PROVINCE).exclude(site=None).first()
    if portal is None:
        progress("  no portal site: run load_demo first")
        return
    with transaction.atomic():
        home = portal.site.root_page
        documents = LegalDocumentIndexPage.objects.child_of(home).filter(slug="van-ban").first()
        if documents is None:
            documents = publish_child(
                home, LegalDocumentIndexPage, "van-ban", title="Văn bản quy phạm pháp luật"
            )
        importer = LegalDocumentImporter(documents, LEGAL_BASES_FILE.parent, progress=lambda line: None)
        result = importer.run(read_rows(LEGAL_BASES_FILE))
        if result.errors:
            raise ValueError(f"{LEGAL_BASES_FILE}: " + "; ".join(map(str, result.errors)))
        attach_text_files(documents)
        publish_child(
            home,
            ProcedureIndexPage,
            INDEX_SLUG,
            title=INDEX_TITLE,
            intro="<p>Tra cứu thủ tục hành chính của các sở, ban, ngành và Ủy ban nhân dân các xã, phường "
            "trong tỉnh: thành phần hồ sơ, trình tự, thời hạn, phí, lệ phí và mẫu đơn, tờ khai; nộp hồ sơ "
            "trực tuyến trên Cổng Dịch vụ công quốc gia.</p>",
            show_in_menus=True,
        )
        seeds = procedure_seeds()
        indexes: dict[str, Page] = {}
        for seed in seeds:
            if seed.site not in indexes:
                agency = Agency.objects.filter(domain_label=seed.site, parent=None).exclude(site=None).first()
                if agency is None:
                    continue
                indexes[seed.site] = publish_child(
                    agency.site.root_page,
                    ProcedureIndexPage,
                    INDEX_SLUG,
                    title=INDEX_TITLE,
                    intro=f"<p>Thủ tục hành chính thuộc thẩm quyền giải quyết của {agency.name}.</p>",
                    show_in_menus=True,
                )
            _write(indexes[seed.site], seed)
    progress(f"  {len(seeds)} administrative procedures on {len(indexes)} sites and the portal's finder")


def _write(index: Page, seed: ProcedureSeed) -> ProcedurePage:
    bases = []
    for number in seed.bases:
        document = (
            LegalDocumentPage.objects.filter(number_key=normalize_number(number)).order_by("pk").first()
        )
        if document is None:
            raise ValueError(f"procedure {seed.code}: legal basis {number} is not imported")
        bases.append(document)
    fields = {
        "title": seed.title,
        "code": seed.code,
        "field": LegalField.objects.get_or_create(name=seed.field)[0],
        "administrative_level": seed.level,
        "implementing_agency": seed.agency,
        "steps": [
            ("step", {"description": f"<p>{text}</p>", "responsible": who, "time_limit": limit})
            for text, who, limit in seed.steps
        ],
        "submission_methods": ONE_STOP.format(
            where=seed.agency
            if seed.level == ProcedurePage.Level.COMMUNE
            else "Trung tâm Phục vụ hành chính công tỉnh",
            online=" (toàn trình)"
            if seed.service_level == ProcedurePage.ServiceLevel.FULL
            else " (một phần)",
        ),
        "dossier": [
            ("item", {"name": name, "originals": originals, "copies": copies, "note": note})
            for name, originals, copies, note in seed.dossier
        ],
        "dossier_sets": seed.sets,
        "processing_time": seed.time,
        "applicants": seed.applicants,
        "result": seed.result,
        "fees": seed.fees,
        "requirements": seed.requirements,
        "responsibilities": RESPONSIBILITIES.format(handler=seed.handler),
        "service_level": seed.service_level,
        "legacy_level": seed.legacy_level,
        "national_portal_url": NATIONAL_PORTAL + seed.code,
        "search_description": f"{seed.title}: thủ tục hành chính mã {seed.code}, {seed.agency} thực hiện.",
    }
    fields["legal_basis"] = bases
    agency = Agency.objects.for_page(index)
    forms = [_form_document(agency, title, lines) for title, lines in seed.forms]

    def attach_forms(page: ProcedurePage) -> None:
        if sorted(a.document_id for a in page.attachments.all()) != sorted(d.pk for d in forms):
            page.attachments = [ProcedureAttachment(document=document) for document in forms]

    return publish_child(index, ProcedurePage, seed.slug, before_publish=attach_forms, **fields)


def _form_document(agency: Agency | None, title: str, lines: list[str]) -> Document:
    """A fill-in form (mẫu đơn, tờ khai) as a DOCX file, the editable open format citizens print."""
    import docx

    collection = agency.collection if agency is not None and agency.collection_id else None
    existing = Document.objects.filter(title=title, collection=collection).first() if collection else None
    if existing is not None:
        return existing
    document_file = docx.Document()
    document_file.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").alignment = 1
    document_file.add_paragraph("Độc lập - Tự do - Hạnh phúc").alignment = 1
    document_file.add_heading(title.upper(), level=1).alignment = 1
    document_file.add_paragraph(f"Kính gửi: {agency.name if agency else 'Cơ quan có thẩm quyền'}")
    for line in lines:
        document_file.add_paragraph(f"{line}: " + "." * 60)
    document_file.add_paragraph(
        "Tôi cam đoan nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật."
    )
    document_file.add_paragraph("NGƯỜI YÊU CẦU (Ký, ghi rõ họ tên)").alignment = 2
    buffer = io.BytesIO()
    document_file.save(buffer)
    from django.utils.text import slugify

    from sites.text import fold

    document = Document(title=title, **({"collection": collection} if collection else {}))
    document.file.save(f"{slugify(fold(title))}.docx", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document
