"""R102's permission report: per user, the sites and roles they hold, who granted them, on whose approval
and decision, and when; as a Wagtail report, so it pages and exports CSV/XLSX like Wagtail's own."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from sites.reports import LOCAL_DATETIME_EXPORT

from ..delegation import manageable_groups, visible_users
from ..models import RoleGrant
from .users import require_delegate


class GrantsReportView(ReportView):
    model = RoleGrant
    page_title = _("Permission report")
    header_icon = "group"
    index_url_name = "accounts_users:grants"
    index_results_url_name = "accounts_users:grants_results"
    paginate_by = 100
    columns = [
        Column("user", label=_("User"), accessor="user.username"),
        Column("site", label=_("Site"), accessor="site_hostname"),
        Column("role", label=_("Role"), accessor="role_label"),
        Column("granted_by", label=_("Granted by")),
        Column("approved_by", label=_("Approved by")),
        Column("decision_reference", label=_("Assignment decision")),
        DateColumn("granted_at", label=_("Granted at")),
    ]
    list_export = [
        "user",
        "site_hostname",
        "role_label",
        "granted_by",
        "approved_by",
        "decision_reference",
        "granted_at",
    ]
    export_headings = {
        "user": _("User"),
        "site_hostname": _("Site"),
        "role_label": _("Role"),
        "granted_by": _("Granted by"),
        "approved_by": _("Approved by"),
        "decision_reference": _("Assignment decision"),
        "granted_at": _("Granted at"),
    }
    custom_field_preprocess = {"granted_at": LOCAL_DATETIME_EXPORT}

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        require_delegate(request)  # agency administrators and the province only
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self) -> str:
        return f"phan-quyen-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        user = self.request.user
        return (
            RoleGrant.objects.filter(
                user__in=visible_users(user), group__in=manageable_groups(user), revoked_at__isnull=True
            )
            .select_related("user", "group__agency_role__agency__site", "granted_by")
            .order_by("user__username", "group__name")
        )
