"""The `stj` command line on both backends: --json output, files written, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

VOORBEELD = Path(__file__).parent / "data" / "voorbeeld-antwoorden.json"
KAPOT = Path(__file__).parent / "fixtures" / "vragenlijsten" / "kapot"


def test_onderzoek_uitnodigen_en_status(stj, tmp_path: Path) -> None:
    nieuw = stj(
        "onderzoek",
        "nieuw",
        "--gemeente",
        "Leeuwarden",
        "--aanpak",
        "Interventieteam Gezinnen",
        "--kader",
        "beleidsniveau",
        "--deadline",
        "2026-12-31",
        "--json",
    )
    assert nieuw.code == 0, nieuw.err
    onderzoek = nieuw.json()
    assert onderzoek["gemeente"] == "Leeuwarden" and onderzoek["deadline"] == "2026-12-31"
    qr = tmp_path / "qr.png"
    uit = stj(
        "uitnodiging",
        "nieuw",
        str(onderzoek["id"]),
        "--rol",
        "netwerkpartner",
        "--organisatie",
        "Fier Fryslân",
        "--qr",
        str(qr),
        "--json",
    )
    assert uit.code == 0, uit.err
    uitnodiging = uit.json()
    assert uitnodiging["link"] == f"https://t.me/STJTestBot?start={uitnodiging['token']}"
    assert isinstance(uitnodiging["id"], int)
    assert qr.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    status = stj("status", str(onderzoek["id"]))
    assert status.code == 0
    assert "netwerkpartner · Fier Fryslân" in status.out and "uitgenodigd" in status.out
    lijst = stj("onderzoek", "lijst")
    assert "Leeuwarden · Interventieteam Gezinnen (beleidsniveau, deadline 2026-12-31)" in lijst.out


def test_import_en_export(stj, tmp_path: Path) -> None:
    geimporteerd = stj("import", str(VOORBEELD), "--json")
    assert geimporteerd.code == 0, geimporteerd.err
    onderzoek_id = geimporteerd.json()["id"]
    # A second import of the same file into the open onderzoek is refused, unless asked for.
    tweede = stj("import", str(VOORBEELD))
    assert (tweede.code, tweede.err.count("\n")) == (1, 1)
    assert "er is al een open onderzoek" in tweede.err and "--bijwerken" in tweede.err
    bijgewerkt = stj("import", str(VOORBEELD), "--bijwerken")
    assert bijgewerkt.out.startswith(f"onderzoek {onderzoek_id} bijgewerkt: Voorbeeldstad")
    assert "niets veranderd" in bijgewerkt.out
    for formaat in ("json", "csv", "xlsx"):
        pad = tmp_path / f"uit.{formaat}"
        export = stj("export", str(onderzoek_id), "--formaat", formaat, "--uit", str(pad))
        assert export.code == 0, export.err
        assert pad.stat().st_size > 0
    assert json.loads((tmp_path / "uit.json").read_text()) == json.loads(VOORBEELD.read_text())
    status = stj("status", str(onderzoek_id), "--json").json()
    assert [r["status"] for r in status["respondenten"]] == ["ingediend", "bezig", "uitgenodigd"]


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (("status", "42"), "fout: onderzoek 42 bestaat niet; zie 'stj onderzoek lijst'"),
        (
            ("export", "42", "--formaat", "csv", "--uit", "x.csv"),
            "fout: onderzoek 42 bestaat niet; zie 'stj onderzoek lijst'",
        ),
        (
            ("uitnodiging", "nieuw", "42", "--rol", "gemeente", "--organisatie", "G"),
            "fout: onderzoek 42 bestaat niet; zie 'stj onderzoek lijst'",
        ),
    ],
)
def test_fout_is_een_regel(stj, args: tuple[str, ...], melding: str) -> None:
    uit = stj(*args)
    assert (uit.code, uit.err.strip(), uit.out) == (1, melding, "")


def test_kapotte_import_via_cli(stj, tmp_path: Path) -> None:
    kapot = tmp_path / "kapot.json"
    kapot.write_text(VOORBEELD.read_text().replace('"rol": "netwerkpartner"', '"rol": "buur"', 1))
    uit = stj("import", str(kapot))
    assert uit.code == 1
    assert uit.err.strip() == (
        "fout: kapot.json: respondent 2 (buur 'Jeugdzorg Noord'): rol 'buur' bestaat niet bij "
        "kader beleidsniveau; kies uit gemeente, netwerkpartner"
    )
    assert "nog geen onderzoeken" in stj("onderzoek", "lijst").out


def test_ongeldige_datum(stj) -> None:
    uit = stj(
        "onderzoek",
        "nieuw",
        "--gemeente",
        "G",
        "--aanpak",
        "A",
        "--kader",
        "beleidsniveau",
        "--deadline",
        "31-13-2026",
    )
    # Like every other error: one Dutch line and exit code 1 (Click's own would be 2).
    assert (uit.code, uit.err) == (
        1,
        "fout: ongeldige waarde voor --deadline: '31-13-2026' is geen datum; schrijf bijvoorbeeld "
        "2026-12-31; zie 'stj onderzoek nieuw --help'\n",
    )


def test_vragenlijst_controleer(stj) -> None:
    goed = stj("vragenlijst", "controleer")
    assert goed.code == 0 and "ok: beleidsniveau/gemeente (" in goed.out
    kapot = stj("vragenlijst", "controleer", str(KAPOT / "voorwaarde-waarde.yaml"))
    assert (kapot.code, kapot.err.strip()) == (
        1,
        "fout: voorwaarde-waarde.yaml:42: vraag 'mi-drie-uitleg': optie 'misschien' bestaat "
        "niet; kies uit ja, deels, nee, weet_niet",
    )
    meer = stj("vragenlijst", "controleer", str(KAPOT / "onbekende-indicator.yaml"))
    regels = meer.err.strip().splitlines()
    assert meer.code == 1 and len(regels) == 4
    assert regels[-1] == "fout: 3 problemen gevonden; los ze op zoals hierboven staat"


def test_help_toont_voorbeelden(stj) -> None:  # type: ignore[no-untyped-def]
    """Every command and group of `stj` shows an example in its help."""
    import click

    from cli.main import stj as groep

    def paden(cmd: click.Command, pad: tuple[str, ...]) -> list[tuple[str, ...]]:
        if isinstance(cmd, click.Group):
            return [pad] + [
                p for naam, sub in cmd.commands.items() for p in paden(sub, (*pad, naam))
            ]
        return [pad]

    alle = paden(groep, ())
    assert len(alle) > 25
    for args in alle:
        uit = stj(*args, "--help")
        assert uit.code == 0 and "Voorbeeld" in uit.out, args
