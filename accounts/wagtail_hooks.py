"""Admin menu items, URLs and audit-log action labels of the accounts app."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import audit, isolation
from .delegation import managed_agencies
from .views import users
from .views.grants import GrantsReportView

user_urls = [
    path("", users.index, name="index"),
    path("new/", users.create, name="create"),
    path("grants/", GrantsReportView.as_view(), name="grants"),
    path("grants/results/", GrantsReportView.as_view(results_only=True), name="grants_results"),
    path("<int:user_id>/", users.edit, name="edit"),
    path("<int:user_id>/lock/", users.lock, name="lock"),
    path("<int:user_id>/unlock/", users.unlock, name="unlock"),
    path("<int:user_id>/revoke/", users.revoke, name="revoke"),
    path("<int:user_id>/reset-2fa/", users.reset_two_factor, name="reset_2fa"),
    path("<int:user_id>/setup-link/", users.setup_link, name="setup_link"),
    path("<int:user_id>/transfer/", users.transfer, name="transfer"),
]


@hooks.register("register_admin_urls")
def register_user_admin_urls():
    return [path("agency-users/", include((user_urls, "accounts_users")))]


class AgencyUsersMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return managed_agencies(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_agency_users_menu_item():
    return AgencyUsersMenuItem(
        _("Agency users"), reverse("accounts_users:index"), icon_name="group", order=601
    )


@hooks.register("register_account_menu_item")
def register_security_menu_item(request):
    return {
        "url": reverse("accounts_security"),
        "label": _("Two-factor authentication"),
        "help_text": _("Backup codes, and reporting a compromised account."),
    }


# Words for the details recorded with each event, so history reads "(thay đổi: thêm, nhóm: …)".
DETAIL_LABELS = {
    "change": _("change"),
    "groups": _("groups"),
    "groups_removed": _("groups removed"),
    "permissions": _("permissions"),
    "fields": _("fields"),
    "reason": _("reason"),
    "note": _("note"),
    "ip": _("IP address"),
    "device": _("device"),
    "stage": _("stage"),
    "count": _("count"),
    "attempted": _("name tried"),
}
DETAIL_VALUES = {
    "add": _("added"),
    "remove": _("removed"),
    "clear": _("all removed"),
    "totp": _("authenticator app"),
    "static": _("backup code"),
    "enrolment": _("enrolment"),
    "first_name": _("first name"),
    "last_name": _("last name"),
    "email": _("email"),
}


def format_detail(value) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(format_detail(item) for item in value)
    return str(DETAIL_VALUES.get(value, value)) if isinstance(value, str) else str(value)


class DataFormatter(LogFormatter):
    """Show the recorded reason, IP and other non-secret details beside the action, in the reader's language."""

    def format_message(self, log_entry) -> str:
        details = ", ".join(
            f"{DETAIL_LABELS.get(key, key)}: {format_detail(value)}"
            for key, value in (log_entry.data or {}).items()
        )
        return f"{self.label} ({details})" if details else str(self.label)


@hooks.register("cong_provisioned_site_links")
def provisioned_site_links(request, agency):
    """After provisioning (sites.wagtail_hooks.provisioned): assign the new site's administrator."""
    admins = agency.groups.filter(role="admins").values_list("group_id", flat=True).first()
    links = []
    if admins:
        links.append((_("Assign an administrator"), f"{reverse('accounts_users:create')}?group={admins}"))
    links.append((_("People of this agency"), f"{reverse('accounts_users:index')}?agency={agency.pk}"))
    return links


ACTION_LABELS = {
    audit.LOGIN: _("Signed in"),
    audit.LOGIN_FAILED: _("Failed sign-in"),
    audit.LOGOUT: _("Signed out"),
    audit.LOCKED_OUT: _("Sign-in blocked after repeated failures"),
    audit.OTP_ENROLLED: _("Two-factor authentication set up"),
    audit.OTP_VERIFIED: _("Two-factor verification passed"),
    audit.OTP_FAILED: _("Two-factor verification failed"),
    audit.OTP_BLOCKED: _("Two-factor verification blocked after repeated failures"),
    audit.OTP_RESET: _("Two-factor authentication reset"),
    audit.BACKUP_CODES: _("Backup codes regenerated"),
    audit.LOCK: _("Account locked"),
    audit.UNLOCK: _("Account unlocked"),
    audit.REVOKE: _("Account revoked"),
    audit.TRANSFER: _("Account transferred to another agency"),
    audit.COMPROMISED: _("Credentials reported compromised"),
    audit.SESSION_ENDED: _("Session ended"),
    audit.USER_CREATED: _("Account created"),
    audit.USER_CHANGED: _("Account details changed"),
    audit.GROUPS_CHANGED: _("Group membership changed"),
    audit.PERMISSIONS_CHANGED: _("Group permissions changed"),
    audit.EMAIL_CHANGED: _("Email address changed"),
    audit.SETUP_LINK_ISSUED: _("One-time setup link issued"),
    audit.SETUP_LINK_USED: _("New password set with a one-time setup link"),
}


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action)(type("Formatter", (DataFormatter,), {"label": label}))


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    return isolation.page_chooser_queryset(pages, request.user)


@hooks.register("construct_admin_api", order=100)  # after Wagtail's own documents/images endpoints
def limit_admin_api_to_own_collections(router):
    from wagtail.documents import get_document_model
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images import get_image_model
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
    from wagtail.permissions import policy_registry

    document_policy = policy_registry.get_by_type(get_document_model())
    image_policy = policy_registry.get_by_type(get_image_model())

    router.register_endpoint(
        "documents", isolation.collection_scoped_viewset(DocumentsAdminAPIViewSet, document_policy)
    )
    router.register_endpoint(
        "images", isolation.collection_scoped_viewset(ImagesAdminAPIViewSet, image_policy)
    )


@hooks.register("cong_my_work")
def my_account_work(request):
    """The agency administrators' part of the home page's "My work" panel (sites.dashboard)."""
    from django.conf import settings
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sites.dashboard import MyWorkSection, WorkRow

    from .delegation import visible_users
    from .models import AccountState

    if not managed_agencies(request.user).exists():
        return None
    people = visible_users(request.user)
    index = reverse("accounts_users:index")
    cutoff = timezone.now() - timezone.timedelta(days=settings.ACCOUNTS_INACTIVE_DAYS)
    return MyWorkSection(
        _("People of my agencies"),
        [
            WorkRow(_("Accounts"), people.count(), index),
            WorkRow(
                _("Locked accounts"),
                people.filter(account_state__status=AccountState.Status.LOCKED).count(),
                index,
                urgent=True,
            ),
            WorkRow(
                _("Without two-factor authentication yet"),
                people.filter(is_active=True)
                .exclude(pk__in=TOTPDevice.objects.filter(confirmed=True).values("user"))
                .count(),
                index,
            ),
            WorkRow(
                _("No sign-in for %(days)s days") % {"days": settings.ACCOUNTS_INACTIVE_DAYS},
                people.filter(is_active=True, last_login__lt=cutoff).count(),
                index,
            ),
        ],
        order=30,
    )
