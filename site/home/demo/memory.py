"""The demo's translation memory: gettext PO files, one per kind of content and per language.

`translations/<language>/<group>.po` (e.g. `translations/en/tracks.po`) holds one entry per
distinct Dutch text of that group's pages or snippets:

- `msgid` is the Dutch segment exactly as wagtail-localize extracts it (`String.data`): plain
  text is HTML-escaped (`&amp;`), rich text is split per block element (paragraph, list item)
  with inline formatting kept and links written as `<a id="a1">...</a>`;
- `msgstr` is the translation, in the same format;
- `#.` comments say where the text is used (object and field), for the translator.

There is no `msgctxt`: wagtail-localize's contexts contain random block ids, and one Dutch text
should read the same everywhere in a group anyway. An entry that is empty or marked `fuzzy` counts
as untranslated. `manage.py demo_messages` writes the files (`merge_catalogue` below); the English
build reads them (`TranslationMemory`).
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import polib

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
# The repository root, for paths in messages: `site/home/demo/translations/en/tracks.po`.
REPOSITORY_ROOT = Path(__file__).resolve().parents[3]

# Old entries at least this similar to a new Dutch text are offered as a fuzzy translation.
FUZZY_CUTOFF = 0.6
WRAP_WIDTH = 79


def po_path(language_code, group, directory=TRANSLATIONS_DIR):
    return Path(directory) / language_code / f"{group}.po"


def display_path(path):
    """`path` relative to the repository when it lies inside it."""
    path = Path(path).resolve()
    return (
        str(path.relative_to(REPOSITORY_ROOT))
        if path.is_relative_to(REPOSITORY_ROOT)
        else str(path)
    )


def read_catalogue(path):
    """The PO file at `path`, or None when there is none."""
    path = Path(path)
    if not path.exists():
        return None
    return polib.pofile(str(path), wrapwidth=WRAP_WIDTH)


def is_translated(entry):
    return bool(entry.msgstr) and not entry.obsolete and "fuzzy" not in entry.flags


class TranslationMemory:
    """The usable translations of the PO files of one language: group -> Dutch text -> text."""

    def __init__(self, language_code, catalogues):
        self.language_code = language_code
        self.catalogues = catalogues

    @classmethod
    def load(cls, language_code, directory=TRANSLATIONS_DIR):
        catalogues = {}
        for path in sorted((Path(directory) / language_code).glob("*.po")):
            catalogue = read_catalogue(path)
            catalogues[path.stem] = {
                entry.msgid: entry.msgstr for entry in catalogue if is_translated(entry)
            }
        return cls(language_code, catalogues)

    def get(self, group, text):
        """The translation of the Dutch `text` in `group`'s file, or None."""
        return self.catalogues.get(group, {}).get(text)

    def path(self, group):
        return display_path(po_path(self.language_code, group))


@dataclass
class Message:
    """One distinct Dutch text of a group, with the places it is used ("object: field")."""

    text: str
    places: list = field(default_factory=list)


@dataclass
class MergeStats:
    entries: int = 0
    translated: int = 0
    untranslated: int = 0
    fuzzy: int = 0
    obsolete: int = 0


def merge_catalogue(existing, messages, *, language_code, group, known=None, keep_obsolete=True):
    """A new catalogue for `messages`, keeping what `existing` already translates (like msgmerge).

    Args:
        existing: the group's current POFile, or None.
        messages: the group's `Message`s in the order the texts appear.
        known: Dutch text -> translation from the language's other files; a text that is new to
            this group but translated elsewhere takes that translation.
        keep_obsolete: keep entries whose text the demo no longer uses, as obsolete (`#~`).

    Texts that are new get an empty translation; a new text close to a text that is gone gets
    that old translation marked `fuzzy` (with the old text as `#| msgid`), for review.
    """
    known = known or {}
    old = {entry.msgid: entry for entry in existing or [] if entry.msgid}
    wanted = {message.text for message in messages}
    # Translated texts that the demo no longer uses: candidates for fuzzy matches.
    gone = {text: entry for text, entry in old.items() if text not in wanted and entry.msgstr}

    catalogue = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalogue.header = (
        f"Translation of the Dutch demo content ({group}) into '{language_code}'.\n"
        "msgid: a Dutch text as wagtail-localize extracts it; msgstr: its translation.\n"
        "Written by `manage.py demo_messages`; an empty or fuzzy msgstr is untranslated."
    )
    catalogue.metadata = {
        "Project-Id-Version": "leertrajecten demo content",
        "Language": language_code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    stats = MergeStats()
    used_for_fuzzy = set()

    for message in messages:
        entry = polib.POEntry(msgid=message.text, msgstr="")
        entry.comment = "\n".join(dict.fromkeys(message.places))
        previous = old.get(message.text)
        if previous is not None and previous.msgstr:
            entry.msgstr = previous.msgstr
            entry.flags = [flag for flag in previous.flags if flag == "fuzzy"]
            entry.previous_msgid = previous.previous_msgid if entry.flags else None
        elif message.text in known:
            entry.msgstr = known[message.text]
        else:
            match = difflib.get_close_matches(message.text, gone, n=1, cutoff=FUZZY_CUTOFF)
            if match:
                entry.msgstr = gone[match[0]].msgstr
                entry.flags = ["fuzzy"]
                entry.previous_msgid = match[0]
                used_for_fuzzy.add(match[0])
        catalogue.append(entry)
        stats.entries += 1
        if "fuzzy" in entry.flags:
            stats.fuzzy += 1
        elif entry.msgstr:
            stats.translated += 1
        else:
            stats.untranslated += 1

    if keep_obsolete:
        for text, entry in old.items():
            if text in wanted or text in used_for_fuzzy or not entry.msgstr:
                continue
            obsolete = polib.POEntry(msgid=text, msgstr=entry.msgstr, obsolete=True)
            catalogue.append(obsolete)
            stats.obsolete += 1
    return catalogue, stats


def known_translations(catalogues):
    """Dutch text -> translation over several catalogues; the first translated entry wins."""
    known = {}
    for catalogue in catalogues:
        for entry in catalogue or []:
            if is_translated(entry):
                known.setdefault(entry.msgid, entry.msgstr)
    return known
