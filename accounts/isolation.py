"""Agencies do not read each other's objects in the admin (issue 11, hole 6).

Wagtail's generic object views (history, usage, inspect, revisions, workflow history, edit, delete of
every snippet and model viewset) check the *model* permission only, then load any id; the page
chooser lists every page of every site; the admin API lists every document and image. Three
guards, all through Wagtail's own extension points where one exists:

- every generic object view asks the model's permission policy about *this instance* (so a policy
  that limits instances, like the submissions' per-site policy or the collection policy of images
  and documents, is honoured by every view of the model, including those added later);
- the page chooser and its search show the user's own sites' pages, and of other sites only live
  pages without a moderation in progress (`construct_page_chooser_queryset`);
- the admin API's documents and images endpoints list only collections the user may use
  (`construct_admin_api`).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from wagtail.models import Page, WorkflowState

# Any right on an object lets its holder read it; no right at all (another agency's object) does not.
READ_ACTIONS = ["view", "add", "change", "delete", "publish", "choose", "lock", "unlock", "bulk_delete"]


def may_read_instance(user, policy, instance) -> bool:
    if user.is_superuser:
        return True
    checker = getattr(policy, "user_has_any_permission_for_instance", None)
    model = getattr(policy, "model", None)
    if checker is None or model is None or not isinstance(instance, model):
        return True
    return checker(user, READ_ACTIONS, instance)


def guard_generic_object_views() -> None:
    """Wrap BaseObjectMixin.setup (where every generic view loads its object) once."""
    from wagtail.admin.views.generic.base import BaseObjectMixin

    original = BaseObjectMixin.setup
    if getattr(original, "checks_instance_permission", False):
        return

    def setup(self, request, *args, **kwargs):
        original(self, request, *args, **kwargs)
        policy = getattr(self, "permission_policy", None)
        instance = getattr(self, "object", None)
        user = getattr(request, "user", None)
        if (
            policy is not None
            and instance is not None
            and user is not None
            and not may_read_instance(user, policy, instance)
        ):
            raise PermissionDenied

    setup.checks_instance_permission = True
    BaseObjectMixin.setup = setup


def page_chooser_queryset(pages: QuerySet, user) -> QuerySet:
    """Own sites' pages in full; other sites' pages only once public and not under moderation."""
    if user.is_superuser:
        return pages
    from wagtail.permission_policies.pages import PagePermissionPolicy

    own = PagePermissionPolicy().explorable_instances(user)
    in_moderation = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    # WorkflowState.object_id is text (it serves any model); pages have integer ids.
    moderated_ids = {int(object_id) for object_id in in_moderation if str(object_id).isdigit()}
    return pages.filter(Q(pk__in=own.values("pk")) | (Q(live=True) & ~Q(pk__in=moderated_ids)))


def collection_scoped_viewset(viewset, permission_policy):
    """An admin API viewset that lists and shows only what the user may choose or change."""

    class Scoped(viewset):
        def get_queryset(self):
            queryset = super().get_queryset()
            user = self.request.user
            if user.is_superuser:
                return queryset
            allowed = permission_policy.instances_user_has_any_permission_for(user, ["choose", "change"])
            return queryset.filter(pk__in=allowed.values("pk"))

    Scoped.__name__ = Scoped.__qualname__ = f"Scoped{viewset.__name__}"
    return Scoped
