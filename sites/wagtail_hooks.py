from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Agency
from .provisioning import ProvisioningError, provision_many
from .retirement import RETIRE_ACTION, log_retirement_if_new


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    menu_label = _("Agencies")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["name", "kind", "domain_label", "status", "site"]
    list_filter = ["kind", "status"]
    ordering = ["kind", "name"]


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
        return self.request.user.is_superuser

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
        return redirect(self.next_url)


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
