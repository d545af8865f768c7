"""Build legal_documents.json, the demo's import file, from the five seed regulations.

Run from the repository root: ``python cms/demo_data/build_legal_documents.py``. The national
documents are those the seeds cite ("Căn cứ …"), with the numbers, dates and titles as cited;
statuses follow ../shared/docs/requirements.md §0.3 (ND 42/2022 replaced by ND 224/2026 from 01/07/2026).
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "demo_seeds"
FIELD_PORTAL = "Công nghệ thông tin, chuyển đổi số"
FIELD_INFO = "Thông tin, báo chí"
FIELD_SECURITY = "An toàn thông tin"
FIELD_ADMIN = "Cải cách hành chính"

SEED_DOCUMENTS = [
    {
        "number": "68/2026/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
        "issued_on": "2026-05-12",
        "effective_on": "2026-05-28",
        "status": "in_force",
        "fields": [FIELD_PORTAL, FIELD_INFO],
        "title": "Ban hành Quy chế quản lý, vận hành và cung cấp thông tin đối với Cổng Thông tin điện tử, "
        "Trang thông tin điện tử của cơ quan nhà nước trên địa bàn tỉnh Cà Mau",
        "summary": "Quy chế quản lý, vận hành và cung cấp thông tin trên Cổng Thông tin điện tử tỉnh và các "
        "trang thông tin điện tử thành phần; thay thế Quyết định số 514/QĐ-UBND ngày 06/4/2012.",
        "seed": "001_57f4b0acbbc81b24.txt",
        "replaces": ["514/QĐ-UBND"],
    },
    {
        "number": "514/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
        "signer": "Nguyễn Tiến Hải",
        "issued_on": "2012-04-06",
        "effective_on": "2012-04-06",
        "expires_on": "2026-05-28",
        "status": "expired",
        "fields": [FIELD_PORTAL, FIELD_INFO],
        "title": "Ban hành Quy chế phối hợp giữa các sở, ban, ngành tỉnh, Ủy ban nhân dân huyện, thành phố Cà Mau "
        "trong việc cung cấp và xử lý thông tin trên Cổng Thông tin điện tử tỉnh Cà Mau",
        "summary": "Hết hiệu lực từ ngày 28/5/2026 theo Điều 2 Quyết định số 68/2026/QĐ-UBND.",
        "seed": "000_ecdacdbc1c583d3f.txt",
    },
    {
        "number": "07/2019/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Sóc Trăng",
        "signer": "Ngô Hùng",
        "issued_on": "2019-04-19",
        "effective_on": "2019-05-02",
        "fields": [FIELD_PORTAL, FIELD_ADMIN],
        "title": "Ban hành Quy chế tổ chức, quản lý, cung cấp thông tin và dịch vụ công trực tuyến trên Cổng hoặc "
        "Trang thông tin điện tử của các cơ quan nhà nước trên địa bàn tỉnh Sóc Trăng",
        "seed": "002_990f4182645ffc1b.txt",
    },
    {
        "number": "19/2019/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Hà Nam",
        "signer": "Nguyễn Xuân Đông",
        "issued_on": "2019-07-01",
        "fields": [FIELD_PORTAL, FIELD_INFO],
        "title": "Ban hành Quy chế quản lý, cung cấp và khai thác thông tin, dịch vụ trên Cổng Thông tin điện tử "
        "tỉnh Hà Nam",
        "seed": "003_ef6631e2d4008a85.txt",
    },
    {
        "number": "…/2026/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Thái Nguyên",
        "issued_on": "2026-01-01",
        "effective_on": "2026-01-25",
        "fields": [FIELD_PORTAL, FIELD_INFO],
        "title": "Ban hành Quy chế quản lý hoạt động và cung cấp thông tin của Cổng Thông tin điện tử tỉnh "
        "Thái Nguyên",
        "summary": "Số và ngày ký để trống trong bản được cung cấp; ghi ngày ban hành theo tháng 01/2026. "
        "Có hiệu lực từ ngày 25/01/2026.",
        "seed": "004_769f080b3d21e696.txt",
    },
]

GOV = "Chính phủ"
MIC = "Bộ Thông tin và Truyền thông"
NA = "Quốc hội"
NATIONAL_DOCUMENTS = [
    ("Luật", "67/2006/QH11", NA, "2006-06-29", "2007-01-01", "", "Luật Công nghệ thông tin", [FIELD_PORTAL]),
    ("Luật", "104/2016/QH13", NA, "2016-04-06", "2018-07-01", "", "Luật Tiếp cận thông tin", [FIELD_INFO]),
    (
        "Luật",
        "86/2015/QH13",
        NA,
        "2015-11-19",
        "2016-07-01",
        "",
        "Luật An toàn thông tin mạng",
        [FIELD_SECURITY],
    ),
    ("Luật", "24/2018/QH14", NA, "2018-06-12", "2019-01-01", "", "Luật An ninh mạng", [FIELD_SECURITY]),
    ("Luật", "103/2016/QH13", NA, "2016-04-05", "2017-01-01", "", "Luật Báo chí", [FIELD_INFO]),
    ("Luật", "20/2023/QH15", NA, "2023-06-22", "2024-07-01", "", "Luật Giao dịch điện tử", [FIELD_PORTAL]),
    (
        "Nghị định",
        "64/2007/NĐ-CP",
        GOV,
        "2007-04-10",
        "",
        "",
        "Về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước",
        [FIELD_PORTAL],
    ),
    (
        "Nghị định",
        "43/2011/NĐ-CP",
        GOV,
        "2011-06-13",
        "2011-08-01",
        "2022-08-15",
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử hoặc "
        "cổng thông tin điện tử của cơ quan nhà nước",
        [FIELD_PORTAL, FIELD_ADMIN],
    ),
    (
        "Nghị định",
        "85/2016/NĐ-CP",
        GOV,
        "2016-07-01",
        "2016-07-01",
        "",
        "Về bảo đảm an toàn hệ thống thông tin theo cấp độ",
        [FIELD_SECURITY],
    ),
    (
        "Nghị định",
        "09/2017/NĐ-CP",
        GOV,
        "2017-02-09",
        "2017-03-27",
        "",
        "Quy định chi tiết việc phát ngôn và cung cấp thông tin cho báo chí của các cơ quan hành chính nhà nước",
        [FIELD_INFO],
    ),
    (
        "Nghị định",
        "13/2018/NĐ-CP",
        GOV,
        "2018-01-23",
        "2018-07-01",
        "",
        "Quy định chi tiết và biện pháp thi hành Luật Tiếp cận thông tin",
        [FIELD_INFO],
    ),
    (
        "Nghị định",
        "42/2022/NĐ-CP",
        GOV,
        "2022-06-24",
        "2022-08-15",
        "2026-07-01",
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
        [FIELD_PORTAL, FIELD_ADMIN],
    ),
    (
        "Nghị định",
        "49/2024/NĐ-CP",
        GOV,
        "2024-05-10",
        "2024-07-01",
        "",
        "Quy định về hoạt động thông tin cơ sở",
        [FIELD_INFO],
    ),
    (
        "Nghị định",
        "147/2024/NĐ-CP",
        GOV,
        "2024-11-09",
        "2024-12-25",
        "",
        "Về quản lý, cung cấp và sử dụng dịch vụ internet và thông tin trên mạng",
        [FIELD_INFO],
    ),
    (
        "Nghị định",
        "224/2026/NĐ-CP",
        GOV,
        "2026-06-24",
        "2026-07-01",
        "",
        "Quy định chi tiết thi hành một số điều của Luật Chuyển đổi số",
        [FIELD_PORTAL],
    ),
    (
        "Thông tư",
        "24/2011/TT-BTTTT",
        MIC,
        "2011-09-20",
        "2011-11-15",
        "",
        "Quy định về việc tạo lập, sử dụng và lưu trữ dữ liệu đặc tả trên trang thông tin điện tử hoặc cổng "
        "thông tin điện tử của cơ quan nhà nước",
        [FIELD_PORTAL],
    ),
    (
        "Thông tư",
        "32/2017/TT-BTTTT",
        MIC,
        "2017-11-15",
        "",
        "",
        "Quy định về việc cung cấp dịch vụ công trực tuyến và bảo đảm khả năng truy cập thuận tiện đối với "
        "trang thông tin điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước",
        [FIELD_PORTAL, FIELD_ADMIN],
    ),
    (
        "Thông tư",
        "26/2020/TT-BTTTT",
        MIC,
        "2020-09-23",
        "2021-01-01",
        "",
        "Quy định việc áp dụng tiêu chuẩn, công nghệ hỗ trợ người khuyết tật tiếp cận, sử dụng công nghệ "
        "thông tin và truyền thông",
        [FIELD_PORTAL],
    ),
    (
        "Thông tư",
        "12/2022/TT-BTTTT",
        MIC,
        "2022-08-12",
        "",
        "",
        "Quy định chi tiết và hướng dẫn một số điều của Nghị định số 85/2016/NĐ-CP ngày 01 tháng 7 năm 2016 "
        "của Chính phủ về bảo đảm an toàn hệ thống thông tin theo cấp độ",
        [FIELD_SECURITY],
    ),
    (
        "Thông tư",
        "22/2023/TT-BTTTT",
        MIC,
        "2023-12-31",
        "2024-04-05",
        "",
        "Quy định cấu trúc, bố cục, yêu cầu kỹ thuật cho Cổng thông tin điện tử và Trang thông tin điện tử "
        "của cơ quan nhà nước",
        [FIELD_PORTAL],
    ),
]
RELATIONS = {
    "42/2022/NĐ-CP": {"replaces": ["43/2011/NĐ-CP"]},
    "224/2026/NĐ-CP": {"replaces": ["42/2022/NĐ-CP"]},
    "13/2018/NĐ-CP": {"guides": ["104/2016/QH13"]},
    "12/2022/TT-BTTTT": {"guides": ["85/2016/NĐ-CP"]},
    "22/2023/TT-BTTTT": {"guides": ["42/2022/NĐ-CP"]},
}


def build() -> list[dict]:
    rows = []
    for kind, number, issuer, issued, effective, expires, title, fields in NATIONAL_DOCUMENTS:
        row = {
            "number": number,
            "type": kind,
            "issuer": issuer,
            "issued_on": issued,
            "effective_on": effective,
            "expires_on": expires,
            "fields": fields,
            "title": title,
            "summary": f"{kind} số {number} ngày {'/'.join(reversed(issued.split('-')))} của {issuer}: {title}.",
        }
        row.update(RELATIONS.get(number, {}))
        rows.append(row)
    for seed in SEED_DOCUMENTS:
        row = {k: v for k, v in seed.items() if k != "seed"}
        row["body"] = (SEEDS / seed["seed"]).read_text(encoding="utf-8")
        rows.append(row)
    return rows


if __name__ == "__main__":
    out = HERE / "legal_documents.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
