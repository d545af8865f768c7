"""Settings shared by every environment. Secrets and service addresses come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")

# The province's own domain: camau.gov.vn in production, camau.localhost in the embedded default.
PORTAL_DOMAIN = os.environ.get("PORTAL_DOMAIN", "camau.localhost").strip().lower()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [PORTAL_DOMAIN, f".{PORTAL_DOMAIN}"]

INSTALLED_APPS = [
    # Before caching: their ready() connects Wagtail's purge and redirect handlers, which caching's
    # ready() then holds back while a new site is being built (caching/signals.py).
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "caching",
    "cms",
    "sites",
    "search",
    "moderation",
    "localization",
    "accounts",
    "operations",
    "interaction",
    "wagtail.contrib.routable_page",
    "opendata",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_localize",
    "wagtail_localize.locales",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Health probes answer before host checks, HTTPS and host redirects, sessions and 2FA.
    "operations.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous page views are answered here when cached, before sessions, users and sites are loaded.
    # Maintenance windows (R113) and sites not yet live (R12): before the page cache, so a cached page
    # is never served to the public of a closed or unlaunched site.
    "operations.middleware.PublicAccessMiddleware",
    # First-party page-view counts (R117), cache hits included, after the page has been answered.
    "operations.middleware.VisitCounterMiddleware",
    "caching.middleware.PageCacheMiddleware",
    "localization.middleware.LocaleHostMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AdminNetworkMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "localization.middleware.ExplorerIsolationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.middleware.ContentSecurityPolicyMiddleware",
    # A page taken down by the editorial board answers 410 with its notice (R45); an editor's redirect
    # for the address (next) wins.
    "moderation.middleware.TakenDownPageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "sites.middleware.RetiredSiteRedirectMiddleware",
    # Marks a served page for the visit counter (R117); the mark is kept with the page in the cache.
    "operations.middleware.VisitPageMarkerMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
# Wraps Django's WSGI handler: answers page-cache hits before the middleware (operations/frontdoor.py).
WSGI_FRONT_DOOR = "operations.frontdoor.PageCacheFrontDoor"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "sites.context_processors.branding",
                "localization.context_processors.languages",
            ],
        },
    },
]

# SQLite file in the embedded default; PostgreSQL (psycopg 3) through DATABASE_URL elsewhere.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# Content languages (R77): English is always published; Korean, Chinese and Japanese are switched on in
# the "Foreign languages" setting. Names are in their own language, as a language switcher shows them.
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("ko", "한국어"),
    ("zh-hans", "简体中文"),
    ("ja", "日本語"),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Foreign-language addresses when neither the province nor the site chose: "path" (/en/…) or
# "host" (english.<site host>) (R9).
# wagtail-localize creates new translations as drafts: a person reviews before anything is public (R77).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
CONG_FOREIGN_URL_STRATEGY = os.environ.get("CONG_FOREIGN_URL_STRATEGY", "path")
WAGTAIL_I18N_ENABLED = True
# The project's own catalogue first, then its Vietnamese translations of Wagtail, wagtail-localize, Django and
# django-otp strings whose upstream `vi` catalogue is missing or wrong (kept apart so makemessages never
# marks them obsolete).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
FORMAT_MODULE_PATH = ["config.formats"]
WAGTAIL_DATE_FORMAT = "d/m/Y"
WAGTAIL_DATETIME_FORMAT = "d/m/Y H:i"
WAGTAIL_TIME_FORMAT = "H:i"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Backups (operations/backup.py, R107): a folder by default; in production preferably an S3-compatible
# bucket kept apart from the servers (BACKUP_STORAGE_BACKEND=storages.backends.s3.S3Storage with
# AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
BACKUP_STORAGE = {
    "BACKEND": os.environ.get("BACKUP_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    "OPTIONS": (
        {"location": os.environ.get("BACKUP_ROOT", str(BASE_DIR / "backups"))}
        if "FileSystemStorage" in os.environ.get("BACKUP_STORAGE_BACKEND", "FileSystemStorage")
        else {"bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""), "file_overwrite": False}
    ),
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "backups": BACKUP_STORAGE,
}
# A Fernet key (python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())");
# when set, backups are encrypted. Keep a copy of it away from the backups.
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
BACKUP_KEEP_DAILY = int(os.environ.get("BACKUP_KEEP_DAILY", "7"))
BACKUP_KEEP_WEEKLY = int(os.environ.get("BACKUP_KEEP_WEEKLY", "8"))
# TN26 Art 10.2: at least weekly.
BACKUP_SCHEDULE_SECONDS = int(os.environ.get("BACKUP_SCHEDULE_SECONDS", str(7 * 24 * 3600)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Cổng"
# No Gravatar: it would send a hash of each admin's email to a third party on every page (R110).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://{PORTAL_DOMAIN}")
# Workflow emails go to the people who can act on the site (moderation.workflow), never to every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "ods", "pdf", "xls", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# An approved workflow clears the revision it publishes; nothing else goes live (moderation/gate.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.gate.publish_approved_workflow_state"

# Search: Wagtail's database backend by default; Elasticsearch 8 or OpenSearch when SEARCH_URL is set.
# Both are Wagtail's own backends with Vietnamese analysis added (search/backends/, R81).
SEARCH_URL = os.environ.get("SEARCH_URL", "")
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "elasticsearch8")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "cong_")
_SEARCH_BACKEND_MODULES = {
    "elasticsearch8": "search.backends.elasticsearch8",
    "opensearch2": "search.backends.opensearch2",
    "opensearch3": "search.backends.opensearch3",
}
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": _SEARCH_BACKEND_MODULES[SEARCH_ENGINE],
            "URLS": [SEARCH_URL],
            # modelsearch names one index per root model (cong_wagtailcore_page …) under this prefix.
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        },
        # Kept up to date next to the node, so search still answers when the node is down (R95).
        "fallback": {"BACKEND": "search.backends.database"},
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

# Background work: Celery on Redis. Wagtail's own jobs go through django-tasks into Celery too.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TIMEZONE = TIME_ZONE
# A dead broker is found out in about a second; the job then runs in the sending process
# (config/celery.py) instead of failing the request that committed its data.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BEAT_SCHEDULE: dict = {
    # Editorial deadlines: reminders before, escalations after (each sent once per due time).
    "moderation-check-deadlines": {"task": "moderation.check_deadlines", "schedule": 15 * 60},
    # Legal documents whose effective or expiry date has come change status (R22).
    "refresh-legal-document-statuses": {"task": "cms.refresh_legal_document_statuses", "schedule": 6 * 3600},
    # Index updates that failed while the search node was down, and pages changed since the last run,
    # reach the node within this many seconds of its return.
    "search-reconcile-index": {"task": "search.reconcile_index", "schedule": 30},
    # Citizens' questions and petitions: routing and answer deadlines (reminders, escalations).
    "interaction-check-deadlines": {"task": "interaction.check_deadlines", "schedule": 15 * 60},
    # Askers' personal data erased after the retention period; raters' address fingerprints after 24 h.
    "interaction-erase-personal-data": {"task": "interaction.erase_personal_data", "schedule": 3600},
}
TASKS = {
    "default": {
        "BACKEND": (
            "config.tasks_backend.CeleryBackend" if REDIS_URL else "config.tasks_backend.ImmediateBackend"
        )
    }
}

CACHES = {
    "default": (
        # Fail-safe: with Redis down every lookup answers "not cached" and pages still serve (R95).
        {"BACKEND": "config.cache.FailSafeRedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "config.cache.LocalMemoryCache"}
    ),
    # The public page cache (caching app): Redis when there is one, else this process's memory. Short
    # timeouts: a slow or dead Redis must cost milliseconds, then the page is served uncached.
    "pages": (
        {
            "BACKEND": "config.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cong",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cong-pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}
CONG_PAGE_CACHE = env_bool("CONG_PAGE_CACHE", True)  # off only to measure uncached pages (bench/)
# How long a stored page lives at most; purges (caching/purge.py) normally end it much sooner.
CONG_PAGE_CACHE_SECONDS = int(os.environ.get("CONG_PAGE_CACHE_SECONDS", "600"))
# Every layer a purge must reach: Cổng's own page cache, plus a reverse proxy (Varnish/NGINX with
# PURGE) when CONG_PURGE_PROXY_URL is set. Other Wagtail backends (Cloudflare, CloudFront) plug in here.
WAGTAILFRONTENDCACHE = {"pages": {"BACKEND": "caching.backends.PageCacheBackend"}}
if os.environ.get("CONG_PURGE_PROXY_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["CONG_PURGE_PROXY_URL"],
    }

# --- Admin security (accounts app; R101-R106, R112) ---------------------------------------------
# Login throttling: after AXES_FAILURE_LIMIT failures a username, and separately an address, is
# locked out for the cool-off period. Failed 2FA tokens count as failures of that username too.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A success clears only that username's failures (accounts.lockout): axes' own reset on success
# would also clear the failures of the address, which an attacker resets with their own account.
AXES_RESET_ON_SUCCESS = False
AXES_HANDLER = "accounts.lockout.UsernameResetHandler"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
# Behind reverse proxies the client address is the TRUSTED_PROXY_COUNT-th from the right of
# X-Forwarded-For (production: 1); 0 means REMOTE_ADDR. Used by axes, the audit log, the allow-list.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_ip"
# Idle sessions end after this many minutes without a request (R101).
SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SESSION_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = 12 * 60 * 60  # and no session outlives a working day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The admin can be limited to an allow-list of networks by configuration alone (R112), e.g.
# "10.0.0.0/8,2001:db8::/32". Empty means no restriction.
ADMIN_ALLOWED_NETWORKS = env_list("ADMIN_ALLOWED_NETWORKS")
# Pages restricted to signed-in users send people through the admin sign-in, and so through 2FA.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cổng")
ACCOUNTS_BACKUP_CODE_COUNT = 10
# No public password reset: with it, whoever controls a user's mailbox (or changed its address)
# takes the account. Administrators issue one-time setup links instead (accounts.lifecycle).
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNTS_SETUP_LINK_HOURS = int(os.environ.get("ACCOUNTS_SETUP_LINK_HOURS", "48"))
# After an email change, no 2FA reset or setup link for this many days (issue 11, hole 2).
ACCOUNTS_EMAIL_CHANGE_HOLD_DAYS = int(os.environ.get("ACCOUNTS_EMAIL_CHANGE_HOLD_DAYS", "7"))
# Weekly review of accounts unused for this many days; ACCOUNTS_INACTIVE_AUTOLOCK locks them too.
ACCOUNTS_INACTIVE_DAYS = int(os.environ.get("ACCOUNTS_INACTIVE_DAYS", "90"))
ACCOUNTS_INACTIVE_AUTOLOCK = env_bool("ACCOUNTS_INACTIVE_AUTOLOCK", False)
CELERY_BEAT_SCHEDULE["operations-backup"] = {"task": "operations.backup", "schedule": BACKUP_SCHEDULE_SECONDS}
CELERY_BEAT_SCHEDULE["operations-check-restore-drill"] = {
    "task": "operations.check_restore_drill",
    "schedule": 24 * 3600,
}
# Visit counts buffered in Redis reach the database every five minutes (R117).
CELERY_BEAT_SCHEDULE["operations-flush-visits"] = {"task": "operations.flush_visits", "schedule": 5 * 60}
# Broken links of every live page, weekly (R84).
CELERY_BEAT_SCHEDULE["operations-check-links"] = {"task": "operations.check_links", "schedule": 7 * 24 * 3600}
# The link checker never fetches private or loopback addresses an editor typed (tests allow loopback).
LINKCHECK_ALLOW_PRIVATE = env_bool("LINKCHECK_ALLOW_PRIVATE", False)
CELERY_BEAT_SCHEDULE["accounts-review-inactive"] = {
    "task": "accounts.review_inactive_accounts",
    "schedule": 7 * 24 * 60 * 60,
}

# Security headers. Wagtail's admin sets inline style attributes, so styles need 'unsafe-inline';
# public pages run no inline script. Pages are framed only by the site itself (live preview).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "https:"],
        "frame-src": [
            "'self'",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://www.tiktok.com",
            "https://www.google.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Wagtail's admin date/time widgets and inline panels still run inline <script>s (Wagtail 8.0).
CONG_ADMIN_CSP_UPDATE = {"script-src": ["'unsafe-inline'"]}
# The admin views that still need it, by view name (shell patterns). Wagtail 8 prints inline
# <script> for its date and time widgets (in forms and in every listing filter with a date range:
# page explorer, histories, reports), InlinePanel and MultipleChooserPanel, the group permission
# tables, and wagtail-localize's translation screens. The sign-in and 2FA pages, the dashboard,
# images, documents, collections, search, agency users and the moderation screens run under
# script-src 'self'. The admin URL crawl (tests/security/test_admin_urls.py) fails when a view
# prints an inline script and is not listed here.
CONG_ADMIN_INLINE_SCRIPT_VIEWS = [
    "wagtailadmin_explore",
    "wagtailadmin_explore_root",
    "wagtailadmin_pages:*",
    "wagtailadmin_reports:*",
    "wagtailadmin_workflows:*",
    "wagtailsnippets_*:add",
    "wagtailsnippets_*:edit",
    "wagtailsnippets_*:copy",
    "wagtailsnippets_*:history",
    "wagtailsnippets_*:revisions_revert",
    "wagtailsettings:edit",
    "wagtailsites:*",
    "wagtaillocales:*",
    "wagtailredirects:*",
    "wagtailforms:*",
    "wagtailusers_groups:*",
    "wagtailusers_users:*",
    "wagtail_localize:*",
]
# The admin asks releases.wagtail.org for new versions from each browser; operators upgrade by
# pinned requirements instead, and the CSP keeps the admin from calling other hosts.
WAGTAIL_ENABLE_UPDATE_CHECK = False
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Public interaction (interaction app; R57-R75, R110) -----------------------------------------
# Askers' personal fields are encrypted with a key derived from SECRET_KEY and this salt
# (django-fernet-encrypted-fields); both come from the environment in production. Changing either
# makes stored values unreadable: rotate by adding the old key to SECRET_KEY_FALLBACKS.
SALT_KEY = os.environ.get("FIELD_ENCRYPTION_SALT", "")
# Attachments of questions and petitions: outside MEDIA_ROOT, served only through a checking view.
INTERACTION_PRIVATE_ROOT = Path(os.environ.get("INTERACTION_PRIVATE_ROOT", BASE_DIR / "private"))
# A public form sent sooner than this after it was shown is a bot's.
INTERACTION_FORM_MIN_SECONDS = int(os.environ.get("INTERACTION_FORM_MIN_SECONDS", "3"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"no-reply@{PORTAL_DOMAIN}")

# The page type a provisioned site starts from (kept as a setting so `sites` never imports `cms`).
CONG_HOME_PAGE_MODEL = "cms.HomePage"
CONG_STANDARD_PAGE_MODEL = "cms.StandardPage"
# Quick links on every home page (R18, R21, R27, R30): page types whose first live page on the site is
# linked, with the label shown. Apps above `cms` append theirs (e.g. the Q&A page) here.
# New pages get ASCII slugs (Vietnamese folded: "phuong-an-xuyen"), never %-encoded diacritics in shared links.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# The portal's home lists a kind of component site in full up to this many sites; beyond it, a search
# and a link to the whole directory (/don-vi/), so the home stays the same size at national scale.
CONG_DIRECTORY_LIST_LIMIT = int(os.environ.get("CONG_DIRECTORY_LIST_LIMIT", "150"))

CONG_HOME_QUICK_LINKS: list[tuple[str, str]] = [
    ("cms.ProcedureIndexPage", "procedures"),
    ("cms.LegalDocumentIndexPage", "documents"),
    ("cms.WorkScheduleIndexPage", "schedule"),
    ("cms.DirectionIndexPage", "direction"),
    ("cms.BudgetIndexPage", "budget"),
    ("cms.PlanIndexPage", "plans"),
    ("cms.ProjectIndexPage", "projects"),
    ("cms.StatisticsIndexPage", "statistics"),
    ("cms.GazetteLinkPage", "gazette"),
]

# Demo-data steps run by `load_demo` after the agencies, sites and core content; each is a callable
# taking `progress` (a one-line printer). Apps above `cms` append theirs here.
CONG_DEMO_STEPS: list[str] = [
    "cms.demo_information.load",
    "cms.demo_procedures.load",
    "cms.demo_media.load",
    "moderation.demo.load_moderation_demo",
    "localization.demo.load_translations",
    "operations.demo.load",
    "interaction.demo.load",
]
# Templates other apps add to every public page (the shared base template includes them), so the base
# template never names a higher app: "head" inside <head>, "body_start" first in <body>,
# "content_start" before the page's content, "page_end" after it.
CONG_PUBLIC_INCLUDES = {
    "head": ["operations/public_head.html"],
    "body_start": ["operations/public_body_start.html"],
    # At the top of the page's content: the board's correction notes and withdrawal banner (R45).
    "content_start": ["moderation/page_notices.html"],
    # Under every public page: "góp ý / báo lỗi" for that page and the site rating (R71, R72).
    "page_end": ["interaction/page_links.html"],
}
# The EMC operator's script (R119), loaded with each site's code when the operator's guide asks for
# one; its origin is allowed by the CSP below.
CONG_EMC_SCRIPT_URL = os.environ.get("EMC_SCRIPT_URL", "")
if CONG_EMC_SCRIPT_URL:
    from urllib.parse import urlsplit as _urlsplit

    _emc_origin = "{0.scheme}://{0.netloc}".format(_urlsplit(CONG_EMC_SCRIPT_URL))
    for _directive in ("script-src", "connect-src", "img-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(_emc_origin)
# Sites provisioned from now on start in this launch status (operations.SiteLaunch, R12).
CONG_NEW_SITE_STATUS = "draft"

# --- Public read-only API (opendata; R89, R120-R125) -------------------------------------------------
# Only the schema class is set globally: Wagtail's own admin API also runs on Django REST framework,
# so everything else (no authentication, throttling, pagination, JSON only) is set on opendata's views.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cổng open data API",
    "DESCRIPTION": (
        "Read-only public data of the provincial portal and every component site: legal documents, "
        "administrative procedures, news, announcements and the agency registry, with Dublin Core "
        "metadata. On the portal's host the API covers every site; on a component site's host, that site."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",  # self-hosted: the public CSP allows scripts from 'self' only
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Describe /api/v1/ only: Wagtail's admin API is not public.
    "PREPROCESSING_HOOKS": ["opendata.schema.public_endpoints_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opendata.schema.text_parameters_refuse_nul",
    ],
}
# Requests per client address (DRF rate syntax: n/s, n/m, n/h, n/d); over it, 429 with Retry-After.
CONG_API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300/m")
# Shared caches keep API responses this many seconds (publishing purges them sooner).
CONG_API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "300"))
# Any origin may read the API (GET only, no cookies); nothing else answers cross-origin requests.
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# SQLite cannot enforce the "one label per parent, top level included" constraint; Agency.clean()
# checks the same rule, and PostgreSQL enforces it in the database.
SILENCED_SYSTEM_CHECKS = ["models.W047"]
