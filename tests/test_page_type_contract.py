"""The page-type contract (issue 18): every page type, in every app, declares in its own class body the
tab of /search/ that lists it (`search_tab`) and the mandatory English items (R76) its pages may carry
(`english_set`). A new type that forgets either, or inherits them from its parent, fails here by name.
(Its information type has its own contract: tests/moderation/test_information.py.)"""

from __future__ import annotations

from types import SimpleNamespace

from wagtail.models import Page, get_page_models

from localization.freshness import ENGLISH_SET_KEYS, english_set_models
from search.views import DEDICATED_TABS, SEARCH_TABS, tab_models

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


def violations(models) -> list[str]:
    """One line per missing or invalid declaration, naming the page type."""
    found = []
    for model in models:
        own = vars(model)
        label = model._meta.label
        if "search_tab" not in own:
            found.append(f"{label}: no search_tab (one of {', '.join(SEARCH_TABS)})")
        elif own["search_tab"] not in SEARCH_TABS:
            found.append(f"{label}: search_tab {own['search_tab']!r} is not one of {', '.join(SEARCH_TABS)}")
        if "english_set" not in own:
            found.append(f"{label}: no english_set (a tuple of {', '.join(ENGLISH_SET_KEYS)}, or ())")
        elif not isinstance(own["english_set"], tuple) or set(own["english_set"]) - set(ENGLISH_SET_KEYS):
            found.append(
                f"{label}: english_set {own['english_set']!r} is not a tuple of {', '.join(ENGLISH_SET_KEYS)}"
            )
    return found


def test_every_page_type_declares_its_search_tab_and_english_set():
    assert PAGE_TYPES, "no page types found"
    assert {model._meta.app_label for model in PAGE_TYPES} >= {"cms", "interaction"}
    assert violations(PAGE_TYPES) == []


def test_the_contract_names_a_type_that_forgot_or_inherited():
    class Declared:
        search_tab = "pages"
        english_set = ("contacts",)
        _meta = SimpleNamespace(label="cms.DeclaredPage")

    class Inherited(Declared):  # a subclass must say it again: its parent's answer may be wrong for it
        _meta = SimpleNamespace(label="cms.InheritedPage")

    class Wrong:
        search_tab = "news"
        english_set = ["contacts", "history"]
        _meta = SimpleNamespace(label="cms.WrongPage")

    found = violations([Declared, Inherited, Wrong])
    assert [line.split(":")[0] for line in found] == [
        "cms.InheritedPage",
        "cms.InheritedPage",
        "cms.WrongPage",
        "cms.WrongPage",
    ]


def test_the_declarations_give_todays_tabs_and_english_set():
    # The dedicated tabs list exactly the types they did when search/views.py named them by hand.
    assert {tab: [m._meta.label for m in tab_models(tab)] for tab in DEDICATED_TABS} == {
        "documents": ["cms.LegalDocumentPage"],
        "procedures": ["cms.ProcedurePage"],
    }
    assert len(tab_models("pages")) == len(PAGE_TYPES) - 2
    # Every mandatory English item can be carried by some page type (else the report can never find it).
    carriers = {key: sorted(m._meta.label for m in english_set_models(key)) for key in ENGLISH_SET_KEYS}
    assert carriers == {
        "organisation": ["cms.OrganisationStructurePage", "cms.StandardPage"],
        "functions": ["cms.AgencyProfilePage", "cms.StandardPage"],
        "units": ["cms.OrganisationStructurePage", "cms.StandardPage"],
        "contacts": ["cms.ContactDirectoryPage", "cms.StandardPage"],
    }
