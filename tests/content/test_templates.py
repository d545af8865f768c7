"""Every template of ours: image tags are the ones that keep their filters (cms/templatetags/cong_images.py)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template import engines
from wagtail.images.templatetags.wagtailimages_tags import ImageNode

from cms.templatetags.cong_images import KeptFilters

ROOT = Path(settings.BASE_DIR)


def our_templates() -> list[str]:
    names = []
    for folder in ROOT.glob("*/templates"):
        if folder.parent.name.startswith("."):
            continue
        names += [str(path.relative_to(folder)) for path in folder.rglob("*.html")]
    return sorted(names)


def test_every_image_tag_keeps_its_filters():
    engine = engines["django"]
    templates = our_templates()
    assert len(templates) > 50
    plain = []
    for name in templates:
        compiled = engine.get_template(name).template
        for node in compiled.nodelist.get_nodes_by_type(ImageNode):
            if not isinstance(node, KeptFilters):
                plain.append(f"{name}: load cong_images after wagtailimages_tags")
    assert not plain, "\n".join(plain)


def test_a_kept_filter_renders_each_image_with_its_own_renditions(image):
    """The filters a node keeps serve every image it renders, each with its own renditions."""
    import io

    from django.core.files.images import ImageFile
    from django.template import Context, Template
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    template = Template("{% load wagtailimages_tags cong_images %}{% picture img format-webp fill-80x60 %}")
    buffer = io.BytesIO()
    PILImage.new("RGB", (600, 900), (20, 130, 40)).save(buffer, "JPEG")
    first, second = image, Image.objects.create(title="Đất Mũi", file=ImageFile(buffer, name="dat-mui.jpg"))
    html_first = template.render(Context({"img": first}))
    html_second = template.render(Context({"img": second}))
    assert html_first != html_second
    assert first.renditions.filter(filter_spec="format-webp|fill-80x60").exists()
    assert second.renditions.filter(filter_spec="format-webp|fill-80x60").exists()
