"""Scheduled operations (Celery beat; see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="operations.backup")
def scheduled_backup() -> str:
    """Weekly by default (BACKUP_SCHEDULE_SECONDS); a failure is recorded and alerted in run_backup."""
    from .backup import run_backup

    return run_backup(logger.info).name


@shared_task(name="operations.check_restore_drill")
def check_restore_drill() -> bool:
    """Daily: remind the provincial administrators when the last successful drill is over 92 days old."""
    from .alerts import alert_provincial_admins
    from .drill import DRILL_INTERVAL_DAYS, drill_overdue, last_successful_drill

    if not drill_overdue():
        return False
    alert_provincial_admins("drill_overdue", {"last": last_successful_drill(), "days": DRILL_INTERVAL_DAYS})
    return True


@shared_task(name="operations.flush_visits")
def flush_visits() -> int:
    """Every five minutes: buffered page-view counts into the database."""
    from .visits import flush

    return flush()


@shared_task(name="operations.check_links")
def check_links() -> int:
    """Weekly: every link of every live page (R84); the number of broken links found."""
    from .linkcheck import run_check

    return run_check(logger.info).broken
