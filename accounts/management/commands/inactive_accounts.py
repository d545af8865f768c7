from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.tasks import review_inactive_accounts


class Command(BaseCommand):
    help = "List accounts without a sign-in for ACCOUNTS_INACTIVE_DAYS days; --lock locks them (R103)."

    def add_arguments(self, parser):
        parser.add_argument("--lock", action="store_true", help="lock the inactive accounts")

    def handle(self, *args, lock: bool, **options):
        names = review_inactive_accounts(lock=lock)
        for name in names:
            self.stdout.write(name)
        verb = "locked" if lock else "found"
        self.stdout.write(
            f"{len(names)} accounts inactive for {settings.ACCOUNTS_INACTIVE_DAYS} days {verb}."
        )
