"""The README's promises, for every command of `stj`: a mistake ends in one Dutch line on
stderr and exit code 1 (never Click's English usage text, never a traceback), and a closed
onderzoek takes nothing new."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pytest

from cli.main import stj as stj_groep

ENGELS = ("Usage", "Error", "Try ", "Traceback", "invalid", "Missing", "No such", "Aborted")


def _opdrachten(
    groep: click.Group, pad: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    lijst = []
    for naam, opdracht in sorted(groep.commands.items()):
        if isinstance(opdracht, click.Group):
            lijst += _opdrachten(opdracht, (*pad, naam))
        else:
            lijst.append(((*pad, naam), opdracht))
    return lijst


OPDRACHTEN = _opdrachten(stj_groep)


def _vul(opdracht: click.Command, tmp: Path, nummer: str) -> list[str]:
    """The required arguments and options, numbers (optional ones too, unless `nummer` is
    the harmless 1) replaced by `nummer`, the rest plausible."""
    args: list[str] = []
    for p in opdracht.params:
        is_nummer = getattr(p.type, "name", "") == "nummer"
        if not p.required and not (is_nummer and nummer != "1"):
            continue
        if isinstance(p.type, click.Choice):
            waarde = str(p.type.choices[0])
        elif is_nummer:
            waarde = nummer
        elif isinstance(p.type, click.File | click.Path):
            waarde = str(tmp / "uit.txt")
        else:
            waarde = "x"
        if isinstance(p, click.Option):
            args += [max(p.opts, key=len), waarde]
        else:
            args.append(waarde)
    return args


def _pogingen(opdracht: click.Command, tmp: Path) -> list[list[str]]:
    """Mistakes a person makes: an unknown option, a missing argument, a bad number, one too
    many arguments."""
    pogingen = [["--bestaat-niet"], [*_vul(opdracht, tmp, "1"), "te", "veel"]]
    if any(p.required for p in opdracht.params):
        pogingen.append([])
    if any(getattr(p.type, "name", "") == "nummer" for p in opdracht.params):
        pogingen += [
            _vul(opdracht, tmp, n) for n in ("²", "99999999999999999999", "0", "-3", "999")
        ]
    return pogingen


@pytest.mark.parametrize(("pad", "opdracht"), OPDRACHTEN, ids=[" ".join(p) for p, _ in OPDRACHTEN])
def test_elke_vergissing_is_een_nederlandse_regel(
    pad: tuple[str, ...], opdracht: click.Command, stj: Any, tmp_path: Path
) -> None:
    stj("db", "upgrade")
    for poging in _pogingen(opdracht, tmp_path):
        if pad == ("audit",) and "999" in poging:
            continue  # refused attempts may name an onderzoek that does not exist: not an error
        uit = stj(*pad, *poging)
        wat = " ".join([*pad, *poging])
        assert uit.code == 1, (wat, uit)
        assert uit.err.startswith("fout: ") and uit.err.count("\n") == 1, (wat, uit.err)
        assert not any(woord in uit.err for woord in ENGELS), (wat, uit.err)


def test_een_gesloten_onderzoek_neemt_niets_nieuws(
    stj: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STJ_TELEGRAM_TOKEN", "123:ABC")
    nieuw = stj("onderzoek", "nieuw", "--gemeente", "Aa", "--aanpak", "Bb", "--kader",
                "beleidsniveau", "--json").json()  # fmt: skip
    onderzoek = str(nieuw["id"])
    token = stj("uitnodiging", "nieuw", onderzoek, "--rol", "gemeente", "--organisatie",
                "Gemeente Aa", "--json").json()["token"]  # fmt: skip
    assert stj("onderzoek", "sluit", onderzoek).code == 0
    gesloten = {
        ("uitnodiging", "nieuw", onderzoek, "--rol", "netwerkpartner", "--organisatie", "Politie"):
            f"onderzoek {onderzoek} is gesloten; er kunnen geen respondenten meer bij",
        ("onderzoek", "verleng", onderzoek, "--deadline", "31-12-2027"):
            f"onderzoek {onderzoek} is gesloten; een deadline verschuiven kan alleen bij een "
            "open onderzoek",
        ("onderzoek", "schema", onderzoek, "--dagen", "7,2"):
            f"onderzoek {onderzoek} is gesloten; er gaan geen herinneringen meer uit",
        ("herinner", onderzoek):
            f"onderzoek {onderzoek} is gesloten; er gaan geen herinneringen meer uit",
    }  # fmt: skip
    for args, melding in gesloten.items():
        uit = stj(*args)
        assert (uit.code, uit.err) == (1, f"fout: {melding}\n"), args
    assert len(stj("status", onderzoek, "--json").json()["respondenten"]) == 1
    # The respondent is told politely (stdout, like the rest of the chat) and nothing is asked.
    chat = stj("chat", token)
    assert chat.out.startswith("Dit onderzoek is gesloten.") and "Vraag" not in chat.out


def test_geen_deadline_in_het_verleden(stj: Any) -> None:
    uit = stj("onderzoek", "nieuw", "--gemeente", "Aa", "--aanpak", "Bb", "--kader",
              "beleidsniveau", "--deadline", "01-01-2020")  # fmt: skip
    assert (uit.code, uit.err) == (
        1,
        "fout: de deadline 01-01-2020 ligt in het verleden; kies vandaag of later\n",
    )
    assert stj("onderzoek", "lijst", "--json").json() == []
