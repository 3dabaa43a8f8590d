"""Markers by which the demo content refers to things the builder creates.

The content is plain data written before any database row exists, so it cannot hold primary
keys. It names what it means instead (a page by its path below the home page, an image by its
key, a person or method by its name) and the builder swaps each marker for the real object, or
for its primary key inside StreamField JSON.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageRef:
    """A demo page by its slug path below the home page, e.g. "themas/flexibele-organisatie".

    The empty path is the home page itself.
    """

    path: str


@dataclass(frozen=True)
class ImageRef:
    """A generated image by its key in `content.IMAGES`."""

    key: str


@dataclass(frozen=True)
class PersonRef:
    """A `core.Person` snippet by its name."""

    name: str


@dataclass(frozen=True)
class MethodRef:
    """A `core.Method` snippet by its name."""

    name: str
