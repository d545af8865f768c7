"""Search benchmark: indexing throughput and query latency, search node and database backend, one run.

    python bench/search.py                      # 100 000 documents, both targets
    python bench/search.py --n 20000 --targets database
    python bench/search.py --rounds 10 --database-url sqlite:////tmp/bench.sqlite3

It builds a synthetic corpus of legal documents with realistic Vietnamese titles, numbers and
bodies in a database of its own (a fresh SQLite file unless --database-url says otherwise), indexes
it with the project's Vietnamese backends (the search node from SEARCH_URL/SEARCH_ENGINE under the
index prefix ``cong_bench_``, and the database backend), then runs a fixed query mix: one warm-up
round, then --rounds timed rounds, each query fetching its first result page (20 documents,
hydrated from the database, as the search page does). It prints one table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY_MIX = [
    "nghi dinh 42 2022",
    "Nghị định 42/2022",
    "68/2026/QĐ-UBND",
    "68/2026",
    "an ninh mạng",
    "an ninh mang",
    "quản lý đất đai",
    "bao ve moi truong",
    "thủ tục hành chính cấp xã",
    "cong thong tin dien tu",
    "QĐ-UBND",
    "phòng chống thiên tai năm 2026",
]

DOCUMENT_TYPES = [
    ("Quyết định", "QĐ"),
    ("Nghị định", "NĐ"),
    ("Thông tư", "TT"),
    ("Nghị quyết", "NQ"),
    ("Chỉ thị", "CT"),
    ("Kế hoạch", "KH"),
    ("Thông báo", "TB"),
    ("Công văn", ""),
]
ISSUERS = [
    ("Ủy ban nhân dân tỉnh Cà Mau", "UBND"),
    ("Hội đồng nhân dân tỉnh Cà Mau", "HĐND"),
    ("Chính phủ", "CP"),
    ("Bộ Tài chính", "BTC"),
    ("Bộ Khoa học và Công nghệ", "BKHCN"),
    ("Bộ Nội vụ", "BNV"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
]
SUBJECTS = [
    "quản lý đất đai",
    "bảo vệ môi trường",
    "an ninh mạng",
    "an toàn thông tin",
    "giao thông vận tải",
    "giáo dục và đào tạo",
    "y tế cơ sở",
    "phòng chống thiên tai",
    "chuyển đổi số",
    "cải cách hành chính",
    "thủ tục hành chính cấp xã",
    "xây dựng nông thôn mới",
    "nuôi trồng thủy sản",
    "du lịch sinh thái",
    "thu ngân sách nhà nước",
    "đầu tư công",
    "cổng thông tin điện tử",
    "phát triển rừng ngập mặn",
    "bảo hiểm xã hội",
    "khuyến nông",
]
ACTIONS = [
    "Ban hành Quy chế",
    "Quy định chi tiết về",
    "Hướng dẫn thực hiện",
    "Về việc phê duyệt đề án",
    "Sửa đổi, bổ sung một số điều của Quy định về",
    "Ban hành Kế hoạch triển khai",
    "Về tăng cường công tác",
]
PLACES = ["trên địa bàn tỉnh Cà Mau", "tại các xã, phường, đặc khu", "giai đoạn 2026 - 2030", "năm 2026", ""]
SENTENCES = [
    "Các sở, ban, ngành tỉnh và Ủy ban nhân dân các xã, phường có trách nhiệm tổ chức thực hiện.",
    "Văn phòng Ủy ban nhân dân tỉnh chủ trì, phối hợp với các cơ quan liên quan theo dõi, đôn đốc.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành.",
    "Thông tin được cung cấp kịp thời, chính xác, đầy đủ trên Cổng Thông tin điện tử tỉnh.",
    "Người đứng đầu cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan phản ánh về Sở Tư pháp.",
    "Quyết định này có hiệu lực kể từ ngày ký ban hành.",
    "Định kỳ hằng quý, các đơn vị báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh.",
    "Tổ chức tuyên truyền, phổ biến rộng rãi đến cán bộ, công chức và Nhân dân.",
    "Bảo đảm an toàn hệ thống thông tin theo cấp độ và các quy định về an ninh mạng.",
    "Hồ sơ được tiếp nhận trực tuyến qua Cổng Dịch vụ công quốc gia hoặc trực tiếp tại bộ phận một cửa.",
    "Thời hạn giải quyết không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Ủy ban nhân dân cấp xã kiểm tra, rà soát hiện trạng sử dụng đất và lập danh sách.",
    "Sở Nông nghiệp và Môi trường hướng dẫn việc thu gom, xử lý chất thải rắn sinh hoạt.",
    "Khuyến khích tổ chức, cá nhân tham gia đầu tư phát triển du lịch sinh thái ven biển.",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents in the corpus (default 100 000)")
    parser.add_argument(
        "--targets",
        default="node,database",
        help="comma-separated: node (SEARCH_URL), database (default both)",
    )
    parser.add_argument(
        "--database-n",
        type=int,
        default=0,
        help="index only the first N documents into the database backend (default: all); its SQLite "
        "query scores every match with a correlated FTS subquery, so it is slow on large corpora",
    )
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the query mix (default 5)")
    parser.add_argument("--chunk", type=int, default=1000, help="documents per indexing batch (default 1000)")
    parser.add_argument(
        "--database-url", default="", help="database for the corpus (default: a fresh SQLite file in /tmp)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="leave the corpus database and the node index behind, for --reuse (needs --database-url)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="query a corpus and index left by --keep (same --database-url): no building, no indexing",
    )
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    """Django on the throwaway database only: no Redis (Celery and django-tasks run eagerly, so no job
    reaches a shared queue and a real worker) and no search node as the default backend (saving the
    listing page would index it into the real index); the node under test gets its own prefix below."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = ""
    os.environ["SEARCH_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build_corpus(n: int, seed: int, progress) -> None:
    """Bulk-insert n live LegalDocumentPages under one listing (no signals: indexing is timed apart)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Locale, Page

    from cms.models import DocumentType, IssuingAuthority, LegalDocumentIndexPage, LegalDocumentPage
    from sites.publishing import publishing_without_review

    rng = random.Random(seed)
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    listing = LegalDocumentIndexPage(title="Văn bản (benchmark)", slug=f"bench-{uuid.uuid4().hex[:8]}")
    with publishing_without_review("search benchmark corpus"):  # trusted code, like demo data
        root.add_child(instance=listing)
    types = {
        name: DocumentType.objects.get_or_create(name=name, defaults={"abbreviation": a})[0]
        for name, a in DOCUMENT_TYPES
    }
    issuers = {
        name: IssuingAuthority.objects.get_or_create(name=name, defaults={"abbreviation": a})[0]
        for name, a in ISSUERS
    }
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    planted = {
        0: (
            "Nghị định",
            "Chính phủ",
            "42/2022/NĐ-CP",
            dt.date(2022, 6, 24),
            "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
        ),
        1: (
            "Quyết định",
            "Ủy ban nhân dân tỉnh Cà Mau",
            "68/2026/QĐ-UBND",
            dt.date(2026, 5, 12),
            "Ban hành Quy chế quản lý, vận hành và cung cấp thông tin đối với Cổng Thông tin điện tử",
        ),
    }
    step = listing.path
    fields = list(LegalDocumentPage._meta.local_concrete_fields)
    chunk = 2000
    for start in range(0, n, chunk):
        pages = []
        for i in range(start, min(n, start + chunk)):
            if i in planted:
                type_name, issuer_name, number, issued, title = planted[i]
            else:
                type_name, abbreviation = rng.choice(DOCUMENT_TYPES)
                issuer_name, issuer_abbreviation = rng.choice(ISSUERS)
                year = rng.randint(2005, 2026)
                number = f"{rng.randint(1, 3000)}/{year}/{abbreviation or 'CV'}-{issuer_abbreviation}"
                issued = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                place = rng.choice(PLACES)
                title = f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} {place}".strip()
            body = [
                ("paragraph", " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6))))
                for _ in range(rng.randint(2, 5))
            ]
            slug = f"vb-{i}"
            page = LegalDocumentPage(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(step, listing.depth + 1, i + 1),
                depth=listing.depth + 1,
                numchild=0,
                url_path=f"{listing.url_path}{slug}/",
                content_type=content_type,
                locale=locale,
                live=True,
                first_published_at=dt.datetime.combine(issued, dt.time(8), tzinfo=dt.UTC),
                document_type=types[type_name],
                issuer=issuers[issuer_name],
                number=number,
                number_key=number.upper(),
                issued_on=issued,
                issued_year=issued.year,
                status=LegalDocumentPage.Status.IN_FORCE,
                summary=f"{type_name} số {number} của {issuer_name}: {title}.",
                body=[(kind, f"<p>{text}</p>") for kind, text in body],
            )
            pages.append(page)
        with transaction.atomic():
            Page.objects.bulk_create(pages)  # the Page rows; pks come back on SQLite and PostgreSQL
            for page in pages:
                page.page_ptr_id = page.id  # bulk_create set Page.id; pk of the child is page_ptr_id
            LegalDocumentPage.objects._insert(pages, fields=fields)  # multi-table child rows in one statement
        progress(f"  corpus: {min(n, start + chunk)}/{n}")
    Page.objects.filter(pk=listing.pk).update(numchild=n)
    return listing


def index_corpus(backend, listing, chunk: int, progress, limit: int = 0) -> float:
    from cms.models import LegalDocumentPage

    index = backend.get_index_for_model(LegalDocumentPage)
    if hasattr(index, "es"):  # a search node: start from a fresh index with the Vietnamese mapping
        index.reset()
        index.add_model(LegalDocumentPage)
    queryset = (
        LegalDocumentPage.objects.child_of(listing).select_related("document_type", "issuer").order_by("pk")
    )
    total = min(queryset.count(), limit) if limit else queryset.count()
    started = time.perf_counter()
    done = 0
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[: min(chunk, total - done)]) if done < total else []
        if not batch:
            break
        index.add_items(LegalDocumentPage, batch)
        done += len(batch)
        last_pk = batch[-1].pk
        if done % (chunk * 10) == 0 or done == total:
            progress(f"  indexed {done}/{total}")
    index.refresh()
    return time.perf_counter() - started


def run_queries(backend, listing, rounds: int) -> tuple[list[float], dict[str, int]]:
    from cms.models import LegalDocumentPage

    queryset = LegalDocumentPage.objects.live().child_of(listing)
    hits: dict[str, int] = {}
    for query in QUERY_MIX:  # warm-up round, also records the hit counts
        results = backend.search(query, queryset)
        hits[query] = results.count()
        list(results[:20])
    timings = []
    for _ in range(rounds):
        for query in QUERY_MIX:
            started = time.perf_counter()
            list(backend.search(query, queryset)[:20])
            timings.append((time.perf_counter() - started) * 1000)
    return timings, hits


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def main() -> None:
    args = parse_args()
    database_url = (
        args.database_url or f"sqlite:///{tempfile.gettempdir()}/cong-bench-{uuid.uuid4().hex[:8]}.sqlite3"
    )
    print(f"Database for the corpus: {database_url}")
    node_url, node_engine = os.environ.get("SEARCH_URL", ""), os.environ.get("SEARCH_ENGINE", "opensearch2")
    setup_django(database_url)
    from modelsearch.backends import get_search_backend

    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    backends = {}
    if "node" in targets:
        url, engine = node_url, node_engine
        if not url:
            sys.exit("The node target needs SEARCH_URL (and SEARCH_ENGINE); or use --targets database.")
        backends[f"node ({engine})"] = get_search_backend(
            f"search.backends.{engine}", URLS=[url], INDEX_PREFIX="cong_bench_", TIMEOUT=120
        )
    if "database" in targets:
        from django.db import connection

        backends[f"database ({connection.vendor})"] = get_search_backend("search.backends.database")
    if not backends:
        sys.exit("No target: use --targets node,database.")

    if (args.keep or args.reuse) and not args.database_url:
        sys.exit("--keep and --reuse need --database-url (a file to keep the corpus in).")
    started = time.perf_counter()
    if args.reuse:
        from cms.models import LegalDocumentIndexPage

        listing = LegalDocumentIndexPage.objects.filter(slug__startswith="bench-").latest("pk")
        args.n = listing.get_children().count()
        print(f"Reusing {args.n} documents")
    else:
        print(f"Building {args.n} documents…")
        listing = build_corpus(args.n, args.seed, progress=print)
        print(f"  built in {time.perf_counter() - started:.1f} s")

    rows = []
    for name, backend in backends.items():
        limit = args.database_n if name.startswith("database") else 0
        size = min(limit, args.n) if limit else args.n
        if args.reuse:
            seconds = float("nan")
        else:
            print(f"Indexing {size} documents into {name}…")
            seconds = index_corpus(backend, listing, args.chunk, progress=print, limit=limit)
        print(f"Querying {name} ({len(QUERY_MIX)} queries × {args.rounds} rounds)…")
        timings, hits = run_queries(backend, listing, args.rounds)
        rows.append(
            (
                f"{name} n={size}",
                seconds,
                size / seconds,
                percentile(timings, 0.5),
                percentile(timings, 0.95),
                statistics.mean(timings),
                hits,
            )
        )

    print()
    print(
        f"Corpus: {args.n} legal documents; query mix of {len(QUERY_MIX)} queries × {args.rounds} rounds, "
        "first page of 20 hydrated from the database."
    )
    header = f"{'target':<32} {'index s':>9} {'docs/s':>9} {'p50 ms':>9} {'p95 ms':>9} {'mean ms':>9}"
    print(header)
    print("-" * len(header))
    for name, seconds, rate, p50, p95, mean, _hits in rows:
        print(f"{name:<32} {seconds:>9.1f} {rate:>9.0f} {p50:>9.1f} {p95:>9.1f} {mean:>9.1f}")
    print()
    print("Hits per query (first target / second target):")
    for query in QUERY_MIX:
        print(f"  {query:<32} " + " / ".join(str(row[6][query]) for row in rows))

    if args.keep:
        return
    # Leave nothing behind on a shared node or disk.
    from cms.models import LegalDocumentPage

    for backend in backends.values():
        index = backend.get_index_for_model(LegalDocumentPage)
        if hasattr(index, "es"):
            index.delete()
    if not args.database_url:
        from django.db import connections

        connections.close_all()
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
