from wagtail import hooks

from cms.queries import restricted_paths


@hooks.register("before_serve_page", order=-100)
def keep_restricted_pages_private(page, request, serve_args, serve_kwargs):
    """A page behind a password, a sign-in or a group is never stored, whoever asks for it."""
    # No restriction anywhere (the usual case) needs no query; otherwise Wagtail's own rule decides
    # (restrictions on ancestors and on the originals of aliases).
    if restricted_paths() and page.get_view_restrictions().exists():
        request.cong_private = True
