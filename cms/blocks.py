from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))
    document = DocumentChooserBlock(label=_("Document"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))


class AttachmentBlock(blocks.StructBlock):
    """A downloadable file with its role (report, drawing, data …) and a short description."""

    document = DocumentChooserBlock(label=_("File"))
    title = blocks.CharBlock(label=_("Title"), required=False, help_text=_("Defaults to the file's title."))
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("decision", _("Approving decision")),
            ("report", _("Explanatory or summary report")),
            ("drawing", _("Drawing or map")),
            ("data", _("Data file")),
            ("application", _("Application report")),
            ("other", _("Other")),
        ],
        default="other",
    )

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/attachment.html"


class AttachmentsBlock(blocks.StreamBlock):
    attachment = AttachmentBlock()
