from wagtail import hooks


@hooks.register("before_serve_page", order=-100)
def keep_restricted_pages_private(page, request, serve_args, serve_kwargs):
    """A page behind a password, a sign-in or a group is never stored, whoever asks for it."""
    if page.get_view_restrictions().exists():
        request.cong_private = True
