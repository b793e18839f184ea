"""The error paths a newcomer met in the first hour, each one Dutch line on stderr with exit 1
now, and what the command line says back: an export into a missing folder, a database URL
without the async driver or a database that is not there, a mistyped command, a busy port, a
folder path that does not exist; `stj import` says what it imported, a deadline is shown back
in words; `stj bot` and `stj web` say in Dutch that they run and how to stop them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from opslag.weblinks import web_url
from tests.nep_botapi import NepBotApi
from tests.proces import lees_tot

DATA = Path(__file__).parent / "data"
VOORBEELD = DATA / "voorbeeld-antwoorden.json"
STJ = str(Path(sys.executable).parent / "stj")


def _een_nederlandse_regel(uit: Any) -> str:
    assert uit.code == 1, (uit.out, uit.err)
    assert uit.err.count("\n") == 1 and uit.err.startswith("fout: "), uit.err
    assert not any(w in uit.err for w in ("Traceback", "Error", "No such", "Did you mean")), uit.err
    return str(uit.err)


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("formaat", ["xlsx", "csv", "json"])
def test_export_naar_een_map_die_niet_bestaat(stj: Any, tmp_path: Path, formaat: str) -> None:
    onderzoek = str(stj("import", str(VOORBEELD), "--json").json()["id"])
    doel = tmp_path / "bestaat" / "niet" / f"x.{formaat}"
    fout = _een_nederlandse_regel(
        stj("export", onderzoek, "--formaat", formaat, "--uit", str(doel))
    )
    assert f"map '{doel.parent}' bestaat niet" in fout
    assert not doel.parent.exists()
    # Nothing was exported, so nothing is in the audit log as exported.
    assert "export" not in [r["actie"] for r in stj("audit", "--json").json()]


def test_rapport_naar_een_map_die_niet_bestaat(stj: Any, tmp_path: Path) -> None:
    onderzoek = str(stj("import", str(VOORBEELD), "--json").json()["id"])
    doel = tmp_path / "niet" / "x.pdf"
    fout = stj("beoordeel", onderzoek, "--formaat", "pdf", "--uit", str(doel))
    assert f"map '{doel.parent}' bestaat niet" in _een_nederlandse_regel(fout)


def test_overzicht_maakt_geen_heel_pad(stj: Any, tmp_path: Path) -> None:
    stj("import", str(VOORBEELD))
    diep = tmp_path / "bestaat" / "niet"
    fout = _een_nederlandse_regel(stj("overzicht", "--uit", str(diep)))
    assert f"map '{tmp_path / 'bestaat'}' bestaat niet" in fout
    assert not (tmp_path / "bestaat").exists()
    # One new folder in an existing one is fine, as before.
    assert stj("overzicht", "--uit", str(tmp_path / "landelijk")).code == 0
    assert (tmp_path / "landelijk" / "overzicht.csv").exists()


@pytest.mark.parametrize(
    ("url", "verwacht"),
    [
        (
            "postgresql://stj@127.0.0.1:5432/stj",
            "STJ_DATABASE_URL moet met postgresql+asyncpg:// beginnen, niet met postgresql://",
        ),
        (
            "sqlite:///stj.db",
            "STJ_DATABASE_URL moet met sqlite+aiosqlite:// beginnen, niet met sqlite://",
        ),
        ("mysql+aiomysql://x/y", "STJ_DATABASE_URL: 'mysql+aiomysql' wordt niet ondersteund"),
        ("geen url", "STJ_DATABASE_URL is geen database-URL"),
    ],
)
def test_database_url_zonder_async_driver(
    stj: Any, monkeypatch: pytest.MonkeyPatch, url: str, verwacht: str
) -> None:
    monkeypatch.setenv("STJ_DATABASE_URL", url)
    assert verwacht in _een_nederlandse_regel(stj("onderzoek", "lijst"))


def test_postgresql_niet_bereikbaar(stj: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    poort = _vrije_poort()  # nothing listens here
    monkeypatch.setenv("STJ_DATABASE_URL", f"postgresql+asyncpg://stj:geheim@127.0.0.1:{poort}/stj")
    fout = _een_nederlandse_regel(stj("onderzoek", "lijst"))
    assert f"database niet bereikbaar: PostgreSQL op 127.0.0.1:{poort}: de server weigert" in fout
    assert "geheim" not in fout  # never the password


def test_onbekende_opdracht_met_suggestie_in_het_nederlands(stj: Any) -> None:
    fout = _een_nederlandse_regel(stj("onderzoeken", "lijst"))
    assert (
        fout == "fout: onbekende opdracht 'onderzoeken'; bedoelt u onderzoek?; zie 'stj --help'\n"
    )


def test_web_op_een_bezette_poort(stj: Any) -> None:
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        fout = _een_nederlandse_regel(stj("web", "--poort", str(poort)))
    assert f"poort {poort} is al in gebruik" in fout


def test_import_zegt_wat_er_is_geimporteerd(stj: Any) -> None:
    uit = stj("import", str(VOORBEELD))
    assert uit.code == 0
    assert uit.out == (
        "onderzoek 1 geïmporteerd als nieuw onderzoek: Voorbeeldstad · Sterke Gezinnen "
        "(beleidsniveau), 3 respondenten, 11 antwoorden, deadline donderdag 31 december 2026\n"
    )
    assert json.loads(stj("import", str(VOORBEELD), "--bijwerken", "--json").out)["id"] == 1


def test_deadline_wordt_teruggegeven_in_woorden(stj: Any) -> None:
    # 1/2/2027 is read day-month-year: saying so in words lets a person catch a misreading.
    uit = stj("onderzoek", "nieuw", "--gemeente", "Aa", "--aanpak", "Bb", "--kader",
              "beleidsniveau", "--deadline", "1/2/2027")  # fmt: skip
    assert uit.out.endswith(", deadline maandag 1 februari 2027\n")
    verleng = stj("onderzoek", "verleng", "1", "--deadline", "3/4/2027")
    assert verleng.out == "deadline van onderzoek 1 is nu zaterdag 3 april 2027\n"


def test_weblink_zonder_inspecteur_zegt_hoe_er_een_komt(stj: Any) -> None:
    fout = _een_nederlandse_regel(stj("inspecteur", "weblink", "1"))
    assert "stj inspecteur nieuw --naam" in fout


def test_weblink_op_de_poort_van_de_console(stj: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STJ_WEB_URL", raising=False)
    ik = stj("inspecteur", "nieuw", "--naam", "A. de Vries", "--json").json()["id"]
    link = stj("inspecteur", "weblink", str(ik), "--poort", "18090").out.splitlines()[-1]
    assert link.startswith("http://127.0.0.1:18090/inloggen/")
    assert web_url() == "http://127.0.0.1:8080" and web_url(18090) == "http://127.0.0.1:18090"
    monkeypatch.setenv("STJ_WEB_URL", "https://stj.example.nl")
    assert web_url(18090) == "https://stj.example.nl"  # the address inspectors use wins


def test_logniveau_fout(stj: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STJ_TELEGRAM_TOKEN", "123:ABC")
    monkeypatch.setenv("STJ_LOGNIVEAU", "veel")
    assert "STJ_LOGNIVEAU 'VEEL' bestaat niet" in _een_nederlandse_regel(stj("bot"))


def _omgeving(db_url: str, **extra: str) -> dict[str, str]:
    omgeving = {**os.environ, "STJ_DATABASE_URL": db_url, "PYTHONUNBUFFERED": "1", **extra}
    omgeving.pop("STJ_WEB_URL", None)
    omgeving.pop("STJ_LOGNIVEAU", None)
    return omgeving


@pytest.mark.parametrize("uitgebreid", [False, True])
def test_bot_zegt_dat_hij_draait_en_hoe_hij_stopt(db_url: str, uitgebreid: bool) -> None:
    with NepBotApi() as api:
        omgeving = _omgeving(db_url, STJ_TELEGRAM_TOKEN="123:ABC", STJ_TELEGRAM_API_URL=api.url)
        args = [STJ, "bot", *(["--uitgebreid"] if uitgebreid else [])]
        proces = subprocess.Popen(args, env=omgeving, stderr=subprocess.PIPE)
        assert proces.stderr is not None
        try:
            gezien = lees_tot(proces.stderr, "Stoppen: Ctrl-C.")
            proces.send_signal(signal.SIGINT)
            _, rest = proces.communicate(timeout=60)
        finally:
            if proces.poll() is None:
                proces.kill()
    tekst = gezien + rest.decode()
    assert proces.returncode == 0, tekst
    assert "De bot @" in tekst and "draait en wacht op berichten. Stoppen: Ctrl-C." in tekst
    assert tekst.rstrip().endswith("De bot is gestopt.")
    # Library logs only when asked for; never a traceback.
    assert (" INFO " in tekst) == uitgebreid, tekst
    assert "Traceback" not in tekst


def test_web_zegt_waar_hij_draait_en_stopt_netjes(db_url: str) -> None:
    poort = _vrije_poort()
    proces = subprocess.Popen(
        [STJ, "web", "--poort", str(poort)], env=_omgeving(db_url), stderr=subprocess.PIPE
    )
    assert proces.stderr is not None
    try:
        gezien = lees_tot(proces.stderr, "Stoppen: Ctrl-C.")
        # Ready when it answers; the login links are on the port it listens on.
        socket.create_connection(("127.0.0.1", poort), timeout=30).close()
        proces.send_signal(signal.SIGINT)
        _, rest = proces.communicate(timeout=60)
    finally:
        if proces.poll() is None:
            proces.kill()
    tekst = gezien + rest.decode()
    assert proces.returncode == 0, tekst
    assert f"(inspecteurs: http://127.0.0.1:{poort})" in tekst
    assert f"stj inspecteur weblink NUMMER --poort {poort}" in tekst
    assert tekst.rstrip().endswith("De webconsole is gestopt.")
