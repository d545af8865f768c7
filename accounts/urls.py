"""The 2FA pages: outside Wagtail's admin URLconf so an unverified session can reach them."""

from django.urls import path

from .views import twofactor

urlpatterns = [
    path("setup/", twofactor.setup, name="accounts_otp_setup"),
    path("verify/", twofactor.verify, name="accounts_otp_verify"),
    path("", twofactor.security, name="accounts_security"),
    path("backup-codes/", twofactor.regenerate_backup_codes, name="accounts_backup_codes"),
    path("report-compromise/", twofactor.report_compromise, name="accounts_report_compromise"),
    path("setup-link/<str:token>/", twofactor.setup_link, name="accounts_setup_link"),
]
