"""Page types and snippets, one module per family of information items."""

from .base import ContentPage, ListingPage, MetadataMixin
from .direction import (
    DirectionIndexPage,
    DirectionPage,
    ScheduleEntry,
    WorkScheduleIndexPage,
    WorkSchedulePage,
)
from .introduction import (
    AdministrativeArea,
    AdministrativeMapPage,
    AgencyProfilePage,
    ContactDirectoryPage,
    LeaderIndexPage,
    LeaderPage,
    OrganisationStructurePage,
    OrganisationUnitPage,
    ProvinceTopicPage,
)
from .pages import AnnouncementPage, HomePage, NewsIndexPage, NewsPage, NewsPageRelatedLink, StandardPage
from .plans import (
    BudgetDisclosurePage,
    BudgetIndexPage,
    PlanIndexPage,
    PlanPage,
    ProjectIndexPage,
    ProjectPage,
)
from .services import (
    DisseminationIndexPage,
    GazetteLinkPage,
    LegalDisseminationPage,
    PublicServiceIndexPage,
    PublicServicePage,
)
from .snippets import NewsCategory, Sector
from .statistics import ScienceIndexPage, ScienceProgrammePage, StatisticsIndexPage, StatisticsReportPage

__all__ = [
    "AdministrativeArea",
    "AdministrativeMapPage",
    "AgencyProfilePage",
    "AnnouncementPage",
    "BudgetDisclosurePage",
    "BudgetIndexPage",
    "ContactDirectoryPage",
    "ContentPage",
    "DirectionIndexPage",
    "DirectionPage",
    "DisseminationIndexPage",
    "GazetteLinkPage",
    "HomePage",
    "LeaderIndexPage",
    "LeaderPage",
    "LegalDisseminationPage",
    "ListingPage",
    "MetadataMixin",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageRelatedLink",
    "OrganisationStructurePage",
    "OrganisationUnitPage",
    "PlanIndexPage",
    "PlanPage",
    "ProjectIndexPage",
    "ProjectPage",
    "ProvinceTopicPage",
    "PublicServiceIndexPage",
    "PublicServicePage",
    "ScheduleEntry",
    "ScienceIndexPage",
    "ScienceProgrammePage",
    "Sector",
    "StandardPage",
    "StatisticsIndexPage",
    "StatisticsReportPage",
    "WorkScheduleIndexPage",
    "WorkSchedulePage",
]
