"""Demo content for the Dutch site, loaded by `manage.py load_demo`.

Why a package of plain data plus a small builder: editors, designers and testers need a site that
looks like the real thing (tracks with a day-by-day programme, modules shared between tracks,
cases, articles with quotes, trainers, themes) on a fresh machine, without downloads or fixtures
that break whenever a model changes. The content lives in `content.py` as readable Python data,
written in our own words from the facts of the seed pages; `builder.py` turns it into published
pages, snippets and settings and can be run again and again without creating duplicates;
`images.py` draws the abstract pictures locally with Pillow.

Modules:
    refs      small markers by which the content points at pages, images, people and methods
    streams   helpers that write StreamField values in the shared block library's JSON format
    images    the Pillow image generator
    content   the demo content itself
    builder   creates or updates everything, and removes it again for `--reset`
"""
