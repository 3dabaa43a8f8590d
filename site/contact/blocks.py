"""The texts of the contact page: short prose, no layout blocks."""

from wagtail import blocks

from core.blocks import HeadingBlock, RichTextBlock


class ContactTextBlock(blocks.StreamBlock):
    """Intro, privacy and thank-you texts: headings and paragraphs only."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
