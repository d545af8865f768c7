from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import dashboard  # noqa: F401 - registers the "My work" panel on the admin home
from .models import Agency, AgencyGroup
from .provisioning import ProvisioningError, provision_many
from .public_urls import absolute_url
from .retirement import RETIRE_ACTION, log_retirement_if_new
from .visibility import is_provincial


class AgencyIndexView(IndexView):
    def order_queryset(self, queryset):
        if self.request.GET.get("ordering"):  # a column the user chose to sort by
            return super().order_queryset(queryset)
        return queryset.in_registry_order()


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    menu_label = _("Agencies")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["name", "kind", "domain_label", "status", "site"]
    list_filter = ["kind", "status"]
    index_view_class = AgencyIndexView

    def get_queryset(self, request):
        # One query for the listing (no per-row site lookups); AgencyIndexView orders it the Vietnamese way.
        return Agency.objects.select_related("site", "parent")


register_snippet(AgencyViewSet)


@hooks.register("register_bulk_action")
class ProvisionSitesBulkAction(SnippetBulkAction):
    """Select agencies in the listing and turn each into a working site (R1: data, not code)."""

    display_name = _("Provision sites")
    action_type = "provision"
    aria_label = _("Create or repair the sites of the selected agencies")
    template_name = "sites/bulk_actions/confirm_provision.html"
    action_priority = 20
    models = [Agency]

    def check_perm(self, agency: Agency) -> bool:
        # Creating sites, groups and permissions is the provincial administrators' job.
        return is_provincial_admin(self.request.user)

    def form_valid(self, form):
        agencies, _without_access = self.get_actionable_objects()
        done, failed = 0, []
        for agency in agencies:
            try:
                provision_many([agency])
                done += 1
            except (ProvisioningError, ValidationError) as error:
                failed.append(f"{agency.name}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        if done:
            messages.success(
                self.request,
                ngettext("%(count)d site provisioned.", "%(count)d sites provisioned.", done)
                % {"count": done},
            )
        for failure in failed:
            messages.error(self.request, failure)
        if not done:
            return redirect(self.next_url)
        ids = ",".join(str(agency.pk) for agency in agencies if agency.site_id)
        return redirect(f"{reverse('sites_provisioned')}?ids={ids}")


def provisioned(request):
    """After provisioning: each new site, its groups and the next step (assign an administrator)."""
    if not is_provincial_admin(request.user):
        raise PermissionDenied
    ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.isdigit() and len(part) < 10]
    agencies = Agency.objects.filter(pk__in=ids, site__isnull=False).select_related("site").order_by("name")
    rows = []
    for agency in agencies:
        groups = [link.group for link in agency.groups.select_related("group").order_by("role")]
        links = [link for hook in hooks.get_hooks(PROVISIONED_LINKS_HOOK) for link in hook(request, agency)]
        rows.append(
            {
                "agency": agency,
                "site_url": absolute_url(agency.site),
                "groups": groups,
                "links": links,
            }
        )
    return TemplateResponse(request, "sites/provisioned.html", {"rows": rows})


def is_provincial_admin(user) -> bool:
    """The portal's *Quản trị* group (and superusers) keep the registry and provision sites."""
    return is_provincial(user, roles=(AgencyGroup.Role.ADMINS,))


# Apps above sites add their next steps for a new site here: hook(request, agency) -> [(label, url), …].
PROVISIONED_LINKS_HOOK = "cong_provisioned_site_links"


@hooks.register("register_admin_urls")
def register_provisioned_url():
    return [path("agencies/provisioned/", provisioned, name="sites_provisioned")]


@hooks.register("register_log_actions")
def register_site_log_actions(actions) -> None:
    actions.register_action(
        RETIRE_ACTION, _("Retire site into successor"), _("Site retired into its successor")
    )


@hooks.register("after_edit_snippet")
def log_retirement_from_the_admin(request, instance) -> None:
    """Setting status “merged” in the agency form retires the site; the domain change is logged (R8)."""
    if isinstance(instance, Agency):
        log_retirement_if_new(instance, user=request.user)
