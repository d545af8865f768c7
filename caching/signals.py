"""Every kind of change that alters a public page, connected to its purge (caching/purge.py)."""

from __future__ import annotations

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.signals import page_text_reindexed, search_entry_changed
from sites.cache import (
    bump_fragments,
    bump_fragments_through_commit,
    bump_topics_through_commit,
    content_topic,
)
from sites.provisioning import building_new_site
from sites.signals import site_built

from . import purge


def on_page_published(sender, instance: Page, **kwargs) -> None:
    if not building_new_site():
        _page_changed(instance)


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    if not building_new_site():
        _page_changed(instance)


def on_page_text_reindexed(sender, instance: Page, **kwargs) -> None:
    purge.purge_page(instance)  # its own address, the listings showing it and the site's search pages


def on_search_entry_changed(sender, instance, **kwargs) -> None:
    # A worker indexes a publication after its purge: search pages rendered in between are stale.
    if building_new_site():
        return
    if isinstance(instance, Page) and instance.depth and instance.depth >= purge.HOME_DEPTH:
        purge.purge_search_pages(instance)


def on_site_built(sender, agency, site: Site, **kwargs) -> None:
    """A new site is purged once, whole, when it is built (its pages skipped their own purges), with
    the portal that lists it. Before it existed its host name was answered by the default site:
    those stored pages go too."""
    bump_fragments()
    purge.purge_site(site)


def on_page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.depth and instance.depth >= purge.HOME_DEPTH:
        _page_changed(instance)


def _page_changed(page: Page) -> None:
    if purge.changes_menu(page):
        bump_fragments()
    bump_topics_through_commit(_content_topics([page.specific_class or type(page)], [page.path]))
    purge.purge_page(page)


def _content_topics(models, paths) -> list[str]:
    """The fragments' topics (sites.cache.content_topic) a change to these models' pages under these
    tree paths bumps: each tree's and every tree's (the portal aggregates them)."""
    return [content_topic(model, under) for model in models for under in [*paths, None]]


def on_page_moved(
    sender, instance: Page, parent_page_before, parent_page_after, url_path_before, url_path_after, **kwargs
) -> None:
    topology = purge.Topology()
    urls = purge.affected_by_page(instance, topology=topology)
    urls |= purge.affected_by_page(parent_page_before, topology=topology)
    # The old addresses of the page and of everything under it.
    for url_path in [url_path_after, *instance.get_descendants().values_list("url_path", flat=True)]:
        old = url_path_before + url_path[len(url_path_after) :]
        urls |= topology.node_urls(
            purge.Node(parent_page_before.path, old, instance.locale_id, instance.translation_key)
        )
    if instance.depth <= purge.MENU_DEPTH or parent_page_before.depth < purge.MENU_DEPTH:
        bump_fragments()
    moved_types = instance.get_descendants(inclusive=True).values("content_type").distinct()
    moved_models = [ct.model_class() for ct in ContentType.objects.filter(pk__in=moved_types)]
    bump_topics_through_commit(
        _content_topics([model for model in moved_models if model], [parent_page_before.path, instance.path])
    )
    if PageViewRestriction.objects.filter(page__path__startswith=instance.path).exists():
        # A restricted page moved (itself or within the moved tree): the kept restricted paths
        # (cms.queries.restricted_paths) name its old place, now and until commit.
        bump_fragments_through_commit()
    purge.purge_urls(urls)


def on_model_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """Settings, agencies, sites and locales, view restrictions, snippets and redirects (post_save and
    post_delete of any model)."""
    if raw or building_new_site():  # a new site's own rows: it is purged whole once it is built
        return
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.snippets.models import get_snippet_models

    from sites.models import Agency

    if isinstance(instance, BaseSiteSetting):
        bump_fragments()
        site = Site.objects.filter(pk=instance.site_id).select_related("root_page").first()
        if site is not None:
            purge.purge_site(site)
    elif isinstance(instance, BaseGenericSetting):
        bump_fragments()
        purge.purge_all_sites()
    elif isinstance(instance, Agency):
        bump_fragments()
        topology = purge.Topology()
        urls = topology.portal_urls()
        site = Site.objects.filter(pk=instance.site_id).select_related("root_page").first()
        if site is not None:
            urls |= topology.whole_site_urls(site)
        purge.purge_urls(urls)
    elif isinstance(instance, (Site, Locale)):
        # Host names, the default site (the portal) and languages are in every page's frame and in the
        # fragments kept for it (locale roots, the portal's root paths).
        bump_fragments()
        if isinstance(instance, Site):
            purge.purge_all_sites()
    elif isinstance(instance, PageViewRestriction):
        _restriction_changed(instance)
    elif isinstance(instance, Redirect):
        topology = purge.Topology()
        sites = [instance.site] if instance.site_id else list(topology.sites.values())
        path = "/" + instance.old_path.lstrip("/")
        purge.purge_urls(f"{base}{path}" for site in sites for base in topology.bases(site))
    elif type(instance) in get_snippet_models():
        _snippet_changed(instance)


def _restriction_changed(restriction: PageViewRestriction) -> None:
    """A page made private (or public again), with everything under it: its site and the portal, whose
    listings, homes, feeds and sitemaps showed it."""
    # cms.queries.restricted_paths (a list read before the commit lacks the change).
    bump_fragments_through_commit()
    page = Page.objects.filter(pk=restriction.page_id).first()
    site = purge.Topology().site_of(page.path) if page is not None else None
    if site is not None:
        purge.purge_sites([site])


def _snippet_changed(snippet) -> None:
    """Pages that use the snippet (Wagtail's reference index), the listings that filter on its model,
    and the search pages (facet names) of every site."""
    from django.apps import apps

    from cms.models.base import ListingPage

    topology = purge.Topology()
    page_type = ReferenceIndex._get_base_content_type(Page)
    page_ids = (
        ReferenceIndex.get_references_to(snippet)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = list(Page.objects.filter(pk__in=[int(pk) for pk in page_ids]))
    model = type(snippet)
    for page_model in _page_models():
        # Pages pointing at the snippet through a field (foreign key, categories…).
        for field in page_model._meta.get_fields():
            if (
                getattr(field, "related_model", None) is model
                and (field.many_to_one or field.many_to_many)
                and field.concrete
                and field.model is page_model
            ):
                pages.extend(page_model.objects.filter(**{field.name: snippet}))
        # Listings whose filters or side lists show the snippet model's names.
        depends = model in [apps.get_model(name) for name in getattr(page_model, "cache_depends_on", ())]
        if getattr(page_model, "listing_model", "") and issubclass(page_model, ListingPage):
            listed_model = apps.get_model(page_model.listing_model)
            depends = depends or any(
                getattr(field, "related_model", None) is model for field in listed_model._meta.get_fields()
            )
        if depends:
            pages.extend(page_model.objects.all())
    urls: set[str] = set()
    every_site = topology.sites  # each site's search page is purged: all are read at once
    topology.load_homes(page.path for page in pages)
    for page in pages:
        urls |= purge.affected_by_page(page, topology=topology)
    for site in every_site.values():
        urls |= topology.site_path_urls(site)
    bump_fragments()
    purge.purge_urls(urls)


def _page_models():
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if not model._meta.abstract and model is not Page]


def _not_while_building(handler):
    """Wagtail's handler, skipped while a new site is being built: its pages have no old address to
    redirect from, nothing of it is cached, and both handlers cost a load of every site's root."""

    @functools.wraps(handler)
    def guarded(*args, **kwargs):
        if not building_new_site():
            return handler(*args, **kwargs)
        return None

    return guarded


def _hold_back_wagtail_handlers_while_building() -> None:
    from django.apps import apps
    from wagtail.contrib.frontend_cache import signal_handlers as frontend_cache
    from wagtail.contrib.redirects import signal_handlers as redirects
    from wagtail.signals import page_slug_changed

    page_slug_changed.disconnect(redirects.autocreate_redirects_on_slug_change)
    page_slug_changed.connect(
        _not_while_building(redirects.autocreate_redirects_on_slug_change),
        weak=False,
        dispatch_uid="caching-redirects-on-slug-change",
    )
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        for signal, handler in (
            (page_published, frontend_cache.page_published_signal_handler),
            (page_unpublished, frontend_cache.page_unpublished_signal_handler),
        ):
            if signal.disconnect(handler, sender=model):
                signal.connect(
                    _not_while_building(handler),
                    sender=model,
                    weak=False,
                    dispatch_uid=f"caching-{handler.__name__}-{model._meta.label_lower}",
                )


def connect() -> None:
    _hold_back_wagtail_handlers_while_building()
    page_published.connect(on_page_published, dispatch_uid="caching-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="caching-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="caching-page-moved")
    page_text_reindexed.connect(on_page_text_reindexed, dispatch_uid="caching-page-text-reindexed")
    search_entry_changed.connect(on_search_entry_changed, dispatch_uid="caching-search-entry-changed")
    post_delete.connect(on_page_deleted, dispatch_uid="caching-page-deleted")
    post_save.connect(on_model_changed, dispatch_uid="caching-model-saved")
    post_delete.connect(on_model_changed, dispatch_uid="caching-model-deleted")
    site_built.connect(on_site_built, dispatch_uid="caching-site-built")
