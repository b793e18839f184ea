"""The one writer of spreadsheet files for people, CSV and XLSX alike: typed cells (numbers as
numbers, dates and times as dates in Europe/Amsterdam), and text that a spreadsheet would take
for a formula (it starts with = + - @, a tab or a carriage return) neutralised, so an answer like
`=HYPERLINK(…)` stays text in Excel and LibreOffice.

CSV comes in the dialect Dutch Excel opens in columns: `;` between fields and a BOM so it reads
UTF-8; `komma=True` gives `,` for other programs. XLSX gets a bold, frozen header row with a
filter, a width per column and wrapped long text."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from opslag.klok import AMSTERDAM

Cel = str | int | float | dt.date | dt.datetime | None
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
DATUM = "DD-MM-YYYY"
MOMENT = "DD-MM-YYYY HH:MM"
SMAL = 320  # characters of column width that still read on one landscape page
REGEL = 15  # points per line of text (the default row height)
MAX_HOOGTE = 409  # the highest row a spreadsheet allows, in points
_VET = Font(bold=True)
_OMLOOP = Alignment(wrap_text=True, vertical="top")
_BOVEN = Alignment(vertical="top")


def is_formule_achtig(tekst: str) -> bool:
    """Whether a spreadsheet could read this text as a formula."""
    return tekst.startswith(FORMULE_TEKENS)


def lokaal(moment: dt.datetime) -> dt.datetime:
    """A moment as Dutch wall-clock time, without zone (spreadsheets know none)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(AMSTERDAM).replace(tzinfo=None)


def csv_tekst(waarde: Cel) -> str:
    """A cell as CSV text: formula-like text behind a ', times in Dutch time, ISO dates (which
    Excel reads as dates in every language)."""
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        return lokaal(waarde).isoformat(sep=" ", timespec="minutes")
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, str):
        return f"'{waarde}" if is_formule_achtig(waarde) else waarde
    return str(waarde)


class CsvBlad:
    """Rows into an open CSV file."""

    def __init__(self, uit: IO[str], komma: bool = False) -> None:
        self._schrijver = csv.writer(uit, delimiter="," if komma else ";", lineterminator="\r\n")

    def rij(self, cellen: Sequence[Cel]) -> None:
        """Write one row."""
        self._schrijver.writerow([csv_tekst(c) for c in cellen])


@contextmanager
def csv_bestand(pad: Path, komma: bool = False) -> Iterator[CsvBlad]:
    """A CSV file for people (UTF-8 with BOM, `;` unless komma)."""
    with pad.open("w", newline="", encoding="utf-8-sig") as uit:
        yield CsvBlad(uit, komma)


def schrijf_csv_tekst(pad: Path, tekst: str, komma: bool = False) -> None:
    """A table made elsewhere as plain CSV text, written for people like every other CSV."""
    with csv_bestand(pad, komma) as blad:
        for rij in csv.reader(io.StringIO(tekst)):
            blad.rij(rij)


@dataclass(frozen=True)
class Kolom:
    """A column of a sheet: its header, width in characters, whether long text wraps, and a
    note on the header (the full question behind an id)."""

    kop: str
    breedte: float = 14
    omloop: bool = False
    opmerking: str | None = None


class XlsxBlad:
    """One streamed sheet: the header row bold, frozen and filtered, widths set up front."""

    def __init__(
        self, werkboek: Workbook, titel: str, kolommen: Sequence[Kolom], vast: int = 0
    ) -> None:
        self._blad: Any = werkboek.create_sheet(title=titel[:31])
        self._kolommen = list(kolommen)
        self._rijen = 0
        # Per kind of cell its style, worked out once: setting a cell's alignment and format
        # looks them up in the workbook's style tables each time, which was most of the time
        # an export of a thousand respondents took.
        self._stijlen: dict[tuple[bool, str | None, bool], Any] = {}
        for n, kolom in enumerate(self._kolommen, start=1):
            self._blad.column_dimensions[get_column_letter(n)].width = kolom.breedte
        # The header stays in view, and so do the first `vast` columns (who answered).
        self._blad.freeze_panes = f"{get_column_letter(vast + 1)}2"
        # On paper: landscape, the header on every page, and as wide as the page when the
        # columns are few enough to read that way. (Set before the first row: a streamed sheet
        # writes its properties then.)
        self._blad.page_setup.orientation = "landscape"
        self._blad.print_title_rows = "1:1"
        if sum(k.breedte for k in self._kolommen) <= SMAL:
            self._blad.sheet_properties.pageSetUpPr.fitToPage = True
            self._blad.page_setup.fitToWidth, self._blad.page_setup.fitToHeight = 1, 0
        koppen = []
        for kolom in self._kolommen:
            cel = WriteOnlyCell(self._blad, value=kolom.kop)
            cel.data_type = "s"
            cel.font = _VET
            cel.alignment = _OMLOOP
            if kolom.opmerking:
                cel.comment = Comment(kolom.opmerking, "STJ-intake")
            koppen.append(cel)
        self._voeg_toe(koppen, [replace(k, omloop=True) for k in self._kolommen])

    def rij(self, cellen: Sequence[Cel]) -> None:
        """Write one row of typed cells."""
        self._voeg_toe(
            [self._cel(w, k) for w, k in zip(cellen, self._kolommen, strict=True)], self._kolommen
        )

    def _voeg_toe(self, cellen: list[WriteOnlyCell], kolommen: Sequence[Kolom]) -> None:
        """Append a row as high as its longest wrapped text (spreadsheets do not grow a row for
        wrapped text they did not lay out themselves)."""
        nummer = self._rijen + 1
        regels = max(
            (
                _regels(c.value, k.breedte)
                for c, k in zip(cellen, kolommen, strict=True)
                if k.omloop and isinstance(c.value, str)
            ),
            default=1,
        )
        if regels > 1:
            self._blad.row_dimensions[nummer].height = min(REGEL * regels, MAX_HOOGTE)
        self._blad.append(cellen)
        # Written out now: the height need not stay in memory for the rest of the stream.
        self._blad.row_dimensions.pop(nummer, None)
        self._rijen += 1

    def _cel(self, waarde: Cel, kolom: Kolom) -> WriteOnlyCell:
        cel = WriteOnlyCell(self._blad)
        formaat: str | None = None
        # Excel shows text that looks like a formula as typed, with a ': editing the cell does
        # not make it one.
        citaat = isinstance(waarde, str) and is_formule_achtig(waarde)
        if isinstance(waarde, dt.datetime):
            formaat = MOMENT
        elif isinstance(waarde, dt.date):
            formaat = DATUM
        cel._style = copy.copy(self._stijl(kolom.omloop, formaat, citaat))
        if isinstance(waarde, dt.datetime):
            cel.value = lokaal(waarde)
        elif isinstance(waarde, str):
            cel.value = waarde
            cel.data_type = "s"  # text stays text, whatever it starts with
        else:
            cel.value = waarde
        return cel

    def _stijl(self, omloop: bool, formaat: str | None, citaat: bool) -> Any:
        """The style of a cell of this kind (made once per sheet, see __init__)."""
        sleutel = (omloop, formaat, citaat)
        if sleutel not in self._stijlen:
            proef = WriteOnlyCell(self._blad)
            proef.alignment = _OMLOOP if omloop else _BOVEN
            if formaat is not None:
                proef.number_format = formaat
            proef.quotePrefix = citaat
            self._stijlen[sleutel] = proef._style
        return self._stijlen[sleutel]

    def sluit(self) -> None:
        """The filter over the header and every row written."""
        laatste = get_column_letter(len(self._kolommen))
        self._blad.auto_filter.ref = f"A1:{laatste}{self._rijen}"


def _regels(tekst: str, breedte: float) -> int:
    """How many lines a text takes in a column this wide (a unit of width is the width of a
    digit; text averages a little narrower, and a row a little too high cuts nothing off)."""
    per_regel = max(int(breedte * 1.15) - 2, 1)
    return sum(max(1, -(-len(deel) // per_regel)) for deel in tekst.split("\n"))


def nieuw_werkboek() -> Workbook:
    """A streaming workbook: rows go to disk as they come, so size is no limit."""
    return Workbook(write_only=True)
