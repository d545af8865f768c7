"""python manage.py retire_agency OLD --into NEW [--by USERNAME]"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sites.models import Agency
from sites.retirement import retire_agency


def find_agency(reference: str) -> Agency:
    """An agency by domain label or full hostname."""
    reference = reference.strip().lower()
    matches = [
        agency
        for agency in Agency.objects.filter(site__isnull=False).select_related("site")
        if reference in (agency.domain_label, agency.site.hostname)
    ]
    if len(matches) != 1:
        problem = "No agency" if not matches else "More than one agency"
        raise CommandError(f"{problem} has the label or host “{reference}”; give its full host name.")
    return matches[0]


class Command(BaseCommand):
    help = "Retire a merged agency's site into its successor: its host then redirects there (R8)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("agency", help="label or host of the merged agency, e.g. tanthanh")
        parser.add_argument("--into", required=True, help="label or host of the agency it merged into")
        parser.add_argument("--by", help="username recorded in the audit log as having made the change")

    def handle(self, agency: str, into: str, by: str | None, **options) -> None:
        old, new = find_agency(agency), find_agency(into)
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"No user is called “{by}”.")
        try:
            retire_agency(old, new, user=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"{old.site.hostname} now redirects to {new.site.hostname} (archive: /luu-tru/{old.domain_label}/)."
        )
