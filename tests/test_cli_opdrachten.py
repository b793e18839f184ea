"""The command line answers at once (issue 23): `stj` imports a subcommand only when it is used,
yet its whole command table stays discoverable and `stj --help` reads as before; and a quick
command loads none of the heavy libraries, nor Alembic when the schema is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from cli.lui import LuiGroep, LuiTabel

ZWAAR = ("weasyprint", "openpyxl", "telegram", "starlette", "uvicorn", "tornado", "alembic")


def _lui_groepen() -> list[tuple[str, LuiGroep]]:
    from cli.main import stj

    groepen: list[tuple[str, LuiGroep]] = []

    def zoek(cmd: click.Command, pad: str) -> None:
        if isinstance(cmd, LuiGroep):
            groepen.append((pad, cmd))
        if isinstance(cmd, click.Group):
            for naam, sub in cmd.commands.items():
                zoek(sub, f"{pad} {naam}")

    zoek(stj, "stj")
    return groepen


def _eerste_alinea(cmd: click.Command) -> str:
    return " ".join((cmd.help or "").split("\n\n")[0].split())


def test_de_tabel_noemt_elke_opdracht_met_zijn_eigen_hulp() -> None:
    """Every entry of a lazy group's table points at a Click command of that name, and the
    help paragraph stored for `--help` is the command's own."""
    groepen = _lui_groepen()
    assert [pad for pad, _ in groepen] == ["stj", "stj onderzoek"]
    for pad, groep in groepen:
        tabel = groep.commands
        assert isinstance(tabel, LuiTabel)
        for naam, (_waar, alinea) in tabel.lui.items():
            opdracht = tabel[naam]
            assert opdracht.name == naam, (pad, naam)
            assert alinea == _eerste_alinea(opdracht), (pad, naam)


def test_hulp_is_dezelfde_als_met_alles_geladen() -> None:
    """`stj --help` and `stj onderzoek --help`, listed from the table, read exactly as when
    every subcommand has been imported."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from cli.main import stj\n"
        "def hulp(*args):\n"
        "    return CliRunner().invoke(stj, [*args, '--help']).output\n"
        "voor = [hulp(), hulp('onderzoek')]\n"
        "geladen = sorted(sys.modules)\n"
        "for groep in (stj, stj.commands['onderzoek']):\n"
        "    dict(groep.commands.items())\n"
        "na = [hulp(), hulp('onderzoek')]\n"
        "assert voor == na and 'Commands:' in voor[0], (voor, na)\n"
        "print(sum(1 for m in ('cli.beoordeling', 'cli.bot', 'cli.web') if m in geladen))\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == "0"  # the first help imported none of them


def _geladen(args: list[str], env: dict[str, str]) -> list[str]:
    code = (
        "import sys\n"
        "from cli.main import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print('geladen:' + ','.join(m for m in {ZWAAR!r} if m in sys.modules), file=sys.stderr)\n"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    regel = uit.stderr.strip().splitlines()[-1]
    assert regel.startswith("geladen:"), uit.stderr
    return [m for m in regel.removeprefix("geladen:").split(",") if m]


def test_snelle_opdrachten_laden_geen_zware_bibliotheken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stj --help` loads none of them; `stj onderzoek lijst` and `stj status N` on a database
    at the newest schema load none of them, and not Alembic (the first run migrates)."""
    import os

    env = {**os.environ, "STJ_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'stj.db'}"}
    assert _geladen(["--help"], env) == []
    assert "alembic" in _geladen(["onderzoek", "lijst"], env)  # a new database: migrated
    assert _geladen(["onderzoek", "lijst"], env) == []
    assert _geladen(["status", "1"], env) == []


def test_het_schema_zonder_alembic_lezen_geeft_alembics_kop() -> None:
    """The start-up check reads the newest revision from the migration files; it must be the
    head Alembic itself finds."""
    from alembic.script import ScriptDirectory

    from opslag.db import alembic_config, nieuwste_revisies

    koppen = ScriptDirectory.from_config(alembic_config("sqlite+aiosqlite:///x.db")).get_heads()
    assert nieuwste_revisies() == frozenset(koppen)
