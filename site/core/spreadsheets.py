"""Cells of the admin's CSV and XLSX exports that a spreadsheet shows as text, never runs.

A spreadsheet reads a cell starting with one of FORMULA_STARTS as a formula (`=HYPERLINK(...)`,
`+cmd|...`, `@SUM(...)`), and some read the full-width forms alike. Whatever a visitor typed can
end up in an export, so every text cell is neutralised with a leading apostrophe, in CSV and
XLSX alike (Wagtail only stops openpyxl from storing an XLSX cell as a formula).
"""

import re

# Control characters an XLSX file cannot hold (openpyxl refuses the whole export for one).
XLSX_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

FORMULA_STARTS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    # Full-width forms of = + - @
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
)


def as_text_cell(value):
    """`value` so that a spreadsheet shows it as text, never runs it as a formula."""
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def as_xlsx_text_cell(value):
    """`as_text_cell` for an XLSX cell, without the control characters XLSX cannot store."""
    return as_text_cell(XLSX_ILLEGAL_CHARACTERS.sub("", str(value)))
