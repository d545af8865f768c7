"""Demo data of the operations app: every demo site approved and connected to EMC, a maintenance
notice on every site, visit counts and a link-check report (a step of load_demo)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Site

from moderation.calendar import WorkingCalendar

from .linkcheck import run_check
from .models import DailyVisits, MaintenanceWindow, OperationsSettings, SiteLaunch

APPROVAL = "2150/QĐ-UBND"
APPROVAL_DATE = dt.date(2025, 7, 1)


def emc_code_for(site: Site) -> str:
    label = site.hostname.split(".")[0] if site.hostname.count(".") > 1 else "portal"
    return f"EMC-CM-{label.upper()}"


def load(progress: Callable[[str], None]) -> None:
    settings_row = OperationsSettings.load()
    settings_row.maintenance_notice_working_days = 7  # Cà Mau: ND224 Art 13.1.a
    settings_row.save()

    launched = 0
    for site in Site.objects.all():
        launch = SiteLaunch.for_site(site)
        launch.approval_reference, launch.approval_date = APPROVAL, APPROVAL_DATE
        launch.emc_code = launch.emc_code or emc_code_for(site)
        launch.status = SiteLaunch.Status.LIVE
        launch.save()
        launched += 1
    progress(f"  {launched} sites live with their go-live decision and EMC code")

    # A planned upgrade announced 10 working days ahead, 22:00–02:00, for every site.
    calendar = WorkingCalendar.current()
    day = timezone.localtime(calendar.add_working_days(timezone.now(), 10)).date()
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(22, 0)))
    MaintenanceWindow.objects.update_or_create(
        title="Nâng cấp hệ thống máy chủ Cổng thông tin điện tử",
        defaults={
            "reason": (
                "Trung tâm Chuyển đổi số tỉnh nâng cấp máy chủ cơ sở dữ liệu; trong thời gian này Cổng và "
                "các trang thành phần tạm ngừng cung cấp thông tin."
            ),
            "title_en": "Upgrade of the Electronic Information Portal's servers",
            "reason_en": (
                "The Provincial Digital Transformation Centre is upgrading the database servers; the portal "
                "and its component sites are unavailable during the upgrade."
            ),
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=4),
            "close_public": True,
        },
    )
    progress("  a maintenance notice on every site")

    load_visits(progress)
    # The link check over the portal and the two demo communes, without contacting other hosts.
    demo_sites = Site.objects.filter(Q(is_default_site=True) | Q(hostname__regex=r"^(anxuyen|tanthanh)\."))
    for site in demo_sites:
        run = run_check(lambda _message: None, site=site, external=False)
        progress(f"  link check {site.hostname}: {run.pages} pages, {run.links} links, {run.broken} broken")


def load_visits(progress: Callable[[str], None]) -> None:
    """Sixty days of page-view counts for the demo's report (deterministic; only where none exist)."""
    if DailyVisits.objects.exists():
        return
    today = timezone.localdate()
    rows = []
    for site in Site.objects.select_related("root_page"):
        pages = list(site.root_page.get_descendants(inclusive=True).live().values_list("pk", flat=True)[:6])
        weight = 40 if site.is_default_site else 3 + site.pk % 7
        for days_ago in range(60):
            day = today - dt.timedelta(days=days_ago)
            weekday_factor = 1 if day.weekday() < 5 else 0.4
            for rank, page_id in enumerate(pages, 1):
                views = int(weight * weekday_factor * 6 / rank + (site.pk * 7 + days_ago * 3 + rank) % 5)
                if views:
                    rows.append(
                        DailyVisits(
                            site=site, page_id=page_id, date=day, views=views, visits=max(1, views * 2 // 3)
                        )
                    )
    DailyVisits.objects.bulk_create(rows, batch_size=2000)
    progress(f"  {len(rows)} days × pages of visit counts")
