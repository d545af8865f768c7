"""Demo data of the operations app: every demo site approved and connected to EMC, a maintenance
notice on every site, visit counts and a link-check report (a step of load_demo)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone
from wagtail.models import Site

from moderation.calendar import WorkingCalendar

from .models import MaintenanceWindow, OperationsSettings, SiteLaunch

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
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=4),
            "close_public": True,
        },
    )
    progress("  a maintenance notice on every site")
